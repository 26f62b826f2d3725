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
    const bool active = context.active(finding_key(AlertKind::kDrifting, {id}, ""));
    // The speed comes from the positions measured over the window, not from the tracker's
    // filter: a boat seen by a radar at its range limit or by an aircraft now and then has a
    // poor filtered velocity but a good average one.
    const std::optional<FittedVelocity> fitted =
        picture.fitted_velocity(id, now, settings_.window_s);
    const bool measured = fitted && fitted->points >= settings_.min_points &&
                          fitted->span_s >= settings_.min_span_s &&
                          fitted->sigma_mps <= settings_.max_velocity_sigma_mps;
    double water_speed = 0.0;
    double drift_error = 0.0;
    if (measured) {
      water_speed = std::hypot(fitted->velocity.east - environment_.current.east,
                               fitted->velocity.north - environment_.current.north);
      drift_error = std::hypot(fitted->velocity.east - expected.east,
                               fitted->velocity.north - expected.north);
      const double water_limit =
          active ? settings_.keep_water_speed_mps : settings_.max_water_speed_mps;
      if (water_speed >= water_limit && drift_error >= settings_.drift_match_mps) continue;
    } else if (!active) {
      continue;  // not measured well enough to say; an open alert holds until it is
    }
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
    finding.search_radius_m = mean_sigma(boat.covariance);
    finding.details = {
        {"small_craft", boat.describe()},
        {"speed_over_ground_mps",
         measured ? fmt::format("{:.2f}", std::hypot(fitted->velocity.east, fitted->velocity.north))
                  : ""},
        {"speed_through_water_mps", measured ? fmt::format("{:.2f}", water_speed) : ""},
        {"drift_difference_mps", measured ? fmt::format("{:.2f}", drift_error) : ""},
        {"adrift_since", std::to_string(since)},
        {"adrift_for_s", fmt::format("{:.0f}", seconds_between(since, now))},
        {"in_traffic_lane", in_lane ? "true" : "false"},
    };
    out.push_back(std::move(finding));
  }
  since_ = std::move(still_adrift);
}

}  // namespace sw::risk
