#pragma once
/// Simulation: a Monte Carlo Leeway drift run. Particles are seeded, given their Leeway
/// coefficients, then moved with Euler forward steps (forcing sampled at the start of the
/// step; leeway move, then current move, each along the geodesic) on all threads.
/// Particles that need forcing outside the grid are deactivated and counted, as OpenDrift
/// does; particles that reach land (if a coastline is given) strand. The result depends
/// only on the seed, never on the thread count.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "drift/forcing.h"
#include "drift/leeway_classes.h"
#include "drift/leeway_model.h"
#include "drift/seeding.h"

namespace sw::drift {

class LandMask;

/// What happened to a particle.
enum class ParticleStatus : std::uint8_t {
  kActive,
  kMissingForcing,  ///< left the forcing grid (or hit missing data): deactivated
  kStranded,        ///< reached the coastline
};

/// Run settings.
struct RunOptions {
  std::uint64_t seed = 1;
  double duration_s = 24 * 3600.0;
  double dt_s = 600.0;     ///< step length (positive); direction set by `backtrack`
  bool backtrack = false;  ///< run time backwards from the seed time
  int threads = 2;
  const LandMask* land = nullptr;
  /// Called now and then from one thread with the fraction done (0..1).
  std::function<void(double)> progress;
};

/// Particle state at the end of a run.
struct DriftResult {
  std::vector<double> lat, lon;
  std::vector<ParticleStatus> status;
  std::vector<std::uint8_t> orientation;
  std::size_t active = 0, missing_forcing = 0, stranded = 0;
  std::uint64_t jibes = 0;
  TimeNs start_time = 0, end_time = 0;
  int steps = 0;
  std::uint64_t seed = 0;
};

/// Seed and run. Fails on bad settings or when the forcing does not cover the run.
Result<DriftResult> run_drift(const LeewayClass& leeway_class, const SeedSpec& seed_spec,
                              const LeewayOptions& leeway_options, const Forcing& forcing,
                              const RunOptions& options);

}  // namespace sw::drift
