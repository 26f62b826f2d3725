#include "eval/risk_evaluation.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "eval/area_contains.h"
#include "eval/sim_pipeline.h"
#include "eval/statistics.h"
#include "risk/risk_engine.h"
#include "risk/risk_geography.h"

namespace sw::eval {
namespace {

constexpr double kMetresPerDegreeLat = 111'320.0;

/// Distance in metres by the local flat-earth approximation (tens of km: < 0.1 % error).
double flat_distance_m(LatLon first, LatLon second) {
  const double mean_lat = (first.lat + second.lat) / 2.0 * M_PI / 180.0;
  const double east = (second.lon - first.lon) * kMetresPerDegreeLat * std::cos(mean_lat);
  const double north = (second.lat - first.lat) * kMetresPerDegreeLat;
  return std::hypot(east, north);
}

struct TruthPoint {
  TimeNs time = 0;
  LatLon position;
  sim::Activity activity = sim::Activity::kUnderWay;
};

struct TruthVessel {
  std::string name;
  sim::EntityKind kind = sim::EntityKind::kMerchant;
  std::vector<TruthPoint> points;  ///< by time

  const TruthPoint* at(TimeNs time) const {
    const auto found = std::lower_bound(
        points.begin(), points.end(), time,
        [](const TruthPoint& point, TimeNs wanted) { return point.time < wanted; });
    if (found == points.end() || found->time - time > kNsPerSecond) return nullptr;
    return &*found;
  }
};

bool is_small_craft(sim::EntityKind kind) {
  return kind == sim::EntityKind::kSmallBoat || kind == sim::EntityKind::kPleasure;
}
bool is_ship(sim::EntityKind kind) {
  return kind == sim::EntityKind::kMerchant || kind == sim::EntityKind::kFerry;
}

/// An alert as raised, with its subjects matched to true vessels.
struct RaisedAlert {
  risk::Alert alert;
  std::vector<std::optional<sim::EntityId>> matched;
};

/// Smallest true separation of two vessels within [from, to], and when.
std::pair<double, TimeNs> min_separation(const TruthVessel& first, const TruthVessel& second,
                                         TimeNs from, TimeNs to) {
  double best = std::numeric_limits<double>::infinity();
  TimeNs when = 0;
  auto other = second.points.begin();
  for (const TruthPoint& point : first.points) {
    if (point.time < from || point.time > to) continue;
    while (other != second.points.end() && other->time < point.time) ++other;
    if (other == second.points.end()) break;
    if (other->time != point.time) continue;
    const double distance = flat_distance_m(point.position, other->position);
    if (distance < best) {
      best = distance;
      when = point.time;
    }
  }
  return {best, when};
}

/// Times at which a vessel's true position passes from one SAR region into another.
struct Crossing {
  TimeNs time = 0;
  std::string from, to;
};
std::vector<Crossing> crossings(const TruthVessel& vessel, const risk::RiskGeography& geography) {
  std::vector<Crossing> found;
  const risk::SarRegion* last = nullptr;
  for (std::size_t index = 0; index < vessel.points.size(); index += 10) {  // every 10 s
    const risk::SarRegion* region = geography.region_at(vessel.points[index].position);
    if (last != nullptr && region != nullptr && region != last) {
      found.push_back({vessel.points[index].time, last->name, region->name});
    }
    if (region != nullptr) last = region;
  }
  return found;
}

class Scorer {
 public:
  Scorer(const RiskEvaluationOptions& options, const risk::RiskSettings& settings,
         const risk::RiskGeography& geography)
      : options_(options), settings_(settings), geography_(geography) {}

  void truth(const sim::TruthRecord& record) {
    if (!sim::is_surface(record.kind)) return;
    TruthVessel& vessel = vessels_[record.id];
    vessel.name = record.name;
    vessel.kind = record.kind;
    vessel.points.push_back({record.time, record.position, record.activity});
  }

  void raised(const risk::Alert& alert, const risk::RiskPicture& picture) {
    RaisedAlert raised{alert, {}};
    for (const std::uint64_t subject : alert.subjects) {
      const risk::RiskTrack* track = picture.find(subject);
      raised.matched.push_back(track != nullptr ? nearest(track->position, alert.raised_at)
                                                : std::nullopt);
    }
    alerts_.push_back(std::move(raised));
  }

