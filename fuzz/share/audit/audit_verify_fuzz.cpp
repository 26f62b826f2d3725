/// libFuzzer target for `straitwatch audit verify` (share::verify_audit_log): the input is
/// an audit log file. Beyond "no crash, no sanitizer report", the target aborts when a
/// contract breaks:
/// - reading a readable log with a valid key never fails (a bad log is ok=false, not an error);
/// - a log found sound has exactly one record per line, and none after a problem is counted;
/// - a problem names a line within the file.
/// Seals are checked against a key made at start, so seeds without seals verify whole.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "share/audit_log.h"

namespace {

[[noreturn]] void contract_broken(const char* what) {
  std::fprintf(stderr, "audit_verify_fuzz: %s\n", what);
  std::abort();
}

struct Files {
  Files() {
    folder = std::filesystem::temp_directory_path() /
             ("straitwatch-audit-fuzz-" + std::to_string(::getpid()));
    // Opening a log creates the key pair; the log itself is then replaced by each input.
    sw::ManualClock clock(0);
    auto log = sw::share::AuditLog::open(folder, clock);
    if (!log) contract_broken("cannot create the audit key");
    log_path = (*log)->path();
    key_path = (*log)->public_key_path();
  }
  ~Files() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }
  std::filesystem::path folder;
  std::filesystem::path log_path;
  std::filesystem::path key_path;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Files files;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    std::ofstream out(files.log_path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  const auto verified = sw::share::verify_audit_log(files.log_path, files.key_path);
  if (!verified) contract_broken("a readable log gave an error, not a verification");
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  if (verified->ok) {
    if (verified->records != lines || (size > 0 && text.back() != '\n')) {
      contract_broken("a sound log does not have one record per line");
    }
  } else {
    if (verified->line == 0 || verified->line > lines + 1)
      contract_broken("problem line out of range");
    if (verified->records != verified->line - 1) contract_broken("records counted past a problem");
  }
  return 0;
}
