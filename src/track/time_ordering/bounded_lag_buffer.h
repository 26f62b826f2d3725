#pragma once
/// BoundedLagBuffer: puts detections from several sensors into time order within a
/// bounded lag. A batch (one sensor, one time) is released once a detection newer than
/// its time plus the lag has arrived; a detection older than what was already released
/// is counted and dropped, never silently.

#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "track/state.h"

namespace sw::track {

/// Reorders detections into (time, sensor) batches.
class BoundedLagBuffer {
 public:
  explicit BoundedLagBuffer(TimeNs lag) : lag_(lag) {}

  /// Adds a detection; false (and counted) when it is too late to be ordered.
  bool push(const Detection& detection);

  /// Calls release(time, span<const Detection>) for every batch that is ready, in order.
  template <typename Release>
  void release_ready(Release&& release) {
    while (!pending_.empty() && pending_.begin()->first.first + lag_ < newest_) {
      release_front(release);
    }
  }

  /// Releases everything (end of input).
  template <typename Release>
  void flush(Release&& release) {
    while (!pending_.empty()) release_front(release);
  }

  std::uint64_t dropped_late() const { return dropped_late_; }
  std::size_t pending_batches() const { return pending_.size(); }

 private:
  template <typename Release>
  void release_front(Release& release) {
    auto batch = pending_.begin();
    released_any_ = true;
    last_released_ = batch->first.first;
    const std::vector<Detection> detections = std::move(batch->second);
    pending_.erase(batch);
    release(last_released_, std::span<const Detection>(detections));
  }

  TimeNs lag_;
  TimeNs newest_ = 0;
  TimeNs last_released_ = 0;
  bool seen_any_ = false;
  bool released_any_ = false;
  std::uint64_t dropped_late_ = 0;
  std::map<std::pair<TimeNs, std::uint32_t>, std::vector<Detection>> pending_;
};

}  // namespace sw::track
