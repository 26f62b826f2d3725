#pragma once
/// UTC date-times as text: ISO 8601 in and out (for --start and CF time units).

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace sw::drift {

/// Parse "YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|+00:00]" as UTC.
Result<TimeNs> parse_utc_time(std::string_view text);

/// "YYYY-MM-DDThh:mm:ssZ".
std::string format_utc_time(TimeNs time);

}  // namespace sw::drift
