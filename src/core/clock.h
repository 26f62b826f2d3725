#pragma once
/// Clock: injected time source. Every stage runs on sensor time; wall time is read
/// only through a Clock so tests and replay are deterministic.

#include <chrono>
#include <cstdint>

namespace sw {

/// Time as nanoseconds since the Unix epoch (UTC).
using TimeNs = std::int64_t;

constexpr TimeNs kNsPerSecond = 1'000'000'000;

/// Source of "now"; production uses SystemClock, tests use ManualClock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeNs now() const = 0;
};

/// Wall-clock time from the operating system.
class SystemClock final : public Clock {
 public:
  TimeNs now() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

/// A clock that only moves when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeNs start = 0) : now_(start) {}
  TimeNs now() const override { return now_; }
  void set(TimeNs t) { now_ = t; }
  void advance(TimeNs dt) { now_ += dt; }

 private:
  TimeNs now_;
};

}  // namespace sw
