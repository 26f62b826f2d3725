#pragma once
/// Snapshot: the entities at the start of one simulation step, with their WGS-84
/// positions, and their extrapolated positions at sensor times within the step.

#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "sim/entity.h"
#include "sim/motion.h"
#include "sim/world.h"

namespace sw::sim {

/// The state every sensor model reads during one step.
struct Snapshot {
  TimeNs time = 0;
  const std::vector<Entity>* entities = nullptr;
  std::vector<LatLon> positions;  ///< per entity, at `time` (meaningful when active)
  const World* world = nullptr;

  /// Position of entity `index` in the plane at `at` (constant velocity from `time`).
  EastNorth plane_at(std::size_t index, TimeNs at) const {
    return extrapolate((*entities)[index].state,
                       static_cast<double>(at - time) / static_cast<double>(kNsPerSecond));
  }
  /// The same in WGS-84.
  LatLon geo_at(std::size_t index, TimeNs at) const {
    return at == time ? positions[index] : world->to_geo(plane_at(index, at));
  }
};

}  // namespace sw::sim
