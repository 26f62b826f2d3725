#pragma once
/// ConstantVelocity: nearly-constant-velocity motion on both axes, Stone Soup's
/// parameterisation (noise diffusion coefficient q in m^2/s^3, exact discretisation).

#include "track/models/transition_model.h"

namespace sw::track {

/// Per axis F = [[1, dt], [0, 1]], Q = q [[dt^3/3, dt^2/2], [dt^2/2, dt]].
class ConstantVelocity final : public TransitionModel {
 public:
  explicit ConstantVelocity(double noise_diffusion) : q_(noise_diffusion) {}

  double noise_diffusion() const { return q_; }
  StateVector function(const StateVector& state, double dt) const override;
  StateMatrix jacobian(const StateVector& state, double dt) const override;
  StateMatrix noise_covariance(const StateVector& state, double dt) const override;

 private:
  double q_;
};

}  // namespace sw::track
