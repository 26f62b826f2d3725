// Recovery when a writer opens a damaged journal: a torn last record at every byte
// offset, bit flips, zero-filled and garbage tails, corruption in the middle of the last
// and of an older segment, and an unreadable segment header.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../temp_directory.h"
#include "journal_test_util.h"
#include "store/journal/journal_writer.h"

namespace sw::store {
namespace {

using testing::count_events;
using testing::payload_for;
using testing::read_all;
using testing::read_bytes;
using testing::segment_paths;
using testing::TempDirectory;
using testing::test_options;
using testing::write_bytes;

/// Writes records 1..count (payload_for) into `directory` and returns the file offset at
/// which the last record starts.
std::size_t write_records(const std::string& directory, int count,
                          std::uint64_t segment_max_bytes = 64ULL << 20U) {
  ManualClock clock;
  JournalOptions options = test_options(directory);
  options.segment_max_bytes = segment_max_bytes;
  auto writer = JournalWriter::open(options, clock);
  EXPECT_TRUE(writer.ok());
  for (int record_idx = 1; record_idx < count; ++record_idx) {
    EXPECT_TRUE((*writer)->append(record_idx, "src", payload_for(record_idx)).ok());
  }
  EXPECT_TRUE((*writer)->commit().ok());
  const std::uint64_t last_offset = (*writer)->total_bytes();
  EXPECT_TRUE((*writer)->append(count, "src", payload_for(count)).ok());
  EXPECT_TRUE((*writer)->commit().ok());
  return static_cast<std::size_t>(last_offset);
}

void expect_records_one_to(const std::string& directory, Sequence last) {
  const auto records = read_all(directory);
  ASSERT_EQ(records.size(), last);
  for (Sequence sequence = 1; sequence <= last; ++sequence) {
    ASSERT_EQ(records[sequence - 1].sequence, sequence);
    ASSERT_EQ(records[sequence - 1].payload, payload_for(sequence));
  }
}

TEST(JournalRecovery, TornLastRecordAtEveryByteOffset) {
  TempDirectory original;
  const std::size_t last_offset = write_records(original.path(), 5);
  const std::string segment_name = "journal-00000000000000000001.swj";
  const std::string whole = read_bytes(original.sub(segment_name));
  ASSERT_GT(whole.size(), last_offset);

  for (std::size_t length = last_offset; length < whole.size(); ++length) {
    SCOPED_TRACE("file cut at " + std::to_string(length));
    TempDirectory directory;
    write_bytes(directory.sub(segment_name), whole.substr(0, length));
    ManualClock clock;
    auto writer = JournalWriter::open(test_options(directory.path()), clock);
    ASSERT_TRUE(writer.ok());
    const auto& events = (*writer)->recovery_events();
    if (length == last_offset) {
      EXPECT_TRUE(events.empty());
    } else {
      ASSERT_EQ(events.size(), 1U);
      EXPECT_EQ(events[0].kind, JournalEventKind::kTailTruncated);
      EXPECT_EQ(events[0].offset, last_offset);
      EXPECT_EQ(events[0].bytes, length - last_offset);
      EXPECT_EQ(events[0].records, 1U);
      EXPECT_EQ(events[0].reason, "truncated_frame");
      EXPECT_EQ((*writer)->stats().truncations, 1U);
    }
    EXPECT_EQ((*writer)->durable_sequence(), 4U);
    EXPECT_EQ(std::filesystem::file_size(directory.sub(segment_name)), last_offset);
    // The next record takes the dropped one's number and lands right after record 4.
    EXPECT_EQ(*(*writer)->append(5, "src", payload_for(5)), 5U);
    ASSERT_TRUE((*writer)->commit().ok());
    expect_records_one_to(directory.path(), 5);
  }
}

TEST(JournalRecovery, BitFlipInTheLastRecordIsDetectedAndCut) {
  TempDirectory original;
  const std::size_t last_offset = write_records(original.path(), 3);
  const std::string segment_name = "journal-00000000000000000001.swj";
  const std::string whole = read_bytes(original.sub(segment_name));
  for (std::size_t byte_idx = last_offset; byte_idx < whole.size(); byte_idx += 3) {
    SCOPED_TRACE("flip in byte " + std::to_string(byte_idx));
    TempDirectory directory;
    std::string damaged = whole;
    damaged[byte_idx] = static_cast<char>(damaged[byte_idx] ^ 0x08);
    write_bytes(directory.sub(segment_name), damaged);
    ManualClock clock;
    auto writer = JournalWriter::open(test_options(directory.path()), clock);
    ASSERT_TRUE(writer.ok());
    ASSERT_EQ((*writer)->recovery_events().size(), 1U);
    const JournalEvent& event = (*writer)->recovery_events()[0];
    EXPECT_EQ(event.kind, JournalEventKind::kTailTruncated);
    EXPECT_EQ(event.bytes, whole.size() - last_offset);
    const std::string reason = byte_idx < last_offset + 4    ? "bad_marker"
                               : byte_idx < last_offset + 12 ? "bad_header_check"
                                                             : "bad_body_check";
    EXPECT_EQ(event.reason, reason);
    expect_records_one_to(directory.path(), 2);
  }
}

TEST(JournalRecovery, ZeroFilledAndGarbageTailsAreCut) {
  for (const std::string& tail :
       {std::string(8192, '\0'), std::string("SJWR\xFF\xFF\xFF\x7F junk after a false marker")}) {
    TempDirectory directory;
    write_records(directory.path(), 3);
    const std::string path = segment_paths(directory.path()).front();
    const std::string valid = read_bytes(path);
    write_bytes(path, valid + tail);
    ManualClock clock;
    auto writer = JournalWriter::open(test_options(directory.path()), clock);
    ASSERT_TRUE(writer.ok());
    ASSERT_EQ((*writer)->recovery_events().size(), 1U);
    EXPECT_EQ((*writer)->recovery_events()[0].bytes, tail.size());
    EXPECT_EQ((*writer)->recovery_events()[0].reason,
              tail[0] == '\0' ? "zero_filled" : "bad_header_check");
    EXPECT_EQ(read_bytes(path), valid);
    expect_records_one_to(directory.path(), 3);
  }
}

TEST(JournalRecovery, CorruptRecordInsideTheLastSegmentIsReportedAndLaterRecordsKept) {
  TempDirectory directory;
  write_records(directory.path(), 6);
  const std::string path = segment_paths(directory.path()).front();
  std::string bytes = read_bytes(path);
  const std::size_t second_record_body =
      kSegmentHeaderSize + frame_size(3, payload_for(1).size()) + 20;
  bytes[second_record_body] = static_cast<char>(bytes[second_record_body] ^ 0x80);
  write_bytes(path, bytes);

  ManualClock clock;
  auto writer = JournalWriter::open(test_options(directory.path()), clock);
  ASSERT_TRUE(writer.ok());
  const auto& events = (*writer)->recovery_events();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].kind, JournalEventKind::kCorruptRegion);
  EXPECT_EQ(events[0].reason, "bad_body_check");
  EXPECT_EQ(events[0].records, 1U);
  EXPECT_EQ(events[1].kind, JournalEventKind::kSequenceGap);
  EXPECT_EQ(events[1].first_sequence, 2U);
  EXPECT_EQ(events[1].last_sequence, 2U);
  EXPECT_EQ((*writer)->stats().truncations, 0U);
  EXPECT_EQ(read_bytes(path), bytes);  // acknowledged records after the damage are kept
  EXPECT_EQ(*(*writer)->append(0, "src", payload_for(7)), 7U);
  ASSERT_TRUE((*writer)->commit().ok());

