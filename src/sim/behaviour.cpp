#include "sim/behaviour.h"

#include <cmath>

#include "sim/motion.h"
#include "sim/traffic.h"

namespace sw::sim {
namespace {

TimeNs seconds_ns(double seconds) {
  return static_cast<TimeNs>(std::llround(seconds)) * kNsPerSecond;
}

// Mean drift of a stopped boat: the current plus its leeway in the wind.
EastNorth drift_velocity(const Entity& entity, const World& world) {
  return {world.current_mps.east + entity.plan.leeway_fraction * world.wind_to_mps.east,
          world.current_mps.north + entity.plan.leeway_fraction * world.wind_to_mps.north};
}

void arrive(Entity& entity, TimeNs arrival) {
  switch (entity.kind) {
    case EntityKind::kFerry:
      entity.activity = Activity::kMoored;
      entity.plan.next_event_at = arrival + seconds_ns(entity.plan.dwell_s);
      break;
    case EntityKind::kFishing:
    case EntityKind::kPleasure:
      set_route(entity, {random_point_in(entity.rng, entity.plan.area)}, false);
      entity.state.speed_mps = entity.steering.cruise_mps;
      break;
    default:
      // Merchants leave the lanes, small boats land or are back on the beach; looping
      // routes (patrols, aircraft) never end.
      entity.activity = Activity::kGone;
      break;
  }
}

}  // namespace

void apply_events(Entity& entity, TimeNs now, const World& world) {
  Plan& plan = entity.plan;
  if (entity.activity == Activity::kWaiting) {
    if (now < plan.appear_at) return;
    entity.activity = plan.on_appear;
  }
  if (entity.kind == EntityKind::kFerry && entity.activity == Activity::kMoored &&
      now >= plan.next_event_at) {
    const double to_origin = plane_distance_m(entity.state.position, plan.origin);
    const double to_destination = plane_distance_m(entity.state.position, plan.destination);
    const EastNorth next_port = to_origin < to_destination ? plan.destination : plan.origin;
    set_route(entity, {next_port}, false);
    entity.state.course_deg = plane_bearing_deg(entity.state.position, next_port);
    entity.state.speed_mps = entity.steering.cruise_mps;
    entity.activity = Activity::kUnderWay;
  }
  // Only small boats and scripted vessels (whatever their kind) have another fate.
  if (entity.activity == Activity::kUnderWay && plan.fate != SmallBoatFate::kCrosses &&
      now >= plan.next_event_at) {
    if (plan.fate == SmallBoatFate::kEngineFailure) {
      entity.activity = Activity::kDrifting;
      plan.stopped_at = now;
      entity.steering.speed_noise_mps = 0.0;
      entity.steering.course_noise_deg = 0.0;
      drift(entity, drift_velocity(entity, world), 0.0);
    } else {
      entity.activity = Activity::kReturning;
      set_route(entity, {plan.origin}, false);
    }
  }
}

void move(Entity& entity, TimeNs now, double dt_s, const World& world) {
  switch (entity.activity) {
    case Activity::kWaiting:
    case Activity::kGone: return;
    case Activity::kMoored:
      entity.state.speed_mps = 0.0;
      entity.state.turn_rate_deg_s = 0.0;
      return;
    case Activity::kDrifting: drift(entity, drift_velocity(entity, world), dt_s); return;
    case Activity::kUnderWay:
    case Activity::kFishing:
    case Activity::kReturning:
      if (follow_route(entity, dt_s)) arrive(entity, now + seconds_ns(dt_s));
      return;
  }
}

}  // namespace sw::sim
