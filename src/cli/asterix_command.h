#pragma once
/// `straitwatch asterix ...` subcommands: decode ASTERIX CAT010/CAT034 data blocks into
/// observations, and encode a test pattern (raw blocks or a pcap capture).

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `asterix decode` and `asterix encode` on the root app.
void add_asterix_commands(CLI::App& app);

}  // namespace sw::cli
