// The journal's on-disk format: header and frame round trips, the field layout at fixed
// offsets (the format is a contract with files already on disk), and every single-bit
// flip in a frame being detected.

#include "store/journal/journal_format.h"

#include <gtest/gtest.h>

#include <string>

#include "store/journal/crc32c.h"

namespace sw::store {
namespace {

std::uint64_t le_at(const std::string& bytes, std::size_t offset, int width) {
  std::uint64_t value = 0;
  for (int byte_idx = width - 1; byte_idx >= 0; --byte_idx) {
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + byte_idx]);
  }
  return value;
}

TEST(JournalFormat, HeaderFieldsAtDocumentedOffsets) {
  std::string bytes;
  encode_segment_header({42, 1'700'000'000'123'456'789, 0x0102030405060708ULL}, bytes);
  ASSERT_EQ(bytes.size(), kSegmentHeaderSize);
  EXPECT_EQ(bytes.substr(0, 8), "SWJOURNL");
  EXPECT_EQ(le_at(bytes, 8, 2), 1U);
  EXPECT_EQ(le_at(bytes, 10, 2), 48U);
  EXPECT_EQ(le_at(bytes, 12, 4), 0U);
  EXPECT_EQ(le_at(bytes, 16, 8), 42U);
  EXPECT_EQ(le_at(bytes, 24, 8), 1'700'000'000'123'456'789U);
  EXPECT_EQ(le_at(bytes, 32, 8), 0x0102030405060708ULL);
  EXPECT_EQ(le_at(bytes, 40, 4), crc32c(bytes.substr(0, 40)));

  const auto header = decode_segment_header(bytes);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->first_sequence, 42U);
  EXPECT_EQ(header->created_time, 1'700'000'000'123'456'789);
  EXPECT_EQ(header->salt, 0x0102030405060708ULL);
}

TEST(JournalFormat, HeaderDefectsHaveStableCodes) {
  std::string bytes;
  encode_segment_header({1, 0, 7}, bytes);
  EXPECT_EQ(decode_segment_header(bytes.substr(0, 47)).error().code, "short_header");
  std::string wrong_magic = bytes;
  wrong_magic[0] = 'X';
  EXPECT_EQ(decode_segment_header(wrong_magic).error().code, "bad_magic");
  std::string flipped = bytes;
  flipped[20] = static_cast<char>(flipped[20] ^ 0x10);
  EXPECT_EQ(decode_segment_header(flipped).error().code, "bad_header_crc");
  std::string zero_first;
  encode_segment_header({0, 0, 7}, zero_first);
  EXPECT_EQ(decode_segment_header(zero_first).error().code, "bad_first_sequence");
}

TEST(JournalFormat, FrameFieldsAtDocumentedOffsets) {
  const std::uint32_t seed = salt_seed(99);
  std::string bytes;
  encode_frame(seed, 7, -5, "radar-1", std::string("\x00\xFFpayload", 9), bytes);
  ASSERT_EQ(bytes.size(), frame_size(7, 9));
  EXPECT_EQ(bytes.substr(0, 4), "SJWR");
  EXPECT_EQ(le_at(bytes, 4, 4), 17U + 7U + 9U);
  EXPECT_EQ(le_at(bytes, 8, 4), crc32c_extend(seed, bytes.data(), 8));
  EXPECT_EQ(le_at(bytes, 12, 4), crc32c_extend(seed, bytes.data() + 16, bytes.size() - 16));
  EXPECT_EQ(le_at(bytes, 16, 8), 7U);
  EXPECT_EQ(static_cast<std::int64_t>(le_at(bytes, 24, 8)), -5);
  EXPECT_EQ(le_at(bytes, 32, 1), 7U);
  EXPECT_EQ(bytes.substr(33, 7), "radar-1");

  const FrameParse parse = parse_frame(seed, bytes);
  ASSERT_EQ(parse.defect, FrameDefect::kNone);
  EXPECT_EQ(parse.size, bytes.size());
  EXPECT_EQ(parse.record.sequence, 7U);
  EXPECT_EQ(parse.record.receive_time, -5);
  EXPECT_EQ(parse.record.source_id, "radar-1");
  EXPECT_EQ(parse.record.payload, std::string("\x00\xFFpayload", 9));
}

TEST(JournalFormat, EveryBitFlipInAFrameIsDetected) {
  const std::uint32_t seed = salt_seed(1234);
  std::string frame;
  encode_frame(seed, 1'000'001, 1'700'000'000'000'000'000, "ais-dover",
               "!AIVDM,1,1,,B,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24", frame);
  for (std::size_t bit_idx = 0; bit_idx < frame.size() * 8; ++bit_idx) {
    std::string damaged = frame;
    damaged[bit_idx / 8] = static_cast<char>(damaged[bit_idx / 8] ^ (1U << (bit_idx % 8)));
    EXPECT_NE(parse_frame(seed, damaged).defect, FrameDefect::kNone) << "bit " << bit_idx;
  }
}

TEST(JournalFormat, FrameDoesNotValidateUnderAnotherSalt) {
  std::string frame;
  encode_frame(salt_seed(1), 1, 0, "s", "payload", frame);
  EXPECT_EQ(parse_frame(salt_seed(1), frame).defect, FrameDefect::kNone);
  EXPECT_EQ(parse_frame(salt_seed(2), frame).defect, FrameDefect::kBadHeaderCheck);
  EXPECT_FALSE(has_frame_header(salt_seed(2), frame));
}

TEST(JournalFormat, ShortInputIsTruncatedOrBadMarker) {
  const std::uint32_t seed = salt_seed(3);
  std::string frame;
  encode_frame(seed, 1, 0, "s", "payload", frame);
  for (std::size_t length = 0; length < frame.size(); ++length) {
    EXPECT_EQ(parse_frame(seed, frame.substr(0, length)).defect, FrameDefect::kTruncatedFrame)
        << length;
  }
  EXPECT_EQ(parse_frame(seed, "XJWR").defect, FrameDefect::kBadMarker);
  EXPECT_EQ(parse_frame(seed, std::string(40, '\0')).defect, FrameDefect::kBadMarker);
}

}  // namespace
}  // namespace sw::store
