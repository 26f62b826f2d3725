#include "sim/scripted.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/units.h"
#include "sim/identity.h"
#include "sim/motion.h"
#include "sim/random.h"

namespace sw::sim {
namespace {

/// Beyond the end of the run, the line goes on this far: its end is never reached.
constexpr double kLineMarginM = 100000.0;

double default_length_m(EntityKind kind) {
  switch (kind) {
    case EntityKind::kMerchant: return 200.0;
    case EntityKind::kFerry: return 190.0;
    case EntityKind::kFishing: return 20.0;
    case EntityKind::kPleasure: return 11.0;
    case EntityKind::kPatrol: return 42.0;
    default: return 9.0;  // a small inflatable
  }
}

std::uint32_t default_ship_type(EntityKind kind) {
  switch (kind) {
    case EntityKind::kMerchant: return 70;  // cargo
    case EntityKind::kFerry: return 60;     // passenger
    case EntityKind::kFishing: return 30;
    case EntityKind::kPleasure: return 37;  // pleasure craft
    case EntityKind::kPatrol: return 55;    // law enforcement
    default: return 0;                      // not available
  }
}

AisClass default_ais_class(EntityKind kind) {
  switch (kind) {
    case EntityKind::kMerchant:
    case EntityKind::kFerry:
    case EntityKind::kPatrol: return AisClass::kA;
    default: return AisClass::kB;
  }
}

/// The name as AIS can carry it: upper case, at most 20 characters.
std::string ais_name(const std::string& name) {
  std::string text = name.substr(0, 20);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

/// The first simulation step at or after `time` (steps are whole seconds from the start).
TimeNs first_step_at(TimeNs time, TimeNs start) {
  if (time <= start) return start;
  const TimeNs after = time - start;
  return start + (after + kNsPerSecond - 1) / kNsPerSecond * kNsPerSecond;
}

EastNorth along(EastNorth from, double course_deg, double distance_m) {
  const double radians = units::deg_to_rad(course_deg);
  return {from.east + distance_m * std::sin(radians), from.north + distance_m * std::cos(radians)};
}

Entity make_entity(const Scenario& scenario, const ScriptedVesselConfig& config,
                   EastNorth reference, EntityId id) {
  Entity entity;
  entity.id = id;
  entity.kind = config.kind;
  entity.rng = CounterRng(scenario.seed, stream_id(StreamFamily::kEntity, id));
  entity.name = config.name;
  entity.vessel = scripted_particulars(config);
  entity.rcs_m2 =
      radar_cross_section(config.kind, config.length_m.value_or(default_length_m(config.kind)));
  if (config.persons) {
    entity.persons_on_board = *config.persons;
  } else if (config.kind == EntityKind::kSmallBoat) {
    const Interval& persons = scenario.small_boat.persons;
    entity.persons_on_board = static_cast<int>(std::lround((persons.low + persons.high) / 2));
  }

  // On the line from the first step it is in the scene, heading for a point it never reaches.
  const TimeNs start = first_step_at(config.appear_at.value_or(scenario.start), scenario.start);
  const TimeNs end = scenario.start + static_cast<TimeNs>(std::llround(scenario.duration_s * 1e9));
  const double speed_mps = units::knots_to_mps(config.speed_kn);
  const double run_s = static_cast<double>(std::max<TimeNs>(0, end - start)) / 1e9;
  const EastNorth position = scripted_position(config, reference, start);
  const EastNorth beyond = along(position, config.course_deg, speed_mps * run_s + kLineMarginM);
  entity.state.position = position;
  entity.state.course_deg = std::fmod(config.course_deg, 360.0);
  entity.state.speed_mps = speed_mps;
  set_route(entity, {beyond}, false);
  entity.steering.cruise_mps = speed_mps;
  entity.steering.max_turn_deg_s = 3.0;  // no noise: the course never changes
  entity.plan.appear_at = start;
  entity.plan.on_appear = Activity::kUnderWay;
  entity.plan.origin = position;
  entity.plan.destination = beyond;
  entity.plan.leeway_fraction = config.leeway_fraction;
  if (config.stop_at) {
    // behaviour.cpp stops it (drifting, stopped_at set) like a small boat whose engine fails.
    entity.plan.fate = SmallBoatFate::kEngineFailure;
    entity.plan.next_event_at = *config.stop_at;
  }
  return entity;
}

}  // namespace

VesselParticulars scripted_particulars(const ScriptedVesselConfig& config) {
  VesselParticulars vessel;
  if (config.mmsi == 0) return vessel;
  vessel.ais_class = config.ais_class.value_or(default_ais_class(config.kind));
  vessel.mmsi = config.mmsi;
  vessel.name = ais_name(config.name);
  vessel.ship_type = config.ship_type.value_or(default_ship_type(config.kind));
  const double length = config.length_m.value_or(default_length_m(config.kind));
  const double beam = config.beam_m.value_or(length / 7.0);
  const auto whole_length = static_cast<std::uint32_t>(std::lround(length));
  const auto whole_beam = static_cast<std::uint32_t>(std::clamp(std::lround(beam), 1L, 126L));
  vessel.to_bow = std::min<std::uint32_t>(
      511, std::min(whole_length, static_cast<std::uint32_t>(std::lround(length * 0.8))));
  vessel.to_stern = std::min<std::uint32_t>(511, whole_length - vessel.to_bow);
  vessel.to_port = std::min<std::uint32_t>(63, whole_beam / 2);
  vessel.to_starboard = std::min<std::uint32_t>(63, whole_beam - whole_beam / 2);
  return vessel;
}

EastNorth scripted_position(const ScriptedVesselConfig& config, EastNorth reference, TimeNs time) {
  const double elapsed_s = static_cast<double>(time - config.at) / 1e9;
  return along(reference, config.course_deg, units::knots_to_mps(config.speed_kn) * elapsed_s);
}

Result<std::vector<Entity>> build_scripted_vessels(const Scenario& scenario,
                                                   const Geography& geography, const World& world,
                                                   EntityId first_id) {
  std::vector<Entity> entities;
  for (const ScriptedVesselConfig& config : scenario.vessels) {
    LatLon reference;
    if (config.place.position) {
      reference = *config.place.position;
    } else {
      auto point = geography.find_point(config.place.site);
      if (!point) {
        return Error{point.error().code, "vessel " + config.name + ": " + point.error().detail};
      }
      reference = (*point)->position;
    }
    const auto id = static_cast<EntityId>(first_id + entities.size());
    entities.push_back(make_entity(scenario, config, world.to_plane(reference), id));
  }
  return entities;
}

void apply_scripted_leaves(std::vector<Entity>& entities, const Scenario& scenario, TimeNs now) {
  const std::size_t count = scenario.vessels.size();
  if (count == 0 || entities.size() < count) return;
  const std::size_t first = entities.size() - count;
  for (std::size_t vessel_idx = 0; vessel_idx < count; ++vessel_idx) {
    const std::optional<TimeNs>& leave_at = scenario.vessels[vessel_idx].leave_at;
    Entity& entity = entities[first + vessel_idx];
    if (leave_at && now >= *leave_at && entity.activity != Activity::kGone) {
      entity.activity = Activity::kGone;
    }
  }
}

}  // namespace sw::sim
