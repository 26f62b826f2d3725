#pragma once
/// The commands that run until stopped (`run`, `region run`, `region gateway`): SIGINT and
/// SIGTERM set one flag that their loops watch, so they stop cleanly.

#include <atomic>

namespace sw::cli {

/// Installs the handlers (again, harmlessly) and returns the flag they set.
const std::atomic<bool>& stop_on_signals();

}  // namespace sw::cli
