#include "store/journal/journal_reader.h"

#include <algorithm>
#include <utility>

namespace sw::store {

JournalReader::JournalReader(std::string directory, std::vector<SegmentFile> segments,
                             Sequence from, std::uint64_t max_segment_bytes)
    : directory_(std::move(directory)),
      segments_(std::move(segments)),
      from_(from),
      max_segment_bytes_(max_segment_bytes) {}

Result<JournalReader> JournalReader::open(const std::string& directory, Sequence from,
                                          std::uint64_t max_segment_bytes) {
  auto listed = list_segments(directory);
  if (!listed) return listed.error();
  std::vector<SegmentFile> segments = std::move(*listed);
  // Start at the last segment whose first sequence is at or before `from`.
  std::size_t start_idx = 0;
  for (std::size_t segment_idx = 0; segment_idx < segments.size(); ++segment_idx) {
    if (segments[segment_idx].first_sequence <= from) start_idx = segment_idx;
  }
  segments.erase(segments.begin(), segments.begin() + static_cast<std::ptrdiff_t>(start_idx));
  return JournalReader(directory, std::move(segments), from, max_segment_bytes);
}

void JournalReader::report(JournalEvent event) { events_.push_back(std::move(event)); }

bool JournalReader::load_segment() {
  const SegmentFile& segment = segments_[segment_idx_];
  ++stats_.segments;
  auto bytes = read_whole_file(join_path(directory_, segment.name), max_segment_bytes_);
  JournalEvent event;
  event.kind = JournalEventKind::kCorruptRegion;
  event.segment = segment.name;
  event.first_sequence = segment.first_sequence;
  if (!bytes) {
    event.kind = JournalEventKind::kIoError;
    event.bytes = segment.size;
    event.reason = bytes.error().code == "file_too_large" ? "file_too_large" : bytes.error().detail;
  } else if (const auto header = decode_segment_header(*bytes); !header) {
    event.bytes = bytes->size();
    event.reason = header.error().code;
  } else if (header->first_sequence != segment.first_sequence) {
    event.bytes = bytes->size();
    event.reason = "name_mismatch";
  } else {
    buffer_ = std::move(*bytes);
    const Sequence minimum = std::max(header->first_sequence, last_sequence_ + 1);
    if (last_sequence_ != 0 && header->first_sequence > last_sequence_ + 1) {
      JournalEvent gap;
      gap.kind = JournalEventKind::kSequenceGap;
      gap.segment = segment.name;
      gap.first_sequence = last_sequence_ + 1;
      gap.last_sequence = header->first_sequence - 1;
      gap.reason = "missing_records";
      ++stats_.sequence_gaps;
      report(std::move(gap));
    }
    scanner_.emplace(buffer_, header->salt, minimum);
    return true;
  }
  ++stats_.unreadable_segments;
  stats_.skipped_bytes += event.bytes;
  report(std::move(event));
  return false;
}

void JournalReader::report_damage(const DamagedRegion& damage) {
  JournalEvent event;
  event.segment = segments_[segment_idx_].name;
  event.offset = damage.offset;
  event.reason = to_string(damage.defect);
  if (damage.defect == FrameDefect::kSequenceGap) {
    event.kind = JournalEventKind::kSequenceGap;
    event.first_sequence = damage.missing_from;
    event.last_sequence = damage.missing_to;
    ++stats_.sequence_gaps;
  } else {
    const bool last_segment = segment_idx_ + 1 == segments_.size();
    event.kind = damage.at_tail && last_segment ? JournalEventKind::kIncompleteTail
                                                : JournalEventKind::kCorruptRegion;
    event.bytes = damage.size;
    event.records = damage.frames;
    stats_.skipped_bytes += damage.size;
    if (event.kind == JournalEventKind::kCorruptRegion) ++stats_.corrupt_regions;
  }
  report(std::move(event));
}

std::optional<RecordView> JournalReader::next() {
  while (segment_idx_ < segments_.size()) {
    if (!scanner_) {
      if (!load_segment()) {
        ++segment_idx_;
        continue;
      }
    }
    const SegmentScanner::Step step = scanner_->next();
    if (step == SegmentScanner::Step::kEnd) {
      scanner_.reset();
      ++segment_idx_;
      continue;
    }
    if (step == SegmentScanner::Step::kDamage) {
      // A gap below `from` is the skipped prefix, not a loss.
      const DamagedRegion& damage = scanner_->damage();
      if (damage.defect != FrameDefect::kSequenceGap || damage.missing_to >= from_) {
        report_damage(damage);
      }
      continue;
    }
    const RecordView& record = scanner_->record();
    last_sequence_ = record.sequence;
    if (record.sequence < from_) continue;
    ++stats_.records;
    stats_.payload_bytes += record.payload.size();
    return record;
  }
  return std::nullopt;
}

}  // namespace sw::store
