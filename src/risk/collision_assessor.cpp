#include "risk/collision_assessor.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "core/counter_rng.h"
#include "risk/cpa.h"

namespace sw::risk {
namespace {

Covariance2 sum(const Covariance2& first, const Covariance2& second) {
  return {first.ee + second.ee, first.en + second.en, first.nn + second.nn};
}

}  // namespace

RiskTrack with_best_velocity(const RiskTrack& track, const RiskPicture& picture, TimeNs now,
                             double window_s) {
  RiskTrack best = track;
  const std::optional<FittedVelocity> fitted = picture.fitted_velocity(track.id, now, window_s);
  if (!fitted || fitted->points < 4) return best;
  const double filter_sigma = mean_sigma(track.velocity_covariance);
  if (fitted->sigma_mps < filter_sigma) {
    best.velocity = fitted->velocity;
    best.velocity_covariance = {fitted->sigma_mps * fitted->sigma_mps, 0.0,
                                fitted->sigma_mps * fitted->sigma_mps};
  }
  return best;
}

Severity collision_severity(const CollisionSettings& settings, double cpa_m, double tcpa_s,
                            double ship_length_m) {
  Severity severity = Severity::kWarning;
  if (cpa_m < settings.urgent_cpa_m && tcpa_s <= settings.urgent_tcpa_s) {
    severity = tcpa_s <= settings.critical_tcpa_s ? Severity::kCritical : Severity::kUrgent;
  }
  // A large ship cannot stop or turn in time: one level up once the CPA is near.
  if (ship_length_m >= settings.large_ship_m && tcpa_s <= settings.urgent_tcpa_s &&
      severity < Severity::kCritical) {
    severity = static_cast<Severity>(static_cast<int>(severity) + 1);
  }
  return severity;
}

void CollisionAssessor::assess(const AssessmentContext& context, std::vector<Finding>& out) {
  const RiskPicture& picture = context.picture();
  const TimeNs now = context.now();
  double fastest_ship = 0.0;
  for (const auto& [id, item] : picture.tracks()) {
    if (item.role == VesselRole::kShip) fastest_ship = std::max(fastest_ship, item.speed_mps());
  }
  for (const auto& [boat_id, tracked_boat] : picture.tracks()) {
    if (tracked_boat.role != VesselRole::kSmallCraft) continue;
    const RiskTrack boat = with_best_velocity(tracked_boat, picture, now, settings_.fit_window_s);
    // Measured a few times over the window: a clutter track that lived a moment is not a boat.
    const std::optional<FittedVelocity> measured =
        picture.fitted_velocity(boat.id, now, settings_.fit_window_s);
    const bool mature = measured && measured->points >= settings_.min_points;
    const EastNorth boat_now = boat.plane_at(now);
    const double reach =
        (boat.speed_mps() + fastest_ship) * settings_.keep_horizon_s + settings_.keep_cpa_m;
    for (const RiskTrack* ship : picture.near(boat_now, reach)) {
      if (ship->role != VesselRole::kShip) continue;
      const EastNorth ship_now = ship->plane_at(now);
      const EastNorth relative{ship_now.east - boat_now.east, ship_now.north - boat_now.north};
      const Velocity relative_velocity{ship->velocity.east - boat.velocity.east,
                                       ship->velocity.north - boat.velocity.north};
      const Approach approach = closest_approach(relative, relative_velocity);
      const std::vector<std::uint64_t> subjects{boat_id, ship->id};
      const bool active = context.active(finding_key(AlertKind::kCollision, subjects, ""));
      const double cpa_limit = active ? settings_.keep_cpa_m : settings_.cpa_m;
      const double boat_horizon = boat.track_class == track::TrackClass::kDark
                                      ? settings_.horizon_s
                                      : settings_.cooperative_horizon_s;
      const double horizon =
          active ? boat_horizon + (settings_.keep_horizon_s - settings_.horizon_s) : boat_horizon;
      if (approach.tcpa_s < 0.0 || approach.tcpa_s > horizon || approach.cpa_m >= cpa_limit) {
        continue;
      }
      const double relative_speed = std::hypot(relative_velocity.east, relative_velocity.north);
      if (!active && (!mature || relative_speed < settings_.min_relative_speed_mps)) continue;
      if (!active && boat.track_class == track::TrackClass::kDark &&
          approach.range_m < settings_.same_vessel_m) {
        continue;
      }
      // The prediction must hold for a while (longer for a longer look ahead): one turn of
      // a wandering craft does not alert.
      Run& run = runs_[{boat_id, ship->id}];
      if (run.last == 0 || seconds_between(run.last, now) > settings_.confirm_gap_s) {
        run.first = now;
      }
      run.last = now;
      if (!active && seconds_between(run.first, now) <
                         std::min(settings_.confirm_max_s, approach.tcpa_s / 10.0)) {
        continue;
      }
      RelativeState state;
      state.position = relative;
      state.velocity = relative_velocity;
      state.position_covariance = sum(boat.covariance, ship->covariance);
      state.velocity_covariance = sum(boat.velocity_covariance, ship->velocity_covariance);
      const std::uint64_t pair_seed = CounterRng::stream_key(
          seed_ ^ static_cast<std::uint64_t>(now), boat_id * 1'000'003ULL + ship->id);
      const double probability = probability_closer(state, settings_.cpa_m, horizon, pair_seed,
                                                    settings_.probability_samples);

      Finding finding;
      finding.kind = AlertKind::kCollision;
      finding.subjects = subjects;
      finding.severity =
          collision_severity(settings_, approach.cpa_m, approach.tcpa_s, ship->length_m);
      finding.position = boat.position;
      finding.event_time =
          now + static_cast<TimeNs>(approach.tcpa_s * static_cast<double>(kNsPerSecond));
      finding.label = combine_labels(boat.label, ship->label);
      const LatLon boat_at_cpa =
          picture.frame().reverse({boat_now.east + boat.velocity.east * approach.tcpa_s,
                                   boat_now.north + boat.velocity.north * approach.tcpa_s});
      finding.details = {
          {"cpa_m", fmt::format("{:.0f}", approach.cpa_m)},
          {"tcpa_s", fmt::format("{:.0f}", approach.tcpa_s)},
          {"range_m", fmt::format("{:.0f}", approach.range_m)},
          {"probability_closer", fmt::format("{:.2f}", probability)},
          {"threshold_m", fmt::format("{:.0f}", settings_.cpa_m)},
          {"small_craft", boat.describe()},
          {"ship", ship->describe()},
          {"ship_length_m", ship->length_m > 0 ? fmt::format("{:.0f}", ship->length_m) : ""},
          {"cpa_position", fmt::format("{:.5f},{:.5f}", boat_at_cpa.lat, boat_at_cpa.lon)},
      };
      out.push_back(std::move(finding));
    }
  }
  for (auto run = runs_.begin(); run != runs_.end();) {
    run = seconds_between(run->second.last, now) > settings_.confirm_gap_s ? runs_.erase(run)
                                                                           : std::next(run);
  }
}

}  // namespace sw::risk
