#include "track/time_ordering/bounded_lag_buffer.h"

#include <algorithm>

namespace sw::track {

bool BoundedLagBuffer::push(const Detection& detection) {
  if (released_any_ && detection.time <= last_released_) {
    ++dropped_late_;
    return false;
  }
  newest_ = seen_any_ ? std::max(newest_, detection.time) : detection.time;
  seen_any_ = true;
  pending_[{detection.time, detection.sensor_id}].push_back(detection);
  return true;
}

}  // namespace sw::track
