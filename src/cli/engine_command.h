#pragma once
/// `straitwatch run` (the live node) and `straitwatch replay` (a journal through the same
/// pipeline).

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `run` and `replay` on the root app.
void add_engine_commands(CLI::App& app);

}  // namespace sw::cli
