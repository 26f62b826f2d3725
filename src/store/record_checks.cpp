#include "store/record_checks.h"

#include <cmath>
#include <limits>

namespace sw::store {

const char* update_defect(const TrackUpdate& update) {
  const double numbers[] = {update.position.lat,
                            update.position.lon,
                            update.velocity.east,
                            update.velocity.north,
                            update.covariance.ee,
                            update.covariance.en,
                            update.covariance.nn,
                            update.identity.length_m.value_or(0.0),
                            update.identity.width_m.value_or(0.0)};
  for (const double number : numbers) {
    if (!std::isfinite(number)) return "non_finite";
  }
  if (std::abs(update.position.lat) > 90.0 || std::abs(update.position.lon) > 180.0) {
    return "bad_position";
  }
  return nullptr;
}

const char* alert_defect(const AlertRecord& alert) {
  if (!std::isfinite(alert.position.lat) || !std::isfinite(alert.position.lon)) {
    return "non_finite";
  }
  if (std::abs(alert.position.lat) > 90.0 || std::abs(alert.position.lon) > 180.0) {
    return "bad_position";
  }
  return nullptr;
}

TimeNs saturating_minus(TimeNs time, TimeNs duration) {
  if (time < std::numeric_limits<TimeNs>::min() + duration) {
    return std::numeric_limits<TimeNs>::min();
  }
  return time - duration;
}

}  // namespace sw::store
