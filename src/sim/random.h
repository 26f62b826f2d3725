#pragma once
/// Draws the simulator needs on top of CounterRng: intervals, indices, Poisson counts.
/// Every random stream of a run is a CounterRng(seed, stream) with a stream of its own
/// (see stream_id()), so adding an entity or a sensor never changes another's draws.

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "core/counter_rng.h"
#include "sim/scenario.h"

namespace sw::sim {

/// Families of random streams.
enum class StreamFamily : std::uint8_t {
  kSetup,
  kEntity,
  kRadar,
  kAisReceiver,
  kAirborne,
  kDistress,
};

/// The stream number of member `index` of a family.
constexpr std::uint64_t stream_id(StreamFamily family, std::uint64_t index) {
  return (static_cast<std::uint64_t>(family) << 48U) | index;
}

/// Uniform in [low, high).
inline double uniform_between(CounterRng& rng, double low, double high) {
  return low + (high - low) * (1.0 - rng.uniform());
}

inline double uniform_in(CounterRng& rng, const Interval& interval) {
  return uniform_between(rng, interval.low, interval.high);
}

/// Uniform integer in [0, count); 0 when count is 0.
inline std::size_t uniform_index(CounterRng& rng, std::size_t count) {
  if (count == 0) return 0;
  const auto index = static_cast<std::size_t>((1.0 - rng.uniform()) * static_cast<double>(count));
  return index < count ? index : count - 1;
}

/// True with probability `probability`.
inline bool chance(CounterRng& rng, double probability) {
  return 1.0 - rng.uniform() < probability;
}

/// Normal with the given mean and standard deviation.
inline double gaussian(CounterRng& rng, double mean, double sigma) {
  return mean + sigma * rng.normal();
}

/// Exponential with the given mean.
inline double exponential(CounterRng& rng, double mean) { return -mean * std::log(rng.uniform()); }

/// Poisson count with the given mean (Knuth's product method; fine for means up to ~500,
/// larger means are summed in pieces).
inline int poisson(CounterRng& rng, double mean) {
  int count = 0;
  while (mean > 0) {
    const double piece = mean > 200 ? 200 : mean;
    mean -= piece;
    const double limit = std::exp(-piece);
    double product = rng.uniform();
    while (product > limit) {
      ++count;
      product *= rng.uniform();
    }
  }
  return count;
}

}  // namespace sw::sim
