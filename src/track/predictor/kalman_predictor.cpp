#include "track/predictor/kalman_predictor.h"

namespace sw::track {

GaussianState KalmanPredictor::predict_gaussian(const TransitionModel& model,
                                                const GaussianState& prior, double dt) {
  GaussianState predicted;
  if (dt == 0.0) return prior;
  const StateMatrix transition = model.jacobian(prior.mean, dt);
  predicted.mean = model.function(prior.mean, dt);
  predicted.covariance = transition * prior.covariance * transition.transpose() +
                         model.noise_covariance(prior.mean, dt);
  return predicted;
}

TrackState KalmanPredictor::predict(const TrackState& prior, TimeNs time) const {
  TrackState predicted;
  predicted.time = time;
  predicted.estimate = predict_gaussian(*model_, prior.estimate, seconds_between(prior.time, time));
  return predicted;
}

}  // namespace sw::track
