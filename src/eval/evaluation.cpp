#include "eval/evaluation.h"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <toml.hpp>

#include "core/toml_text.h"
#include "eval/sim_pipeline.h"
#include "eval/statistics.h"
#include "risk/risk_engine.h"
#include "sim/sim_time.h"

namespace sw::eval {
namespace {

using nlohmann::json;

// A dangerous encounter: a small boat truly within 200 m of a ship.
constexpr double kDangerousM = 200.0;
// The targets.
constexpr double kTrackWithinS = 120.0;
constexpr double kCompletenessTarget = 0.99;
constexpr double kLeadTargetMin = 15.0;
constexpr double kFalseCollisionTarget = 1.0;
constexpr double kArea90Low = 0.85, kArea90High = 0.95;
// Recorded by bench/server (README): a track update to its receipt by a browser client
// over the WebSocket, p50 / p99, 1,000 clients and 4,000 updates/s.
constexpr double kPushP50Ms = 74.0, kPushP99Ms = 121.0;

double round_to(double value, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(value * scale) / scale;
}

double share(std::uint64_t part, std::uint64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

/// Pooled scores of one group over several runs.
json group_json(const std::vector<const GroupTracking*>& groups) {
  GroupTracking total;
  for (const GroupTracking* group : groups) {
    total.vessels += group->vessels;
    total.detected += group->detected;
    total.tracked += group->tracked;
    total.samples += group->samples;
    total.covered += group->covered;
    total.samples_after_detection += group->samples_after_detection;
    total.covered_after_detection += group->covered_after_detection;
    total.samples_in_sight += group->samples_in_sight;
    total.covered_in_sight += group->covered_in_sight;
    total.id_switches += group->id_switches;
    total.time_to_track_s.insert(total.time_to_track_s.end(), group->time_to_track_s.begin(),
                                 group->time_to_track_s.end());
  }
  const auto within = static_cast<std::uint64_t>(
      std::count_if(total.time_to_track_s.begin(), total.time_to_track_s.end(),
                    [](double seconds) { return seconds <= kTrackWithinS; }));
  return {
      {"vessels", total.vessels},
      {"detected", total.detected},
      {"tracked", total.tracked},
      {"tracked_within_2_min", within},
      {"tracked_within_2_min_share", round_to(share(within, total.detected), 4)},
      {"time_to_track_s",
       {{"p50", round_to(median(total.time_to_track_s), 1)},
        {"p90", round_to(quantile(total.time_to_track_s, 0.9), 1)},
        {"max", round_to(quantile(total.time_to_track_s, 1.0), 1)}}},
      {"completeness", round_to(total.completeness(), 4)},
      {"completeness_after_detection", round_to(total.completeness_after_detection(), 4)},
      {"completeness_in_sight", round_to(total.completeness_in_sight(), 4)},
      {"id_switches", total.id_switches},
  };
}

json tracking_json(const std::vector<SeedRun>& runs) {
  std::vector<const GroupTracking*> small, ships, others;
  double hours = 0, gospa = 0, rms = 0, false_tracks = 0;
  for (const SeedRun& run : runs) {
    small.push_back(&run.tracking.small_boats);
    ships.push_back(&run.tracking.ships);
    others.push_back(&run.tracking.others);
    hours += run.tracking.hours;
    false_tracks += static_cast<double>(run.tracking.false_tracks);
    gospa += run.tracking.mean_gospa_m;
    rms += run.tracking.rms_position_error_m;
  }
  const auto count = static_cast<double>(std::max<std::size_t>(1, runs.size()));
  // Completeness per 10-minute bin, pooled over the runs.
  json bins = json::array();
  std::vector<TrackingBin> pooled;
  for (const SeedRun& run : runs) {
    if (pooled.size() < run.tracking.bins.size()) pooled.resize(run.tracking.bins.size());
    for (std::size_t index = 0; index < run.tracking.bins.size(); ++index) {
      const TrackingBin& bin = run.tracking.bins[index];
      TrackingBin& into = pooled[index];
      into.start_h = bin.start_h;
      into.small_boat_samples += bin.small_boat_samples;
      into.small_boat_covered += bin.small_boat_covered;
      into.ship_samples += bin.ship_samples;
      into.ship_covered += bin.ship_covered;
      into.gospa_sum += bin.gospa_sum;
      into.scans += bin.scans;
    }
  }
  for (const TrackingBin& bin : pooled) {
    bins.push_back({{"start_h", round_to(bin.start_h, 3)},
                    {"small_boat_samples", bin.small_boat_samples},
                    {"small_boat_completeness",
                     round_to(share(bin.small_boat_covered, bin.small_boat_samples), 4)},
                    {"ship_completeness", round_to(share(bin.ship_covered, bin.ship_samples), 4)},
                    {"gospa_m", round_to(bin.scans > 0 ? bin.gospa_sum / bin.scans : 0.0, 1)}});
  }
  return {{"small_boats", group_json(small)},
          {"ships", group_json(ships)},
          {"others", group_json(others)},
          {"false_tracks_per_hour", round_to(hours > 0 ? false_tracks / hours : 0.0, 2)},
          {"mean_gospa_m", round_to(gospa / count, 1)},
          {"rms_position_error_m", round_to(rms / count, 1)},
          {"over_time", bins}};
}

json warnings_json(const std::vector<SeedRun>& runs) {
  json encounters = json::array();
  std::vector<double> leads;
  std::uint64_t warned = 0;
  double false_collision = 0, false_all = 0, track_hours = 0;
  std::vector<double> drift_delays;
  std::uint64_t drifts = 0, drifts_alerted = 0, drifts_seen = 0;
  std::vector<double> handover_leads;
  std::uint64_t handovers = 0, handovers_before = 0;
  std::vector<double> lane_delays;
  std::uint64_t lanes = 0, lanes_alerted = 0;
  std::map<std::string, KindScore> kinds;
  for (const SeedRun& run : runs) {
    const RiskEvaluation& risk = run.risk;
    for (const EncounterOutcome& encounter : risk.encounters) {
      encounters.push_back(
          {{"seed", run.seed},
           {"boat", encounter.boat},
           {"ship", encounter.ship},
           {"cpa_h", round_to(static_cast<double>(encounter.cpa_time - run.start) / 3.6e12, 4)},
           {"true_cpa_m", round_to(encounter.true_cpa_m, 0)},
           {"warned", encounter.detected},
           {"lead_min", round_to(encounter.warning_s / 60.0, 2)},
           {"boat_in_picture", round_to(encounter.boat_tracked_fraction, 3)},
           {"lat", round_to(encounter.position.lat, 5)},
           {"lon", round_to(encounter.position.lon, 5)}});
      if (encounter.detected) {
        ++warned;
        leads.push_back(encounter.warning_s / 60.0);
      }
    }
    const auto collision = risk.by_kind.find("collision");
    if (collision != risk.by_kind.end()) {
      false_collision += static_cast<double>(collision->second.false_alerts);
    }
    false_all += static_cast<double>(risk.false_alerts);
    track_hours += risk.hours * risk.mean_tracks;
    for (const auto& [kind, score] : risk.by_kind) {
      KindScore& total = kinds[kind];
      total.raised += score.raised;
      total.true_alerts += score.true_alerts;
      total.false_alerts += score.false_alerts;
    }
    for (const DriftOutcome& drift : risk.drifts) {
      ++drifts;
      drifts_seen += drift.tracked_fraction > 0 ? 1 : 0;
      if (!drift.detected) continue;
      ++drifts_alerted;
      drift_delays.push_back(drift.delay_s / 60.0);
    }
    for (const HandoverOutcome& handover : risk.handovers) {
      ++handovers;
      if (!handover.detected) continue;
      ++handovers_before;
      handover_leads.push_back(handover.lead_s / 60.0);
    }
    for (const LaneOutcome& lane : risk.lane_entries) {
      ++lanes;
      if (!lane.detected) continue;
      ++lanes_alerted;
      lane_delays.push_back(lane.delay_s / 60.0);
    }
  }
  json by_kind = json::object();
  for (const auto& [kind, score] : kinds) {
    by_kind[kind] = {
        {"raised", score.raised}, {"true", score.true_alerts}, {"false", score.false_alerts}};
  }
  const double per_100_track_hours = track_hours > 0 ? 100.0 / track_hours : 0.0;
  return {
      {"encounters",
       {{"dangerous_m", kDangerousM},
        {"count", encounters.size()},
        {"warned", warned},
        {"lead_min",
         {{"p50", round_to(median(leads), 1)}, {"min", round_to(quantile(leads, 0), 1)}}},
        {"list", encounters}}},
      {"false_collision_per_hour_per_100_tracks",
       round_to(false_collision * per_100_track_hours, 3)},
      {"false_alerts_per_hour_per_100_tracks", round_to(false_all * per_100_track_hours, 3)},
      {"by_kind", by_kind},
      {"drifting",
       {{"stops", drifts},
        {"seen_adrift", drifts_seen},
        {"alerted", drifts_alerted},
        {"delay_min",
         {{"p50", round_to(median(drift_delays), 1)},
          {"p90", round_to(quantile(drift_delays, 0.9), 1)}}}}},
      {"sar_handover",
       {{"crossings", handovers},
        {"announced_before", handovers_before},
        {"lead_min", {{"p50", round_to(median(handover_leads), 1)}}}}},
      {"lane_crossing",
       {{"entries", lanes},
        {"alerted", lanes_alerted},
        {"delay_min", {{"p50", round_to(median(lane_delays), 1)}}}}},
  };
}

json calibration_json(const SearchCalibration& calibration) {
  json points = json::array();
  for (const CalibrationPoint& point : calibration.points) {
    points.push_back({{"hours", point.hours},
                      {"cases", point.cases},
                      {"inside50", round_to(point.rate50(), 4)},
                      {"inside90", round_to(point.rate90(), 4)},
                      {"area50_km2_p50", round_to(median(point.area50_km2), 2)},
                      {"area90_km2_p50", round_to(median(point.area90_km2), 2)},
                      {"centroid_miss_m_p50", round_to(median(point.miss_m), 0)}});
  }
  return {{"stops", calibration.stops},
          {"leeway_class", calibration.leeway_class},
          {"perturbation", calibration.perturbation},
          {"planner_failures", calibration.planner_failures},
          {"by_hours", points}};
}

json latency_json(const std::vector<SeedRun>& runs) {
  std::vector<double> tracks, alerts, processing50, processing99;
  for (const SeedRun& run : runs) {
    tracks.insert(tracks.end(), run.latency.track_s.begin(), run.latency.track_s.end());
    alerts.insert(alerts.end(), run.latency.alert_s.begin(), run.latency.alert_s.end());
    processing50.push_back(run.latency.processing_p50_us);
    processing99.push_back(run.latency.processing_p99_us);
  }
  const double track50 = quantile(tracks, 0.5), track99 = quantile(tracks, 0.99);
  const double alert50 = quantile(alerts, 0.5), alert99 = quantile(alerts, 0.99);
  return {
      {"sensor_to_track_s", {{"p50", round_to(track50, 2)}, {"p99", round_to(track99, 2)}}},
      {"sensor_to_alert_s", {{"p50", round_to(alert50, 2)}, {"p99", round_to(alert99, 2)}}},
      {"processing_per_input_us",
       {{"p50", round_to(median(processing50), 1)}, {"p99", round_to(median(processing99), 1)}}},
      {"push_to_map_ms_recorded", {{"p50", kPushP50Ms}, {"p99", kPushP99Ms}}},
      {"sensor_to_map_track_s",
       {{"p50", round_to(track50 + kPushP50Ms / 1000.0, 2)},
        {"p99", round_to(track99 + kPushP99Ms / 1000.0, 2)}}},
      {"sensor_to_map_alert_s",
       {{"p50", round_to(alert50 + kPushP50Ms / 1000.0, 2)},
        {"p99", round_to(alert99 + kPushP99Ms / 1000.0, 2)}}},
  };
}

json target(const char* name, double value, bool met, const std::string& goal) {
  return {{"name", name}, {"value", value}, {"met", met}, {"goal", goal}};
}

json targets_json(const json& summary) {
  const json& small = summary["tracking"]["small_boats"];
  const json& warnings = summary["warnings"];
  json targets = json::array();
  const double within = small["tracked_within_2_min_share"];
  targets.push_back(target("small boats tracked within 2 min of first sight", within, within >= 1.0,
                           "every one (1.0)"));
  const double completeness = small["completeness_after_detection"];
  targets.push_back(target("small-boat completeness after first sight", completeness,
                           completeness >= kCompletenessTarget, ">= 0.99"));
  const std::uint64_t count = warnings["encounters"]["count"];
  const std::uint64_t warned = warnings["encounters"]["warned"];
  const double lead = warnings["encounters"]["lead_min"]["p50"];
  targets.push_back(target("dangerous encounters warned", share(warned, count),
                           count > 0 && warned == count, "every one (1.0)"));
  targets.push_back(
      target("median warning lead (min)", lead, warned > 0 && lead >= kLeadTargetMin, ">= 15"));
  const double false_rate = warnings["false_collision_per_hour_per_100_tracks"];
  targets.push_back(target("false collision alerts per hour per 100 tracks", false_rate,
                           false_rate < kFalseCollisionTarget, "< 1"));
  for (const json& point : summary["search_areas"]["by_hours"]) {
    const double rate = point["inside90"];
    const double hours = point["hours"];
    targets.push_back(target(fmt::format("truth inside the 90 % area at {:g} h", hours).c_str(),
                             rate, rate >= kArea90Low && rate <= kArea90High, "0.85 .. 0.95"));
  }
  return targets;
}

}  // namespace

Result<EvaluationPlan> parse_evaluation_plan(const std::string& toml_text,
                                             const std::string& origin) {
  EvaluationPlan plan;
  Result<toml::value> root = parse_toml_text(toml_text, origin, "evaluation_syntax");
  if (!root) return root.error();
  if (!root->is_table() || !root->contains("evaluation")) return plan;
  const toml::value& table = root->at("evaluation");
  if (!table.is_table()) return Error{"evaluation_value", "[evaluation] must be a table"};
  const std::set<std::string> known{"seeds", "hours", "calibration_stops", "variant"};
  for (const auto& [key, value] : table.as_table()) {
    if (known.count(key) == 0) {
      return Error{"evaluation_key", "unknown key 'evaluation." + key +
                                         "' (known: seeds, hours, calibration_stops, variant)"};
    }
  }
  try {
    if (table.contains("seeds")) {
      const auto seeds = toml::find<std::int64_t>(table, "seeds");
      if (seeds < 1 || seeds > 1000) return Error{"evaluation_value", "seeds must be in 1..1000"};
      plan.seeds = static_cast<std::size_t>(seeds);
    }
    if (table.contains("hours")) {
      const toml::value& value = table.at("hours");
      const double hours =
          value.is_integer() ? static_cast<double>(value.as_integer()) : toml::get<double>(value);
      if (!(hours > 0 && hours <= 720))
        return Error{"evaluation_value", "hours must be in (0, 720]"};
      plan.hours = hours;
    }
    if (table.contains("calibration_stops")) {
      const auto stops = toml::find<std::int64_t>(table, "calibration_stops");
      if (stops < 0 || stops > 100000) {
        return Error{"evaluation_value", "calibration_stops must be in 0..100000"};
      }
      plan.calibration_stops = static_cast<std::size_t>(stops);
    }
    if (table.contains("variant")) {
      for (const toml::value& entry : toml::find<toml::array>(table, "variant")) {
        SitingVariant variant;
        variant.name = toml::find<std::string>(entry, "name");
        variant.radars = toml::find<std::vector<std::string>>(entry, "radars");
        for (const auto& [key, value] : entry.as_table()) {
          if (key != "name" && key != "radars") {
            return Error{"evaluation_key", "unknown key 'evaluation.variant." + key + "'"};
          }
        }
        plan.variants.push_back(std::move(variant));
      }
    }
  } catch (const std::exception& error) {
    return Error{"evaluation_value", error.what()};
  }
  return plan;
}

Result<SeedRun> run_seed(const sim::Scenario& scenario) {
  const auto started = std::chrono::steady_clock::now();
  Result<std::unique_ptr<SimPipeline>> created = SimPipeline::create(scenario);
  if (!created) return created.error();
  SimPipeline& run = **created;
  RiskEvaluationOptions options;
  options.dangerous_m = kDangerousM;
  Result<std::unique_ptr<RiskScoring>> risk = RiskScoring::attach(run, options);
  if (!risk) return risk.error();
  std::unique_ptr<TrackingScoring> tracking = TrackingScoring::attach(run);
  SeedRun result;
  result.seed = scenario.seed;
  result.start = scenario.start;
  run.pipeline().add_update_sink([&](std::span<const track::FusedTrack> updates) {
    for (const track::FusedTrack& update : updates) {
      if (update.status != track::PictureStatus::kConfirmed) continue;
      result.latency.track_s.push_back(static_cast<double>(run.now() - update.time) / 1e9);
    }
  });
  run.pipeline().add_alert_sink([&](std::span<const risk::Alert> revisions) {
    for (const risk::Alert& revision : revisions) {
      if (revision.history.back().change != "raised") continue;
      result.latency.alert_s.push_back(static_cast<double>(run.now() - revision.raised_at) / 1e9);
    }
  });
  run.run();
  result.tracking = tracking->finish();
  result.risk = (*risk)->finish();
  result.latency.processing_p50_us = run.processing_time().quantile_us(0.5);
  result.latency.processing_p99_us = run.processing_time().quantile_us(0.99);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

Result<nlohmann::json> evaluate(const sim::Scenario& base, const EvaluationPlan& plan,
                                const EvaluationProgress& progress) {
  sim::Scenario scenario = base;
  if (plan.hours) scenario.duration_s = *plan.hours * 3600.0;
  std::vector<SitingVariant> variants = plan.variants;
  if (variants.empty()) {
    SitingVariant own{"as configured", {}};
    for (const sim::RadarConfig& radar : scenario.radars) own.radars.push_back(radar.id);
    variants.push_back(own);
  }
  for (const SitingVariant& variant : variants) {
    for (const std::string& id : variant.radars) {
      const bool known =
          std::any_of(scenario.radars.begin(), scenario.radars.end(),
                      [&id](const sim::RadarConfig& radar) { return radar.id == id; });
      if (!known) {
        return Error{"evaluation_value", "variant '" + variant.name + "' names radar '" + id +
                                             "', not in the scenario"};
      }
    }
  }
  std::vector<VariantRuns> results;
  for (const SitingVariant& variant : variants) {
    VariantRuns runs{variant, {}};
    sim::Scenario variant_scenario = scenario;
    variant_scenario.radars.clear();
    for (const sim::RadarConfig& radar : scenario.radars) {
      if (std::find(variant.radars.begin(), variant.radars.end(), radar.id) !=
          variant.radars.end()) {
        variant_scenario.radars.push_back(radar);
      }
    }
    for (std::size_t index = 0; index < plan.seeds; ++index) {
      variant_scenario.seed = base.seed + index;
      Result<SeedRun> run = run_seed(variant_scenario);
      if (!run) return run.error();
      if (progress) {
        progress(fmt::format(
            "{}: seed {} ({} of {}): {:.1f} s, small-boat completeness {:.3f}, {} encounters",
            variant.name, variant_scenario.seed, index + 1, plan.seeds, run->wall_s,
            run->tracking.small_boats.completeness(), run->risk.encounters.size()));
      }
      runs.runs.push_back(std::move(*run));
    }
    results.push_back(std::move(runs));
  }

  // Search-area calibration, once per seed, with the risk stage's own settings.
  SearchCalibration calibration;
  {
    Result<std::unique_ptr<SimPipeline>> settings_run = SimPipeline::create(scenario);
    if (!settings_run) return settings_run.error();
    const risk::RiskEngine* risk = (*settings_run)->pipeline().risk();
    if (risk == nullptr) return Error{"no_risk", "the pipeline has no risk stage"};
    CalibrationOptions options;
    options.stops = plan.calibration_stops;
    for (std::size_t index = 0; index < plan.seeds && options.stops > 0; ++index) {
      sim::Scenario seeded = scenario;
      seeded.seed = base.seed + index;
      Result<SearchCalibration> more = calibrate_search_areas(seeded, risk->settings(), options);
      if (!more) return more.error();
      if (index == 0) {
        calibration = std::move(*more);
      } else {
        merge_calibration(calibration, *more);
      }
    }
    if (progress) progress(fmt::format("search-area calibration: {} stops", calibration.stops));
  }

  const std::vector<SeedRun>& main_runs = results.front().runs;
  json summary;
  summary["scenario"] = base.name;
  summary["start"] = sim::format_utc(scenario.start);
  summary["hours"] = round_to(scenario.duration_s / 3600.0, 3);
  json seeds = json::array();
  for (const SeedRun& run : main_runs) seeds.push_back(run.seed);
  summary["seeds"] = seeds;
  summary["variant"] = results.front().variant.name;
  summary["tracking"] = tracking_json(main_runs);
  summary["warnings"] = warnings_json(main_runs);
  summary["search_areas"] = calibration_json(calibration);
  summary["latency"] = latency_json(main_runs);
  if (results.size() > 1) {
    json siting = json::array();
    // The first variant's runs are main_runs: its scores are summary["tracking"] already.
    const json& baseline = summary["tracking"]["small_boats"];
    for (const VariantRuns& variant : results) {
      const json small =
          &variant == &results.front() ? baseline : tracking_json(variant.runs)["small_boats"];
      siting.push_back(
          {{"name", variant.variant.name},
           {"radars", variant.variant.radars},
           {"small_boat_completeness", small["completeness"]},
           {"small_boat_completeness_after_detection", small["completeness_after_detection"]},
           {"time_to_track_p50_s", small["time_to_track_s"]["p50"]},
           {"gain_over_first",
            round_to(small["completeness"].get<double>() - baseline["completeness"].get<double>(),
                     4)}});
    }
    summary["siting"] = siting;
  }
  json runs = json::array();
  for (const SeedRun& run : main_runs) {
    runs.push_back(
        {{"seed", run.seed},
         {"wall_s", round_to(run.wall_s, 1)},
         {"small_boat_completeness", round_to(run.tracking.small_boats.completeness(), 4)},
         {"ship_completeness", round_to(run.tracking.ships.completeness(), 4)},
         {"encounters", run.risk.encounters.size()},
         {"false_alerts", run.risk.false_alerts},
         {"mean_tracks", round_to(run.risk.mean_tracks, 1)}});
  }
  summary["runs"] = runs;
  summary["targets"] = targets_json(summary);
  return summary;
}

}  // namespace sw::eval
