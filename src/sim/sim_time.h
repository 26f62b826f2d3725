#pragma once
/// UTC calendar helpers for the simulator: scenario start times in, ISO 8601 text and
/// ASTERIX time of day out.

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace sw::sim {

/// Broken-down UTC date and time.
struct UtcFields {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t nanosecond = 0;
};

/// The UTC fields of `time`.
UtcFields utc_fields(TimeNs time);

/// The time of a UTC date and time (fields are not range-checked).
TimeNs utc_time(const UtcFields& fields);

/// Seconds since the UTC midnight of `time` (ASTERIX time of day), in [0, 86400).
double seconds_of_day(TimeNs time);

/// "YYYY-MM-DDThh:mm:ss.sssZ" (milliseconds, truncated).
std::string format_utc(TimeNs time);

/// Parse "YYYY-MM-DDThh:mm:ss[.fff]Z" (also "+00:00" for Z; 'T' or a space).
Result<TimeNs> parse_utc(std::string_view text);

}  // namespace sw::sim
