// Segment rotation by size and retention by total size and by age (injected clock):
// segment names follow first sequences, reading crosses segments in order and can start
// in the middle, and every deleted segment is reported with the sequences it held.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../temp_directory.h"
#include "journal_test_util.h"
#include "store/journal/journal_writer.h"

namespace sw::store {
namespace {

using testing::payload_for;
using testing::read_all;
using testing::TempDirectory;
using testing::test_options;

TEST(JournalRotation, SegmentsRotateBySizeAndReadInOrder) {
  TempDirectory directory;
  ManualClock clock;
  JournalOptions options = test_options(directory.path());
  options.segment_max_bytes = 1000;
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  for (Sequence sequence = 1; sequence <= 100; ++sequence) {
    ASSERT_TRUE((*writer)->append(0, "src", payload_for(sequence)).ok());
  }
  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_GT((*writer)->segment_count(), 5U);
  EXPECT_EQ((*writer)->stats().segments_created, (*writer)->segment_count());

  auto segments = list_segments(directory.path());
  ASSERT_TRUE(segments.ok());
  ASSERT_EQ(segments->front().first_sequence, 1U);
  for (std::size_t segment_idx = 0; segment_idx < segments->size(); ++segment_idx) {
    const SegmentFile& segment = (*segments)[segment_idx];
    EXPECT_LE(segment.size, options.segment_max_bytes);
    EXPECT_EQ(segment.name, segment_file_name(segment.first_sequence));
    // Reading from a segment's first sequence starts exactly there.
    const auto from_here = read_all(directory.path(), segment.first_sequence);
    ASSERT_FALSE(from_here.empty());
    EXPECT_EQ(from_here.front().sequence, segment.first_sequence);
    EXPECT_EQ(from_here.size(), 101 - segment.first_sequence);
  }
  const auto records = read_all(directory.path(), 57);
  ASSERT_EQ(records.size(), 44U);
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    EXPECT_EQ(records[record_idx].sequence, 57 + record_idx);
    EXPECT_EQ(records[record_idx].payload, payload_for(57 + record_idx));
  }
}

TEST(JournalRotation, RecordLargerThanASegmentGetsItsOwnSegment) {
  TempDirectory directory;
  ManualClock clock;
  JournalOptions options = test_options(directory.path());
  options.segment_max_bytes = 200;
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->append(0, "s", "small").ok());
  ASSERT_TRUE((*writer)->append(0, "s", std::string(1000, 'L')).ok());
  ASSERT_TRUE((*writer)->append(0, "s", "small again").ok());
  ASSERT_TRUE((*writer)->commit().ok());
  EXPECT_EQ((*writer)->segment_count(), 3U);
  const auto records = read_all(directory.path());
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[1].payload.size(), 1000U);
}

TEST(JournalRetention, OldestSegmentsDeletedBySizeAndReported) {
  TempDirectory directory;
  ManualClock clock;
  std::vector<JournalEvent> events;
  JournalOptions options = test_options(directory.path());
  options.segment_max_bytes = 1000;
  options.retain_max_bytes = 3000;
  options.on_event = [&](const JournalEvent& event) { events.push_back(event); };
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  for (Sequence sequence = 1; sequence <= 100; ++sequence) {
    ASSERT_TRUE((*writer)->append(0, "src", payload_for(sequence)).ok());
  }
  ASSERT_TRUE((*writer)->commit().ok());

  EXPECT_LE((*writer)->total_bytes(), options.retain_max_bytes + options.segment_max_bytes);
  ASSERT_FALSE(events.empty());
  Sequence next_deleted = 1;
  std::uint64_t deleted_bytes = 0;
  for (const auto& event : events) {
    ASSERT_EQ(event.kind, JournalEventKind::kSegmentDeleted);
    EXPECT_EQ(event.reason, "size");
    EXPECT_EQ(event.first_sequence, next_deleted);  // oldest first, no segment skipped
    EXPECT_GE(event.last_sequence, event.first_sequence);
    next_deleted = event.last_sequence + 1;
    deleted_bytes += event.bytes;
  }
  EXPECT_EQ((*writer)->first_sequence(), next_deleted);
  EXPECT_EQ((*writer)->stats().segments_deleted, events.size());
  EXPECT_EQ((*writer)->stats().deleted_bytes, deleted_bytes);

  const auto records = read_all(directory.path());
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.front().sequence, next_deleted);
  EXPECT_EQ(records.back().sequence, 100U);
  EXPECT_EQ(records.size(), 101 - next_deleted);
}

TEST(JournalRetention, SegmentsDeletedByAgeKeepEveryRecentRecord) {
  TempDirectory directory;
  ManualClock clock(1'000 * kNsPerSecond);
  constexpr TimeNs kMaxAge = 3600 * kNsPerSecond;
  JournalOptions options = test_options(directory.path());
  options.segment_max_bytes = 400;
  options.retain_max_age = kMaxAge;
  std::vector<JournalEvent> deletions;
  options.on_event = [&](const JournalEvent& event) { deletions.push_back(event); };
  auto writer = JournalWriter::open(options, clock);
  ASSERT_TRUE(writer.ok());
  // One record a minute for 100 minutes, receive time = clock time.
  for (Sequence sequence = 1; sequence <= 100; ++sequence) {
    ASSERT_TRUE((*writer)->append(clock.now(), "src", payload_for(sequence)).ok());
    clock.advance(60 * kNsPerSecond);
  }
  ASSERT_TRUE((*writer)->commit().ok());
  ASSERT_FALSE(deletions.empty());
  for (const auto& event : deletions) {
    EXPECT_EQ(event.kind, JournalEventKind::kSegmentDeleted);
    EXPECT_EQ(event.reason, "age");
  }
  // Deletion goes by whole segments: everything received within the last hour is kept,
  // and less than one segment older than that.
  const TimeNs cutoff = clock.now() - kMaxAge;
  const auto records = read_all(directory.path());
  ASSERT_FALSE(records.empty());
  EXPECT_LE(records.front().receive_time, cutoff + 60 * kNsPerSecond);
  EXPECT_GT(records.front().receive_time, cutoff - 15 * 60 * kNsPerSecond);
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    EXPECT_EQ(records[record_idx].sequence, records.front().sequence + record_idx);
  }
  EXPECT_EQ(records.back().sequence, 100U);

  // Two hours later every closed segment is past the limit; the active one stays.
  clock.advance(2 * kMaxAge);
  ASSERT_TRUE((*writer)->enforce_retention().ok());
  EXPECT_EQ((*writer)->segment_count(), 1U);
  EXPECT_EQ(read_all(directory.path()).back().sequence, 100U);
}

}  // namespace
}  // namespace sw::store
