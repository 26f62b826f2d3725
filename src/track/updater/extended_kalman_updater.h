#pragma once
/// ExtendedKalmanUpdater: Kalman update linearised at the prediction; for linear
/// measurement models (Cartesian position) it is exactly the Kalman update.

#include "track/updater/updater.h"

namespace sw::track {

/// Extended Kalman update of a single-model state (modes are dropped).
class ExtendedKalmanUpdater final : public Updater {
 public:
  MeasurementPrediction predict_measurement(const TrackState& predicted,
                                            const MeasurementModel& model) const override;
  TrackState update(const TrackState& predicted, const Detection& detection) const override;
  TrackState update_mixture(const TrackState& predicted,
                            std::span<const WeightedDetection> detections,
                            double missed_weight) const override;

  /// The Gaussian pieces, shared with the IMM updater.
  static MeasurementPrediction predict_gaussian(const GaussianState& predicted,
                                                const MeasurementModel& model);
  static GaussianState update_gaussian(const GaussianState& predicted,
                                       const MeasurementPrediction& prediction,
                                       const MeasurementModel& model,
                                       const MeasurementVector& measurement);
  static GaussianState mixture_gaussian(const GaussianState& predicted,
                                        std::span<const WeightedDetection> detections,
                                        double missed_weight);
};

}  // namespace sw::track
