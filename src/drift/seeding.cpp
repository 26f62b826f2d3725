#include "drift/seeding.h"

#include <cmath>

#include "core/counter_rng.h"
#include "drift/local_step.h"

namespace sw::drift {

Status validate(const SeedSpec& spec) {
  auto valid_position = [](LatLon position) {
    return std::isfinite(position.lat) && std::isfinite(position.lon) &&
           std::abs(position.lat) <= 89.0 && std::abs(position.lon) <= 360.0;
  };
  if (!valid_position(spec.start) ||
      (spec.shape == SeedShape::kLine && !valid_position(spec.end))) {
    return Error{"bad_seed", "position out of range (|lat| <= 89, |lon| <= 360)"};
  }
  if (!std::isfinite(spec.radius_m) || spec.radius_m < 0 || spec.radius_m > 500'000) {
    return Error{"bad_seed", "radius must be 0..500000 m"};
  }
  if (spec.count == 0 || spec.count > 100'000'000) {
    return Error{"bad_seed", "particle count must be 1..100000000"};
  }
  return Ok{};
}

void seed_positions(const SeedSpec& spec, std::uint64_t seed, std::size_t first, std::size_t last,
                    std::vector<double>& lat, std::vector<double>& lon) {
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  for (std::size_t particle = first; particle < last; ++particle) {
    CounterRng rng(seed ^ kSeedingDomain, particle);
    LatLon origin = spec.start;
    if (spec.shape == SeedShape::kLine && spec.count > 1) {
      const double fraction = static_cast<double>(particle) / static_cast<double>(spec.count - 1);
      origin.lat += fraction * (spec.end.lat - spec.start.lat);
      origin.lon += fraction * (spec.end.lon - spec.start.lon);
    }
    double east = 0, north = 0;
    if (spec.shape == SeedShape::kUniformDisc) {
      const double distance = std::sqrt(rng.uniform()) * spec.radius_m;
      const double azimuth = 6.283185307179586476925 * rng.uniform();
      east = distance * std::sin(azimuth);
      north = distance * std::cos(azimuth);
    } else {
      east = rng.normal() * spec.radius_m;
      north = rng.normal() * spec.radius_m;
    }
    lat[particle] = origin.lat;
    lon[particle] = origin.lon;
    // Large clouds are placed in a few sub-steps to keep the second-order move exact.
    const int pieces = 1 + static_cast<int>(std::hypot(east, north) / 2000.0);
    for (int piece = 0; piece < pieces; ++piece) {
      stepper.move(lat[particle], lon[particle], east / pieces, north / pieces);
    }
  }
}

}  // namespace sw::drift
