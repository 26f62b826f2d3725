#pragma once
/// `straitwatch audit verify`: checks a node's tamper-evident audit log (share/audit_log.h).

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

void add_audit_commands(CLI::App& app);

}  // namespace sw::cli
