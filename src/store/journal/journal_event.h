#pragma once
/// JournalEvent and JournalStats: what the journal reports about damage, recovery and
/// retention, and its counters. Nothing is dropped without an event.

#include <cstdint>
#include <string>

#include "store/journal/journal_format.h"

namespace sw::store {

/// Kind of a journal event.
enum class JournalEventKind : std::uint8_t {
  kTailTruncated,       ///< recovery cut a torn or corrupt tail off the last segment
  kCorruptRegion,       ///< bytes skipped inside a segment; reading resumed after them
  kIncompleteTail,      ///< reader: the last segment ends inside a frame (torn or being written)
  kSequenceGap,         ///< records missing from the numbering (after damage, or a lost segment)
  kSegmentQuarantined,  ///< a segment whose header is unreadable, renamed to `<name>.corrupt`
  kSegmentDeleted,      ///< retention removed a segment (reason "size" or "age")
  kIoError,             ///< a system call failed (reason is the call, detail the errno text)
};

const char* to_string(JournalEventKind kind);

/// One report. Fields that do not apply are 0 / empty.
struct JournalEvent {
  JournalEventKind kind = JournalEventKind::kCorruptRegion;
  std::string segment;          ///< file name (no directory)
  std::uint64_t offset = 0;     ///< byte offset in the segment
  std::uint64_t bytes = 0;      ///< bytes dropped, skipped or deleted
  std::uint64_t records = 0;    ///< records dropped or skipped (estimated from frame headers)
  Sequence first_sequence = 0;  ///< gap or deleted segment: first sequence concerned
  Sequence last_sequence = 0;   ///< gap or deleted segment: last sequence concerned (0 = unknown)
  std::string reason;           ///< stable code, e.g. "truncated_frame", "bad_body_check", "age"
};

/// Counters of a JournalWriter (read on the writer thread).
struct JournalStats {
  std::uint64_t records = 0;  ///< records appended
  std::uint64_t bytes = 0;    ///< frame bytes written (headers excluded)
  std::uint64_t fsyncs = 0;
  std::uint64_t batches = 0;      ///< commits that wrote at least one record
  std::uint64_t truncations = 0;  ///< torn tails cut at open
  std::uint64_t truncated_bytes = 0;
  std::uint64_t truncated_records = 0;
  std::uint64_t corrupt_regions = 0;  ///< damaged regions found in the recovered segment
  std::uint64_t segments_created = 0;
  std::uint64_t segments_deleted = 0;
  std::uint64_t deleted_bytes = 0;
  std::uint64_t quarantined_segments = 0;
  std::uint64_t io_errors = 0;
};

}  // namespace sw::store
