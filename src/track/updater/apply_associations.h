#pragma once
/// apply_associations: the update step shared by the tracker and the initiator — each
/// track takes its updated state (one detection or a weighted mixture) or, with no
/// detection, its prediction, and its update counters move accordingly.

#include <span>
#include <vector>

#include "track/data_associator/data_associator.h"
#include "track/updater/updater.h"

namespace sw::track {

/// Updates `tracks[i]` from `predictions[i]` and the associations of track i.
void apply_associations(std::span<Track> tracks, std::span<const TrackState> predictions,
                        std::span<const Detection> detections, const Associations& associations,
                        const Updater& updater, std::vector<WeightedDetection>& scratch);

}  // namespace sw::track
