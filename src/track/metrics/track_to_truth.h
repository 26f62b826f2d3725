#pragma once
/// TrackToTruthCounter: scenario-level counts from per-scan optimal assignments —
/// missed truths, false tracks and identity switches (a truth whose assigned track id
/// changes from the last track it was assigned to).

#include <cstdint>
#include <span>
#include <unordered_map>

namespace sw::track {

/// Totals over all scans fed so far.
struct TrackToTruthCounts {
  std::uint64_t scans = 0;
  std::uint64_t truth_points = 0;
  std::uint64_t track_points = 0;
  std::uint64_t missed = 0;
  std::uint64_t false_tracks = 0;
  std::uint64_t id_switches = 0;
};

/// Accumulates counts scan by scan.
class TrackToTruthCounter {
 public:
  /// `truth_to_track[i]` indexes `track_ids` or is -1 (from GospaMetric).
  void add_scan(std::span<const std::int64_t> truth_ids, std::span<const std::int64_t> track_ids,
                std::span<const std::int32_t> truth_to_track);
  const TrackToTruthCounts& counts() const { return counts_; }

 private:
  TrackToTruthCounts counts_;
  std::unordered_map<std::int64_t, std::int64_t> last_track_of_truth_;
};

}  // namespace sw::track
