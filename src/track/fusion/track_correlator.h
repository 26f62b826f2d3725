#pragma once
/// TrackCorrelator: decides, update by update, that a sensor track (radar, aircraft) and
/// an identity track (AIS) are the same vessel — several consecutive gated agreements link
/// them, several consecutive disagreements unlink them — so a vessel with AIS is never
/// also shown as a dark contact, and a dark boat next to a ship is not hidden by it at once.

#include <cstdint>
#include <unordered_map>

namespace sw::track {

/// Hysteresis of the link decision.
struct CorrelationSettings {
  double gate_squared = 13.8;      ///< chi-square(2) 99.9 % on the position difference
  double extra_sigma_m = 50.0;     ///< AIS latency, antenna offset, radar centroid of a hull
  std::uint32_t hits_to_link = 3;  ///< consecutive agreements to link
  std::uint32_t misses_to_unlink = 3;
};

/// Link state of every sensor track, by sensor-track id.
class TrackCorrelator {
 public:
  explicit TrackCorrelator(CorrelationSettings settings) : settings_(settings) {}

  const CorrelationSettings& settings() const { return settings_; }

  /// Records one update of `sensor_track` whose best gated identity candidate is
  /// `candidate` (0 = none) and returns the identity it is linked to now (0 = none).
  std::uint64_t observe(std::uint64_t sensor_track, std::uint64_t candidate);
  /// The identity `sensor_track` is linked to (0 = none).
  std::uint64_t linked(std::uint64_t sensor_track) const;
  /// Forgets a deleted sensor track.
  void forget(std::uint64_t sensor_track) { links_.erase(sensor_track); }

 private:
  struct Link {
    std::uint64_t candidate = 0;
    std::uint32_t hits = 0;
    std::uint64_t linked = 0;
    std::uint32_t misses = 0;
  };
  CorrelationSettings settings_;
  std::unordered_map<std::uint64_t, Link> links_;
};

}  // namespace sw::track
