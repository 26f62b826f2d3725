#include "cli/stop_signal.h"

#include <csignal>

namespace sw::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void on_stop_signal(int /*signal*/) { stop_requested = true; }

}  // namespace

const std::atomic<bool>& stop_on_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  return stop_requested;
}

}  // namespace sw::cli