  void score(RiskEvaluation& evaluation) {
    const double to_ns = static_cast<double>(kNsPerSecond);
    for (const RaisedAlert& raised : alerts_) {
      KindScore& score = evaluation.by_kind[risk::to_string(raised.alert.kind)];
      ++score.raised;
      if (raised.alert.kind == risk::AlertKind::kDistress) {
        ++score.true_alerts;
        continue;
      }
      std::string why;
      if (is_true(raised, why)) {
        ++score.true_alerts;
      } else {
        ++score.false_alerts;
        ++evaluation.false_alerts;
        evaluation.false_notes.push_back(fmt::format(
            "alert {} {} at +{:.0f} s: {}", raised.alert.id, risk::to_string(raised.alert.kind),
            static_cast<double>(raised.alert.raised_at - start_) / to_ns, why));
      }
    }
    // Dangerous encounters: small craft and ships truly within the collision threshold.
    for (const auto& [boat_id, boat] : vessels_) {
      if (!is_small_craft(boat.kind)) continue;
      for (const auto& [ship_id, ship] : vessels_) {
        if (!is_ship(ship.kind)) continue;
        const auto [separation, when] = min_separation(boat, ship, start_, end_);
        const double dangerous =
            options_.dangerous_m > 0 ? options_.dangerous_m : settings_.collision.cpa_m;
        if (separation >= dangerous) continue;
        EncounterOutcome outcome{boat.name, ship.name, when, separation, {}, false, 0.0};
        if (const TruthPoint* at_cpa = boat.at(when)) outcome.position = at_cpa->position;
        outcome.boat_tracked_fraction =
            seen_fraction(boat_id, std::max(start_, when - 1800 * kNsPerSecond), when);
        for (const RaisedAlert& raised : alerts_) {
          if (raised.alert.kind != risk::AlertKind::kCollision || raised.alert.raised_at > when ||
              !names_pair(raised, boat_id, ship_id)) {
            continue;
          }
          const double warning = static_cast<double>(when - raised.alert.raised_at) / to_ns;
          if (!outcome.detected || warning > outcome.warning_s) outcome.warning_s = warning;
          outcome.detected = true;
        }
        evaluation.encounters.push_back(outcome);
      }
    }
    // Boats that stopped.
    for (const auto& [boat_id, boat] : vessels_) {
      const auto stop = std::find_if(boat.points.begin(), boat.points.end(), [](const auto& point) {
        return point.activity == sim::Activity::kDrifting;
      });
      if (stop == boat.points.end()) continue;
      DriftOutcome outcome;
      outcome.boat = boat.name;
      outcome.stopped_at = stop->time;
      outcome.tracked_fraction =
          seen_fraction(boat_id, stop->time, std::min(end_, stop->time + 600 * kNsPerSecond));
      for (const RaisedAlert& raised : alerts_) {
        if (raised.alert.kind != risk::AlertKind::kDrifting || raised.matched.empty() ||
            raised.matched.front() != boat_id || outcome.detected) {
          continue;
        }
        outcome.detected = true;
        outcome.delay_s = static_cast<double>(raised.alert.raised_at - stop->time) / to_ns;
        for (const risk::AttachedSearchArea& area : raised.alert.search_areas) {
          const TruthPoint* later =
              boat.at(raised.alert.raised_at + static_cast<TimeNs>(area.hours * 3600.0 * to_ns));
          if (later == nullptr) continue;
          outcome.areas.emplace_back(area.hours, region_contains(area.p90, later->position));
        }
      }
      evaluation.drifts.push_back(outcome);
    }
    // Small boats entering a traffic lane (first entry of each).
    for (const auto& [boat_id, boat] : vessels_) {
      if (boat.kind != sim::EntityKind::kSmallBoat) continue;
      const auto entry = std::find_if(
          boat.points.begin(), boat.points.end(),
          [this](const auto& point) { return geography_.lane_at(point.position) != nullptr; });
      if (entry == boat.points.end()) continue;
      LaneOutcome outcome{boat.name, entry->time, false, 0.0};
      for (const RaisedAlert& raised : alerts_) {
        if (raised.alert.kind != risk::AlertKind::kLaneCrossing || raised.matched.empty() ||
            raised.matched.front() != boat_id) {
          continue;
        }
        const double delay = static_cast<double>(raised.alert.raised_at - entry->time) / to_ns;
        if (!outcome.detected || delay < outcome.delay_s) outcome.delay_s = delay;
        outcome.detected = true;
      }
      evaluation.lane_entries.push_back(outcome);
    }
    // Small craft crossing between SAR regions.
    for (const auto& [vessel_id, vessel] : vessels_) {
      if (vessel.kind != sim::EntityKind::kSmallBoat) continue;
      for (const Crossing& crossing : crossings(vessel, geography_)) {
        HandoverOutcome outcome{vessel.name, crossing.from, crossing.to, crossing.time, false, 0};
        for (const RaisedAlert& raised : alerts_) {
          if (raised.alert.kind != risk::AlertKind::kSarHandover || raised.matched.empty() ||
              raised.matched.front() != vessel_id) {
            continue;
          }
          const double lead = static_cast<double>(crossing.time - raised.alert.raised_at) / to_ns;
          if (lead > settings_.handover.keep_horizon_s + options_.margin_s) continue;
          if (!outcome.detected || lead > outcome.lead_s) outcome.lead_s = lead;
          outcome.detected = outcome.detected || lead >= 0.0;
        }
        evaluation.handovers.push_back(outcome);
      }
    }
  }

