#pragma once
/// Real-time pacing: run a Simulator so that simulated time keeps step with a wall clock
/// (both injected, so tests pace a ManualClock without waiting).

#include <functional>

#include "core/clock.h"
#include "sim/simulator.h"
#include "sim/sink.h"

namespace sw::sim {

/// Waits until a wall-clock time.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep_until(TimeNs wall_time) = 0;
};

/// Sleeps the calling thread against a Clock.
class ThreadSleeper final : public Sleeper {
 public:
  explicit ThreadSleeper(const Clock& clock) : clock_(clock) {}
  void sleep_until(TimeNs wall_time) override;

 private:
  const Clock& clock_;
};

/// Run `simulator` to its end, one step at a time, each step emitted once the wall clock
/// has reached the step's end (so no report is emitted before its time, and at most one
/// step late). `after_step` (optional) runs after each step, e.g. to flush output.
void run_realtime(Simulator& simulator, ReportSink& sink, const Clock& clock, Sleeper& sleeper,
                  const std::function<void()>& after_step = {});

}  // namespace sw::sim
