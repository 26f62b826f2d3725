#pragma once
/// `straitwatch arpa decode`: NMEA 0183 TTM/TLL radar targets (with the stream's own-ship
/// GGA/RMC/GLL/HDT/HDG/THS/ZDA, or a fixed site) to observation JSON lines.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `arpa decode` on the root app.
void add_arpa_commands(CLI::App& app);

}  // namespace sw::cli
