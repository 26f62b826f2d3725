#pragma once
/// Deleters by time since the last update: in sensor steps (Stone Soup's
/// UpdateTimeStepsDeleter) or in seconds (Stone Soup's UpdateTimeDeleter).

#include "track/deleter/deleter.h"

namespace sw::track {

/// Deletes a track after `steps` consecutive steps without an update.
class UpdateTimeStepsDeleter final : public Deleter {
 public:
  explicit UpdateTimeStepsDeleter(std::uint32_t steps) : steps_(steps) {}
  bool should_delete(const Track& track, TimeNs /*now*/) const override {
    return track.consecutive_misses >= steps_;
  }

 private:
  std::uint32_t steps_;
};

/// Deletes a track when more than `seconds` have passed since its last update.
class UpdateTimeDeleter final : public Deleter {
 public:
  explicit UpdateTimeDeleter(double seconds) : seconds_(seconds) {}
  bool should_delete(const Track& track, TimeNs now) const override {
    return seconds_between(track.last_update_time, now) > seconds_;
  }

 private:
  double seconds_;
};

}  // namespace sw::track
