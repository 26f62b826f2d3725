// Helpers shared by the type 6 and type 8 binary application codecs.

#include "ingest/ais/binary_common.h"

namespace sw::ais {
namespace {

// Route types of IMO SN.1/Circ.289 (wording from gpsd 3.22, BSD-2-Clause).
constexpr const char* kRouteTypeNames[] = {
    "Undefined (default)",           "Mandatory",       "Recommended", "Alternative",
    "Recommended route through ice", "Ship route plan",
};
constexpr const char* kRouteTypeReserved = "Reserved for future use.";
constexpr const char* kRouteTypeCancel = "Cancel route identified by message linkage";

const char* route_type_text(std::uint32_t rtype) {
  if (rtype < std::size(kRouteTypeNames)) return kRouteTypeNames[rtype];
  return rtype == 31 ? kRouteTypeCancel : kRouteTypeReserved;
}

void append_number(TextBuffer& out, std::uint32_t value, bool padded) {
  if (padded) {
    append_uint_padded(out, value, 2);
  } else {
    append_uint(out, value);
  }
}

constexpr std::size_t kRouteWaypointBits = 55;
constexpr std::size_t kRouteWaypointsOffset = 61;  // from the linkage field

}  // namespace

std::uint32_t low_word_of_wide_field(const Bits& bits, std::size_t start, unsigned width) {
  if (width <= 32) return bits.u(start, width);
  return bits.u(start + (width - 32), 32);
}

std::size_t sixbit_chars_to_end(const Bits& bits, std::size_t start) {
  return bits.size() > start ? (bits.size() - start) / 6 : 0;
}

void append_quoted_stamp(TextBuffer& out, std::uint32_t month, std::uint32_t day,
                         std::uint32_t hour, std::uint32_t minute, StampStyle style) {
  const bool padded = style != StampStyle::kBare;
  out.push_back('"');
  append_number(out, month, padded);
  out.push_back('-');
  append_number(out, day, padded);
  out.push_back('T');
  append_number(out, hour, padded);
  out.push_back(':');
  append_number(out, minute, padded);
  if (style == StampStyle::kPaddedZulu) out.push_back('Z');
  out.push_back('"');
}

void json_verbatim(JsonOut& json, std::string_view name, std::string_view text) {
  TextBuffer& out = json.value_of(name);
  out.push_back('"');
  out.append(text);
  out.push_back('"');
}

void json_milli_minutes(JsonOut& json, std::string_view name, std::int32_t value, bool scaled) {
  if (scaled) {
    json.fixed(name, value / kMilliMinuteDivisor, 4);
  } else {
    json.i(name, value);
  }
}

void json_ten_thousandth_minutes(JsonOut& json, std::string_view name, std::int32_t value,
                                 bool scaled) {
  if (scaled) {
    json.fixed(name, value / kTenThousandthMinuteDivisor, 6);
  } else {
    json.i(name, value);
  }
}

void json_raw_payload(JsonOut& json, std::size_t bit_count, const std::uint8_t* bytes) {
  TextBuffer& out = json.value_of("data");
  out.push_back('"');
  append_bits_as_hex(out, bit_count, bytes);
  out.push_back('"');
}

void csv_raw_payload(CsvOut& csv, std::size_t bit_count, const std::uint8_t* bytes,
                     bool structured) {
  TextBuffer& out = csv.buffer();
  append_uint(out, bit_count);
  out.push_back(':');
  const std::size_t byte_count = (bit_count + 7) / 8;
  if (structured) {
    // gpsdecode does not keep the raw bits of a decoded application: it prints
    // a placeholder of the same width.
    out.append(2 * byte_count, 'x');
  } else {
    append_hex_bytes(out, bytes, byte_count);
  }
}

void read_route_info(const Bits& bits, std::size_t start, RouteInfo& route) {
  route.linkage = bits.u(start, 10);
  route.sender = bits.u(start + 10, 3);
  route.rtype = bits.u(start + 13, 5);
  route.month = bits.u(start + 18, 4);
  route.day = bits.u(start + 22, 5);
  route.hour = bits.u(start + 27, 5);
  route.minute = bits.u(start + 32, 6);
  route.duration = bits.u(start + 38, 18);
  route.waycount = bits.u(start + 56, 5);
  // The announced count is trusted even when the payload is shorter: missing
  // waypoints read as zero bits, as gpsd's do.
  for (std::size_t point_idx = 0; point_idx < route.waycount; ++point_idx) {
    const std::size_t at = start + kRouteWaypointsOffset + kRouteWaypointBits * point_idx;
    route.waypoints[point_idx].lon = bits.s(at, 28);
    route.waypoints[point_idx].lat = bits.s(at + 28, 27);
  }
}

void write_route_info(const RouteInfo& route, bool scaled, JsonOut& json) {
  json.u("linkage", route.linkage);
  json.u("sender", route.sender);
  json.u("rtype", route.rtype);
  json.str("rtype_text", route_type_text(route.rtype));
  append_quoted_stamp(json.value_of("start"), route.month, route.day, route.hour, route.minute,
                      StampStyle::kPaddedZulu);
  json.u("duration", route.duration);
  TextBuffer& out = json.value_of("waypoints");
  out.push_back('[');
  for (std::size_t point_idx = 0; point_idx < route.waycount; ++point_idx) {
    if (point_idx > 0) out.push_back(',');
    const RouteWaypoint& point = route.waypoints[point_idx];
    out.push_back('{');
    out.append("\"lon\":");
    if (scaled) {
      append_fixed(out, point.lon / kTenThousandthMinuteDivisor, 6);
    } else {
      append_int(out, point.lon);
    }
    out.append(",\"lat\":");
    if (scaled) {
      append_fixed(out, point.lat / kTenThousandthMinuteDivisor, 6);
    } else {
      append_int(out, point.lat);
    }
    out.push_back('}');
  }
  out.push_back(']');
}

void read_text_description(const Bits& bits, std::size_t start, TextDescription& text) {
  text.linkage = bits.u(start, 10);
  read_sixbit(bits, start + 10, sixbit_chars_to_end(bits, start + 10), text.text);
}

void write_text_description(const TextDescription& text, JsonOut& json) {
  json.u("linkage", text.linkage);
  json.str("text", text.text.view());
}

}  // namespace sw::ais
