#include "track/models/coordinated_turn.h"

#include <cmath>

#include "track/models/constant_velocity.h"

namespace sw::track {

StateVector KnownTurnRate::function(const StateVector& state, double dt) const {
  return jacobian(state, dt) * state;
}

StateMatrix KnownTurnRate::jacobian(const StateVector& state, double dt) const {
  if (std::abs(turn_rate_) < 1e-9) return ConstantVelocity(q_).jacobian(state, dt);
  const double angle = turn_rate_ * dt;
  const double sin_a = std::sin(angle);
  const double cos_a = std::cos(angle);
  StateMatrix transition = StateMatrix::Zero();
  // x' = x + (sin a / w) vx - ((1 - cos a) / w) vy ; vx' = cos a vx - sin a vy
  transition(0, 0) = 1.0;
  transition(0, 1) = sin_a / turn_rate_;
  transition(0, 3) = -(1.0 - cos_a) / turn_rate_;
  transition(1, 1) = cos_a;
  transition(1, 3) = -sin_a;
  transition(2, 2) = 1.0;
  transition(2, 1) = (1.0 - cos_a) / turn_rate_;
  transition(2, 3) = sin_a / turn_rate_;
  transition(3, 1) = sin_a;
  transition(3, 3) = cos_a;
  return transition;
}

StateMatrix KnownTurnRate::noise_covariance(const StateVector& state, double dt) const {
  return ConstantVelocity(q_).noise_covariance(state, dt);
}

}  // namespace sw::track
