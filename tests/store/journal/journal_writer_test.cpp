// JournalWriter: round trip through the reader, group commit (durable only after commit,
// by record count, bytes and latency), the durable callback and wait, reopening continues
// the numbering, refused appends, and the file format against a recorded segment.

#include "store/journal/journal_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "../temp_directory.h"
#include "journal_test_util.h"

namespace sw::store {
namespace {

using testing::count_events;
using testing::OwnedRecord;
using testing::payload_for;
using testing::read_all;
using testing::read_bytes;
using testing::TempDirectory;
using testing::test_options;

TEST(JournalWriter, RoundTripPreservesEveryField) {
  TempDirectory directory;
  ManualClock clock(1'700'000'000 * kNsPerSecond);
  std::vector<OwnedRecord> written = {
      {1, 1'700'000'000'000'000'001, "ais-dover",
       "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23"},
      {2, -1, "", ""},
      {3, 0, std::string(255, 's'), std::string("\x00\x01\xFF\r\n", 5)},
      {4, 42, "asterix", std::string(70'000, 'x')},
  };
  {
    auto writer = JournalWriter::open(test_options(directory.path()), clock);
    ASSERT_TRUE(writer.ok()) << writer.error().detail;
    for (const auto& record : written) {
      const auto sequence =
          (*writer)->append(record.receive_time, record.source_id, record.payload);
      ASSERT_TRUE(sequence.ok()) << sequence.error().code;
      EXPECT_EQ(*sequence, record.sequence);
    }
    ASSERT_TRUE((*writer)->commit().ok());
    EXPECT_EQ((*writer)->stats().records, 4U);
    EXPECT_EQ((*writer)->stats().batches, 1U);
  }
  std::vector<JournalEvent> events;
  EXPECT_EQ(read_all(directory.path(), 1, &events), written);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(read_all(directory.path(), 3),
            std::vector<OwnedRecord>(written.begin() + 2, written.end()));
}

TEST(JournalWriter, RecordsBecomeDurableOnlyAtCommit) {
  TempDirectory directory;
  ManualClock clock;
  JournalOptions options = test_options(directory.path());
  options.batch_max_records = 100;
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  std::vector<Sequence> acknowledged;
  (*writer)->set_durable_callback([&](Sequence durable) { acknowledged.push_back(durable); });

  ASSERT_TRUE((*writer)->append(0, "s", "a").ok());
  ASSERT_TRUE((*writer)->append(0, "s", "b").ok());
  EXPECT_EQ((*writer)->durable_sequence(), 0U);
  EXPECT_EQ((*writer)->last_sequence(), 2U);
  EXPECT_EQ((*writer)->pending_records(), 2U);
  EXPECT_TRUE(read_all(directory.path()).empty());  // nothing written before the commit

  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_EQ((*writer)->durable_sequence(), 2U);
  EXPECT_EQ(acknowledged, (std::vector<Sequence>{2}));
  EXPECT_EQ(read_all(directory.path()).size(), 2U);
  ASSERT_TRUE((*writer)->commit().ok());  // nothing pending: no batch, no callback
  EXPECT_EQ(acknowledged.size(), 1U);
  EXPECT_EQ((*writer)->stats().batches, 1U);
}

TEST(JournalWriter, BatchCommitsAtRecordAndByteLimits) {
  TempDirectory directory;
  ManualClock clock;
  JournalOptions options = test_options(directory.path());
  options.batch_max_records = 3;
  options.batch_max_bytes = 1000;
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  for (int record_idx = 0; record_idx < 7; ++record_idx) {
    ASSERT_TRUE((*writer)->append(0, "s", "x").ok());
  }
  EXPECT_EQ((*writer)->durable_sequence(), 6U);
  EXPECT_EQ((*writer)->stats().batches, 2U);
  ASSERT_TRUE((*writer)->append(0, "s", std::string(990, 'y')).ok());  // over 1000 bytes
  EXPECT_EQ((*writer)->durable_sequence(), 8U);
}

TEST(JournalWriter, BatchCommitsAfterMaxLatencyOnTheInjectedClock) {
  TempDirectory directory;
  ManualClock clock(1000);
  JournalOptions options = test_options(directory.path());
  options.batch_max_latency = 5'000'000;
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->append(0, "s", "a").ok());
  clock.advance(4'999'999);
  EXPECT_FALSE((*writer)->commit_due());
  ASSERT_TRUE((*writer)->commit_if_due().ok());
  EXPECT_EQ((*writer)->durable_sequence(), 0U);
  clock.advance(1);
  EXPECT_TRUE((*writer)->commit_due());
  ASSERT_TRUE((*writer)->commit_if_due().ok());
  EXPECT_EQ((*writer)->durable_sequence(), 1U);

  // An append that finds its batch overdue commits it at once.
  ASSERT_TRUE((*writer)->append(0, "s", "b").ok());
  clock.advance(6'000'000);
  ASSERT_TRUE((*writer)->append(0, "s", "c").ok());
  EXPECT_EQ((*writer)->durable_sequence(), 3U);
}

TEST(JournalWriter, WaitDurableWakesAnotherThread) {
  TempDirectory directory;
  ManualClock clock;
  auto writer = JournalWriter::open(test_options(directory.path()), clock);
  ASSERT_TRUE(writer.ok());
  JournalWriter& journal = **writer;
  ASSERT_TRUE(journal.append(0, "s", "a").ok());
  EXPECT_FALSE(journal.wait_durable(1, std::chrono::nanoseconds(0)));
  bool became_durable = false;
  std::thread waiter([&] { became_durable = journal.wait_durable(1, std::chrono::minutes(1)); });
  ASSERT_TRUE(journal.commit().ok());
  waiter.join();
  EXPECT_TRUE(became_durable);
}

TEST(JournalWriter, ReopenContinuesTheSequence) {
  TempDirectory directory;
  ManualClock clock;
  for (int opening = 0; opening < 3; ++opening) {
    auto writer = JournalWriter::open(test_options(directory.path()), clock);
    ASSERT_TRUE(writer.ok());
    EXPECT_EQ((*writer)->durable_sequence(), static_cast<Sequence>(opening * 4));
    EXPECT_TRUE((*writer)->recovery_events().empty());
    for (int record_idx = 0; record_idx < 4; ++record_idx) {
      const Sequence expected = static_cast<Sequence>(opening * 4 + record_idx + 1);
      EXPECT_EQ(*(*writer)->append(0, "s", payload_for(expected)), expected);
    }
    ASSERT_TRUE((*writer)->commit().ok());
  }
  const auto records = read_all(directory.path());
  ASSERT_EQ(records.size(), 12U);
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    EXPECT_EQ(records[record_idx].sequence, record_idx + 1);
    EXPECT_EQ(records[record_idx].payload, payload_for(record_idx + 1));
  }
}

TEST(JournalWriter, DestructorCommitsPendingRecords) {
  TempDirectory directory;
  ManualClock clock;
  {
    auto writer = JournalWriter::open(test_options(directory.path()), clock);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->append(0, "s", "kept").ok());
  }
  EXPECT_EQ(read_all(directory.path()).size(), 1U);
}

TEST(JournalWriter, RefusesOversizedSourceAndPayload) {
  TempDirectory directory;
  ManualClock clock;
  JournalOptions options = test_options(directory.path());
  options.max_payload_bytes = 100;
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ((*writer)->append(0, std::string(256, 's'), "x").error().code, "source_id_too_long");
  EXPECT_EQ((*writer)->append(0, "s", std::string(101, 'x')).error().code, "record_too_large");
  EXPECT_EQ(*(*writer)->append(0, "s", std::string(100, 'x')), 1U);  // numbering unaffected
}

TEST(JournalWriter, MatchesTheRecordedSegmentByteForByte) {
  // tests/data/store/journal/: a segment written by this code at format version 1 (see the
  // README there). Reading it checks old files stay readable; writing the same records
  // with the same salt and clock must reproduce it exactly.
  const std::string recorded_directory = std::string(SW_TEST_DATA_DIR) + "/store/journal";
  const std::string recorded = read_bytes(recorded_directory + "/journal-00000000000000000001.swj");
  ASSERT_FALSE(recorded.empty());
  const auto records = read_all(recorded_directory);
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0], (OwnedRecord{1, 1'700'000'000'000'000'000, "ais-dover",
                                     "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23"}));
  EXPECT_EQ(records[1], (OwnedRecord{2, 1'700'000'000'500'000'000, "radar-griz-nez",
                                     std::string("\x0A\x00\x1C\x81", 4)}));
  EXPECT_EQ(records[2], (OwnedRecord{3, 1'700'000'001'000'000'000, "", ""}));

