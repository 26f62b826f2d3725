// Type 9: standard SAR aircraft position report (ITU-R M.1371-5 Annex 8, 3.7).

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::uint32_t kAltitudeNotAvailable = 4095;
constexpr std::uint32_t kAltitudeHigh = 4094;  // 4094 m or higher

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, SarAircraftPosition& body) {
  if (auto error = require_at_least(bits, 168); error != DecodeError::kNone) return error;
  body.alt = bits.u(38, 12);
  body.speed = bits.u(50, 10);
  body.accuracy = bits.flag(60);
  body.lon = bits.s(61, 28);
  body.lat = bits.s(89, 27);
  body.course = bits.u(116, 12);
  body.second = bits.u(128, 6);
  body.regional = bits.u(134, 8);
  body.dte = bits.u(142, 1);
  body.assigned = bits.flag(146);
  body.raim = bits.flag(147);
  body.radio = bits.u(148, 20);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const SarAircraftPosition& body, bool scaled,
                JsonOut& json) {
  if (scaled) {
    if (body.alt == kAltitudeNotAvailable) {
      json.raw("alt", "\"nan\"");
    } else if (body.alt == kAltitudeHigh) {
      json.raw("alt", "\"high\"");
    } else {
      json.u("alt", body.alt);
    }
    // Whole knots for SAR aircraft, unlike the 1/10 kn of ships.
    if (body.speed == kSpeedNotAvailable) {
      json.raw("speed", "\"nan\"");
    } else if (body.speed == kSpeedFastMover) {
      json.raw("speed", "\"fast\"");
    } else {
      json.u("speed", body.speed);
    }
  } else {
    json.u("alt", body.alt);
    json.u("speed", body.speed);
  }
  json.b("accuracy", body.accuracy);
  json_latlon(json, "lon", body.lon, "lat", body.lat, scaled);
  json_course_tenths(json, body.course, scaled);
  json.u("second", body.second);
  json.u("regional", body.regional);
  json.u("dte", body.dte);
  // The assigned-mode flag is decoded but gpsd does not print it.
  json.b("raim", body.raim);
  json.u("radio", body.radio);
}

void write_csv(const Message& /*header*/, const SarAircraftPosition& body, CsvOut& csv) {
  csv.u(body.alt).u(body.speed).u(body.accuracy).i(body.lon).i(body.lat).u(body.course);
  csv.u(body.second).hex(body.regional).u(body.dte).u(body.raim).hex(body.radio);
}

}  // namespace sw::ais
