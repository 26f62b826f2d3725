#include "sim/realtime.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace sw::sim {

void ThreadSleeper::sleep_until(TimeNs wall_time) {
  const TimeNs wait = wall_time - clock_.now();
  if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
}

void run_realtime(Simulator& simulator, ReportSink& sink, const Clock& clock, Sleeper& sleeper,
                  const std::function<void()>& after_step) {
  const TimeNs wall_start = clock.now();
  while (!simulator.finished()) {
    const TimeNs step_end = std::min(simulator.now() + Simulator::kStep, simulator.end_time());
    sleeper.sleep_until(wall_start + (step_end - simulator.start_time()));
    simulator.step(step_end, sink);
    if (after_step) after_step();
  }
}

}  // namespace sw::sim
