#include "cli/evaluate_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "eval/evaluation.h"
#include "eval/report.h"
#include "sim/geography.h"
#include "sim/scenario.h"

namespace sw::cli {
namespace {

struct EvaluateOptions {
  std::string scenario_path;
  std::optional<std::size_t> seeds;
  std::optional<std::uint64_t> first_seed;
  std::optional<double> hours;
  std::optional<std::size_t> calibration_stops;
  std::string out = "evaluation";
  bool check = false;
};

int fail(const std::string& what, const Error& error) {
  std::fprintf(stderr, "straitwatch evaluate: %s: %s: %s\n", what.c_str(), error.code.c_str(),
               error.detail.c_str());
  return 2;
}

int run(const EvaluateOptions& options) {
  std::ifstream file(options.scenario_path, std::ios::binary);
  if (!file) return fail(options.scenario_path, Error{"scenario_read", "cannot read the file"});
  std::ostringstream text;
  text << file.rdbuf();
  Result<eval::EvaluationPlan> plan =
      eval::parse_evaluation_plan(text.str(), options.scenario_path);
  if (!plan) return fail(options.scenario_path, plan.error());
  Result<sim::Scenario> scenario = sim::load_scenario(options.scenario_path);
  if (!scenario) return fail(options.scenario_path, scenario.error());
  if (options.seeds) plan->seeds = *options.seeds;
  if (options.hours) plan->hours = *options.hours;
  if (options.calibration_stops) plan->calibration_stops = *options.calibration_stops;
  if (options.first_seed) scenario->seed = *options.first_seed;
  Result<sim::Geography> geography = sim::load_geography(scenario->geography_path());
  if (!geography) return fail(scenario->geography_path(), geography.error());

  Result<nlohmann::json> summary = eval::evaluate(*scenario, *plan, [](const std::string& line) {
    std::fprintf(stderr, "evaluate: %s\n", line.c_str());
  });
  if (!summary) return fail(options.scenario_path, summary.error());
  if (Status written = eval::write_report(options.out, *summary, *geography); !written) {
    return fail(options.out, written.error());
  }
  std::size_t missed = 0;
  for (const nlohmann::json& target : (*summary)["targets"]) {
    const bool met = target["met"].get<bool>();
    missed += met ? 0 : 1;
    std::printf("%-55s %10s  goal %-16s %s\n", target["name"].get<std::string>().c_str(),
                fmt::format("{:g}", target["value"].get<double>()).c_str(),
                target["goal"].get<std::string>().c_str(), met ? "met" : "NOT MET");
  }
  std::printf("report: %s/report.md, report.html, summary.json\n", options.out.c_str());
  return options.check && missed > 0 ? 1 : 0;
}

}  // namespace

void add_evaluate_command(CLI::App& app) {
  auto options = std::make_shared<EvaluateOptions>();
  CLI::App* evaluate = app.add_subcommand(
      "evaluate",
      "life-safety evaluation: a scenario over N seeds through the whole pipeline, scored "
      "against the simulator's truth; writes a report folder");
  evaluate->add_option("--scenario", options->scenario_path, "scenario (TOML) with [evaluation]")
      ->required();
  evaluate->add_option("--seeds", options->seeds, "number of seeded runs (default: [evaluation])")
      ->check(CLI::Range(1, 1000));
  evaluate->add_option(
      "--first-seed", options->first_seed,
      "seed of the first run (default: the scenario's); runs use seed, seed+1, ...");
  evaluate->add_option("--hours", options->hours, "simulated hours per run")
      ->check(CLI::Range(0.01, 720.0));
  evaluate->add_option("--calibration-stops", options->calibration_stops,
                       "drifting boats per seed for the search-area calibration");
  evaluate->add_option("--out", options->out, "report folder (created)");
  evaluate->add_flag("--check", options->check, "exit 1 when a target is not met");
  evaluate->callback([options] {
    const int status = run(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
