#pragma once
/// ScaledClock: simulated time that runs `speed` times faster than the host's steady
/// clock from a chosen start — the engine's receive clock when it is fed by the built-in
/// simulator, so receive times and sensor times agree at any speed.

#include <chrono>

#include "core/clock.h"

namespace sw::engine {

/// start + (steady elapsed) * speed.
class ScaledClock final : public Clock {
 public:
  ScaledClock(TimeNs start, double speed)
      : start_(start), speed_(speed), origin_(std::chrono::steady_clock::now()) {}

  TimeNs now() const override {
    const auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now() - origin_)
                             .count();
    return start_ + static_cast<TimeNs>(static_cast<double>(elapsed) * speed_);
  }
  double speed() const { return speed_; }

 private:
  TimeNs start_;
  double speed_;
  std::chrono::steady_clock::time_point origin_;
};

}  // namespace sw::engine
