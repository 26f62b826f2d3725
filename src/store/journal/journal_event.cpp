#include "store/journal/journal_event.h"

namespace sw::store {

const char* to_string(JournalEventKind kind) {
  switch (kind) {
    case JournalEventKind::kTailTruncated: return "tail_truncated";
    case JournalEventKind::kCorruptRegion: return "corrupt_region";
    case JournalEventKind::kIncompleteTail: return "incomplete_tail";
    case JournalEventKind::kSequenceGap: return "sequence_gap";
    case JournalEventKind::kSegmentQuarantined: return "segment_quarantined";
    case JournalEventKind::kSegmentDeleted: return "segment_deleted";
    case JournalEventKind::kIoError: return "io_error";
  }
  return "unknown";
}

}  // namespace sw::store
