#include "risk/lane_crossing_assessor.h"

#include <fmt/format.h>
#include <cmath>
#include <limits>

#include "core/units.h"
#include "risk/cpa.h"

namespace sw::risk {

double crossing_angle_deg(double course_deg, double lane_direction_deg) {
  double difference = std::fmod(std::abs(course_deg - lane_direction_deg), 180.0);
  if (difference > 90.0) difference = 180.0 - difference;
  return difference;
}

void LaneCrossingAssessor::assess(const AssessmentContext& context, std::vector<Finding>& out) {
  const TimeNs now = context.now();
  const RiskPicture& picture = context.picture();
  for (const auto& [id, boat] : picture.tracks()) {
    if (boat.role != VesselRole::kSmallCraft) continue;
    const TrafficLane* lane = context.geography().lane_at(boat.position);
    if (lane == nullptr) continue;
    // A contact measured a few times over the window (a passing clutter track is not); its
    // course and speed from those positions.
    const std::optional<FittedVelocity> fitted =
        picture.fitted_velocity(id, now, settings_.window_s);
    const bool active = context.active(finding_key(AlertKind::kLaneCrossing, {id}, ""));
    if (!active && (!fitted || fitted->points < settings_.min_points)) continue;
    const Velocity velocity = fitted ? fitted->velocity : boat.velocity;
    const double speed = std::hypot(velocity.east, velocity.north);
    const double course =
        std::fmod(units::rad_to_deg(std::atan2(velocity.east, velocity.north)) + 360.0, 360.0);
    const bool moving = speed > 0.3;
    const double angle = moving ? crossing_angle_deg(course, lane->direction_deg) : 0.0;

    // The traffic it must cross: ships in the same lane within range, nearest first.
    const EastNorth boat_now = boat.plane_at(now);
    int ships = 0;
    double nearest_range = std::numeric_limits<double>::infinity();
    std::string nearest;
    double soonest_tcpa = std::numeric_limits<double>::infinity();
    double soonest_cpa = 0.0;
    for (const RiskTrack* ship : picture.near(boat_now, settings_.traffic_range_m)) {
      if (ship->role != VesselRole::kShip || context.geography().lane_at(ship->position) != lane) {
        continue;
      }
      ++ships;
      const EastNorth ship_now = ship->plane_at(now);
      const Approach approach = closest_approach(
          {ship_now.east - boat_now.east, ship_now.north - boat_now.north},
          {ship->velocity.east - boat.velocity.east, ship->velocity.north - boat.velocity.north});
      if (approach.range_m < nearest_range) {
        nearest_range = approach.range_m;
        nearest = ship->describe();
      }
      if (approach.tcpa_s >= 0.0 && approach.tcpa_s < soonest_tcpa) {
        soonest_tcpa = approach.tcpa_s;
        soonest_cpa = approach.cpa_m;
      }
    }

    Finding finding;
    finding.kind = AlertKind::kLaneCrossing;
    finding.subjects = {id};
    const bool close_ship = soonest_tcpa <= 900.0 && soonest_cpa < 1000.0;
    finding.severity = (moving && angle < settings_.proper_crossing_deg) || !moving || close_ship
                           ? Severity::kUrgent
                           : Severity::kWarning;
    finding.position = boat.position;
    finding.label = boat.label;
    finding.details = {
        {"lane", lane->name},
        {"lane_direction_deg", fmt::format("{:.0f}", lane->direction_deg)},
        {"small_craft", boat.describe()},
        {"course_deg", moving ? fmt::format("{:.0f}", course) : ""},
        {"speed_mps", fmt::format("{:.2f}", speed)},
        {"crossing_angle_deg", moving ? fmt::format("{:.0f}", angle) : ""},
        {"ships_in_lane_within_m", fmt::format("{:.0f}", settings_.traffic_range_m)},
        {"ships_to_cross", std::to_string(ships)},
        {"nearest_ship", nearest},
        {"nearest_ship_range_m", ships > 0 ? fmt::format("{:.0f}", nearest_range) : ""},
        {"soonest_tcpa_s", std::isfinite(soonest_tcpa) ? fmt::format("{:.0f}", soonest_tcpa) : ""},
        {"soonest_cpa_m", std::isfinite(soonest_tcpa) ? fmt::format("{:.0f}", soonest_cpa) : ""},
    };
    out.push_back(std::move(finding));
  }
}

}  // namespace sw::risk
