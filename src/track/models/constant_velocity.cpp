#include "track/models/constant_velocity.h"

namespace sw::track {

StateVector ConstantVelocity::function(const StateVector& state, double dt) const {
  StateVector next = state;
  next(0) += dt * state(1);
  next(2) += dt * state(3);
  return next;
}

StateMatrix ConstantVelocity::jacobian(const StateVector& /*state*/, double dt) const {
  StateMatrix transition = StateMatrix::Identity();
  transition(0, 1) = dt;
  transition(2, 3) = dt;
  return transition;
}

StateMatrix ConstantVelocity::noise_covariance(const StateVector& /*state*/, double dt) const {
  const double dt2 = dt * dt;
  const double position = q_ * dt2 * dt / 3.0;
  const double cross = q_ * dt2 / 2.0;
  const double velocity = q_ * dt;
  StateMatrix noise = StateMatrix::Zero();
  noise(0, 0) = position;
  noise(0, 1) = cross;
  noise(1, 0) = cross;
  noise(1, 1) = velocity;
  noise(2, 2) = position;
  noise(2, 3) = cross;
  noise(3, 2) = cross;
  noise(3, 3) = velocity;
  return noise;
}

}  // namespace sw::track
