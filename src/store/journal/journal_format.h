#pragma once
/// The journal's on-disk format (version 1). All integers are little-endian.
///
/// A journal is a directory of segment files named `journal-<first sequence, 20 digits>.swj`.
/// Each segment is a header followed by back-to-back frames:
///
///   segment header (48 bytes)
///     0  magic "SWJOURNL"          8  version u16 = 1   10 header size u16 = 48
///     12 flags u32 = 0             16 first sequence u64
///     24 created time i64 (ns)     32 salt u64
///     40 CRC-32C of bytes 0..39    44 reserved u32 = 0
///
///   frame (16-byte frame header + body)
///     0  marker "SJWR"             4  body length u32
///     8  header check u32 = CRC-32C(salt bytes, bytes 0..7)
///     12 body check u32   = CRC-32C(salt bytes, body)
///     16 body: sequence u64, receive time i64 (ns), source id length u8, source id, payload
///
/// Both checks are seeded with the segment's salt, so a frame copied from another segment,
/// or a frame-shaped byte string inside a recorded payload, never validates here; the
/// separate header check lets recovery reject a false marker without reading its body.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace sw::store {

/// Position of a record in the journal: 1, 2, 3, ... with no gaps as written.
using Sequence = std::uint64_t;

inline constexpr std::string_view kSegmentMagic = "SWJOURNL";
inline constexpr std::uint16_t kJournalFormatVersion = 1;
inline constexpr std::size_t kSegmentHeaderSize = 48;
inline constexpr std::string_view kFrameMarker = "SJWR";
inline constexpr std::size_t kFrameHeaderSize = 16;
/// Sequence, receive time and source id length.
inline constexpr std::size_t kRecordFixedSize = 17;
inline constexpr std::size_t kMaxSourceIdSize = 255;
/// Largest body a reader accepts; any frame claiming more is corrupt.
inline constexpr std::uint32_t kMaxFrameBodySize = 64U << 20U;

/// Decoded segment header.
struct SegmentHeader {
  Sequence first_sequence = 1;
  TimeNs created_time = 0;
  std::uint64_t salt = 0;
};

/// Appends the 48-byte header.
void encode_segment_header(const SegmentHeader& header, std::string& out);

/// Decodes a header from the first bytes of a segment. Error codes: "short_header",
/// "bad_magic", "bad_version", "bad_header_crc", "bad_first_sequence" (0).
Result<SegmentHeader> decode_segment_header(std::string_view bytes);

/// CRC-32C state after the 8 salt bytes: the seed of every check in a segment.
std::uint32_t salt_seed(std::uint64_t salt);

/// Bytes one record takes on disk.
inline std::size_t frame_size(std::size_t source_id_size, std::size_t payload_size) {
  return kFrameHeaderSize + kRecordFixedSize + source_id_size + payload_size;
}

/// Appends one frame. `source_id` must be at most kMaxSourceIdSize bytes.
void encode_frame(std::uint32_t seed, Sequence sequence, TimeNs receive_time,
                  std::string_view source_id, std::string_view payload, std::string& out);

/// One record; the views point into the bytes it was decoded from.
struct RecordView {
  Sequence sequence = 0;
  TimeNs receive_time = 0;
  std::string_view source_id;
  std::string_view payload;
};

/// Why bytes at a position are not a valid frame (stable codes via to_string).
enum class FrameDefect : std::uint8_t {
  kNone,
  kTruncatedFrame,   ///< the bytes end inside the frame header or body
  kBadMarker,        ///< no frame marker
  kBadHeaderCheck,   ///< marker present but the length's check fails
  kBadLength,        ///< body length below the fixed part or above kMaxFrameBodySize
  kBadBodyCheck,     ///< body CRC mismatch
  kBadSourceLength,  ///< source id runs past the body
  kStaleSequence,    ///< valid frame not after the previous record, or the reserved 2^64-1
  kZeroFilled,       ///< a damaged region made only of zero bytes (unwritten blocks)
  kSequenceGap,      ///< valid records whose sequences skip numbers
};

const char* to_string(FrameDefect defect);

/// Outcome of decoding the frame that starts at `bytes[0]`.
struct FrameParse {
  FrameDefect defect = FrameDefect::kNone;
  std::size_t size = 0;  ///< bytes of the frame when defect == kNone
  RecordView record;
};

/// Decodes the frame at the start of `bytes` (never reads past it). Sequence order is not
/// checked here.
FrameParse parse_frame(std::uint32_t seed, std::string_view bytes);

/// True when `bytes` starts with a marker and a header check that validates: the start
/// of a frame written for this segment, though its body may be missing or damaged.
bool has_frame_header(std::uint32_t seed, std::string_view bytes);

}  // namespace sw::store
