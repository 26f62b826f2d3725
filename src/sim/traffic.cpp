#include "sim/traffic.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "sim/identity.h"
#include "sim/motion.h"
#include "sim/random.h"
#include "sim/scripted.h"

namespace sw::sim {
namespace {

TimeNs whole_seconds(double seconds) {
  return static_cast<TimeNs>(std::floor(seconds)) * kNsPerSecond;
}

EastNorth lerp(EastNorth a, EastNorth b, double fraction) {
  return {a.east + (b.east - a.east) * fraction, a.north + (b.north - a.north) * fraction};
}

EastNorth offset(EastNorth point, double bearing_deg, double distance_m) {
  const double radians = units::deg_to_rad(bearing_deg);
  return {point.east + distance_m * std::sin(radians),
          point.north + distance_m * std::cos(radians)};
}

/// Creates entities with consecutive ids and their own random streams.
class EntityFactory {
 public:
  EntityFactory(std::uint64_t seed, std::vector<Entity>& entities)
      : seed_(seed), entities_(entities) {}

  Entity& add(EntityKind kind) {
    Entity& entity = entities_.emplace_back();
    entity.id = static_cast<EntityId>(entities_.size());
    entity.kind = kind;
    entity.rng = CounterRng(seed_, stream_id(StreamFamily::kEntity, entity.id));
    return entity;
  }

