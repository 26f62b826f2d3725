#include "risk/cpa.h"

#include <algorithm>
#include <cmath>

#include "core/counter_rng.h"

namespace sw::risk {
namespace {

constexpr double kParallelSpeedSquared = 1e-12;

/// Lower-triangular factor of a 2x2 covariance (zero where not positive definite).
struct Factor2 {
  double l11 = 0, l21 = 0, l22 = 0;
};

Factor2 cholesky(const Covariance2& covariance) {
  Factor2 factor;
  if (!(covariance.ee > 0.0)) return factor;
  factor.l11 = std::sqrt(covariance.ee);
  factor.l21 = covariance.en / factor.l11;
  const double rest = covariance.nn - factor.l21 * factor.l21;
  factor.l22 = rest > 0.0 ? std::sqrt(rest) : 0.0;
  return factor;
}

}  // namespace

Approach closest_approach(EastNorth relative_position, Velocity relative_velocity) {
  Approach approach;
  approach.range_m = std::hypot(relative_position.east, relative_position.north);
  const double speed_squared = relative_velocity.east * relative_velocity.east +
                               relative_velocity.north * relative_velocity.north;
  if (speed_squared < kParallelSpeedSquared) {
    approach.tcpa_s = 0.0;
    approach.cpa_m = approach.range_m;
    return approach;
  }
  approach.tcpa_s = -(relative_position.east * relative_velocity.east +
                      relative_position.north * relative_velocity.north) /
                    speed_squared;
  approach.cpa_m = std::hypot(relative_position.east + relative_velocity.east * approach.tcpa_s,
                              relative_position.north + relative_velocity.north * approach.tcpa_s);
  return approach;
}

double min_distance_within(EastNorth relative_position, Velocity relative_velocity,
                           double horizon_s) {
  const Approach approach = closest_approach(relative_position, relative_velocity);
  const double time = std::clamp(approach.tcpa_s, 0.0, horizon_s);
  return std::hypot(relative_position.east + relative_velocity.east * time,
                    relative_position.north + relative_velocity.north * time);
}

double probability_closer(const RelativeState& state, double threshold_m, double horizon_s,
                          std::uint64_t seed, int samples) {
  if (samples <= 0) return 0.0;
  const Factor2 position = cholesky(state.position_covariance);
  const Factor2 velocity = cholesky(state.velocity_covariance);
  CounterRng rng(seed, 0);
  int closer = 0;
  for (int sample = 0; sample < samples; ++sample) {
    const double z1 = rng.normal();
    const double z2 = rng.normal();
    const double z3 = rng.normal();
    const double z4 = rng.normal();
    const EastNorth drawn_position{state.position.east + position.l11 * z1,
                                   state.position.north + position.l21 * z1 + position.l22 * z2};
    const Velocity drawn_velocity{state.velocity.east + velocity.l11 * z3,
                                  state.velocity.north + velocity.l21 * z3 + velocity.l22 * z4};
    if (min_distance_within(drawn_position, drawn_velocity, horizon_s) < threshold_m) ++closer;
  }
  return static_cast<double>(closer) / static_cast<double>(samples);
}

}  // namespace sw::risk
