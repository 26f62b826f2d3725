#include "track/metrics/track_to_truth.h"

namespace sw::track {

void TrackToTruthCounter::add_scan(std::span<const std::int64_t> truth_ids,
                                   std::span<const std::int64_t> track_ids,
                                   std::span<const std::int32_t> truth_to_track) {
  ++counts_.scans;
  counts_.truth_points += truth_ids.size();
  counts_.track_points += track_ids.size();
  std::uint64_t assigned = 0;
  for (std::size_t truth_idx = 0; truth_idx < truth_ids.size(); ++truth_idx) {
    const std::int32_t track_idx = truth_to_track[truth_idx];
    if (track_idx < 0) {
      ++counts_.missed;
      continue;
    }
    ++assigned;
    const std::int64_t track_id = track_ids[track_idx];
    auto [entry, inserted] = last_track_of_truth_.try_emplace(truth_ids[truth_idx], track_id);
    if (!inserted && entry->second != track_id) {
      ++counts_.id_switches;
      entry->second = track_id;
    }
  }
  counts_.false_tracks += track_ids.size() - assigned;
}

}  // namespace sw::track
