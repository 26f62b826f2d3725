// SegmentScanner on hand-built segments: records in order, a damaged frame skipped with
// resynchronisation at the next valid frame, gaps reported, tails flagged, zero fill named.

#include "store/journal/segment_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sw::store {
namespace {

constexpr std::uint64_t kSalt = 0xABCDEF;

struct Scanned {
  std::vector<Sequence> sequences;
  std::vector<DamagedRegion> damage;
  std::size_t valid_end = 0;
};

Scanned scan(const std::string& segment, Sequence first_sequence = 1) {
  SegmentScanner scanner(segment, kSalt, first_sequence);
  Scanned scanned;
  for (auto step = scanner.next(); step != SegmentScanner::Step::kEnd; step = scanner.next()) {
    if (step == SegmentScanner::Step::kRecord) {
      scanned.sequences.push_back(scanner.record().sequence);
    } else {
      scanned.damage.push_back(scanner.damage());
    }
  }
  scanned.valid_end = scanner.valid_end();
  return scanned;
}

/// Header and frames for sequences first..first+count-1; `offsets` receives frame starts.
std::string build_segment(Sequence first, int count, std::vector<std::size_t>* offsets = nullptr) {
  std::string segment;
  encode_segment_header({first, 0, kSalt}, segment);
  for (int record_idx = 0; record_idx < count; ++record_idx) {
    if (offsets != nullptr) offsets->push_back(segment.size());
    encode_frame(salt_seed(kSalt), first + record_idx, record_idx, "src",
                 "payload " + std::to_string(record_idx), segment);
  }
  return segment;
}

TEST(SegmentScanner, ReadsEveryRecordInOrder) {
  const std::string segment = build_segment(10, 5);
  const Scanned scanned = scan(segment, 10);
  EXPECT_EQ(scanned.sequences, (std::vector<Sequence>{10, 11, 12, 13, 14}));
  EXPECT_TRUE(scanned.damage.empty());
  EXPECT_EQ(scanned.valid_end, segment.size());
}

TEST(SegmentScanner, EmptySegmentAndHeaderOnly) {
  EXPECT_TRUE(scan("").sequences.empty());
  const Scanned header_only = scan(build_segment(1, 0));
  EXPECT_TRUE(header_only.sequences.empty());
  EXPECT_TRUE(header_only.damage.empty());
  EXPECT_EQ(header_only.valid_end, kSegmentHeaderSize);
}

TEST(SegmentScanner, CorruptMiddleFrameIsSkippedAndTheGapReported) {
  std::vector<std::size_t> offsets;
  std::string segment = build_segment(1, 4, &offsets);
  segment[offsets[1] + 30] = static_cast<char>(segment[offsets[1] + 30] ^ 0x01);  // in body

  const Scanned scanned = scan(segment);
  EXPECT_EQ(scanned.sequences, (std::vector<Sequence>{1, 3, 4}));
  ASSERT_EQ(scanned.damage.size(), 2U);
  EXPECT_EQ(scanned.damage[0].defect, FrameDefect::kBadBodyCheck);
  EXPECT_EQ(scanned.damage[0].offset, offsets[1]);
  EXPECT_EQ(scanned.damage[0].size, offsets[2] - offsets[1]);
  EXPECT_EQ(scanned.damage[0].frames, 1U);
  EXPECT_FALSE(scanned.damage[0].at_tail);
  EXPECT_EQ(scanned.damage[1].defect, FrameDefect::kSequenceGap);
  EXPECT_EQ(scanned.damage[1].missing_from, 2U);
  EXPECT_EQ(scanned.damage[1].missing_to, 2U);
  EXPECT_EQ(scanned.valid_end, segment.size());
}

TEST(SegmentScanner, GarbageBetweenFramesIsOneRegion) {
  std::vector<std::size_t> offsets;
  std::string segment = build_segment(1, 2, &offsets);
  segment.insert(offsets[1], "garbage SJWR with a false marker");
  const Scanned scanned = scan(segment);
  EXPECT_EQ(scanned.sequences, (std::vector<Sequence>{1, 2}));
  ASSERT_EQ(scanned.damage.size(), 1U);
  EXPECT_EQ(scanned.damage[0].defect, FrameDefect::kBadMarker);
  EXPECT_EQ(scanned.damage[0].size, 32U);
}

TEST(SegmentScanner, TornTailIsFlaggedAtTail) {
  std::vector<std::size_t> offsets;
  const std::string whole = build_segment(1, 3, &offsets);
  const std::string segment = whole.substr(0, whole.size() - 3);
  const Scanned scanned = scan(segment);
  EXPECT_EQ(scanned.sequences, (std::vector<Sequence>{1, 2}));
  ASSERT_EQ(scanned.damage.size(), 1U);
  EXPECT_EQ(scanned.damage[0].defect, FrameDefect::kTruncatedFrame);
  EXPECT_TRUE(scanned.damage[0].at_tail);
  EXPECT_EQ(scanned.damage[0].frames, 1U);
  EXPECT_EQ(scanned.valid_end, offsets[2]);
}

TEST(SegmentScanner, ZeroFilledTailIsNamed) {
  std::string segment = build_segment(1, 2);
  const std::size_t valid = segment.size();
  segment.append(4096, '\0');
  const Scanned scanned = scan(segment);
  ASSERT_EQ(scanned.damage.size(), 1U);
  EXPECT_EQ(scanned.damage[0].defect, FrameDefect::kZeroFilled);
  EXPECT_TRUE(scanned.damage[0].at_tail);
  EXPECT_EQ(scanned.valid_end, valid);
}

TEST(SegmentScanner, RepeatedFrameIsStaleNotReturnedTwice) {
  std::vector<std::size_t> offsets;
  std::string segment = build_segment(1, 2, &offsets);
  segment += segment.substr(offsets[1]);  // sequence 2 again
  const Scanned scanned = scan(segment);
  EXPECT_EQ(scanned.sequences, (std::vector<Sequence>{1, 2}));
  ASSERT_EQ(scanned.damage.size(), 1U);
  EXPECT_EQ(scanned.damage[0].defect, FrameDefect::kStaleSequence);
  EXPECT_TRUE(scanned.damage[0].at_tail);
}

TEST(SegmentScanner, FrameEmbeddedInAPayloadOfAnotherSaltNeverValidates) {
  // A payload that carries a complete frame (e.g. a journal copied through a feed): after
  // the outer frame is damaged the scanner must not resynchronise onto the inner one.
  std::string inner;
  encode_frame(salt_seed(kSalt + 1), 2, 0, "x", "inner", inner);
  std::string segment;
  encode_segment_header({1, 0, kSalt}, segment);
  encode_frame(salt_seed(kSalt), 1, 0, "src", "prefix " + inner, segment);
  segment[kSegmentHeaderSize + 20] = static_cast<char>(segment[kSegmentHeaderSize + 20] ^ 0x40);
  const Scanned scanned = scan(segment);
  EXPECT_TRUE(scanned.sequences.empty());
  ASSERT_EQ(scanned.damage.size(), 1U);
  EXPECT_TRUE(scanned.damage[0].at_tail);
}

}  // namespace
}  // namespace sw::store
