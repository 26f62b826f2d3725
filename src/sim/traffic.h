#pragma once
/// Traffic: the entities of a scenario — merchant ships in the lanes (those already there
/// at the start and those arriving later), ferries, fishing boats, pleasure craft, small
/// boats launching from the French beaches, patrol vessels, aircraft and drones.

#include <vector>

#include "core/result.h"
#include "sim/entity.h"
#include "sim/geography.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace sw::sim {

/// Every entity of the run, ids 1..n in a fixed order (merchants, ferries, fishing,
/// pleasure, patrols, aircraft, small boats, then the scripted [[vessel]]s). Errors when the
/// geography lacks a place the scenario needs (a port of a ferry route, launch areas for
/// small boats, a scripted vessel's site).
Result<std::vector<Entity>> build_traffic(const Scenario& scenario, const Geography& geography,
                                          const World& world);

/// A uniformly random point inside a closed ring of the local plane (rejection sampling in
/// its bounding box; the box centre after 1000 misses).
EastNorth random_point_in(CounterRng& rng, const std::vector<EastNorth>& ring);

/// Waypoints of a flight pattern in the local plane (looped).
std::vector<EastNorth> flight_pattern(const AircraftConfig& config, const World& world);

}  // namespace sw::sim
