#pragma once
/// Updater: corrects a predicted state with detections (Stone Soup's role of the same name).

#include <span>

#include "track/models/measurement_model.h"
#include "track/state.h"

namespace sw::track {

/// Predicted measurement of a state: mean, innovation covariance S and its inverse,
/// state-measurement cross-covariance, and log(2 pi sqrt(det S)) for likelihoods.
struct MeasurementPrediction {
  MeasurementVector mean = MeasurementVector::Zero();
  MeasurementMatrix covariance = MeasurementMatrix::Identity();
  MeasurementMatrix inverse = MeasurementMatrix::Identity();
  GainMatrix cross_covariance = GainMatrix::Zero();
  double log_normaliser = 0.0;
};

/// A detection with its association probability (JPDA) or 1 (nearest neighbour).
struct WeightedDetection {
  const Detection* detection = nullptr;
  double weight = 0.0;
};

/// Kalman-family correction of a TrackState.
class Updater {
 public:
  virtual ~Updater() = default;
  /// Predicted measurement of the (combined) predicted state under `model`.
  virtual MeasurementPrediction predict_measurement(const TrackState& predicted,
                                                    const MeasurementModel& model) const = 0;
  /// Update with one detection.
  virtual TrackState update(const TrackState& predicted, const Detection& detection) const = 0;
  /// Probabilistic-data-association update: a mixture of the per-detection updates
  /// weighted by `detections[i].weight` and of the prediction weighted by `missed_weight`
  /// (weights sum to 1), reduced to one Gaussian by moment matching.
  virtual TrackState update_mixture(const TrackState& predicted,
                                    std::span<const WeightedDetection> detections,
                                    double missed_weight) const = 0;
};

/// Mahalanobis distance squared of `measurement` from `prediction` under `model`.
double mahalanobis_squared(const MeasurementPrediction& prediction, const MeasurementModel& model,
                           const MeasurementVector& measurement);

}  // namespace sw::track
