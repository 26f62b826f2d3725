#pragma once
/// `straitwatch sim`: the Dover Strait simulator, writing every sensor format.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `sim` on the root app.
void add_sim_command(CLI::App& app);

}  // namespace sw::cli
