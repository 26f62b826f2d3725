#pragma once
/// CounterRng: a counter-based random stream (SplitMix64 finaliser over a keyed counter).
/// Each (seed, stream) pair names an independent sequence, so work split across threads
/// in any way draws the same numbers: stream = particle index gives per-particle draws
/// that do not depend on the thread count.

#include <cmath>
#include <cstdint>

namespace sw {

/// SplitMix64's output function: a bijective 64-bit mix with full avalanche.
constexpr std::uint64_t splitmix64_mix(std::uint64_t value) {
  value = (value ^ (value >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27U)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31U);
}

/// Random numbers from (seed, stream, counter): draw n is mix(key + n * golden gamma).
class CounterRng {
 public:
  static constexpr std::uint64_t kGamma = 0x9e3779b97f4a7c15ULL;

  CounterRng(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter = 0)
      : key_(stream_key(seed, stream)), counter_(counter) {}

  /// The key of a stream; draws are mix(key + counter * kGamma).
  static constexpr std::uint64_t stream_key(std::uint64_t seed, std::uint64_t stream) {
    return splitmix64_mix(seed ^ splitmix64_mix(stream * kGamma + 0x632be59bd9b4e019ULL));
  }
  /// The draw at a given counter of a stream, without state.
  static constexpr std::uint64_t at(std::uint64_t key, std::uint64_t counter) {
    return splitmix64_mix(key + (counter + 1) * kGamma);
  }
  /// A 64-bit value mapped to (0, 1]: never 0, so log() is safe.
  static double to_unit_open_low(std::uint64_t bits) {
    return (static_cast<double>(bits >> 11U) + 1.0) * 0x1.0p-53;
  }

  std::uint64_t next() { return at(key_, counter_++); }
  /// Uniform on (0, 1].
  double uniform() { return to_unit_open_low(next()); }
  /// Standard normal (Box-Muller, one value per two uniforms).
  double normal() {
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    return radius * std::cos(6.283185307179586476925 * uniform());
  }
  std::uint64_t counter() const { return counter_; }

 private:
  std::uint64_t key_;
  std::uint64_t counter_;
};

}  // namespace sw
