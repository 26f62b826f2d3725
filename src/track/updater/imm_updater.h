#pragma once
/// ImmUpdater: interacting-multiple-model update (one extended Kalman update per mode,
/// mode probabilities re-weighted by each mode's measurement likelihood).

#include "track/updater/updater.h"

namespace sw::track {

/// IMM correction of a state predicted by ImmPredictor.
class ImmUpdater final : public Updater {
 public:
  MeasurementPrediction predict_measurement(const TrackState& predicted,
                                            const MeasurementModel& model) const override;
  TrackState update(const TrackState& predicted, const Detection& detection) const override;
  /// Per-mode PDA update with the same association weights in every mode; the mode
  /// likelihood is the weighted sum of the detections' likelihoods (the missed-detection
  /// term does not discriminate between modes and is left out).
  TrackState update_mixture(const TrackState& predicted,
                            std::span<const WeightedDetection> detections,
                            double missed_weight) const override;
};

}  // namespace sw::track
