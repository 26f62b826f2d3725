// straitwatch: joint maritime surveillance picture of the Dover Strait.
// The only code not linked into tests: it wires the subcommands together.

#include <CLI/CLI.hpp>

#include "cli/ais_command.h"
#include "cli/arpa_command.h"
#include "cli/asterix_command.h"
#include "cli/audit_command.h"
#include "cli/cot_command.h"
#include "cli/distress_command.h"
#include "cli/drift_command.h"
#include "cli/engine_command.h"
#include "cli/evaluate_command.h"
#include "cli/region_command.h"
#include "cli/risk_command.h"
#include "cli/sim_command.h"
#include "cli/track_command.h"

int main(int argc, char** argv) {
  CLI::App app{"straitwatch - a joint maritime surveillance picture of the Dover Strait"};
  app.require_subcommand(1);
  sw::cli::add_ais_commands(app);
  sw::cli::add_asterix_commands(app);
  sw::cli::add_cot_commands(app);
  sw::cli::add_arpa_commands(app);
  sw::cli::add_distress_commands(app);
  sw::cli::add_drift_command(app);
  sw::cli::add_track_commands(app);
  sw::cli::add_sim_command(app);
  sw::cli::add_engine_commands(app);
  sw::cli::add_risk_commands(app);
  sw::cli::add_evaluate_command(app);
  sw::cli::add_region_command(app);
  sw::cli::add_audit_commands(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
