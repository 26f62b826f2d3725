#include "store/journal/journal_format.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "store/journal/crc32c.h"

namespace sw::store {
namespace {

void put_u16(std::string& out, std::uint16_t value) {
  for (int byte_idx = 0; byte_idx < 2; ++byte_idx) {
    out.push_back(static_cast<char>((value >> (8 * byte_idx)) & 0xFFU));
  }
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int byte_idx = 0; byte_idx < 4; ++byte_idx) {
    out.push_back(static_cast<char>((value >> (8 * byte_idx)) & 0xFFU));
  }
}

void put_u64(std::string& out, std::uint64_t value) {
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
    out.push_back(static_cast<char>((value >> (8 * byte_idx)) & 0xFFU));
  }
}

std::uint64_t get_le(std::string_view bytes, std::size_t offset, int width) {
  std::uint64_t value = 0;
  for (int byte_idx = width - 1; byte_idx >= 0; --byte_idx) {
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + byte_idx]);
  }
  return value;
}

void store_le(char* destination, std::uint64_t value, int width) {
  for (int byte_idx = 0; byte_idx < width; ++byte_idx) {
    destination[byte_idx] = static_cast<char>((value >> (8 * byte_idx)) & 0xFFU);
  }
}

}  // namespace

const char* to_string(FrameDefect defect) {
  switch (defect) {
    case FrameDefect::kNone: return "none";
    case FrameDefect::kTruncatedFrame: return "truncated_frame";
    case FrameDefect::kBadMarker: return "bad_marker";
    case FrameDefect::kBadHeaderCheck: return "bad_header_check";
    case FrameDefect::kBadLength: return "bad_length";
    case FrameDefect::kBadBodyCheck: return "bad_body_check";
    case FrameDefect::kBadSourceLength: return "bad_source_length";
    case FrameDefect::kStaleSequence: return "stale_sequence";
    case FrameDefect::kZeroFilled: return "zero_filled";
    case FrameDefect::kSequenceGap: return "sequence_gap";
  }
  return "unknown";
}

void encode_segment_header(const SegmentHeader& header, std::string& out) {
  const std::size_t start = out.size();
  out.append(kSegmentMagic);
  put_u16(out, kJournalFormatVersion);
  put_u16(out, static_cast<std::uint16_t>(kSegmentHeaderSize));
  put_u32(out, 0);
  put_u64(out, header.first_sequence);
  put_u64(out, static_cast<std::uint64_t>(header.created_time));
  put_u64(out, header.salt);
  put_u32(out, crc32c(std::string_view(out).substr(start, 40)));
  put_u32(out, 0);
}

Result<SegmentHeader> decode_segment_header(std::string_view bytes) {
  if (bytes.size() < kSegmentHeaderSize) {
    return Error{"short_header", "segment shorter than its 48-byte header"};
  }
  if (bytes.substr(0, kSegmentMagic.size()) != kSegmentMagic) {
    return Error{"bad_magic", "not a journal segment"};
  }
  if (static_cast<std::uint32_t>(get_le(bytes, 40, 4)) != crc32c(bytes.substr(0, 40))) {
    return Error{"bad_header_crc", "segment header CRC mismatch"};
  }
  if (get_le(bytes, 8, 2) != kJournalFormatVersion || get_le(bytes, 10, 2) != kSegmentHeaderSize) {
    return Error{"bad_version", "unsupported journal format version"};
  }
  SegmentHeader header;
  header.first_sequence = get_le(bytes, 16, 8);
  if (header.first_sequence == 0) {
    return Error{"bad_first_sequence", "sequences start at 1"};
  }
  header.created_time = static_cast<TimeNs>(get_le(bytes, 24, 8));
  header.salt = get_le(bytes, 32, 8);
  return header;
}

std::uint32_t salt_seed(std::uint64_t salt) {
  std::string salt_bytes;
  put_u64(salt_bytes, salt);
  return crc32c(salt_bytes);
}

