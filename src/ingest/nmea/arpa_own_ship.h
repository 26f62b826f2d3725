#pragma once
/// Own-ship (or radar site) data carried in the radar's NMEA stream: position from GGA,
/// RMC and GLL; true heading from HDT, THS and HDG (magnetic, with deviation and
/// variation); UTC date and time from RMC and ZDA. ArpaDecoder uses it to place TTM
/// targets (range and bearing from the radar) and to turn relative bearings into true.

#include <optional>
#include <string_view>

#include "core/clock.h"
#include "core/geo.h"
#include "core/result.h"
#include "ingest/nmea/arpa_fields.h"

namespace sw::nmea {

/// What one own-ship sentence says; a sentence may carry several of these.
struct OwnShipReport {
  std::optional<LatLon> position;          ///< a valid fix
  bool no_fix = false;                     ///< GGA quality 0 or 8, RMC/GLL status V
  std::optional<double> true_heading_deg;  ///< [0, 360)
  bool no_heading = false;                 ///< THS mode V, or HDG without variation
  std::optional<TimeNs> utc_time;          ///< RMC date and time, ZDA
};

/// True for GGA, RMC, GLL, HDT, HDG, THS and ZDA.
bool is_own_ship_formatter(std::string_view formatter);

/// The report of a split own-ship sentence. Error codes: "missing_field", "bad_number",
/// "bad_flag", "out_of_range", "bad_time", "not_own_ship".
Result<OwnShipReport> parse_own_ship_fields(const NmeaFields& fields);

/// Nanoseconds since the Unix epoch of a UTC calendar date and time of day; nullopt for
/// an impossible date (month 13, 31 April, 29 February of a common year, ...).
std::optional<TimeNs> utc_date_time(int year, int month, int day, double seconds_of_day);

}  // namespace sw::nmea
