#include "store/journal/segment_scanner.h"

#include <algorithm>
#include <limits>

namespace sw::store {

SegmentScanner::SegmentScanner(std::string_view segment, std::uint64_t salt,
                               Sequence first_sequence)
    : segment_(segment),
      seed_(salt_seed(salt)),
      next_minimum_(first_sequence),
      position_(std::min(segment.size(), kSegmentHeaderSize)),
      valid_end_(position_) {}

FrameParse SegmentScanner::parse_at(std::size_t offset) const {
  FrameParse parse = parse_frame(seed_, segment_.substr(offset));
  // The largest sequence is never written (the writer stops before it), so next_minimum_
  // cannot wrap.
  if (parse.defect == FrameDefect::kNone &&
      (parse.record.sequence < next_minimum_ ||
       parse.record.sequence == std::numeric_limits<Sequence>::max())) {
    parse.defect = FrameDefect::kStaleSequence;
  }
  return parse;
}

std::size_t SegmentScanner::find_next_frame(std::size_t offset) const {
  std::size_t candidate = offset;
  while (true) {
    candidate = segment_.find(kFrameMarker, candidate + 1);
    if (candidate == std::string_view::npos) return segment_.size();
    // The header check rejects a false marker without touching its body.
    if (has_frame_header(seed_, segment_.substr(candidate)) &&
        parse_at(candidate).defect == FrameDefect::kNone) {
      return candidate;
    }
  }
}

std::uint64_t SegmentScanner::count_frame_headers(std::size_t begin, std::size_t end) const {
  std::uint64_t frames = 0;
  const std::string_view region = segment_.substr(0, end);
  for (std::size_t candidate = region.find(kFrameMarker, begin);
       candidate != std::string_view::npos; candidate = region.find(kFrameMarker, candidate + 1)) {
    if (has_frame_header(seed_, region.substr(candidate))) ++frames;
  }
  return std::max<std::uint64_t>(frames, 1);
}

bool SegmentScanner::all_zero(std::size_t begin, std::size_t end) const {
  return std::all_of(segment_.begin() + static_cast<std::ptrdiff_t>(begin),
                     segment_.begin() + static_cast<std::ptrdiff_t>(end),
                     [](char byte) { return byte == 0; });
}

SegmentScanner::Step SegmentScanner::next() {
  FrameParse parse;
  if (pending_record_) {
    pending_record_ = false;
    parse = pending_parse_;
  } else {
    if (position_ >= segment_.size()) return Step::kEnd;
    parse = parse_at(position_);
    if (parse.defect != FrameDefect::kNone) {
      const std::size_t resume = find_next_frame(position_);
      damage_ = DamagedRegion{};
      damage_.offset = position_;
      damage_.size = resume - position_;
      damage_.defect = all_zero(position_, resume) ? FrameDefect::kZeroFilled : parse.defect;
      damage_.frames = count_frame_headers(position_, resume);
      damage_.at_tail = resume == segment_.size();
      position_ = resume;
      return Step::kDamage;
    }
    if (parse.record.sequence > next_minimum_) {
      // A valid record after a hole in the numbering: report the gap first.
      damage_ = DamagedRegion{};
      damage_.offset = position_;
      damage_.defect = FrameDefect::kSequenceGap;
      damage_.missing_from = next_minimum_;
      damage_.missing_to = parse.record.sequence - 1;
      pending_record_ = true;
      pending_parse_ = parse;
      return Step::kDamage;
    }
  }
  record_ = parse.record;
  record_offset_ = position_;
  record_size_ = parse.size;
  position_ += parse.size;
  valid_end_ = position_;
  last_sequence_ = parse.record.sequence;
  next_minimum_ = parse.record.sequence + 1;
  return Step::kRecord;
}

}  // namespace sw::store
