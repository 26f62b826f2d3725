#include "cli/audit_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "share/audit_log.h"

namespace sw::cli {
namespace {

struct AuditVerifyOptions {
  std::string target = "data";  ///< a data directory, its audit/ folder, or the log file
  std::string public_key;       ///< default: audit-key.pub.pem beside the log
};

/// The log a path names: the file itself, DIR/audit.log, or DIR/audit/audit.log.
std::filesystem::path log_of(const std::filesystem::path& target) {
  std::error_code error;
  if (!std::filesystem::is_directory(target, error)) return target;
  if (std::filesystem::exists(target / "audit.log", error)) return target / "audit.log";
  return target / "audit" / "audit.log";
}

int run_audit_verify(const AuditVerifyOptions& options) {
  const std::filesystem::path log = log_of(options.target);
  const std::filesystem::path key = options.public_key.empty()
                                        ? log.parent_path() / "audit-key.pub.pem"
                                        : std::filesystem::path(options.public_key);
  auto verified = share::verify_audit_log(log, key);
  if (!verified) {
    std::fprintf(stderr, "straitwatch: %s\n", verified.error().detail.c_str());
    return 2;
  }
  if (verified->ok) {
    std::printf(
        "audit log OK: %s: %llu records, %llu seals verified with %s, %llu after the "
        "last seal\n",
        log.c_str(), static_cast<unsigned long long>(verified->records),
        static_cast<unsigned long long>(verified->seals), key.c_str(),
        static_cast<unsigned long long>(verified->unsealed));
    return 0;
  }
  std::printf(
      "audit log BROKEN: %s, line %llu (byte %llu): %s; the %llu records before it are "
      "sound (%llu seals)\n",
      log.c_str(), static_cast<unsigned long long>(verified->line),
      static_cast<unsigned long long>(verified->offset), verified->problem.c_str(),
      static_cast<unsigned long long>(verified->records),
      static_cast<unsigned long long>(verified->seals));
  return 1;
}

}  // namespace

void add_audit_commands(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "the node's tamper-evident audit log");
  audit->require_subcommand(1);
  auto options = std::make_shared<AuditVerifyOptions>();
  auto* verify = audit->add_subcommand(
      "verify",
      "Check the hash chain, sequence and seal signatures of an audit log; exit 0 when sound, "
      "1 when changed (and where), 2 when it cannot be read");
  verify
      ->add_option("target", options->target,
                   "a node's data directory, its audit/ folder, or the log file")
      ->capture_default_str();
  verify->add_option("--public-key", options->public_key,
                     "the node's audit public key (PEM; default: beside the log)");
  verify->callback([options] {
    const int status = run_audit_verify(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
