#pragma once
/// `straitwatch drift`: Leeway Monte Carlo drift and search areas.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `drift` on the root app.
void add_drift_command(CLI::App& app);

}  // namespace sw::cli
