#pragma once
/// KalmanPredictor: (extended) Kalman prediction through one transition model.

#include "track/models/transition_model.h"
#include "track/predictor/predictor.h"

namespace sw::track {

/// x' = f(x), P' = F P F' + Q with F the model's Jacobian (its matrix when linear).
class KalmanPredictor final : public Predictor {
 public:
  explicit KalmanPredictor(const TransitionModel& model) : model_(&model) {}
  TrackState predict(const TrackState& prior, TimeNs time) const override;

  /// One Gaussian through `model` over `dt` seconds.
  static GaussianState predict_gaussian(const TransitionModel& model, const GaussianState& prior,
                                        double dt);

 private:
  const TransitionModel* model_;
};

}  // namespace sw::track