 private:
  std::uint64_t seed_;
  std::vector<Entity>& entities_;
};

void set_vessel(Entity& entity, VesselParticulars particulars) {
  entity.vessel = std::move(particulars);
  entity.name = entity.vessel.name;
  entity.rcs_m2 = radar_cross_section(entity.kind, entity.vessel.length_m());
}

void start_route(Entity& entity, EastNorth position, std::vector<EastNorth> waypoints, bool loop) {
  entity.state.position = position;
  entity.state.course_deg = plane_bearing_deg(position, waypoints.front());
  set_route(entity, std::move(waypoints), loop);
}

// ---- Merchant ships -------------------------------------------------------------------

/// The path through a lane at a lateral fraction (-1 left edge .. +1 right edge).
std::vector<EastNorth> lane_path(const PlaneLane& lane, double lateral) {
  std::vector<EastNorth> path;
  for (const auto& [left, right] : lane.sections)
    path.push_back(lerp(left, right, (lateral + 1) / 2));
  return path;
}

void add_merchant(EntityFactory& factory, CounterRng& setup, const Scenario& scenario,
                  const PlaneLane& lane, std::uint32_t serial, double start_fraction,
                  TimeNs appear_at) {
  const MerchantConfig& config = scenario.merchant;
  Entity& ship = factory.add(EntityKind::kMerchant);
  set_vessel(ship, merchant_particulars(setup, serial,
                                        std::fabs(std::remainder(lane.direction_deg, 360.0)) < 90));
  const double lateral = uniform_between(setup, -config.lane_use, config.lane_use);
  std::vector<EastNorth> path = lane_path(lane, lateral);
  // Start `start_fraction` of the way along the path.
  double total = 0;
  for (std::size_t point_idx = 1; point_idx < path.size(); ++point_idx) {
    total += plane_distance_m(path[point_idx - 1], path[point_idx]);
  }
  double remaining = total * start_fraction;
  std::size_t leg = 1;
  EastNorth position = path.front();
  for (; leg < path.size(); ++leg) {
    const double length = plane_distance_m(path[leg - 1], path[leg]);
    if (remaining <= length) {
      position = lerp(path[leg - 1], path[leg], length > 0 ? remaining / length : 0);
      break;
    }
    remaining -= length;
  }
  if (leg >= path.size()) leg = path.size() - 1;
  start_route(ship, position,
              std::vector<EastNorth>(path.begin() + static_cast<long>(leg), path.end()), false);
  ship.steering.cruise_mps = units::knots_to_mps(uniform_in(setup, config.speed_kn));
  ship.steering.max_turn_deg_s = 0.5;
  ship.steering.speed_sigma_mps = units::knots_to_mps(0.2);
  ship.steering.course_sigma_deg = 0.3;
  ship.steering.noise_tau_s = 120;
  ship.state.speed_mps = ship.steering.cruise_mps;
  ship.plan.appear_at = appear_at;
}

void add_merchants(EntityFactory& factory, const Scenario& scenario, const World& world) {
  if (world.lanes.empty()) return;
  CounterRng setup(scenario.seed, stream_id(StreamFamily::kSetup, 1));
  std::uint32_t serial = 0;
  for (int ship_idx = 0; ship_idx < scenario.merchant.initial; ++ship_idx) {
    const PlaneLane& lane = world.lanes[static_cast<std::size_t>(ship_idx) % world.lanes.size()];
    add_merchant(factory, setup, scenario, lane, serial++, uniform_between(setup, 0.0, 0.97),
                 scenario.start);
  }
  const double lane_rate =
      scenario.merchant.arrivals_per_hour / 3600.0 / static_cast<double>(world.lanes.size());
  if (lane_rate <= 0) return;
  for (const PlaneLane& lane : world.lanes) {
    double elapsed = exponential(setup, 1.0 / lane_rate);
    while (elapsed < scenario.duration_s) {
      add_merchant(factory, setup, scenario, lane, serial++, 0.0,
                   scenario.start + whole_seconds(elapsed));
      elapsed += exponential(setup, 1.0 / lane_rate);
    }
  }
}

// ---- Ferries ----------------------------------------------------------------------------

Status add_ferries(EntityFactory& factory, const Scenario& scenario, const Geography& geography,
                   const World& world) {
  const FerryConfig& config = scenario.ferry;
  if (config.dover_calais + config.dover_dunkirk == 0) return Ok{};
  CounterRng setup(scenario.seed, stream_id(StreamFamily::kSetup, 2));
  auto dover = geography.find_point("Dover", "port");
  if (!dover) return dover.error();
  std::uint32_t serial = 0;
  for (const bool to_dunkirk : {false, true}) {
    const int count = to_dunkirk ? config.dover_dunkirk : config.dover_calais;
    if (count == 0) continue;
    auto french_port = geography.find_point(to_dunkirk ? "Dunkirk" : "Calais", "port");
    if (!french_port) return french_port.error();
    const EastNorth home = world.to_plane((*dover)->position);
    const EastNorth away = world.to_plane((*french_port)->position);
    for (int ferry_idx = 0; ferry_idx < count; ++ferry_idx) {
      Entity& ferry = factory.add(EntityKind::kFerry);
      set_vessel(ferry, ferry_particulars(setup, serial++, to_dunkirk));
      ferry.steering.cruise_mps = units::knots_to_mps(uniform_in(setup, config.speed_kn));
      ferry.steering.max_turn_deg_s = 1.5;
      ferry.steering.speed_sigma_mps = units::knots_to_mps(0.3);
      ferry.steering.course_sigma_deg = 0.5;
      ferry.plan.origin = home;
      ferry.plan.destination = away;
      ferry.plan.dwell_s = config.turnaround_min * 60.0;
      ferry.plan.appear_at = scenario.start;
      // Spread the ferries of a route over its cycle.
      const double crossing_s = plane_distance_m(home, away) / ferry.steering.cruise_mps;
      const double cycle_s = 2 * (crossing_s + ferry.plan.dwell_s);
      const double phase =
          (ferry_idx + 0.25 * setup.uniform()) / static_cast<double>(count) * cycle_s;
      if (phase < crossing_s) {
        start_route(ferry, lerp(home, away, phase / crossing_s), {away}, false);
      } else if (phase < crossing_s + ferry.plan.dwell_s) {
        start_route(ferry, away, {home}, false);
        ferry.plan.next_event_at =
            scenario.start + whole_seconds(crossing_s + ferry.plan.dwell_s - phase);
        ferry.plan.on_appear = Activity::kMoored;
      } else if (phase < 2 * crossing_s + ferry.plan.dwell_s) {
        start_route(ferry, lerp(away, home, (phase - crossing_s - ferry.plan.dwell_s) / crossing_s),
                    {home}, false);
      } else {
        start_route(ferry, home, {away}, false);
        ferry.plan.next_event_at = scenario.start + whole_seconds(cycle_s - phase);
        ferry.plan.on_appear = Activity::kMoored;
      }
      if (ferry.plan.on_appear != Activity::kMoored) {
        ferry.state.speed_mps = ferry.steering.cruise_mps;
      }
    }
  }
  return Ok{};
}

// ---- Fishing boats and pleasure craft ----------------------------------------------------

void add_wanderers(EntityFactory& factory, const Scenario& scenario, const Geography& geography,
                   const World& world, EntityKind kind) {
  const bool fishing = kind == EntityKind::kFishing;
  const int count = fishing ? scenario.fishing.count : scenario.pleasure.count;
  const auto zones = geography.zones_of_kind("inshore_traffic_zone");
  if (count == 0 || zones.empty()) return;
  CounterRng setup(scenario.seed, stream_id(StreamFamily::kSetup, fishing ? 3 : 4));
  for (int boat_idx = 0; boat_idx < count; ++boat_idx) {
    const Zone& zone = *zones[static_cast<std::size_t>(boat_idx) % zones.size()];
    const bool french = zone.name.find("French") != std::string::npos;
    Entity& boat = factory.add(kind);
    const auto serial = static_cast<std::uint32_t>(boat_idx);
    if (fishing) {
      set_vessel(boat, fishing_particulars(setup, serial, french,
                                           chance(setup, scenario.fishing.class_b_fraction)));
    } else {
      set_vessel(boat, pleasure_particulars(setup, serial, french));
    }
    boat.plan.area = world.to_plane(zone.ring);
    const EastNorth start = random_point_in(setup, boat.plan.area);
    start_route(boat, start, {random_point_in(setup, boat.plan.area)}, false);
    const Interval& speed = fishing ? scenario.fishing.speed_kn : scenario.pleasure.speed_kn;
    boat.steering.cruise_mps = units::knots_to_mps(uniform_in(setup, speed));
    boat.steering.max_turn_deg_s = 3.0;
    boat.steering.speed_sigma_mps = units::knots_to_mps(0.3);
    boat.steering.course_sigma_deg = fishing ? 6.0 : 3.0;
    boat.state.speed_mps = boat.steering.cruise_mps;
    boat.plan.appear_at = scenario.start;
    if (fishing) boat.plan.on_appear = Activity::kFishing;
  }
}

// ---- Patrol vessels ------------------------------------------------------------------------

void add_patrols(EntityFactory& factory, const Scenario& scenario, const World& world) {
  std::uint32_t serial = 0;
  for (const PatrolConfig& config : scenario.patrols) {
    Entity& patrol = factory.add(EntityKind::kPatrol);
    VesselParticulars vessel;
    vessel.ais_class = config.ais ? AisClass::kA : AisClass::kNone;
    vessel.mmsi = config.mmsi != 0 ? config.mmsi : 992'000'000U + serial;
    vessel.name = config.name;
    vessel.callsign = config.callsign;
    vessel.ship_type = 55;  // law enforcement
    vessel.to_bow = 30;
    vessel.to_stern = 12;
    vessel.to_port = 4;
    vessel.to_starboard = 4;
    vessel.draught_m = 3.0;
    vessel.destination = "PATROL";
    set_vessel(patrol, vessel);
    patrol.nation = config.nation;
    patrol.cot_position = config.cot;
    patrol.cot_interval_s = config.cot_interval_s;
    patrol.releasable_to = {"GBR", "FRA"};
    std::vector<EastNorth> route;
    for (const LatLon& point : config.route) route.push_back(world.to_plane(point));
    const EastNorth start = route.front();
    std::rotate(route.begin(), route.begin() + 1, route.end());
    start_route(patrol, start, std::move(route), true);
    patrol.steering.cruise_mps = units::knots_to_mps(config.speed_kn);
    patrol.steering.max_turn_deg_s = 3.0;
    patrol.steering.speed_sigma_mps = units::knots_to_mps(0.3);
    patrol.steering.course_sigma_deg = 1.0;
    patrol.state.speed_mps = patrol.steering.cruise_mps;
    patrol.plan.appear_at = scenario.start;
    ++serial;
  }
}

// ---- Aircraft and drones --------------------------------------------------------------------

void add_aircraft(EntityFactory& factory, const Scenario& scenario, const World& world) {
  for (std::size_t config_idx = 0; config_idx < scenario.aircraft.size(); ++config_idx) {
    const AircraftConfig& config = scenario.aircraft[config_idx];
    Entity& aircraft = factory.add(config.drone ? EntityKind::kDrone : EntityKind::kAircraft);
    aircraft.name = config.callsign;
    aircraft.nation = config.nation;
    aircraft.cot_position = true;
    aircraft.cot_interval_s = config.position_interval_s;
    aircraft.releasable_to = config.releasable_to;
    aircraft.plan.aircraft_config = config_idx;
    std::vector<EastNorth> route = flight_pattern(config, world);
    const EastNorth start = route.front();
    std::rotate(route.begin(), route.begin() + 1, route.end());
    start_route(aircraft, start, std::move(route), true);
    aircraft.steering.cruise_mps = units::knots_to_mps(config.speed_kn);
    aircraft.steering.max_turn_deg_s = config.drone ? 6.0 : 3.0;
    aircraft.steering.speed_sigma_mps = units::knots_to_mps(1.0);
    aircraft.state.speed_mps = aircraft.steering.cruise_mps;
    aircraft.state.altitude_m = config.altitude_m;
    aircraft.plan.appear_at = config.on_station_from.value_or(scenario.start);
    aircraft.plan.leave_at = config.on_station_until.value_or(-1);
  }
}

// ---- Small boats ------------------------------------------------------------------------------

Status add_small_boats(EntityFactory& factory, const Scenario& scenario, const Geography& geography,
                       const World& world) {
  const SmallBoatConfig& config = scenario.small_boat;
  if (config.count == 0) return Ok{};
  const auto launch_areas = geography.points_of_kind("launch_area");
  if (launch_areas.empty()) {
    return Error{"unknown_place", "small boats need launch_area points in the geography"};
  }
  // Landing places: along the English coast from Dungeness by Folkestone to Dover.
  std::vector<EastNorth> coast;
  for (const auto& [name, kind] : {std::pair{"Dungeness", "landmark"},
                                   std::pair{"Folkestone", "port"}, std::pair{"Dover", "port"}}) {
    auto place = geography.find_point(name, kind);
    if (!place) return place.error();
    coast.push_back(world.to_plane((*place)->position));
  }
  CounterRng setup(scenario.seed, stream_id(StreamFamily::kSetup, 5));
  for (int boat_idx = 0; boat_idx < config.count; ++boat_idx) {
    Entity& boat = factory.add(EntityKind::kSmallBoat);
    boat.name = "small boat " + std::to_string(boat_idx + 1);
    boat.rcs_m2 = radar_cross_section(EntityKind::kSmallBoat, 9.0);
    boat.persons_on_board = static_cast<int>(
        std::lround(uniform_between(setup, config.persons.low, config.persons.high + 1) - 0.5));
    boat.persons_on_board = std::clamp(boat.persons_on_board, static_cast<int>(config.persons.low),
                                       static_cast<int>(config.persons.high));
    const NamedPoint& launch = *launch_areas[uniform_index(setup, launch_areas.size())];
    const double along = setup.uniform() * static_cast<double>(coast.size() - 1);
    const auto segment = std::min(static_cast<std::size_t>(along), coast.size() - 2);
    const EastNorth landing =
        lerp(coast[segment], coast[segment + 1], along - static_cast<double>(segment));
    const EastNorth beach = world.to_plane(launch.position);
    // Put to sea within the launch area, on the side facing the destination.
    const double seaward = plane_bearing_deg(beach, landing) + uniform_between(setup, -60, 60);
    const EastNorth start =
        offset(beach, seaward, std::sqrt(setup.uniform()) * std::max(launch.accuracy_m, 100.0));
    start_route(boat, start, {landing}, false);
    boat.plan.origin = start;
    boat.plan.destination = landing;
    boat.plan.leeway_fraction = config.leeway_fraction * uniform_between(setup, 0.8, 1.2);
    boat.steering.cruise_mps = units::knots_to_mps(uniform_in(setup, config.speed_kn));
    boat.steering.max_turn_deg_s = 6.0;
    boat.steering.speed_sigma_mps = units::knots_to_mps(0.3);
    boat.steering.course_sigma_deg = 5.0;
    boat.state.speed_mps = boat.steering.cruise_mps;
    boat.plan.appear_at = scenario.start + whole_seconds(setup.uniform() * config.launch_window_s);
    const double fate = setup.uniform();
    if (fate < config.engine_failure_probability) {
      boat.plan.fate = SmallBoatFate::kEngineFailure;
      boat.plan.next_event_at =
          boat.plan.appear_at + whole_seconds(60.0 * uniform_in(setup, config.failure_after_min));
    } else if (fate < config.engine_failure_probability + config.turn_back_probability) {
      boat.plan.fate = SmallBoatFate::kTurnsBack;
      boat.plan.next_event_at =
          boat.plan.appear_at + whole_seconds(60.0 * uniform_in(setup, config.turn_back_after_min));
    }
  }
  return Ok{};
}

}  // namespace

EastNorth random_point_in(CounterRng& rng, const std::vector<EastNorth>& ring) {
  double min_east = ring.front().east, max_east = min_east;
  double min_north = ring.front().north, max_north = min_north;
  for (const EastNorth& vertex : ring) {
    min_east = std::min(min_east, vertex.east);
    max_east = std::max(max_east, vertex.east);
    min_north = std::min(min_north, vertex.north);
    max_north = std::max(max_north, vertex.north);
  }
  EastNorth point{(min_east + max_east) / 2, (min_north + max_north) / 2};
  for (int attempt = 0; attempt < 1000; ++attempt) {
    point = {uniform_between(rng, min_east, max_east), uniform_between(rng, min_north, max_north)};
    bool inside = false;
    for (std::size_t vertex_idx = 0, previous_idx = ring.size() - 1; vertex_idx < ring.size();
         previous_idx = vertex_idx++) {
      const EastNorth& a = ring[vertex_idx];
      const EastNorth& b = ring[previous_idx];
      if ((a.north > point.north) != (b.north > point.north) &&
          point.east < (b.east - a.east) * (point.north - a.north) / (b.north - a.north) + a.east) {
        inside = !inside;
      }
    }
    if (inside) break;
  }
  return point;
}

std::vector<EastNorth> flight_pattern(const AircraftConfig& config, const World& world) {
  const EastNorth centre = world.to_plane(config.centre);
  const double along_deg = config.heading_deg;
  const double across_deg = config.heading_deg + 90.0;
  std::vector<EastNorth> points;
  if (config.pattern == FlightPattern::kRacetrack) {
    // Two straight legs joined by half circles of diameter width_m.
    const double half_length = std::max(0.0, config.length_m - config.width_m) / 2;
    const double radius = config.width_m / 2;
    const EastNorth far_end = offset(centre, along_deg, half_length);
    const EastNorth near_end = offset(centre, along_deg, -half_length);
    constexpr int kArcPoints = 6;
    for (int arc_idx = 0; arc_idx <= kArcPoints; ++arc_idx) {
      points.push_back(offset(far_end, across_deg - 180.0 * arc_idx / kArcPoints, radius));
    }
    for (int arc_idx = 0; arc_idx <= kArcPoints; ++arc_idx) {
      points.push_back(offset(near_end, across_deg + 180.0 - 180.0 * arc_idx / kArcPoints, radius));
    }
  } else {
    // Legs along the heading, spaced across it, alternately out and back.
    const int legs = std::max(1, static_cast<int>(config.width_m / config.leg_spacing_m) + 1);
    for (int leg_idx = 0; leg_idx < legs; ++leg_idx) {
      const double across = -config.width_m / 2 + leg_idx * config.leg_spacing_m;
      const EastNorth middle = offset(centre, across_deg, across);
      const EastNorth start =
          offset(middle, along_deg, (leg_idx % 2 == 0 ? -1 : 1) * config.length_m / 2);
      const EastNorth end =
          offset(middle, along_deg, (leg_idx % 2 == 0 ? 1 : -1) * config.length_m / 2);
      points.push_back(start);
      points.push_back(end);
    }
  }
  return points;
}

Result<std::vector<Entity>> build_traffic(const Scenario& scenario, const Geography& geography,
                                          const World& world) {
  std::vector<Entity> entities;
  EntityFactory factory(scenario.seed, entities);
  add_merchants(factory, scenario, world);
  if (auto status = add_ferries(factory, scenario, geography, world); !status)
    return status.error();
  add_wanderers(factory, scenario, geography, world, EntityKind::kFishing);
  add_wanderers(factory, scenario, geography, world, EntityKind::kPleasure);
  add_patrols(factory, scenario, world);
  add_aircraft(factory, scenario, world);
  if (auto status = add_small_boats(factory, scenario, geography, world); !status) {
    return status.error();
  }
  auto scripted = build_scripted_vessels(scenario, geography, world,
                                         static_cast<EntityId>(entities.size() + 1));
  if (!scripted) return scripted.error();
  for (Entity& vessel : *scripted) entities.push_back(std::move(vessel));
  return entities;
}

}  // namespace sw::sim
