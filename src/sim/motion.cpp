#include "sim/motion.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "sim/random.h"

namespace sw::sim {
namespace {

double wrap_180(double degrees) { return std::remainder(degrees, 360.0); }

double wrap_360(double degrees) {
  const double wrapped = std::fmod(degrees, 360.0);
  return wrapped < 0 ? wrapped + 360.0 : wrapped;
}

// One Ornstein-Uhlenbeck step of a zero-mean noise with stationary sigma.
double correlated_step(CounterRng& rng, double value, double sigma, double tau_s, double dt_s) {
  if (sigma <= 0) return 0.0;
  const double decay = std::exp(-dt_s / tau_s);
  return value * decay + sigma * std::sqrt(1.0 - decay * decay) * rng.normal();
}

// Distance before a waypoint at which a turn of `turn_deg` onto the next leg begins.
double turn_lead_m(double speed_mps, double max_turn_deg_s, double turn_deg) {
  const double radius = speed_mps / units::deg_to_rad(std::max(max_turn_deg_s, 0.01));
  return radius * std::tan(units::deg_to_rad(std::min(std::fabs(turn_deg), 150.0)) / 2.0);
}

}  // namespace

double plane_bearing_deg(EastNorth from, EastNorth to) {
  return wrap_360(units::rad_to_deg(std::atan2(to.east - from.east, to.north - from.north)));
}

double plane_distance_m(EastNorth from, EastNorth to) {
  return std::hypot(to.east - from.east, to.north - from.north);
}

void set_route(Entity& entity, std::vector<EastNorth> waypoints, bool loop) {
  entity.steering.waypoints = std::move(waypoints);
  entity.steering.next = 0;
  entity.steering.loop = loop;
}

bool follow_route(Entity& entity, double dt_s) {
  Steering& steering = entity.steering;
  Kinematics& state = entity.state;
  if (steering.waypoints.empty()) return true;
  steering.speed_noise_mps = correlated_step(entity.rng, steering.speed_noise_mps,
                                             steering.speed_sigma_mps, steering.noise_tau_s, dt_s);
  steering.course_noise_deg = correlated_step(
      entity.rng, steering.course_noise_deg, steering.course_sigma_deg, steering.noise_tau_s, dt_s);
  const double speed = std::max(0.0, steering.cruise_mps + steering.speed_noise_mps);

  // Pass waypoints that are close enough to turn onto the following leg.
  for (std::size_t guard = 0; guard < steering.waypoints.size(); ++guard) {
    const EastNorth target = steering.waypoints[steering.next];
    const double distance = plane_distance_m(state.position, target);
    const bool last = !steering.loop && steering.next + 1 == steering.waypoints.size();
    double lead = std::max(speed * dt_s, 5.0);
    if (!last) {
      const EastNorth after = steering.waypoints[(steering.next + 1) % steering.waypoints.size()];
      const double turn =
          wrap_180(plane_bearing_deg(target, after) - plane_bearing_deg(state.position, target));
      lead = std::max(lead, turn_lead_m(speed, steering.max_turn_deg_s, turn));
    }
    // Also passed: a waypoint now behind the beam that the turn circle cannot reach.
    const double off_bow =
        std::fabs(wrap_180(plane_bearing_deg(state.position, target) - state.course_deg));
    const double radius = speed / units::deg_to_rad(std::max(steering.max_turn_deg_s, 0.01));
    const bool unreachable = off_bow > 90 && distance < radius;
    if (distance > lead && !unreachable) break;
    if (last) {
      state.position = target;
      state.speed_mps = 0.0;
      state.turn_rate_deg_s = 0.0;
      return true;
    }
    steering.next = (steering.next + 1) % steering.waypoints.size();
  }

  const EastNorth target = steering.waypoints[steering.next];
  const double desired = plane_bearing_deg(state.position, target) + steering.course_noise_deg;
  const double max_change = steering.max_turn_deg_s * dt_s;
  const double change = std::clamp(wrap_180(desired - state.course_deg), -max_change, max_change);
  state.turn_rate_deg_s = change / dt_s;
  // Move along the arc's chord at the mean heading of the step.
  const double mean_course = units::deg_to_rad(state.course_deg + change / 2.0);
  state.position.east += speed * dt_s * std::sin(mean_course);
  state.position.north += speed * dt_s * std::cos(mean_course);
  state.course_deg = wrap_360(state.course_deg + change);
  state.speed_mps = speed;
  return false;
}

void drift(Entity& entity, EastNorth drift_mps, double dt_s) {
  Steering& steering = entity.steering;
  // Wander about the mean drift: 0.05 m/s per axis, correlated over ten minutes. While
  // drifting, the two noise slots of Steering hold the east and north noise (m/s).
  steering.speed_noise_mps =
      correlated_step(entity.rng, steering.speed_noise_mps, 0.05, 600.0, dt_s);
  steering.course_noise_deg =
      correlated_step(entity.rng, steering.course_noise_deg, 0.05, 600.0, dt_s);
  const double east = drift_mps.east + steering.speed_noise_mps;
  const double north = drift_mps.north + steering.course_noise_deg;
  Kinematics& state = entity.state;
  state.position.east += east * dt_s;
  state.position.north += north * dt_s;
  state.speed_mps = std::hypot(east, north);
  state.course_deg = wrap_360(units::rad_to_deg(std::atan2(east, north)));
  state.turn_rate_deg_s = 0.0;
}

EastNorth extrapolate(const Kinematics& state, double dt_s) {
  const EastNorth velocity = state.velocity();
  return {state.position.east + velocity.east * dt_s, state.position.north + velocity.north * dt_s};
}

}  // namespace sw::sim
