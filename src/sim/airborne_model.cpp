#include "sim/airborne_model.h"

#include <cmath>

#include "core/units.h"
#include "sim/motion.h"
#include "sim/random.h"

namespace sw::sim {
namespace {

TimeNs seconds_ns(double seconds) { return static_cast<TimeNs>(std::llround(seconds * 1e9)); }

double wrap_360(double degrees) {
  const double wrapped = std::fmod(degrees, 360.0);
  return wrapped < 0 ? wrapped + 360.0 : wrapped;
}

bool has_sensor(const Entity& entity) {
  return entity.kind == EntityKind::kAircraft || entity.kind == EntityKind::kDrone;
}

}  // namespace

std::string asset_uid(const Entity& entity) {
  std::string uid = "straitwatch-sim-";
  uid += to_string(entity.kind);
  uid += "-" + std::to_string(entity.id);
  return uid;
}

AirborneModel::AirborneModel(const Scenario& scenario)
    : aircraft_(scenario.aircraft),
      seed_(scenario.seed),
      phase_key_(
          CounterRng::stream_key(scenario.seed, stream_id(StreamFamily::kAirborne, 0xFFFF))) {}

void AirborneModel::tick(const Snapshot& snapshot, TimeNs step_end, ReportQueue& queue) {
  const std::vector<Entity>& entities = *snapshot.entities;
  if (schedules_.size() < entities.size()) schedules_.resize(entities.size());
  while (rngs_.size() < entities.size()) {
    rngs_.emplace_back(seed_, stream_id(StreamFamily::kAirborne, entities[rngs_.size()].id));
  }
  for (std::size_t entity_idx = 0; entity_idx < entities.size(); ++entity_idx) {
    const Entity& entity = entities[entity_idx];
    if (!entity.active() || (!entity.cot_position && !has_sensor(entity))) continue;
    Schedule& schedule = schedules_[entity_idx];
    const AircraftConfig* config =
        has_sensor(entity) ? &aircraft_[entity.plan.aircraft_config] : nullptr;
    if (schedule.next_position < 0) {
      const double first = CounterRng::to_unit_open_low(CounterRng::at(phase_key_, entity.id));
      schedule.next_position = snapshot.time + seconds_ns(first * entity.cot_interval_s);
      if (config != nullptr) {
        schedule.next_look = snapshot.time + seconds_ns(first * config->look_interval_s);
      }
    }
    while (entity.cot_position && schedule.next_position < step_end) {
      const TimeNs time = schedule.next_position;
      AssetPosition report;
      report.time = time;
      report.id = entity.id;
      report.kind = entity.kind;
      report.uid = asset_uid(entity);
      report.callsign = entity.name;
      report.nation = entity.nation;
      report.position = snapshot.geo_at(entity_idx, time);
      report.altitude_m = entity.state.altitude_m;
      report.course_deg = entity.state.course_deg;
      report.speed_mps = entity.state.speed_mps;
      report.interval_s = entity.cot_interval_s;
      report.releasable_to = entity.releasable_to;
      queue.push(std::move(report));
      schedule.next_position += seconds_ns(entity.cot_interval_s);
    }
    while (config != nullptr && schedule.next_look < step_end) {
      look(snapshot, entity_idx, schedule.next_look, queue);
      schedule.next_look += seconds_ns(config->look_interval_s);
    }
  }
}

void AirborneModel::look(const Snapshot& snapshot, std::size_t observer_idx, TimeNs time,
                         ReportQueue& queue) {
  const std::vector<Entity>& entities = *snapshot.entities;
  const Entity& observer = entities[observer_idx];
  const AircraftConfig& config = aircraft_[observer.plan.aircraft_config];
  CounterRng& rng = rngs_[observer_idx];
  const EastNorth below = snapshot.plane_at(observer_idx, time);
  for (std::size_t boat_idx = 0; boat_idx < entities.size(); ++boat_idx) {
    const Entity& boat = entities[boat_idx];
    if (boat.kind != EntityKind::kSmallBoat || !boat.active()) continue;
    const EastNorth at = snapshot.plane_at(boat_idx, time);
    if (plane_distance_m(below, at) > config.footprint_radius_m) continue;
    if (!chance(rng, config.detection_probability)) continue;
    const auto key = std::make_pair(observer.id, boat.id);
    auto contact = contacts_.find(key);
    if (contact == contacts_.end()) {
      contact = contacts_.emplace(key, ++next_contact_[observer.id]).first;
    }
    SightingReport sighting;
    sighting.time = time;
    sighting.observer_id = observer.id;
    sighting.observer_callsign = observer.name;
    sighting.contact_uid = observer.name + "-contact-" + std::to_string(contact->second);
    sighting.position = snapshot.world->to_geo({gaussian(rng, at.east, config.position_sigma_m),
                                                gaussian(rng, at.north, config.position_sigma_m)});
    sighting.position_sigma_m = config.position_sigma_m;
    sighting.course_deg = wrap_360(gaussian(rng, boat.state.course_deg, 10.0));
    sighting.speed_mps = std::max(0.0, gaussian(rng, boat.state.speed_mps, 0.3));
    // Observers count people roughly: to the nearest five, within about 10 %.
    const double counted = gaussian(rng, boat.persons_on_board, 0.1 * boat.persons_on_board);
    sighting.persons_estimate = std::max(5, static_cast<int>(std::lround(counted / 5.0)) * 5);
    sighting.releasable_to = config.releasable_to;
    sighting.truth_id = boat.id;
    sighting.truth_position = snapshot.world->to_geo(at);
    queue.push(std::move(sighting));
  }
}

}  // namespace sw::sim
