#pragma once
/// CoT times: ISO-8601 / xs:dateTime text in and out ("2020-02-08T18:10:44.000Z").

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace sw::cot {

/// Parse "YYYY-MM-DDThh:mm:ss[.f...](Z|+hh:mm|-hh:mm)" to UTC nanoseconds. Any number of
/// fractional digits (the MITRE schema allows any); digits past the ninth are truncated.
/// A missing zone is read as UTC (xs:dateTime allows it; CoT producers always mean UTC).
/// Years outside 1900..2200 and impossible dates are refused: nullopt.
std::optional<TimeNs> parse_cot_time(std::string_view text);

/// "YYYY-MM-DDThh:mm:ss.fffZ" with 3 to 9 fractional digits, as few as are exact.
std::string format_cot_time(TimeNs time);

}  // namespace sw::cot
