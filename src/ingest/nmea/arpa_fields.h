#pragma once
/// Generic NMEA 0183 "$ttsss,f1,...,fn*hh" field splitting and field value parsing for the
/// radar (TTM/TLL) and own-ship (GGA, RMC, GLL, HDT, HDG, THS, ZDA) sentences. Views into
/// the caller's line; nothing is copied. (sentence.h handles the AIS !xxVDM layer.)

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace sw::nmea {

/// A "$" sentence split at its commas, after its checksum was verified.
struct NmeaFields {
  static constexpr std::size_t kMaxFields = 40;

  std::string_view talker;                            ///< two characters, e.g. "RA"
  std::string_view formatter;                         ///< three characters, e.g. "TTM"
  std::array<std::string_view, kMaxFields> fields{};  ///< data fields, fields[0] is field 1
  std::size_t count = 0;

  /// Data field `number` counted from 1 as the standards do; empty when absent.
  std::string_view field(std::size_t number) const {
    return number >= 1 && number <= count ? fields[number - 1] : std::string_view{};
  }
};

/// Longest accepted line (the standard allows 82 characters; radars with long target names
/// and tag blocks exceed it).
constexpr std::size_t kMaxArpaLineLength = 512;

/// The line without a leading NMEA 4.0 tag block ("\...\") and trailing CR/LF/blanks.
std::string_view strip_tag_block(std::string_view line);

/// The three-letter formatter of a "$ttsss" line after strip_tag_block(), or empty when
/// the line does not start with "$" and a five-character alphanumeric address.
std::string_view sentence_formatter(std::string_view line);

/// Split a line (after strip_tag_block()) and verify its "*hh" checksum. Error codes:
/// "line_too_long", "malformed", "no_checksum", "bad_checksum".
Result<NmeaFields> split_nmea_fields(std::string_view line);

/// Outcome of parsing one field.
enum class FieldStatus : std::uint8_t {
  kEmpty,  ///< null field: the value is absent
  kOk,
  kBad,  ///< not a number of the expected form, or out of range
};

/// Decimal number ("12", "-3.25", ".5"); non-finite values and exponents are kBad.
FieldStatus parse_decimal(std::string_view field, double& value);

/// Unsigned integer of at most `max_digits` digits.
FieldStatus parse_unsigned(std::string_view field, std::size_t max_digits, std::uint32_t& value);

/// Latitude "ddmm.mmm" with hemisphere "N"/"S" in signed degrees. Empty when both fields
/// are empty; kBad when only one is, when minutes >= 60 or |latitude| > 90.
FieldStatus parse_latitude(std::string_view value, std::string_view hemisphere, double& degrees);

/// Longitude "dddmm.mmm" with hemisphere "E"/"W"; kBad when |longitude| > 180.
FieldStatus parse_longitude(std::string_view value, std::string_view hemisphere, double& degrees);

/// UTC time of day "hhmmss" or "hhmmss.sss" as seconds since midnight (a leap second
/// 60 is accepted).
FieldStatus parse_time_of_day(std::string_view field, double& seconds);

}  // namespace sw::nmea
