#pragma once
/// The Leeway model as OpenDrift applies it: per-particle coefficients drawn once at
/// seeding (downwind slope perturbation redrawn until the perturbed slope is not negative;
/// one crosswind perturbation from the particle's side), sides alternating by particle
/// index, jibing (sign of the crosswind slope reversed) as a Poisson process.
///
/// Sign convention: a positive crosswind leeway moves the object to the LEFT of downwind.
/// Orientation 0 uses the table's "right" columns, 1 the "left" ones, as OpenDrift does.

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "drift/leeway_classes.h"

namespace sw::drift {

/// Model settings.
struct LeewayOptions {
  double jibe_probability_per_hour = 0.04;  ///< OpenDrift's seed:jibe_probability
  bool stochastic = true;                   ///< false: every standard deviation taken as zero
  std::optional<int> orientation;           ///< force every particle to side 0 or 1
};

/// Per-particle Leeway coefficients, structure of arrays, in m/s per (m/s) and m/s.
struct LeewayCoefficients {
  std::vector<float> dw_slope;   ///< (a_dw + eps_dw/20) / 100
  std::vector<float> dw_offset;  ///< (b_dw + eps_dw/2) / 100
  std::vector<float> cw_slope;   ///< +-a_cw / 100: the sign flips at each jibe
  std::vector<float> cw_noise;   ///< eps_cw / 20 / 100, added to the slope
  std::vector<float> cw_offset;  ///< (b_cw + eps_cw/2) / 100
  std::vector<std::uint8_t> orientation;

  void resize(std::size_t count);
};

/// Draw the coefficients of particles [first, last) from their own streams of `seed`.
void draw_coefficients(const LeewayClass& leeway_class, const LeewayOptions& options,
                       std::uint64_t seed, std::size_t first, std::size_t last,
                       LeewayCoefficients& coefficients);

/// Probability of a jibe within one step of |dt_s| seconds: 1 - (1 - p)^(|dt| / 1 h).
double jibe_probability_per_step(double probability_per_hour, double dt_s);

/// Steps until the next jibe (0 = at the end of this step) from a (0, 1] uniform draw.
std::int32_t steps_to_next_jibe(double per_step_probability, double uniform);

/// Leeway velocity (east, north, m/s) for one particle and a wind (east, north, m/s).
inline void leeway_velocity(float dw_slope, float dw_offset, float cw_slope, float cw_noise,
                            float cw_offset, float wind_east, float wind_north, float& east,
                            float& north) {
  const float speed_sq = wind_east * wind_east + wind_north * wind_north;
  const float speed = std::sqrt(speed_sq);
  // Unit vector the wind blows towards; OpenDrift's atan2(0, 0) = 0 gives north in calm air.
  const float inverse = speed > 0 ? 1.0F / speed : 0.0F;
  const float sin_dir = wind_east * inverse;
  const float cos_dir = speed > 0 ? wind_north * inverse : 1.0F;
  const float downwind = dw_slope * speed + dw_offset;
  const float crosswind = (cw_slope + cw_noise) * speed + cw_offset;
  east = downwind * sin_dir - crosswind * cos_dir;
  north = downwind * cos_dir + crosswind * sin_dir;
}

}  // namespace sw::drift