  /// Every 10 s: which small craft are in the picture (a track within the association
  /// distance of the true position)?
  void sample(TimeNs now, const risk::RiskPicture& picture) {
    if ((now - start_) % (10 * kNsPerSecond) != 0) return;
    for (const auto& [id, vessel] : vessels_) {
      if (vessel.points.empty() || vessel.points.back().time < now - kNsPerSecond ||
          !is_small_craft(vessel.kind)) {
        continue;
      }
      for (const auto& [track_id, track] : picture.tracks()) {
        if (flat_distance_m(track.position, vessel.points.back().position) <
            options_.association_m) {
          seen_[id].push_back(now);
          break;
        }
      }
      ++sampled_[id];
    }
  }

  /// Share of the 10 s samples within [from, to] at which `vessel` was in the picture.
  double seen_fraction(sim::EntityId vessel, TimeNs from, TimeNs to) const {
    const double samples = static_cast<double>((to - from) / (10 * kNsPerSecond) + 1);
    const auto found = seen_.find(vessel);
    if (found == seen_.end() || samples <= 0) return 0.0;
    const auto count =
        std::count_if(found->second.begin(), found->second.end(),
                      [from, to](TimeNs time) { return time >= from && time <= to; });
    return std::min(1.0, static_cast<double>(count) / samples);
  }

  void set_span(TimeNs start, TimeNs end) {
    start_ = start;
    end_ = end;
  }

 private:
  std::optional<sim::EntityId> nearest(LatLon position, TimeNs time) const {
    std::optional<sim::EntityId> best;
    double best_distance = options_.association_m;
    for (const auto& [id, vessel] : vessels_) {
      if (vessel.points.empty() || vessel.points.back().time < time - kNsPerSecond ||
          vessel.points.back().activity == sim::Activity::kGone) {
        continue;
      }
      const double distance = flat_distance_m(vessel.points.back().position, position);
      if (distance < best_distance) {
        best_distance = distance;
        best = id;
      }
    }
    return best;
  }

  bool names_pair(const RaisedAlert& raised, sim::EntityId boat, sim::EntityId ship) const {
    return std::find(raised.matched.begin(), raised.matched.end(), boat) != raised.matched.end() &&
           std::find(raised.matched.begin(), raised.matched.end(), ship) != raised.matched.end();
  }

