// Type 27: long-range AIS broadcast (ITU-R M.1371-5 3.26).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, LongRangePosition& body) {
  // 96 bits by the standard; some transponders send a full 168-bit slot.
  if (bits.size() != 96 && bits.size() != 168) {
    return bits.size() < 96 ? DecodeError::kTooShort : DecodeError::kTooLong;
  }
  body.accuracy = bits.flag(38);
  body.raim = bits.flag(39);
  body.status = bits.u(40, 4);
  body.lon = bits.s(44, 18);
  body.lat = bits.s(62, 17);
  body.speed = bits.u(79, 6);
  body.course = bits.u(85, 9);
  body.gnss = bits.flag(94);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const LongRangePosition& body, bool scaled,
                JsonOut& json) {
  if (scaled) {
    json.str("status", navigation_status_text(body.status));
  } else {
    json.u("status", body.status);
  }
  json.b("accuracy", body.accuracy);
  if (scaled) {
    // Raw unit is 1/10 minute; gpsd 3.22 prints one decimal of a degree.
    json.fixed("lon", body.lon / 600.0, 1);
    json.fixed("lat", body.lat / 600.0, 1);
  } else {
    json.i("lon", body.lon);
    json.i("lat", body.lat);
  }
  json.u("speed", body.speed);
  json.u("course", body.course);
  json.b("raim", body.raim);
  json.b("gnss", body.gnss);
}

void write_csv(const Message& /*header*/, const LongRangePosition& body, CsvOut& csv) {
  csv.u(body.status).u(body.accuracy).i(body.lon).i(body.lat).u(body.speed).u(body.course);
  csv.u(body.raim).u(body.gnss);
}

}  // namespace sw::ais
