#include "track/updater/apply_associations.h"

namespace sw::track {
namespace {
/// A mixture whose missed-detection weight is at least this does not count as an update
/// for deleters and initiators (weak clutter in the gate must not keep a track alive).
constexpr double kMissedWeightLimit = 0.5;
}  // namespace

void apply_associations(std::span<Track> tracks, std::span<const TrackState> predictions,
                        std::span<const Detection> detections, const Associations& associations,
                        const Updater& updater, std::vector<WeightedDetection>& scratch) {
  std::size_t entry_idx = 0;
  const auto& entries = associations.entries;
  for (std::size_t track_idx = 0; track_idx < tracks.size(); ++track_idx) {
    Track& track = tracks[track_idx];
    const TrackState& prediction = predictions[track_idx];
    const std::size_t first = entry_idx;
    while (entry_idx < entries.size() && entries[entry_idx].track == track_idx) ++entry_idx;
    const std::size_t count = entry_idx - first;
    if (count == 0) {
      track.state = prediction;
      ++track.consecutive_misses;
      continue;
    }
    const double missed_weight = associations.missed_weight[track_idx];
    if (count == 1 && missed_weight == 0.0 && entries[first].weight == 1.0) {
      track.state = updater.update(prediction, detections[entries[first].detection]);
    } else {
      scratch.clear();
      for (std::size_t slot = first; slot < entry_idx; ++slot) {
        scratch.push_back({&detections[entries[slot].detection], entries[slot].weight});
      }
      track.state = updater.update_mixture(prediction, scratch, missed_weight);
    }
    track.state.time = prediction.time;
    if (missed_weight >= kMissedWeightLimit) {  // mostly a missed detection: not an update
      ++track.consecutive_misses;
      continue;
    }
    track.last_update_time = prediction.time;
    track.consecutive_misses = 0;
    ++track.update_count;
  }
}

}  // namespace sw::track
