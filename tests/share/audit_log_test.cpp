// The tamper-evident audit log: a written log verifies; every single flipped byte, a removed,
// moved or inserted record, and a chain recomputed with another key are found, with the
// line where the log stops being sound; a reopened log continues its chain; a torn last
// record (a crash while writing) is cut and the cut recorded; a broken log is not appended to.

#include "share/audit_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "support/test_support.h"

namespace sw::share {
namespace {

using test_support::TempDir;

constexpr TimeNs kStart = 1'723'696'800LL * kNsPerSecond;  // 2024-08-15T04:40:00Z

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line;
  return text;
}

AuditEntry entry(int index) {
  return {index % 3 == 0 ? "release" : "access",
          index % 2 == 0 ? "uk-watch" : "fr-cross",
          "api",
          "GET /api/tracks/" + std::to_string(index),
          index % 5 == 0 ? "not_releasable" : "released",
          "status 200, \"quoted\" ünïcode \xff bytes"};
}

class AuditLogTest : public ::testing::Test {
 protected:
  /// Writes `count` records with a seal every `seal_every`; the log is closed (and sealed).
  void write_log(int count, std::uint64_t seal_every) {
    AuditOptions options;
    options.seal_every = seal_every;
    options.sync = false;
    auto log = AuditLog::open(folder_.path(), clock_, options);
    ASSERT_TRUE(log) << log.error().detail;
    for (int index = 0; index < count; ++index) {
      clock_.advance(kNsPerSecond / 10);
      (*log)->record(entry(index));
    }
  }

  AuditVerification verify() const {
    auto verified = verify_audit_log(log_path(), key_path());
    EXPECT_TRUE(verified) << verified.error().detail;
    return verified ? *verified : AuditVerification{};
  }

  std::filesystem::path log_path() const { return folder_.path() / "audit.log"; }
  std::filesystem::path key_path() const { return folder_.path() / "audit-key.pub.pem"; }

