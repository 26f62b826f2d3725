#include "risk/drifting_assessor.h"

#include <fmt/format.h>
#include <cmath>

namespace sw::risk {

void DriftingAssessor::assess(const AssessmentContext& context, std::vector<Finding>& out) {
  const TimeNs now = context.now();
  const RiskPicture& picture = context.picture();
  const Velocity expected{
      environment_.current.east + settings_.leeway_fraction * environment_.wind_to.east,
      environment_.current.north + settings_.leeway_fraction * environment_.wind_to.north};
  std::map<std::uint64_t, TimeNs> still_adrift;
  for (const auto& [id, boat] : picture.tracks()) {
    if (boat.role != VesselRole::kSmallCraft) continue;
    const double velocity_sigma =
        std::sqrt(std::max(0.0, boat.velocity_covariance.ee + boat.velocity_covariance.nn));
    if (velocity_sigma > settings_.max_velocity_sigma_mps) continue;  // speed not known yet
    const double water_speed = std::hypot(boat.velocity.east - environment_.current.east,
                                          boat.velocity.north - environment_.current.north);
    const double drift_error =
        std::hypot(boat.velocity.east - expected.east, boat.velocity.north - expected.north);
    const bool active = context.active(finding_key(AlertKind::kDrifting, {id}, ""));
    const double water_limit =
        active ? settings_.keep_water_speed_mps : settings_.max_water_speed_mps;
    if (water_speed >= water_limit && drift_error >= settings_.drift_match_mps) continue;
    const auto previous = since_.find(id);
    const TimeNs since = previous == since_.end() ? now : previous->second;
    still_adrift[id] = since;
    if (!active && seconds_between(since, now) < settings_.min_duration_s) continue;

    Finding finding;
    finding.kind = AlertKind::kDrifting;
    finding.subjects = {id};
    const bool in_lane = context.geography().lane_at(boat.position) != nullptr;
    finding.severity = in_lane                                        ? Severity::kCritical
                       : boat.track_class == track::TrackClass::kDark ? Severity::kUrgent
                                                                      : Severity::kWarning;
    finding.position = boat.position;
    finding.label = boat.label;
    finding.wants_search_areas = true;
    finding.search_radius_m =
        std::sqrt(std::max(0.0, (boat.covariance.ee + boat.covariance.nn) / 2));
    finding.details = {
        {"small_craft", boat.describe()},
        {"speed_over_ground_mps", fmt::format("{:.2f}", boat.speed_mps())},
        {"speed_through_water_mps", fmt::format("{:.2f}", water_speed)},
        {"drift_difference_mps", fmt::format("{:.2f}", drift_error)},
        {"adrift_since", std::to_string(since)},
        {"adrift_for_s", fmt::format("{:.0f}", seconds_between(since, now))},
        {"in_traffic_lane", in_lane ? "true" : "false"},
    };
    out.push_back(std::move(finding));
  }
  since_ = std::move(still_adrift);
}

}  // namespace sw::risk
