#pragma once
/// ARPA radar targets in NMEA 0183 / IEC 61162-1: TTM (Tracked Target Message: range and
/// bearing from the radar) and TLL (Target Latitude and Longitude). This header holds the
/// sentence fields, a stateless parser of one sentence and the encoder; ArpaDecoder
/// (arpa_decoder.h) turns a stream of them into Observations.
///
/// Field layouts (any two-letter talker: RA, II, ...):
///   $--TTM,xx,x.x,x.x,a,x.x,x.x,a,x.x,x.x,a,c--c,a,a,hhmmss.ss,a*hh
///     1 target number, 2 distance, 3 bearing, 4 bearing T(rue)/R(elative to heading),
///     5 speed, 6 course, 7 course T/R, 8 CPA distance, 9 TCPA minutes ("-": moving away),
///     10 unit K (km, km/h) / N (NM, knots) / S (statute miles, mph), 11 name,
///     12 status L(ost) / Q(uery: being acquired) / T(racking), 13 reference target "R",
///     14 UTC time of data (NMEA 3.0+), 15 acquisition A(uto) / M(anual) / R(eported)
///   $--TLL,xx,llll.ll,a,yyyyy.yy,a,c--c,hhmmss.ss,a,a*hh
///     1 target number, 2-3 latitude N/S, 4-5 longitude E/W, 6 name, 7 UTC time,
///     8 status L/Q/T, 9 reference target "R"
///
/// Real-world tolerance: fields 14-15 of TTM are absent in pre-3.0 sentences; target
/// numbers up to 999 are accepted (some radars number beyond 99); empty optional fields
/// are absent, never zeros; a sentence without "*hh" is refused (radar data steers alarms).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/geo.h"
#include "core/result.h"

namespace sw::nmea {

/// Unit of a TTM's distances and speeds (field 10).
enum class ArpaUnit : std::uint8_t {
  kKilometres,     ///< 'K': km and km/h
  kNauticalMiles,  ///< 'N': nautical miles and knots
  kStatuteMiles,   ///< 'S': statute miles and miles per hour
};

/// Tracking state of an ARPA target (TTM field 12, TLL field 8).
enum class ArpaStatus : std::uint8_t {
  kLost,      ///< 'L': the radar has lost the target; its last values are repeated
  kQuery,     ///< 'Q': target being acquired
  kTracking,  ///< 'T': target tracked
};

/// How the target was acquired (TTM field 15).
enum class ArpaAcquisition : std::uint8_t {
  kAutomatic,  ///< 'A'
  kManual,     ///< 'M'
  kReported,   ///< 'R': e.g. from AIS
};

/// Which sentence an ArpaTarget came from or is encoded as.
enum class ArpaSentence : std::uint8_t { kTtm, kTll };

/// The fields of one TTM or TLL sentence, in the sentence's own units.
struct ArpaTarget {
  ArpaSentence sentence = ArpaSentence::kTtm;
  std::string talker = "RA";  ///< two characters
  std::uint16_t number = 0;   ///< 0-999

  // TTM only.
  std::optional<double> distance;  ///< in `unit` (km, NM or statute miles)
  std::optional<double> bearing_deg;
  bool bearing_relative = false;  ///< 'R': relative to own heading, else true
  std::optional<double> speed;    ///< in `unit` per hour
  std::optional<double> course_deg;
  bool course_relative = false;        ///< 'R': relative motion, else true course
  std::optional<double> cpa_distance;  ///< in `unit`
  std::optional<double> tcpa_min;      ///< minutes; negative when moving away
  ArpaUnit unit = ArpaUnit::kNauticalMiles;
  std::optional<ArpaAcquisition> acquisition;

  // TLL only.
  std::optional<LatLon> position;

  // Both.
  std::string name;
  std::optional<ArpaStatus> status;
  bool reference_target = false;             ///< 'R': used by the radar for its own speed
  std::optional<double> utc_seconds_of_day;  ///< hhmmss.ss as seconds since midnight UTC
};

const char* to_string(ArpaUnit unit);
const char* to_string(ArpaStatus status);
const char* to_string(ArpaAcquisition acquisition);

/// Metres per unit of distance ('K' 1000, 'N' 1852, 'S' 1609.344).
double metres_per_unit(ArpaUnit unit);

/// Parse one TTM or TLL line (tag block and trailing CR/LF allowed). Error codes:
/// "not_arpa" (another sentence), "line_too_long", "no_checksum", "bad_checksum",
/// "malformed" (framing), "missing_field" (target number, distance/bearing or
/// latitude/longitude empty), "bad_number", "bad_flag" (T/R, unit, status letters),
/// "out_of_range" (bearing >= 360, latitude > 90, negative distance, distance > 1000 or
/// speed > 2000 in the sentence's unit, |TCPA| > 1e6 min), "bad_time".
Result<ArpaTarget> parse_arpa_sentence(std::string_view line);

/// The sentence for `target` ("$RATTM,...*hh", no line terminator), as `target.sentence`
/// says. Absent optional fields are left empty. Distances are written with 3 decimals,
/// angles and speeds with 2, latitude/longitude minutes with 5, times with 2.
std::string encode_arpa_sentence(const ArpaTarget& target);

}  // namespace sw::nmea
