#pragma once
/// AirborneModel: the sensors of aircraft and drones (a circular footprint under the
/// aircraft, looked through at fixed intervals; a boat inside is seen with a detection
/// probability and reported as a sighting with position noise), and the own-asset position
/// reports of aircraft, drones and patrol vessels that send them.

#include <map>
#include <utility>
#include <vector>

#include "core/counter_rng.h"
#include "sim/scenario.h"
#include "sim/sink.h"
#include "sim/snapshot.h"

namespace sw::sim {

/// Sightings and own-asset positions.
class AirborneModel {
 public:
  explicit AirborneModel(const Scenario& scenario);

  /// Push the looks and position reports due in [snapshot.time, step_end).
  void tick(const Snapshot& snapshot, TimeNs step_end, ReportQueue& queue);

 private:
  struct Schedule {
    TimeNs next_look = -1;
    TimeNs next_position = -1;
  };
  void look(const Snapshot& snapshot, std::size_t observer_idx, TimeNs time, ReportQueue& queue);

  std::vector<AircraftConfig> aircraft_;
  std::uint64_t seed_;
  std::uint64_t phase_key_;
  std::vector<Schedule> schedules_;
  std::vector<CounterRng> rngs_;  ///< per observer entity
  /// Contact numbers per (observer, boat), numbered from 1 per observer in order of first sighting.
  std::map<std::pair<EntityId, EntityId>, int> contacts_;
  std::map<EntityId, int> next_contact_;
};

/// The CoT uid of an own asset (stable per entity).
std::string asset_uid(const Entity& entity);

}  // namespace sw::sim
