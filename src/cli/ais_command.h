#pragma once
/// `straitwatch ais ...` subcommands.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `ais decode` (and later `ais encode`) on the root app.
void add_ais_commands(CLI::App& app);

}  // namespace sw::cli