  std::vector<JournalEvent> read_events;
  const auto records = read_all(directory.path(), 1, &read_events);
  std::vector<Sequence> sequences;
  for (const auto& record : records) sequences.push_back(record.sequence);
  EXPECT_EQ(sequences, (std::vector<Sequence>{1, 3, 4, 5, 6, 7}));
  EXPECT_EQ(count_events(read_events, JournalEventKind::kCorruptRegion), 1U);
  EXPECT_EQ(count_events(read_events, JournalEventKind::kSequenceGap), 1U);
}

TEST(JournalRecovery, ReaderSkipsACorruptRecordInAnOldSegment) {
  TempDirectory directory;
  write_records(directory.path(), 30, 600);
  const auto paths = segment_paths(directory.path());
  ASSERT_GE(paths.size(), 3U);
  std::string bytes = read_bytes(paths[0]);
  const std::size_t first_body = kSegmentHeaderSize + 25;
  bytes[first_body] = static_cast<char>(bytes[first_body] ^ 0x01);
  write_bytes(paths[0], bytes);

  ManualClock clock;
  auto writer = JournalWriter::open(test_options(directory.path()), clock);
  ASSERT_TRUE(writer.ok());
  EXPECT_TRUE((*writer)->recovery_events().empty());  // old segments are not read at open

  std::vector<JournalEvent> events;
  const auto records = read_all(directory.path(), 1, &events);
  ASSERT_EQ(records.size(), 29U);
  EXPECT_EQ(records.front().sequence, 2U);
  EXPECT_EQ(records.back().sequence, 30U);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].kind, JournalEventKind::kCorruptRegion);
  EXPECT_EQ(events[0].offset, kSegmentHeaderSize);
  EXPECT_EQ(events[1].kind, JournalEventKind::kSequenceGap);
  EXPECT_EQ(events[1].first_sequence, 1U);
}

TEST(JournalRecovery, UnreadableLastSegmentHeaderIsQuarantinedNotDeleted) {
  TempDirectory directory;
  write_records(directory.path(), 30, 600);
  auto paths = segment_paths(directory.path());
  ASSERT_GE(paths.size(), 2U);
  const std::string last = paths.back();
  const Sequence last_first =
      *parse_segment_file_name(std::filesystem::path(last).filename().string());
  std::string bytes = read_bytes(last);
  bytes[17] = static_cast<char>(bytes[17] ^ 0x01);  // first sequence field
  write_bytes(last, bytes);

  ManualClock clock;
  auto writer = JournalWriter::open(test_options(directory.path()), clock);
  ASSERT_TRUE(writer.ok());
  ASSERT_EQ((*writer)->recovery_events().size(), 1U);
  EXPECT_EQ((*writer)->recovery_events()[0].kind, JournalEventKind::kSegmentQuarantined);
  EXPECT_EQ((*writer)->recovery_events()[0].reason, "bad_header_crc");
  EXPECT_TRUE(std::filesystem::exists(last + ".corrupt"));
  EXPECT_FALSE(std::filesystem::exists(last));
  EXPECT_EQ((*writer)->durable_sequence(), last_first - 1);
  EXPECT_EQ(*(*writer)->append(0, "src", payload_for(last_first)), last_first);
  ASSERT_TRUE((*writer)->commit().ok());
  expect_records_one_to(directory.path(), last_first);
}

}  // namespace
}  // namespace sw::store