  bool is_true(const RaisedAlert& raised, std::string& why) const {
    const risk::Alert& alert = raised.alert;
    for (const auto& matched : raised.matched) {
      if (!matched) {
        why = "a subject track matches no true vessel (a false track)";
        return false;
      }
    }
    if (raised.matched.empty()) {
      why = "no subject";
      return false;
    }
    const TruthVessel& first = vessels_.at(*raised.matched.front());
    const TruthPoint* now = first.at(alert.raised_at);
    const bool small = is_small_craft(first.kind) || first.kind == sim::EntityKind::kFishing;
    if (!small && alert.kind != risk::AlertKind::kSarHandover) {
      why = fmt::format("the small craft it names is {} (a {})", first.name,
                        sim::to_string(first.kind));
      return false;
    }
    const auto horizon_ns = [](double seconds) {
      return static_cast<TimeNs>(seconds * static_cast<double>(kNsPerSecond));
    };
    switch (alert.kind) {
      case risk::AlertKind::kCollision: {
        if (raised.matched.size() < 2 || raised.matched[0] == raised.matched[1]) {
          why = "both subjects match one vessel";
          return false;
        }
        const TruthVessel& second = vessels_.at(*raised.matched[1]);
        const auto [separation, when] = min_separation(
            first, second, alert.raised_at,
            alert.raised_at + horizon_ns(settings_.collision.keep_horizon_s + options_.margin_s));
        why =
            fmt::format("{} and {} truly pass {:.0f} m apart", first.name, second.name, separation);
        return separation < options_.true_cpa_factor * settings_.collision.cpa_m;
      }
      case risk::AlertKind::kDrifting:
        why = fmt::format("{} is not drifting", first.name);
        return now != nullptr && now->activity == sim::Activity::kDrifting;
      case risk::AlertKind::kLaneCrossing:
        why = fmt::format("{} is not in a lane", first.name);
        return now != nullptr && geography_.lane_at(now->position) != nullptr;
      case risk::AlertKind::kSarHandover: {
        for (const Crossing& crossing : crossings(first, geography_)) {
          if (crossing.time >= alert.raised_at - horizon_ns(settings_.handover.after_crossing_s) &&
              crossing.time <= alert.raised_at + horizon_ns(settings_.handover.keep_horizon_s +
                                                            options_.margin_s)) {
            return true;
          }
        }
        why = fmt::format("{} does not cross a SAR boundary then", first.name);
        return false;
      }
      case risk::AlertKind::kDistress: return true;
    }
    return false;
  }

  const RiskEvaluationOptions& options_;
  const risk::RiskSettings& settings_;
  const risk::RiskGeography& geography_;
  std::map<sim::EntityId, TruthVessel> vessels_;
  std::vector<RaisedAlert> alerts_;
  std::map<sim::EntityId, std::vector<TimeNs>> seen_;  ///< sample times in the picture
  std::map<sim::EntityId, std::uint64_t> sampled_;
  TimeNs start_ = 0;
  TimeNs end_ = 0;
};

}  // namespace

struct RiskScoring::State {
  State(SimPipeline& run_in, const RiskEvaluationOptions& options_in, risk::RiskEngine& risk_in)
      : run(run_in),
        options(options_in),
        risk(risk_in),
        scorer(options, risk.settings(), risk.geography()) {}

