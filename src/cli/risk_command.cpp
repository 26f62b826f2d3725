#include "cli/risk_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "eval/risk_evaluation.h"
#include "sim/scenario.h"

namespace sw::cli {
namespace {

struct EvaluateOptions {
  std::string scenario_path = "data/sim/dover_default.toml";
  std::optional<std::uint64_t> seed;
  std::optional<double> duration_s;
  bool quiet_false = false;
  std::string json_path;
};

/// The evaluation as JSON (for benchmark scripts).
nlohmann::ordered_json evaluation_json(const eval::RiskEvaluation& evaluation) {
  nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
  for (const auto& [kind, score] : evaluation.by_kind) {
    kinds[kind] = {
        {"raised", score.raised}, {"true", score.true_alerts}, {"false", score.false_alerts}};
  }
  nlohmann::ordered_json encounters = nlohmann::ordered_json::array();
  for (const eval::EncounterOutcome& encounter : evaluation.encounters) {
    encounters.push_back({{"boat", encounter.boat},
                          {"ship", encounter.ship},
                          {"true_cpa_m", encounter.true_cpa_m},
                          {"cpa_time_ns", encounter.cpa_time},
                          {"detected", encounter.detected},
                          {"warning_s", encounter.warning_s},
                          {"boat_tracked_fraction", encounter.boat_tracked_fraction}});
  }
  nlohmann::ordered_json drifts = nlohmann::ordered_json::array();
  for (const eval::DriftOutcome& drift : evaluation.drifts) {
    nlohmann::ordered_json areas = nlohmann::ordered_json::array();
    for (const auto& [hours, inside] : drift.areas)
      areas.push_back({{"hours", hours}, {"inside", inside}});
    drifts.push_back({{"boat", drift.boat},
                      {"detected", drift.detected},
                      {"delay_s", drift.delay_s},
                      {"tracked_fraction", drift.tracked_fraction},
                      {"areas", areas}});
  }
  nlohmann::ordered_json handovers = nlohmann::ordered_json::array();
  for (const eval::HandoverOutcome& handover : evaluation.handovers) {
    handovers.push_back({{"vessel", handover.vessel},
                         {"from", handover.from},
                         {"to", handover.to},
                         {"detected", handover.detected},
                         {"lead_s", handover.lead_s}});
  }
  return {{"scenario", evaluation.scenario},
          {"seed", evaluation.seed},
          {"hours", evaluation.hours},
          {"mean_tracks", evaluation.mean_tracks},
          {"false_alerts", evaluation.false_alerts},
          {"false_per_hour_per_100_tracks", evaluation.false_per_hour_per_100_tracks},
          {"by_kind", kinds},
          {"encounters", encounters},
          {"drifts", drifts},
          {"handovers", handovers},
          {"false_notes", evaluation.false_notes}};
}

int run_evaluate(const EvaluateOptions& options) {
  auto scenario = sim::load_scenario(options.scenario_path);
  if (!scenario) {
    std::fprintf(stderr, "risk evaluate: %s: %s\n", scenario.error().code.c_str(),
                 scenario.error().detail.c_str());
    return 2;
  }
  if (options.seed) scenario->seed = *options.seed;
  if (options.duration_s) scenario->duration_s = *options.duration_s;
  auto evaluation = eval::evaluate_risk(*scenario);
  if (!evaluation) {
    std::fprintf(stderr, "risk evaluate: %s: %s\n", evaluation.error().code.c_str(),
                 evaluation.error().detail.c_str());
    return 1;
  }
  if (!options.json_path.empty()) {
    std::ofstream json(options.json_path);
    json << evaluation_json(*evaluation).dump(1) << "\n";
    if (!json) {
      std::fprintf(stderr, "risk evaluate: cannot write %s\n", options.json_path.c_str());
      return 1;
    }
  }
  if (options.quiet_false) evaluation->false_notes.clear();
  std::fputs(eval::format_evaluation(*evaluation).c_str(), stdout);
  return 0;
}

}  // namespace

void add_risk_commands(CLI::App& app) {
  CLI::App* risk = app.add_subcommand("risk", "risk-to-life alerts");
  risk->require_subcommand(1);
  auto options = std::make_shared<EvaluateOptions>();
  CLI::App* evaluate = risk->add_subcommand(
      "evaluate",
      "simulate a scenario through decoders, tracker and risk stage; score alerts against truth");
  evaluate->add_option("--scenario", options->scenario_path, "simulation scenario (TOML)");
  evaluate->add_option("--seed", options->seed, "simulation seed (overrides the scenario's)");
  evaluate->add_option("--duration", options->duration_s, "simulated seconds");
  evaluate->add_flag("--no-false-list", options->quiet_false, "do not list each false alert");
  evaluate->add_option("--json", options->json_path, "also write the evaluation as JSON here");
  evaluate->callback([options] {
    const int status = run_evaluate(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
