#pragma once
/// KnownTurnRate: coordinated turn at a fixed, known turn rate (Stone Soup's
/// KnownTurnRate), with the same white-acceleration noise as ConstantVelocity.

#include "track/models/transition_model.h"

namespace sw::track {

/// Constant speed on a circle at `turn_rate` rad/s (positive = anticlockwise).
class KnownTurnRate final : public TransitionModel {
 public:
  KnownTurnRate(double noise_diffusion, double turn_rate)
      : q_(noise_diffusion), turn_rate_(turn_rate) {}

  StateVector function(const StateVector& state, double dt) const override;
  StateMatrix jacobian(const StateVector& state, double dt) const override;
  StateMatrix noise_covariance(const StateVector& state, double dt) const override;

 private:
  double q_;
  double turn_rate_;
};

}  // namespace sw::track
