#include "track/updater/extended_kalman_updater.h"

#include <Eigen/LU>
#include <cmath>
#include <numbers>

namespace sw::track {

double mahalanobis_squared(const MeasurementPrediction& prediction, const MeasurementModel& model,
                           const MeasurementVector& measurement) {
  const MeasurementVector innovation = model.residual(measurement, prediction.mean);
  return innovation.dot(prediction.inverse * innovation);
}

MeasurementPrediction ExtendedKalmanUpdater::predict_gaussian(const GaussianState& predicted,
                                                              const MeasurementModel& model) {
  MeasurementPrediction prediction;
  const ObservationMatrix jacobian = model.jacobian(predicted.mean);
  prediction.mean = model.function(predicted.mean);
  prediction.cross_covariance = predicted.covariance * jacobian.transpose();
  prediction.covariance = jacobian * prediction.cross_covariance + model.noise_covariance();
  prediction.covariance = 0.5 * (prediction.covariance + prediction.covariance.transpose()).eval();
  prediction.inverse = prediction.covariance.inverse();
  prediction.log_normaliser =
      std::log(2.0 * std::numbers::pi) + 0.5 * std::log(prediction.covariance.determinant());
  return prediction;
}

GaussianState ExtendedKalmanUpdater::update_gaussian(const GaussianState& predicted,
                                                     const MeasurementPrediction& prediction,
                                                     const MeasurementModel& model,
                                                     const MeasurementVector& measurement) {
  const GainMatrix gain = prediction.cross_covariance * prediction.inverse;
  GaussianState updated;
  updated.mean = predicted.mean + gain * model.residual(measurement, prediction.mean);
  updated.covariance = predicted.covariance - gain * prediction.covariance * gain.transpose();
  updated.covariance = 0.5 * (updated.covariance + updated.covariance.transpose()).eval();
  return updated;
}

GaussianState ExtendedKalmanUpdater::mixture_gaussian(const GaussianState& predicted,
                                                      std::span<const WeightedDetection> detections,
                                                      double missed_weight) {
  // Moment matching of sum_i w_i N(x_i, P_i) + w_0 N(x_pred, P_pred).
  GaussianState combined;
  combined.mean = missed_weight * predicted.mean;
  combined.covariance = missed_weight * predicted.covariance;
  StateMatrix second_moment = missed_weight * predicted.mean * predicted.mean.transpose();
  const MeasurementModel* model = nullptr;
  MeasurementPrediction prediction;
  for (const WeightedDetection& weighted : detections) {
    if (weighted.detection->model != model) {
      model = weighted.detection->model;
      prediction = predict_gaussian(predicted, *model);
    }
    const GaussianState updated =
        update_gaussian(predicted, prediction, *model, weighted.detection->value);
    combined.mean += weighted.weight * updated.mean;
    combined.covariance += weighted.weight * updated.covariance;
    second_moment += weighted.weight * updated.mean * updated.mean.transpose();
  }
  combined.covariance += second_moment - combined.mean * combined.mean.transpose();
  combined.covariance = 0.5 * (combined.covariance + combined.covariance.transpose()).eval();
  return combined;
}

MeasurementPrediction ExtendedKalmanUpdater::predict_measurement(
    const TrackState& predicted, const MeasurementModel& model) const {
  return predict_gaussian(predicted.estimate, model);
}

TrackState ExtendedKalmanUpdater::update(const TrackState& predicted,
                                         const Detection& detection) const {
  TrackState updated;
  updated.time = predicted.time;
  updated.estimate =
      update_gaussian(predicted.estimate, predict_gaussian(predicted.estimate, *detection.model),
                      *detection.model, detection.value);
  return updated;
}

TrackState ExtendedKalmanUpdater::update_mixture(const TrackState& predicted,
                                                 std::span<const WeightedDetection> detections,
                                                 double missed_weight) const {
  TrackState updated;
  updated.time = predicted.time;
  updated.estimate = mixture_gaussian(predicted.estimate, detections, missed_weight);
  return updated;
}

}  // namespace sw::track
