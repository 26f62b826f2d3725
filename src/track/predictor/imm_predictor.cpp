#include "track/predictor/imm_predictor.h"

#include <cassert>
#include <utility>

#include "track/predictor/kalman_predictor.h"

namespace sw::track {

ImmPredictor::ImmPredictor(std::vector<const TransitionModel*> models, Eigen::MatrixXd switching,
                           std::vector<double> initial_probabilities)
    : models_(std::move(models)),
      switching_(std::move(switching)),
      initial_probabilities_(std::move(initial_probabilities)) {
  assert(!models_.empty() && static_cast<int>(models_.size()) <= kMaxModes);
  assert(switching_.rows() == mode_count() && switching_.cols() == mode_count());
  assert(static_cast<int>(initial_probabilities_.size()) == mode_count());
}

GaussianState combine_modes(const TrackState& state) {
  GaussianState combined;
  combined.mean.setZero();
  for (int mode_idx = 0; mode_idx < state.mode_count; ++mode_idx) {
    combined.mean += state.mode_probabilities[mode_idx] * state.modes[mode_idx].mean;
  }
  combined.covariance.setZero();
  for (int mode_idx = 0; mode_idx < state.mode_count; ++mode_idx) {
    const StateVector spread = state.modes[mode_idx].mean - combined.mean;
    combined.covariance += state.mode_probabilities[mode_idx] *
                           (state.modes[mode_idx].covariance + spread * spread.transpose());
  }
  return combined;
}

TrackState ImmPredictor::predict(const TrackState& prior, TimeNs time) const {
  const int count = mode_count();
  TrackState modes = prior;
  if (modes.mode_count != count) {  // a new track: every model starts from the estimate
    modes.mode_count = count;
    for (int mode_idx = 0; mode_idx < count; ++mode_idx) {
      modes.modes[mode_idx] = prior.estimate;
      modes.mode_probabilities[mode_idx] = initial_probabilities_[mode_idx];
    }
  }
  const double dt = seconds_between(prior.time, time);
  TrackState predicted;
  predicted.time = time;
  predicted.mode_count = count;
  for (int to_idx = 0; to_idx < count; ++to_idx) {
    // Mixing: P(model i at k | model j at k+1) and the mixed prior of model j.
    double normaliser = 0.0;
    std::array<double, kMaxModes> mixing{};
    for (int from_idx = 0; from_idx < count; ++from_idx) {
      mixing[from_idx] = switching_(from_idx, to_idx) * modes.mode_probabilities[from_idx];
      normaliser += mixing[from_idx];
    }
    GaussianState mixed;
    mixed.mean.setZero();
    mixed.covariance.setZero();
    if (normaliser <= 0.0) {
      mixed = modes.modes[to_idx];
    } else {
      for (int from_idx = 0; from_idx < count; ++from_idx) {
        mixing[from_idx] /= normaliser;
        mixed.mean += mixing[from_idx] * modes.modes[from_idx].mean;
      }
      for (int from_idx = 0; from_idx < count; ++from_idx) {
        const StateVector spread = modes.modes[from_idx].mean - mixed.mean;
        mixed.covariance +=
            mixing[from_idx] * (modes.modes[from_idx].covariance + spread * spread.transpose());
      }
    }
    predicted.modes[to_idx] = KalmanPredictor::predict_gaussian(*models_[to_idx], mixed, dt);
    predicted.mode_probabilities[to_idx] = normaliser;
  }
  predicted.estimate = combine_modes(predicted);
  return predicted;
}

}  // namespace sw::track