  SimPipeline& run;
  RiskEvaluationOptions options;
  risk::RiskEngine& risk;
  Scorer scorer;
  RiskEvaluation evaluation;
  double track_samples = 0.0;
  std::uint64_t samples = 0;
};

RiskScoring::RiskScoring() = default;
RiskScoring::~RiskScoring() = default;

Result<std::unique_ptr<RiskScoring>> RiskScoring::attach(SimPipeline& run,
                                                         const RiskEvaluationOptions& options) {
  risk::RiskEngine* risk = run.pipeline().risk();
  if (risk == nullptr) return Error{"no_risk", "the pipeline has no risk stage"};
  std::unique_ptr<RiskScoring> scoring(new RiskScoring());
  scoring->state_ = std::make_unique<State>(run, options, *risk);
  State& state = *scoring->state_;
  state.scorer.set_span(run.simulator().start_time(), run.simulator().end_time());
  state.evaluation.scenario = run.simulator().scenario().name;
  state.evaluation.seed = run.simulator().scenario().seed;
  run.add_truth_observer([&state](const sim::TruthRecord& record) { state.scorer.truth(record); });
  run.add_step_observer([&state](TimeNs now) {
    state.scorer.sample(now, state.risk.picture());
    state.track_samples += static_cast<double>(state.risk.picture().tracks().size());
    ++state.samples;
  });
  run.pipeline().add_alert_sink([&state](std::span<const risk::Alert> revisions) {
    for (const risk::Alert& revision : revisions) {
      ++state.evaluation.revisions;
      if (revision.history.back().change == "raised") {
        state.scorer.raised(revision, state.risk.picture());
      }
    }
  });
  return scoring;
}

RiskEvaluation RiskScoring::finish() {
  State& state = *state_;
  RiskEvaluation& evaluation = state.evaluation;
  evaluation.hours =
      static_cast<double>(state.run.simulator().end_time() - state.run.simulator().start_time()) /
      static_cast<double>(kNsPerSecond) / 3600.0;
  evaluation.mean_tracks =
      state.samples > 0 ? state.track_samples / static_cast<double>(state.samples) : 0.0;
  state.scorer.score(evaluation);
  if (evaluation.hours > 0.0 && evaluation.mean_tracks > 0.0) {
    evaluation.false_per_hour_per_100_tracks = static_cast<double>(evaluation.false_alerts) /
                                               evaluation.hours / evaluation.mean_tracks * 100.0;
  }
  return evaluation;
}

Result<RiskEvaluation> evaluate_risk(const sim::Scenario& scenario,
                                     const RiskEvaluationOptions& options) {
  Result<std::unique_ptr<SimPipeline>> created = SimPipeline::create(scenario);
  if (!created) return created.error();
  Result<std::unique_ptr<RiskScoring>> scoring = RiskScoring::attach(**created, options);
  if (!scoring) return scoring.error();
  (*created)->run();
  return (*scoring)->finish();
}

std::string format_evaluation(const RiskEvaluation& evaluation) {
  std::string text = fmt::format(
      "scenario: {} (seed {}), {:.2f} h, {:.1f} picture tracks on average, {} alert revisions\n",
      evaluation.scenario, evaluation.seed, evaluation.hours, evaluation.mean_tracks,
      evaluation.revisions);
  text += "kind            raised   true  false\n";
  for (const auto& [kind, score] : evaluation.by_kind) {
    text += fmt::format("{:<15} {:>6} {:>6} {:>6}\n", kind, score.raised, score.true_alerts,
                        score.false_alerts);
  }
  text += fmt::format("false alerts per hour per 100 tracks: {:.2f} (goal < 1)\n",
                      evaluation.false_per_hour_per_100_tracks);
  std::vector<double> warnings;
  std::size_t detected = 0;
  for (const EncounterOutcome& encounter : evaluation.encounters) {
    text += fmt::format("encounter {} / {}: true CPA {:.0f} m, {}\n", encounter.boat,
                        encounter.ship, encounter.true_cpa_m,
                        encounter.detected
                            ? fmt::format("warned {:.1f} min before", encounter.warning_s / 60.0)
                            : fmt::format("NOT WARNED (boat in the picture {:.0f} % of the 30 "
                                          "min before)",
                                          100.0 * encounter.boat_tracked_fraction));
    if (encounter.detected) {
      ++detected;
      warnings.push_back(encounter.warning_s);
    }
  }
  if (!evaluation.encounters.empty()) {
    text += fmt::format(
        "dangerous encounters: {} of {} warned, median warning {:.1f} min "
        "(goal: all, >= 15 min)\n",
        detected, evaluation.encounters.size(), median(warnings) / 60.0);
  }
  for (const DriftOutcome& drift : evaluation.drifts) {
    std::string areas;
    for (const auto& [hours, inside] : drift.areas) {
      areas += fmt::format(" {:g} h: {}", hours, inside ? "inside" : "OUTSIDE");
    }
    text += fmt::format(
        "drifting {}: {} (in the picture {:.0f} % of its first 10 min adrift){}\n", drift.boat,
        drift.detected ? fmt::format("alert {:.1f} min after the stop", drift.delay_s / 60.0)
                       : std::string("NOT ALERTED"),
        100.0 * drift.tracked_fraction, areas.empty() ? "" : "; truth vs 90 % area:" + areas);
  }
  for (const HandoverOutcome& handover : evaluation.handovers) {
    text += fmt::format(
        "SRR crossing {} ({} -> {}): {}\n", handover.vessel, handover.from, handover.to,
        handover.detected ? fmt::format("announced {:.1f} min before", handover.lead_s / 60.0)
                          : std::string("NOT ANNOUNCED BEFORE"));
  }
  std::size_t lanes_alerted = 0;
  std::vector<double> lane_delays;
  for (const LaneOutcome& lane : evaluation.lane_entries) {
    if (!lane.detected) continue;
    ++lanes_alerted;
    lane_delays.push_back(lane.delay_s);
  }
  if (!evaluation.lane_entries.empty()) {
    text += fmt::format(
        "small boats entering a lane: {} of {} alerted, median {:.1f} min after "
        "entry\n",
        lanes_alerted, evaluation.lane_entries.size(), median(lane_delays) / 60.0);
  }
  for (const std::string& note : evaluation.false_notes) text += "false: " + note + "\n";
  return text;
}

}  // namespace sw::eval
