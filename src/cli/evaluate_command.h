#pragma once
/// `straitwatch evaluate`: the life-safety evaluation of a scenario over N seeds, scored
/// against the simulator's ground truth, written as a report folder (eval/report.h).

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `evaluate` on the root app.
void add_evaluate_command(CLI::App& app);

}  // namespace sw::cli