  TempDirectory directory;
  ManualClock clock(1'700'000'000 * kNsPerSecond);
  JournalOptions options = test_options(directory.path());
  options.salt = 0x5EED;
  {
    auto writer = JournalWriter::open(options, clock);
    ASSERT_TRUE(writer.ok());
    for (const auto& record : records) {
      ASSERT_TRUE((*writer)->append(record.receive_time, record.source_id, record.payload).ok());
    }
    ASSERT_TRUE((*writer)->commit().ok());
  }
  EXPECT_EQ(read_bytes(directory.sub("journal-00000000000000000001.swj")), recorded);
}

TEST(JournalWriter, IgnoresForeignFilesAndStaleTemporarySegments) {
  TempDirectory directory;
  ManualClock clock;
  testing::write_bytes(directory.sub("README.txt"), "not a segment");
  testing::write_bytes(directory.sub("journal-00000000000000000001.swj.tmp"), "half a header");
  auto writer = JournalWriter::open(test_options(directory.path()), clock);
  ASSERT_TRUE(writer.ok()) << writer.error().detail;
  EXPECT_EQ(count_events((*writer)->recovery_events(), JournalEventKind::kTailTruncated), 0U);
  EXPECT_FALSE(std::filesystem::exists(directory.sub("journal-00000000000000000001.swj.tmp")));
  EXPECT_TRUE(std::filesystem::exists(directory.sub("README.txt")));
  EXPECT_EQ(*(*writer)->append(0, "s", "x"), 1U);
}

}  // namespace
}  // namespace sw::store
