#pragma once
/// ISO-8601 UTC date-times of distress reports, in and out.

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace sw::distress {

/// Parse "YYYY-MM-DDThh:mm[:ss[.fffffffff]]" followed by "Z" or an offset "+hh:mm",
/// "-hh:mm", "+hhmm" or "+hh" (converted to UTC); 't', 'z' and a space for 'T' are
/// accepted. A time without a zone is refused: a distress time must not be ambiguous.
/// UTC instants from 1970 to the end of 2200. Error code "bad_time".
Result<TimeNs> parse_iso_time(std::string_view text);

/// "YYYY-MM-DDThh:mm:ss[.f]Z", the fraction with as many digits as needed (up to 9).
std::string format_iso_time(TimeNs time);

}  // namespace sw::distress
