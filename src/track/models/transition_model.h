#pragma once
/// TransitionModel: how a state evolves over a time step (Stone Soup's role of the same name).

#include "track/state.h"

namespace sw::track {

/// Motion model x' = f(x, dt) + w, w ~ N(0, Q(dt)).
class TransitionModel {
 public:
  virtual ~TransitionModel() = default;
  /// f(x, dt).
  virtual StateVector function(const StateVector& state, double dt) const = 0;
  /// Jacobian of f at `state` (the transition matrix for linear models).
  virtual StateMatrix jacobian(const StateVector& state, double dt) const = 0;
  /// Process noise covariance Q(dt).
  virtual StateMatrix noise_covariance(const StateVector& state, double dt) const = 0;
};

}  // namespace sw::track
