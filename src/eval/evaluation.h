#pragma once
/// The life-safety evaluation (`straitwatch evaluate`): a scenario run N times with
/// different seeds through the whole pipeline (simulator -> wire formats -> decoders ->
/// tracker -> risk -> search areas) and scored against the simulator's ground truth:
/// tracking (TrackingScoring), warnings (RiskScoring), search-area calibration
/// (calibrate_search_areas) and latency. Sensor-siting variants run the same traffic with
/// other sets of radars. The result is a JSON summary, the one source of the report.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "eval/risk_evaluation.h"
#include "eval/search_calibration.h"
#include "eval/tracking_score.h"
#include "sim/scenario.h"

namespace sw::eval {

/// A set of radars to evaluate the scenario with.
struct SitingVariant {
  std::string name;
  std::vector<std::string> radars;  ///< ids of the scenario's [[radar]] tables
};

/// The [evaluation] table of a scenario file (every key optional).
struct EvaluationPlan {
  std::size_t seeds = 1;
  std::optional<double> hours;          ///< run length; default: the scenario's duration
  std::size_t calibration_stops = 100;  ///< per seed
  std::vector<SitingVariant> variants;  ///< none: the scenario's own radars
};

/// Reads the [evaluation] table of a scenario file's text; errors "evaluation_syntax",
/// "evaluation_key", "evaluation_value".
Result<EvaluationPlan> parse_evaluation_plan(const std::string& toml_text,
                                             const std::string& origin);

/// Sensor time -> picture and -> alert, in simulated seconds (the reorder window and the
/// risk stage's cadence), and the pipeline's processing time per input on this machine.
struct LatencySamples {
  std::vector<double> track_s;
  std::vector<double> alert_s;
  double processing_p50_us = 0;
  double processing_p99_us = 0;
};

/// One seeded run of one variant.
struct SeedRun {
  std::uint64_t seed = 0;
  TimeNs start = 0;
  TrackingEvaluation tracking;
  RiskEvaluation risk;
  LatencySamples latency;
  double wall_s = 0;
};

struct VariantRuns {
  SitingVariant variant;
  std::vector<SeedRun> runs;
};

/// Progress lines ("seed 3 of 5: ...").
using EvaluationProgress = std::function<void(const std::string&)>;

/// Runs the plan on `scenario` and returns the JSON summary (see docs/evaluation.md):
/// {"scenario", "seeds", "hours", "targets", "tracking", "warnings", "search_areas",
///  "latency", "siting" (with variants), "runs" (per seed)}.
Result<nlohmann::json> evaluate(const sim::Scenario& scenario, const EvaluationPlan& plan,
                                const EvaluationProgress& progress = {});

/// One seeded run of `scenario` (its own seed) with the scores attached.
Result<SeedRun> run_seed(const sim::Scenario& scenario);

}  // namespace sw::eval
