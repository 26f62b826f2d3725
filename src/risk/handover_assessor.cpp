#include "risk/handover_assessor.h"

#include <fmt/format.h>
#include <cmath>

namespace sw::risk {
namespace {

LatLon position_after(const RiskTrack& track, TimeNs now, double seconds,
                      const RiskPicture& picture) {
  const EastNorth at = track.plane_at(now);
  return picture.frame().reverse(
      {at.east + track.velocity.east * seconds, at.north + track.velocity.north * seconds});
}

}  // namespace

std::optional<BoundaryCrossing> predict_crossing(const RiskTrack& track, TimeNs now,
                                                 const RiskPicture& picture,
                                                 const RiskGeography& geography, double horizon_s,
                                                 double step_s) {
  const SarRegion* start = geography.region_at(position_after(track, now, 0.0, picture));
  if (start == nullptr) return std::nullopt;
  double before = 0.0;
  for (double after = step_s; before < horizon_s; after += step_s) {
    after = std::min(after, horizon_s);
    const SarRegion* region = geography.region_at(position_after(track, now, after, picture));
    if (region != start) {
      double low = before;
      double high = after;
      while (high - low > 1.0) {
        const double middle = (low + high) / 2.0;
        const SarRegion* middle_region =
            geography.region_at(position_after(track, now, middle, picture));
        (middle_region == start ? low : high) = middle;
      }
      if (region == nullptr) return std::nullopt;  // leaves every modelled region
      BoundaryCrossing crossing;
      crossing.from = start;
      crossing.to = geography.region_at(position_after(track, now, high, picture));
      if (crossing.to == nullptr) crossing.to = region;
      crossing.after_s = high;
      crossing.position = position_after(track, now, high, picture);
      return crossing;
    }
    before = after;
  }
  return std::nullopt;
}

void HandoverAssessor::assess(const AssessmentContext& context, std::vector<Finding>& out) {
  const TimeNs now = context.now();
  const RiskPicture& picture = context.picture();
  const RiskGeography& geography = context.geography();
  std::map<std::uint64_t, const SarRegion*> regions;
  std::map<std::uint64_t, TimeNs> predicted;
  for (const auto& [id, contact] : picture.tracks()) {
    if (contact.role != VesselRole::kSmallCraft) continue;
    const SarRegion* here = geography.region_at(contact.position);
    regions[id] = here;
    // A crossing seen now (the region changed since the last evaluation) is remembered.
    const auto last = last_region_.find(id);
    if (last != last_region_.end() && last->second != nullptr && here != nullptr &&
        last->second != here) {
      crossed_[id] = Crossed{last->second->name,  here->name, last->second->rescue_centre,
                             here->rescue_centre, now,        contact.position};
    }
    Finding finding;
    finding.kind = AlertKind::kSarHandover;
    finding.subjects = {id};
    finding.position = contact.position;
    finding.label = contact.label;
    finding.severity =
        contact.track_class == track::TrackClass::kDark ? Severity::kWarning : Severity::kInfo;
    const auto crossed = crossed_.find(id);
    if (crossed != crossed_.end() &&
        seconds_between(crossed->second.at, now) <= settings_.after_crossing_s) {
      const Crossed& done = crossed->second;
      finding.event_time = done.at;
      finding.addressed_to = {done.from_centre, done.to_centre};
      finding.details = {{"contact", contact.describe()},
                         {"from_region", done.from},
                         {"to_region", done.to},
                         {"crossed", "true"},
                         {"crossing_position",
                          fmt::format("{:.5f},{:.5f}", done.position.lat, done.position.lon)}};
      out.push_back(std::move(finding));
      continue;
    }
    // Predicted on the velocity fitted to the measured positions (the filter's is poor for
    // a boat seen now and then).
    const std::optional<FittedVelocity> fitted =
        picture.fitted_velocity(id, now, settings_.window_s);
    if (!fitted || fitted->points < settings_.min_points ||
        fitted->sigma_mps > settings_.max_velocity_sigma_mps) {
      continue;
    }
    RiskTrack moving = contact;
    moving.velocity = fitted->velocity;
    if (moving.speed_mps() < settings_.min_speed_mps) continue;
    const bool active = context.active(finding_key(AlertKind::kSarHandover, {id}, ""));
    const std::optional<BoundaryCrossing> crossing =
        predict_crossing(moving, now, picture, geography,
                         active ? settings_.keep_horizon_s : settings_.horizon_s, settings_.step_s);
    if (!crossing) continue;
    const auto previous = predicted_since_.find(id);
    const TimeNs since = previous == predicted_since_.end() ? now : previous->second;
    predicted[id] = since;
    if (!active && seconds_between(since, now) < settings_.confirm_s) continue;
    finding.event_time =
        now + static_cast<TimeNs>(crossing->after_s * static_cast<double>(kNsPerSecond));
    finding.addressed_to = {crossing->from->rescue_centre, crossing->to->rescue_centre};
    finding.details = {{"contact", contact.describe()},
                       {"from_region", crossing->from->name},
                       {"to_region", crossing->to->name},
                       {"crossed", "false"},
                       {"crossing_in_s", fmt::format("{:.0f}", crossing->after_s)},
                       {"crossing_position", fmt::format("{:.5f},{:.5f}", crossing->position.lat,
                                                         crossing->position.lon)}};
    out.push_back(std::move(finding));
  }
  last_region_ = std::move(regions);
  predicted_since_ = std::move(predicted);
  for (auto item = crossed_.begin(); item != crossed_.end();) {
    item = seconds_between(item->second.at, now) > settings_.after_crossing_s ||
                   picture.find(item->first) == nullptr
               ? crossed_.erase(item)
               : std::next(item);
  }
}

}  // namespace sw::risk
