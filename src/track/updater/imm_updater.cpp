#include "track/updater/imm_updater.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "track/predictor/imm_predictor.h"
#include "track/updater/extended_kalman_updater.h"

namespace sw::track {
namespace {

/// Normalises mode probabilities from log weights; falls back to the priors if all vanish.
void normalise_modes(TrackState& state, const std::array<double, kMaxModes>& log_weights) {
  double best = -std::numeric_limits<double>::infinity();
  for (int mode_idx = 0; mode_idx < state.mode_count; ++mode_idx) {
    best = std::max(best, log_weights[mode_idx]);
  }
  if (!std::isfinite(best)) return;
  double total = 0.0;
  std::array<double, kMaxModes> weights{};
  for (int mode_idx = 0; mode_idx < state.mode_count; ++mode_idx) {
    weights[mode_idx] = std::exp(log_weights[mode_idx] - best);
    total += weights[mode_idx];
  }
  for (int mode_idx = 0; mode_idx < state.mode_count; ++mode_idx) {
    state.mode_probabilities[mode_idx] = std::max(weights[mode_idx] / total, 1e-12);
  }
}

}  // namespace

MeasurementPrediction ImmUpdater::predict_measurement(const TrackState& predicted,
                                                      const MeasurementModel& model) const {
  return ExtendedKalmanUpdater::predict_gaussian(predicted.estimate, model);
}

TrackState ImmUpdater::update(const TrackState& predicted, const Detection& detection) const {
  if (predicted.mode_count == 0) return ExtendedKalmanUpdater().update(predicted, detection);
  TrackState updated = predicted;
  std::array<double, kMaxModes> log_weights{};
  for (int mode_idx = 0; mode_idx < predicted.mode_count; ++mode_idx) {
    const MeasurementPrediction prediction =
        ExtendedKalmanUpdater::predict_gaussian(predicted.modes[mode_idx], *detection.model);
    updated.modes[mode_idx] = ExtendedKalmanUpdater::update_gaussian(
        predicted.modes[mode_idx], prediction, *detection.model, detection.value);
    log_weights[mode_idx] =
        std::log(std::max(predicted.mode_probabilities[mode_idx], 1e-300)) -
        0.5 * mahalanobis_squared(prediction, *detection.model, detection.value) -
        prediction.log_normaliser;
  }
  normalise_modes(updated, log_weights);
  updated.estimate = combine_modes(updated);
  return updated;
}

TrackState ImmUpdater::update_mixture(const TrackState& predicted,
                                      std::span<const WeightedDetection> detections,
                                      double missed_weight) const {
  if (predicted.mode_count == 0) {
    return ExtendedKalmanUpdater().update_mixture(predicted, detections, missed_weight);
  }
  TrackState updated = predicted;
  std::array<double, kMaxModes> log_weights{};
  for (int mode_idx = 0; mode_idx < predicted.mode_count; ++mode_idx) {
    const GaussianState& mode = predicted.modes[mode_idx];
    updated.modes[mode_idx] =
        ExtendedKalmanUpdater::mixture_gaussian(mode, detections, missed_weight);
    double likelihood = 0.0;
    for (const WeightedDetection& weighted : detections) {
      const MeasurementPrediction prediction =
          ExtendedKalmanUpdater::predict_gaussian(mode, *weighted.detection->model);
      likelihood += weighted.weight *
                    std::exp(-0.5 * mahalanobis_squared(prediction, *weighted.detection->model,
                                                        weighted.detection->value) -
                             prediction.log_normaliser);
    }
    log_weights[mode_idx] = std::log(std::max(predicted.mode_probabilities[mode_idx], 1e-300)) +
                            (detections.empty() ? 0.0 : std::log(std::max(likelihood, 1e-300)));
  }
  normalise_modes(updated, log_weights);
  updated.estimate = combine_modes(updated);
  return updated;
}

}  // namespace sw::track
