#pragma once
/// Closest point of approach of two vessels moving in straight lines, and the probability
/// that they pass closer than a distance given the uncertainty of both tracks.

#include <cstdint>

#include "core/geo.h"
#include "core/observation.h"

namespace sw::risk {

/// Where and when two straight-line tracks come closest.
struct Approach {
  double tcpa_s = 0;   ///< time to CPA from now; negative when they are opening
  double cpa_m = 0;    ///< distance at CPA (at tcpa_s, even when negative)
  double range_m = 0;  ///< distance now
};

/// CPA of a target at `relative_position` (metres east/north of own vessel) moving at
/// `relative_velocity` (its velocity minus own, m/s). Parallel tracks (relative speed below
/// 1e-6 m/s): TCPA 0, CPA the present range — as OpenCPN does.
Approach closest_approach(EastNorth relative_position, Velocity relative_velocity);

/// Mean and covariance of the relative state of two tracks (their sum: independent tracks).
struct RelativeState {
  EastNorth position;
  Velocity velocity;
  Covariance2 position_covariance;
  Covariance2 velocity_covariance;
};

/// Probability that the distance within [0, horizon_s] falls below `threshold_m`, by
/// sampling the relative state `samples` times from a counter-based stream keyed by `seed`
/// (the same inputs always give the same answer).
double probability_closer(const RelativeState& state, double threshold_m, double horizon_s,
                          std::uint64_t seed, int samples = 256);

/// Smallest distance within [0, horizon_s] for a given relative position and velocity.
double min_distance_within(EastNorth relative_position, Velocity relative_velocity,
                           double horizon_s);

}  // namespace sw::risk
