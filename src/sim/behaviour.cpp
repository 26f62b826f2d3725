#include "sim/behaviour.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "sim/motion.h"
#include "sim/random.h"
#include "sim/traffic.h"

namespace sw::sim {
namespace {

TimeNs seconds_ns(double seconds) {
  return static_cast<TimeNs>(std::llround(seconds)) * kNsPerSecond;
}

// Mean drift of a stopped boat: the current plus its leeway in the wind, each with the
// boat's own forcing error.
EastNorth drift_velocity(const Entity& entity, const World& world) {
  const Plan& plan = entity.plan;
  const double leeway = std::max(0.0, plan.leeway_fraction + plan.leeway_fraction_error);
  const EastNorth wind{world.wind_to_mps.east + plan.wind_error_mps.east,
                       world.wind_to_mps.north + plan.wind_error_mps.north};
  return {world.current_mps.east + plan.current_error_mps.east + leeway * wind.east,
          world.current_mps.north + plan.current_error_mps.north + leeway * wind.north};
}

// Draws the forcing error of a boat that has just stopped (nothing when every sigma is 0, so
// that scenarios without forcing error keep their draws).
void draw_forcing_error(Entity& entity, const World& world) {
  const DriftForcingSigma& sigma = world.drift_error;
  if (sigma.wind_speed_mps <= 0.0 && sigma.wind_direction_deg <= 0.0 && sigma.current_mps <= 0.0 &&
      sigma.leeway_fraction <= 0.0) {
    return;
  }
  Plan& plan = entity.plan;
  const double speed = std::hypot(world.wind_to_mps.east, world.wind_to_mps.north);
  const double to_rad = std::atan2(world.wind_to_mps.east, world.wind_to_mps.north);
  const double new_speed = std::max(0.0, gaussian(entity.rng, speed, sigma.wind_speed_mps));
  const double new_rad =
      to_rad + units::deg_to_rad(gaussian(entity.rng, 0.0, sigma.wind_direction_deg));
  plan.wind_error_mps = {new_speed * std::sin(new_rad) - world.wind_to_mps.east,
                         new_speed * std::cos(new_rad) - world.wind_to_mps.north};
  plan.current_error_mps = {gaussian(entity.rng, 0.0, sigma.current_mps),
                            gaussian(entity.rng, 0.0, sigma.current_mps)};
  plan.leeway_fraction_error = gaussian(entity.rng, 0.0, sigma.leeway_fraction);
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
  if (plan.leave_at >= 0 && now >= plan.leave_at) {
    entity.activity = Activity::kGone;
    return;
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
      draw_forcing_error(entity, world);
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
