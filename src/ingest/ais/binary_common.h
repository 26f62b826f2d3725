#pragma once
/// Helpers shared by the type 6 and type 8 binary application codecs: raw payload
/// dumps, the applications both types carry (route, text, air draught, persons),
/// and the date/time and text formats of gpsd's application output.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ais/binary_messages.h"
#include "ingest/ais/bits.h"
#include "ingest/ais/json_out.h"

namespace sw::ais {

/// Positions in 1/1000 minute print as degrees with this divisor ("%.4f").
constexpr double kMilliMinuteDivisor = 60000.0;
/// Positions in 1/10000 minute print as degrees with this divisor ("%.6f").
constexpr double kTenThousandthMinuteDivisor = 600000.0;

/// Low 32 bits of a field wider than 32 bits (gpsd stores such fields in an
/// unsigned int, so only the low part survives).
std::uint32_t low_word_of_wide_field(const Bits& bits, std::size_t start, unsigned width);

/// Number of six-bit characters between `start` and the end of the payload
/// (zero when the payload ends before `start`).
std::size_t sixbit_chars_to_end(const Bits& bits, std::size_t start);

/// How a month/day/hour/minute group is printed.
enum class StampStyle : std::uint8_t {
  kPaddedZulu,  ///< "%02u-%02uT%02u:%02uZ"
  kPadded,      ///< "%02u-%02uT%02u:%02u"
  kBare,        ///< "%u-%uT%u:%u"
};
/// Append a quoted month/day/hour/minute stamp in `style`.
void append_quoted_stamp(TextBuffer& out, std::uint32_t month, std::uint32_t day,
                         std::uint32_t hour, std::uint32_t minute, StampStyle style);

/// A quoted string member printed verbatim, without JSON escaping (gpsd prints some
/// six-bit fields and legends with a bare "%s").
void json_verbatim(JsonOut& json, std::string_view name, std::string_view text);

/// A position in 1/1000 minute: "%.4f" degrees when scaled, raw otherwise.
void json_milli_minutes(JsonOut& json, std::string_view name, std::int32_t value, bool scaled);
/// A position in 1/10000 minute: "%.6f" degrees when scaled, raw otherwise.
void json_ten_thousandth_minutes(JsonOut& json, std::string_view name, std::int32_t value,
                                 bool scaled);

/// The undecoded application payload, `"data":"<bits>:<hex>"`.
void json_raw_payload(JsonOut& json, std::size_t bit_count, const std::uint8_t* bytes);
/// The application payload as gpsdecode's CSV prints it: `<bits>:<hex>`, or one 'x'
/// per hex digit when the payload was decoded into fields.
void csv_raw_payload(CsvOut& csv, std::size_t bit_count, const std::uint8_t* bytes,
                     bool structured);

/// DAC 1 FI 27/28 route information, the linkage field at `start`.
void read_route_info(const Bits& bits, std::size_t start, RouteInfo& route);
void write_route_info(const RouteInfo& route, bool scaled, JsonOut& json);

/// DAC 1 FI 29/30 text description, the linkage field at `start`.
void read_text_description(const Bits& bits, std::size_t start, TextDescription& text);
void write_text_description(const TextDescription& text, JsonOut& json);

}  // namespace sw::ais