void encode_frame(std::uint32_t seed, Sequence sequence, TimeNs receive_time,
                  std::string_view source_id, std::string_view payload, std::string& out) {
  const std::size_t body_size = kRecordFixedSize + source_id.size() + payload.size();
  // Frame header and the body's fixed part in one small buffer, then two appends.
  std::array<char, kFrameHeaderSize + kRecordFixedSize> fixed{};
  std::memcpy(fixed.data(), kFrameMarker.data(), kFrameMarker.size());
  store_le(fixed.data() + 4, body_size, 4);
  store_le(fixed.data() + 8, crc32c_extend(seed, fixed.data(), 8), 4);
  store_le(fixed.data() + 16, sequence, 8);
  store_le(fixed.data() + 24, static_cast<std::uint64_t>(receive_time), 8);
  fixed[32] = static_cast<char>(source_id.size());
  std::uint32_t body_check = crc32c_extend(seed, fixed.data() + kFrameHeaderSize, kRecordFixedSize);
  body_check = crc32c_extend(body_check, source_id.data(), source_id.size());
  body_check = crc32c_extend(body_check, payload.data(), payload.size());
  store_le(fixed.data() + 12, body_check, 4);
  out.reserve(out.size() + fixed.size() + source_id.size() + payload.size());
  out.append(fixed.data(), fixed.size());
  out.append(source_id);
  out.append(payload);
}

bool has_frame_header(std::uint32_t seed, std::string_view bytes) {
  if (bytes.size() < kFrameHeaderSize) return false;
  if (bytes.substr(0, kFrameMarker.size()) != kFrameMarker) return false;
  return static_cast<std::uint32_t>(get_le(bytes, 8, 4)) == crc32c_extend(seed, bytes.data(), 8);
}

FrameParse parse_frame(std::uint32_t seed, std::string_view bytes) {
  FrameParse parse;
  if (bytes.size() < kFrameHeaderSize) {
    const std::size_t compared = std::min(bytes.size(), kFrameMarker.size());
    parse.defect = bytes.substr(0, compared) == kFrameMarker.substr(0, compared)
                       ? FrameDefect::kTruncatedFrame
                       : FrameDefect::kBadMarker;
    return parse;
  }
  if (bytes.substr(0, kFrameMarker.size()) != kFrameMarker) {
    parse.defect = FrameDefect::kBadMarker;
    return parse;
  }
  if (!has_frame_header(seed, bytes)) {
    parse.defect = FrameDefect::kBadHeaderCheck;
    return parse;
  }
  const std::uint64_t body_size = get_le(bytes, 4, 4);
  if (body_size < kRecordFixedSize || body_size > kMaxFrameBodySize) {
    parse.defect = FrameDefect::kBadLength;
    return parse;
  }
  if (bytes.size() - kFrameHeaderSize < body_size) {
    parse.defect = FrameDefect::kTruncatedFrame;
    return parse;
  }
  const std::string_view body = bytes.substr(kFrameHeaderSize, body_size);
  if (static_cast<std::uint32_t>(get_le(bytes, 12, 4)) !=
      crc32c_extend(seed, body.data(), body.size())) {
    parse.defect = FrameDefect::kBadBodyCheck;
    return parse;
  }
  const std::size_t source_size = static_cast<unsigned char>(body[16]);
  if (kRecordFixedSize + source_size > body.size()) {
    parse.defect = FrameDefect::kBadSourceLength;
    return parse;
  }
  parse.size = kFrameHeaderSize + body.size();
  parse.record.sequence = get_le(body, 0, 8);
  parse.record.receive_time = static_cast<TimeNs>(get_le(body, 8, 8));
  parse.record.source_id = body.substr(kRecordFixedSize, source_size);
  parse.record.payload = body.substr(kRecordFixedSize + source_size);
  return parse;
}

}  // namespace sw::store
