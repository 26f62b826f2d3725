#pragma once
/// JournalReader: iterates the journal's records in sequence order from a given sequence,
/// for replay. Robust to arbitrary bytes: damaged regions are skipped (see SegmentScanner
/// for the resynchronisation policy) and reported as events, never returned as records.
///
/// Damage policy (the writer never rewrites old segments, so it is met here): a corrupt
/// record anywhere is reported as kCorruptRegion (offset, bytes, estimated records, reason)
/// followed by kSequenceGap naming the sequences lost, and reading resumes at the next
/// frame that validates; when none follows, the rest of that segment is reported and
/// reading goes on with the next segment. A segment whose header does not decode (or whose
/// name disagrees with it) is skipped whole and reported. Sequences never go backwards:
/// a valid frame numbered at or below the last record returned is skipped as stale.
///
/// The segment list is taken when the reader opens; segments created later are not read.
/// Each segment is read whole into memory (bounded by `max_segment_bytes`). A reader may
/// run while a writer appends: the active segment's unfinished tail is reported as
/// kIncompleteTail, not as corruption.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/journal/journal_event.h"
#include "store/journal/journal_format.h"
#include "store/journal/segment_files.h"
#include "store/journal/segment_scanner.h"

namespace sw::store {

/// Counters of a JournalReader.
struct JournalReadStats {
  std::uint64_t records = 0;  ///< records returned
  std::uint64_t payload_bytes = 0;
  std::uint64_t segments = 0;         ///< segments opened
  std::uint64_t corrupt_regions = 0;  ///< damaged regions skipped (incomplete tail excluded)
  std::uint64_t skipped_bytes = 0;    ///< bytes in damaged regions and unreadable segments
  std::uint64_t sequence_gaps = 0;
  std::uint64_t unreadable_segments = 0;  ///< bad header, I/O error or too large
};

class JournalReader {
 public:
  /// Largest segment file read (larger ones are reported and skipped).
  static constexpr std::uint64_t kDefaultMaxSegmentBytes = 1ULL << 30U;

  /// Opens the journal in `directory` for reading records with sequence >= `from`.
  static Result<JournalReader> open(const std::string& directory, Sequence from = 1,
                                    std::uint64_t max_segment_bytes = kDefaultMaxSegmentBytes);

  /// The next record, or nullopt at the end of the journal. The views stay valid until
  /// the next call.
  std::optional<RecordView> next();

  /// Damage, gaps and unreadable segments met so far.
  const std::vector<JournalEvent>& events() const { return events_; }
  const JournalReadStats& stats() const { return stats_; }

 private:
  JournalReader(std::string directory, std::vector<SegmentFile> segments, Sequence from,
                std::uint64_t max_segment_bytes);

  /// Loads segments_[segment_idx_]; false when it is unreadable (reported).
  bool load_segment();
  void report_damage(const DamagedRegion& damage);
  void report(JournalEvent event);

  std::string directory_;
  std::vector<SegmentFile> segments_;
  Sequence from_;
  std::uint64_t max_segment_bytes_;
  std::size_t segment_idx_ = 0;
  std::string buffer_;
  std::optional<SegmentScanner> scanner_;
  Sequence last_sequence_ = 0;
  std::vector<JournalEvent> events_;
  JournalReadStats stats_;
};

}  // namespace sw::store
