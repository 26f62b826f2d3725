#pragma once
/// `straitwatch distress decode`: distress reports (JSON Lines or a JSON array, schema in
/// ingest/distress/distress_report.h) to observation JSON lines.

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `distress decode` on the root app.
void add_distress_commands(CLI::App& app);

}  // namespace sw::cli
