#pragma once
/// `straitwatch cot ...` subcommands.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `cot decode` on the root app.
void add_cot_commands(CLI::App& app);

}  // namespace sw::cli
