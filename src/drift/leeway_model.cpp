#include "drift/leeway_model.h"

#include <cmath>
#include <limits>

#include "core/counter_rng.h"
#include "drift/seeding.h"

namespace sw::drift {
namespace {

// Bound on the downwind redraw loop: with a class whose slope is zero and std positive half
// of all draws are rejected, so 200 tries fail with probability 2^-200.
constexpr int kMaxRedraws = 200;

}  // namespace

void LeewayCoefficients::resize(std::size_t count) {
  for (auto* column : {&dw_slope, &dw_offset, &cw_slope, &cw_noise, &cw_offset}) {
    column->resize(count);
  }
  orientation.resize(count);
}

void draw_coefficients(const LeewayClass& leeway_class, const LeewayOptions& options,
                       std::uint64_t seed, std::size_t first, std::size_t last,
                       LeewayCoefficients& coefficients) {
  const double std_scale = options.stochastic ? 1.0 : 0.0;
  for (std::size_t particle = first; particle < last; ++particle) {
    // Same stream as seeding: the position draws come first, so skip past them (two
    // normals = four uniforms; the disc shape uses two).
    CounterRng rng(seed ^ kSeedingDomain, particle, 4);
    const int side = options.orientation ? *options.orientation : static_cast<int>(particle % 2);
    double dw_eps = 0;
    for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
      dw_eps = rng.normal() * leeway_class.dw_std * std_scale;
      if (leeway_class.dw_slope + dw_eps / 20.0 >= 0) break;
      dw_eps = -20.0 * leeway_class.dw_slope;  // only reached if every try failed
    }
    const double cw_std = side == 0 ? leeway_class.cwr_std : leeway_class.cwl_std;
    const double cw_eps = rng.normal() * cw_std * std_scale;
    const double cw_slope = side == 0 ? leeway_class.cwr_slope : leeway_class.cwl_slope;
    const double cw_offset = side == 0 ? leeway_class.cwr_offset : leeway_class.cwl_offset;
    coefficients.dw_slope[particle] =
        static_cast<float>((leeway_class.dw_slope + dw_eps / 20.0) * 0.01);
    coefficients.dw_offset[particle] =
        static_cast<float>((leeway_class.dw_offset + dw_eps / 2.0) * 0.01);
    coefficients.cw_slope[particle] = static_cast<float>(cw_slope * 0.01);
    coefficients.cw_noise[particle] = static_cast<float>(cw_eps / 20.0 * 0.01);
    coefficients.cw_offset[particle] = static_cast<float>((cw_offset + cw_eps / 2.0) * 0.01);
    coefficients.orientation[particle] = static_cast<std::uint8_t>(side);
  }
}

double jibe_probability_per_step(double probability_per_hour, double dt_s) {
  if (probability_per_hour <= 0) return 0;
  if (probability_per_hour >= 1) return 1;
  return 1.0 - std::pow(1.0 - probability_per_hour, std::abs(dt_s) / 3600.0);
}

std::int32_t steps_to_next_jibe(double per_step_probability, double uniform) {
  if (per_step_probability <= 0) return std::numeric_limits<std::int32_t>::max();
  if (per_step_probability >= 1) return 0;
  const double steps = std::floor(std::log(uniform) / std::log1p(-per_step_probability));
  return steps >= 1e9 ? std::numeric_limits<std::int32_t>::max() : static_cast<std::int32_t>(steps);
}

}  // namespace sw::drift
