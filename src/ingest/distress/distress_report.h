#pragma once
/// DistressReport: a report of people in distress at sea relayed by phone, VHF, an NGO or
/// an aircraft, and its JSON form — one object per line (JSON Lines), or a JSON array.
///
/// Schema (UTF-8, one object; unknown members are ignored):
///   {
///     "id": "CROSS-GN-2024-0815",            required, non-empty string (<= 128 bytes)
///     "time": "2024-08-15T03:12:00Z",        required, ISO-8601 with Z or +hh:mm offset
///     "position": {                          required
///       "lat": 50.95, "lon": 1.60,           required numbers, degrees WGS-84
///       "uncertainty_m": 500                 optional number > 0: one standard deviation
///     },                                       of each horizontal axis, metres
///     "persons_on_board": 45,                optional integer 0-10000
///     "source": "phone",                     optional string: phone, vhf, ngo, aircraft, ...
///     "vessel": {                            optional
///       "type": "inflatable", "colour": "grey", "length_m": 10,
///       "description": "black tubes, outboard engine"
///     },
///     "text": "free text as received",       optional — PERSONAL DATA
///     "reporter": "name or number"           optional — PERSONAL DATA
///   }
/// A report is at most kMaxReportBytes; nesting deeper than kMaxNesting is refused.
/// Free text and the reporter may name people: an Observation carrying either has
/// Label.personal_data set and a bounded retention (see distress_decoder.h).

#include <cstddef>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/geo.h"

namespace sw::distress {

/// Largest accepted report, bytes of JSON (one line or one array element).
constexpr std::size_t kMaxReportBytes = 64 * 1024;
/// Deepest accepted nesting of objects and arrays in a report.
constexpr int kMaxNesting = 16;

/// The craft in distress as described by the reporter.
struct VesselDescription {
  std::string type;    ///< e.g. "inflatable", "rigid", "fishing"
  std::string colour;  ///< e.g. "grey"
  std::optional<double> length_m;
  std::string description;  ///< further free description of the craft (not of persons)

  bool operator==(const VesselDescription&) const = default;
};

/// One distress report.
struct DistressReport {
  std::string id;
  TimeNs time = 0;  ///< UTC ns of the report (the sighting or call, not the relay)
  LatLon position;
  std::optional<double> uncertainty_m;  ///< one standard deviation per axis, metres
  std::optional<int> persons_on_board;
  std::string source;  ///< "phone", "vhf", "ngo", "aircraft", ...
  std::optional<VesselDescription> vessel;
  std::string text;      ///< free text: personal data
  std::string reporter;  ///< who reported: personal data

  bool operator==(const DistressReport& other) const;
};

/// One JSON line (no trailing newline) in the schema above; empty optional members are
/// left out; the time keeps its fraction to the nanosecond, numbers round-trip exactly.
std::string encode_distress_json(const DistressReport& report);

}  // namespace sw::distress
