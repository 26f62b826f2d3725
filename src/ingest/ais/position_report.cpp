// Types 1, 2, 3: Class A position report (ITU-R M.1371-5 Annex 8, 3.1), and the
// latitude/longitude/speed/course formatting shared by the position families.

#include "ingest/ais/families.h"

#include <cmath>

namespace sw::ais {
namespace {

/// Rate of turn as gpsd prints it scaled: ROT_AIS = 4.733 * sqrt(ROT) deg/min, so
/// the value printed is (raw / 4.733)^2 rounded; sentinels become words.
void json_turn(JsonOut& json, std::int32_t turn) {
  if (turn == -128) {
    json.raw("turn", "\"nan\"");
  } else if (turn == -127) {
    json.raw("turn", "\"fastleft\"");
  } else if (turn == 127) {
    json.raw("turn", "\"fastright\"");
  } else {
    // "%.0f": round half to even on the binary value, as printf does.
    const double rate = turn / 4.733;
    json.i("turn", static_cast<std::int64_t>(std::nearbyint(rate * rate)));
  }
}

}  // namespace

void json_latlon(JsonOut& json, const char* lon_name, std::int32_t lon, const char* lat_name,
                 std::int32_t lat, bool scaled) {
  if (scaled) {
    append_ten_thousandth_minutes_as_degrees(json.value_of(lon_name), lon);
    append_ten_thousandth_minutes_as_degrees(json.value_of(lat_name), lat);
  } else {
    json.i(lon_name, lon);
    json.i(lat_name, lat);
  }
}

void json_speed_tenths(JsonOut& json, std::uint32_t speed, bool scaled) {
  if (scaled) {
    json.tenths("speed", speed);
  } else {
    json.u("speed", speed);
  }
}

void json_course_tenths(JsonOut& json, std::uint32_t course, bool scaled) {
  if (scaled) {
    json.tenths("course", course);
  } else {
    json.u("course", course);
  }
}

void json_dimensions(JsonOut& json, std::uint32_t to_bow, std::uint32_t to_stern,
                     std::uint32_t to_port, std::uint32_t to_starboard) {
  json.u("to_bow", to_bow);
  json.u("to_stern", to_stern);
  json.u("to_port", to_port);
  json.u("to_starboard", to_starboard);
}

void json_ship_type(JsonOut& json, std::uint32_t shiptype) {
  json.u("shiptype", shiptype);
  json.str("shiptype_text", ship_type_text(shiptype));
}

void json_epfd(JsonOut& json, std::uint32_t epfd) {
  json.u("epfd", epfd);
  json.str("epfd_text", epfd_text(epfd));
}

void append_stamp(TextBuffer& out, std::int64_t year, std::uint32_t month, std::uint32_t day,
                  std::uint32_t hour, std::uint32_t minute, std::int64_t second) {
  if (year >= 0) {
    append_uint_padded(out, static_cast<std::uint64_t>(year), 4);
    out.push_back('-');
  }
  append_uint_padded(out, month, 2);
  out.push_back('-');
  append_uint_padded(out, day, 2);
  out.push_back('T');
  append_uint_padded(out, hour, 2);
  out.push_back(':');
  append_uint_padded(out, minute, 2);
  if (second >= 0) {
    out.push_back(':');
    append_uint_padded(out, static_cast<std::uint64_t>(second), 2);
  }
  out.push_back('Z');
}

DecodeError decode_body(const Bits& bits, Message& /*header*/, PositionReport& body) {
  if (auto error = require_at_least(bits, 163); error != DecodeError::kNone) return error;
  body.status = bits.u(38, 4);
  body.turn = bits.s(42, 8);
  body.speed = bits.u(50, 10);
  body.accuracy = bits.flag(60);
  body.lon = bits.s(61, 28);
  body.lat = bits.s(89, 27);
  body.course = bits.u(116, 12);
  body.heading = bits.u(128, 9);
  body.second = bits.u(137, 6);
  body.maneuver = bits.u(143, 2);
  body.raim = bits.flag(148);
  // Many transmitters send 163..167 bits: the radio status is then truncated.
  const std::size_t radio_bits = bits.size() >= 168 ? 19 : bits.size() - 149;
  body.radio = bits.u(149, static_cast<unsigned>(radio_bits));
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const PositionReport& body, bool scaled, JsonOut& json) {
  json.u("status", body.status);
  json.str("status_text", navigation_status_text(body.status));
  if (scaled) {
    json_turn(json, body.turn);
    if (body.speed == kSpeedNotAvailable) {
      json.raw("speed", "\"nan\"");
    } else if (body.speed == kSpeedFastMover) {
      json.raw("speed", "\"fast\"");
    } else {
      json.tenths("speed", body.speed);
    }
  } else {
    json.i("turn", body.turn);
    json.u("speed", body.speed);
  }
  json.b("accuracy", body.accuracy);
  json_latlon(json, "lon", body.lon, "lat", body.lat, scaled);
  json_course_tenths(json, body.course, scaled);
  json.u("heading", body.heading);
  json.u("second", body.second);
  json.u("maneuver", body.maneuver);
  json.b("raim", body.raim);
  json.u("radio", body.radio);
}

void write_csv(const Message& /*header*/, const PositionReport& body, CsvOut& csv) {
  csv.u(body.status).i(body.turn).u(body.speed).u(body.accuracy).i(body.lon).i(body.lat);
  csv.u(body.course).u(body.heading).u(body.second).hex(body.maneuver).u(body.raim).hex(body.radio);
}

}  // namespace sw::ais
