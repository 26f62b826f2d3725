#pragma once
/// Seeding: where the particles of a drift run start. A datum (point with a Gaussian
/// spread, OpenDrift's default "gaussian" radius: east and north offsets each N(0, radius)),
/// a uniform disc (a circle of given radius), or a line between two reported positions.

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/result.h"

namespace sw::drift {

/// Shape of the initial cloud.
enum class SeedShape : std::uint8_t {
  kGaussian,     ///< about `start`: east, north offsets ~ N(0, radius_m)
  kUniformDisc,  ///< uniform inside the circle of radius_m about `start`
  kLine,         ///< evenly along start..end (in lat/lon), each with a Gaussian radius_m offset
};

/// What to seed.
struct SeedSpec {
  SeedShape shape = SeedShape::kGaussian;
  LatLon start;
  LatLon end;  ///< only for kLine
  double radius_m = 0;
  TimeNs time = 0;
  std::size_t count = 1000;
};

/// Check a spec (ranges) before running.
Status validate(const SeedSpec& spec);

/// Initial positions of particles [first, last) into lat/lon (already sized to spec.count).
/// Particle i's draws come from its own counter-based stream, so any split gives the same
/// positions.
void seed_positions(const SeedSpec& spec, std::uint64_t seed, std::size_t first, std::size_t last,
                    std::vector<double>& lat, std::vector<double>& lon);

/// The per-particle random streams used at seeding (positions then coefficients).
inline constexpr std::uint64_t kSeedingDomain = 0;
inline constexpr std::uint64_t kJibeDomain = 0x6a09e667f3bcc908ULL;

}  // namespace sw::drift
