#pragma once
/// The checks every backend applies before it stores a record: an update or alert
/// revision with a non-finite number or a position off the globe is counted by reason and
/// skipped, never written.

#include "core/clock.h"
#include "store/history_records.h"
#include "store/track_update.h"

namespace sw::store {

/// Why an update cannot be stored ("non_finite", "bad_position"), or nullptr.
const char* update_defect(const TrackUpdate& update);
/// Why an alert revision cannot be stored ("non_finite", "bad_position"), or nullptr.
const char* alert_defect(const AlertRecord& alert);

/// time - duration, clamped at the smallest TimeNs (duration >= 0).
TimeNs saturating_minus(TimeNs time, TimeNs duration);

}  // namespace sw::store
