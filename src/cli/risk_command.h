#pragma once
/// `straitwatch risk evaluate`: a scenario simulated through the whole pipeline in this
/// process, its alerts scored against the ground truth.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `risk` on the root app.
void add_risk_commands(CLI::App& app);

}  // namespace sw::cli
