#include "sim/world.h"

#include <cmath>

#include "core/units.h"

namespace sw::sim {
namespace {

EastNorth vector_towards(double towards_deg, double speed_mps) {
  const double radians = units::deg_to_rad(towards_deg);
  return {speed_mps * std::sin(radians), speed_mps * std::cos(radians)};
}

}  // namespace

std::vector<EastNorth> World::to_plane(const GeoRing& ring) const {
  std::vector<EastNorth> points;
  points.reserve(ring.size());
  for (const LatLon& vertex : ring) points.push_back(frame.forward(vertex));
  return points;
}

World make_world(const Scenario& scenario, const Geography& geography) {
  World world(kStraitOrigin);
  for (const Lane& lane : geography.lanes) {
    PlaneLane plane_lane;
    plane_lane.direction_deg = lane.direction_deg;
    for (const auto& [left, right] : lane.sections) {
      plane_lane.sections.emplace_back(world.frame.forward(left), world.frame.forward(right));
    }
    world.lanes.push_back(std::move(plane_lane));
  }
  const EnvironmentConfig& environment = scenario.environment;
  world.wind_to_mps = vector_towards(environment.wind_from_deg + 180.0,
                                     units::knots_to_mps(environment.wind_speed_kn));
  world.current_mps =
      vector_towards(environment.current_to_deg, units::knots_to_mps(environment.current_speed_kn));
  world.sea_state = environment.sea_state;
  world.drift_error.wind_speed_mps = units::knots_to_mps(environment.drift_wind_speed_sigma_kn);
  world.drift_error.wind_direction_deg = environment.drift_wind_from_sigma_deg;
  world.drift_error.current_mps = units::knots_to_mps(environment.drift_current_sigma_kn);
  world.drift_error.leeway_fraction = environment.drift_leeway_fraction_sigma;
  return world;
}

}  // namespace sw::sim
