#include "cli/risk_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
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
};

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
  evaluate->callback([options] {
    const int status = run_evaluate(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
