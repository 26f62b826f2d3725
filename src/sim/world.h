#pragma once
/// World: the fixed surroundings of a run in the simulator's local plane — the frame, the
/// geography's lanes, zones and places, and the wind and current that move drifting boats.

#include <vector>

#include "core/geo.h"
#include "sim/geography.h"
#include "sim/scenario.h"

namespace sw::sim {

/// A lane of the separation scheme in the local plane.
struct PlaneLane {
  double direction_deg = 0.0;
  /// Cross-sections from entry to exit: left and right edge points.
  std::vector<std::pair<EastNorth, EastNorth>> sections;
};

/// Surroundings shared by every entity of a run.
/// Standard deviations of a drifting boat's own forcing error (SI units).
struct DriftForcingSigma {
  double wind_speed_mps = 0.0;
  double wind_direction_deg = 0.0;
  double current_mps = 0.0;  ///< per axis
  double leeway_fraction = 0.0;
};

struct World {
  explicit World(LatLon origin) : frame(origin) {}

  LocalFrame frame;
  std::vector<PlaneLane> lanes;
  EastNorth wind_to_mps;  ///< velocity of the wind (towards which it blows)
  EastNorth current_mps;  ///< velocity of the surface current
  int sea_state = 0;
  DriftForcingSigma drift_error;

  EastNorth to_plane(LatLon position) const { return frame.forward(position); }
  LatLon to_geo(EastNorth point) const { return frame.reverse(point); }
  /// A ring of the geography in the local plane.
  std::vector<EastNorth> to_plane(const GeoRing& ring) const;
};

/// The centre of the simulated area (the narrows of the Strait).
constexpr LatLon kStraitOrigin{51.0, 1.45};

/// Build the world of a scenario from its geography.
World make_world(const Scenario& scenario, const Geography& geography);

}  // namespace sw::sim
