#pragma once
/// `straitwatch ais encode`: gpsd-style unscaled JSON lines (as printed by
/// `straitwatch ais decode -u -j` or `gpsdecode -u -j`) in, NMEA !AIVDM sentences out.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `encode` on the `ais` subcommand.
void add_ais_encode_command(CLI::App& ais);

}  // namespace sw::cli
