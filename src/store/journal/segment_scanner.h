#pragma once
/// SegmentScanner: walks the frames of one segment's bytes and yields, in file order,
/// valid records and damaged regions. Shared by recovery (JournalWriter::open) and replay
/// (JournalReader), and safe on arbitrary bytes.
///
/// Resynchronisation policy: at a position that is not a valid frame, the scanner looks
/// for the next position holding a frame marker whose salted header check, body check and
/// sequence (greater than the previous record's) all validate, reports the bytes in
/// between as one damaged region, and continues there. When no such frame follows, the
/// region runs to the end of the bytes and is flagged `at_tail`: in the last segment that
/// is a torn write, elsewhere lost data. Records are never invented: a frame must pass
/// two salted CRC-32C checks to be returned.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "store/journal/journal_format.h"

namespace sw::store {

/// A run of bytes that holds no valid record.
struct DamagedRegion {
  std::size_t offset = 0;  ///< from the start of the segment file
  std::size_t size = 0;
  FrameDefect defect = FrameDefect::kNone;  ///< why the first frame of the region failed
  /// Frames that started in the region (intact salted frame headers), at least 1 when
  /// size > 0: an estimate of the records lost.
  std::uint64_t frames = 0;
  Sequence missing_from = 0;  ///< for kSequenceGap: first missing sequence
  Sequence missing_to = 0;    ///< for kSequenceGap: last missing sequence
  bool at_tail = false;       ///< no valid record follows in these bytes
};

class SegmentScanner {
 public:
  /// `segment` is the whole file; scanning starts after the header. Records must have
  /// sequences of at least `first_sequence`, strictly increasing.
  SegmentScanner(std::string_view segment, std::uint64_t salt, Sequence first_sequence);

  enum class Step : std::uint8_t { kRecord, kDamage, kEnd };

  /// Advances to the next record or damaged region.
  Step next();

  /// The record of the last kRecord step (views into the segment bytes).
  const RecordView& record() const { return record_; }
  /// File offset and size of the last record's frame.
  std::size_t record_offset() const { return record_offset_; }
  std::size_t record_size() const { return record_size_; }
  /// The region of the last kDamage step.
  const DamagedRegion& damage() const { return damage_; }

  /// Offset just past the last valid record (the header size if none).
  std::size_t valid_end() const { return valid_end_; }
  /// Sequence of the last valid record, or 0.
  Sequence last_sequence() const { return last_sequence_; }

 private:
  /// Parses at `offset`, also checking sequence order.
  FrameParse parse_at(std::size_t offset) const;
  /// Next offset after `offset` where a valid in-order frame starts, or the end.
  std::size_t find_next_frame(std::size_t offset) const;
  std::uint64_t count_frame_headers(std::size_t begin, std::size_t end) const;
  bool all_zero(std::size_t begin, std::size_t end) const;

  std::string_view segment_;
  std::uint32_t seed_;
  Sequence next_minimum_;
  std::size_t position_;
  std::size_t valid_end_;
  Sequence last_sequence_ = 0;
  RecordView record_;
  std::size_t record_offset_ = 0;
  std::size_t record_size_ = 0;
  DamagedRegion damage_;
  /// A gap found before a valid record: the record is returned by the next call.
  bool pending_record_ = false;
  FrameParse pending_parse_;
};

}  // namespace sw::store