  TempDir folder_{"audit"};
  ManualClock clock_{kStart};
};

TEST_F(AuditLogTest, AWrittenLogVerifiesWithItsSeals) {
  write_log(120, 50);
  const AuditVerification verified = verify();
  EXPECT_TRUE(verified.ok) << verified.problem << " at line " << verified.line;
  // open + 120 records + seals after 50 and 100 records, and one at close.
  EXPECT_EQ(verified.seals, 3U);
  EXPECT_EQ(verified.records, 1U + 120U + 3U);
  EXPECT_EQ(verified.unsealed, 0U);
  const std::vector<std::string> lines = lines_of(read_all(log_path()));
  ASSERT_EQ(lines.size(), verified.records);
  EXPECT_NE(lines[2].find(R"("principal":"fr-cross")"), std::string::npos) << lines[2];
  EXPECT_NE(lines.back().find(R"("kind":"seal")"), std::string::npos);
  // The private key is its owner's only.
  const auto permissions = std::filesystem::status(folder_.path() / "audit-key.pem").permissions();
  EXPECT_EQ(permissions & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
}

TEST_F(AuditLogTest, EveryFlippedByteIsFound) {
  write_log(24, 8);
  const std::string original = read_all(log_path());
  ASSERT_TRUE(verify().ok);
  std::mt19937 random(20261124);  // seed recorded: the flips are the same every run
  std::uniform_int_distribution<int> change(1, 255);
  // Every byte of the first record and of the last (a seal), and 1,500 random others.
  std::vector<std::size_t> positions;
  const std::size_t first_end = original.find('\n') + 1;
  const std::size_t last_start = original.rfind('\n', original.size() - 2) + 1;
  for (std::size_t position = 0; position < first_end; ++position) positions.push_back(position);
  for (std::size_t position = last_start; position < original.size(); ++position) {
    positions.push_back(position);
  }
  std::uniform_int_distribution<std::size_t> anywhere(0, original.size() - 1);
  for (int count = 0; count < 1500; ++count) positions.push_back(anywhere(random));
  std::size_t found = 0;
  for (const std::size_t position : positions) {
    std::string tampered = original;
    tampered[position] = static_cast<char>(tampered[position] ^ change(random));
    write_all(log_path(), tampered);
    const AuditVerification verified = verify();
    if (!verified.ok) {
      ++found;
    } else {
      ADD_FAILURE() << "flip at byte " << position << " of " << original.size() << " not found";
    }
  }
  EXPECT_EQ(found, positions.size());
}

TEST_F(AuditLogTest, RemovedMovedAndInsertedRecordsAreFoundWhereTheyAre) {
  write_log(30, 10);
  const std::vector<std::string> lines = lines_of(read_all(log_path()));
  ASSERT_GT(lines.size(), 20U);

  std::vector<std::string> removed = lines;
  removed.erase(removed.begin() + 7);
  write_all(log_path(), joined(removed));
  AuditVerification verified = verify();
  EXPECT_FALSE(verified.ok);
  EXPECT_EQ(verified.line, 8U);

  std::vector<std::string> moved = lines;
  std::swap(moved[4], moved[5]);
  write_all(log_path(), joined(moved));
  verified = verify();
  EXPECT_FALSE(verified.ok);
  EXPECT_EQ(verified.line, 5U);

  std::vector<std::string> inserted = lines;
  inserted.insert(inserted.begin() + 12, lines[3]);
  write_all(log_path(), joined(inserted));
  verified = verify();
  EXPECT_FALSE(verified.ok);
  EXPECT_EQ(verified.line, 13U);

  // Cut inside the last record: found. (A cut on a line boundary after the last seal is
  // what a chain cannot show; it is why the log is sealed at close.)
  write_all(log_path(), joined(lines).substr(0, joined(lines).size() - 20));
  verified = verify();
  EXPECT_FALSE(verified.ok);
  EXPECT_EQ(verified.problem.rfind("torn", 0), 0U) << verified.problem;
}

TEST_F(AuditLogTest, AChainRecomputedWithAnotherKeyFailsAtItsFirstSeal) {
  write_log(12, 5);
  // Someone edits the log and rebuilds it under a key of their own.
  TempDir forger_folder("audit-forger");
  ManualClock forger_clock(kStart);
  {
    AuditOptions options;
    options.seal_every = 5;
    options.sync = false;
    auto forged = AuditLog::open(forger_folder.path(), forger_clock, options);
    ASSERT_TRUE(forged);
    for (int index = 0; index < 12; ++index) (*forged)->record(entry(index + 100));
  }
  std::filesystem::copy_file(forger_folder.path() / "audit.log", log_path(),
                             std::filesystem::copy_options::overwrite_existing);
  const AuditVerification verified = verify();  // against the node's own public key
  EXPECT_FALSE(verified.ok);
  EXPECT_EQ(verified.line, 6U);  // "open" and 4 records make 5, then the first seal
  EXPECT_NE(verified.problem.find("seal signature"), std::string::npos) << verified.problem;
}

TEST_F(AuditLogTest, AReopenedLogContinuesItsChain) {
  write_log(10, 100);
  const std::uint64_t first = verify().records;
  write_log(10, 100);
  const AuditVerification verified = verify();
  EXPECT_TRUE(verified.ok) << verified.problem;
  EXPECT_EQ(verified.records, first * 2);
  EXPECT_EQ(verified.seals, 2U);
}

TEST_F(AuditLogTest, ATornLastRecordIsCutAndTheCutRecorded) {
  write_log(10, 100);
  const std::string whole = read_all(log_path());
  write_all(log_path(), whole + whole.substr(0, 40));  // a crash mid-write
  {
    auto log = AuditLog::open(folder_.path(), clock_);
    ASSERT_TRUE(log) << log.error().detail;
  }
  const AuditVerification verified = verify();
  EXPECT_TRUE(verified.ok) << verified.problem;
  EXPECT_NE(read_all(log_path()).find("cut a torn last record of 40 bytes"), std::string::npos);
}

TEST_F(AuditLogTest, ABrokenLogIsNotAppendedTo) {
  write_log(10, 100);
  std::string text = read_all(log_path());
  text[text.size() / 2] = static_cast<char>(text[text.size() / 2] ^ 1);
  write_all(log_path(), text);
  auto log = AuditLog::open(folder_.path(), clock_);
  ASSERT_FALSE(log);
  EXPECT_EQ(log.error().code, "audit_broken");
  EXPECT_EQ(read_all(log_path()), text);  // untouched: it is evidence
}

TEST_F(AuditLogTest, VerifyNeedsReadableFilesAndAnEd25519Key) {
  write_log(3, 100);
  EXPECT_FALSE(verify_audit_log(folder_.path() / "missing.log", key_path()));
  EXPECT_FALSE(verify_audit_log(log_path(), folder_.path() / "missing.pem"));
  EXPECT_FALSE(verify_audit_log(log_path(), log_path()));  // not a key
}

}  // namespace
}  // namespace sw::share
