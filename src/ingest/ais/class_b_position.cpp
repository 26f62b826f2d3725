// Type 18: standard Class B position report (ITU-R M.1371-5 3.17).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, ClassBPosition& body) {
  if (auto error = require_at_least(bits, 168); error != DecodeError::kNone) return error;
  decode_class_b_motion(bits, body);
  body.regional = bits.u(139, 2);
  body.cs = bits.flag(141);
  body.display = bits.flag(142);
  body.dsc = bits.flag(143);
  body.band = bits.flag(144);
  body.msg22 = bits.flag(145);
  body.assigned = bits.flag(146);
  body.raim = bits.flag(147);
  body.radio = bits.u(148, 20);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const ClassBPosition& body, bool scaled, JsonOut& json) {
  json.u("reserved", body.reserved);
  json_speed_tenths(json, body.speed, scaled);
  json.b("accuracy", body.accuracy);
  json_latlon(json, "lon", body.lon, "lat", body.lat, scaled);
  json_course_tenths(json, body.course, scaled);
  json.u("heading", body.heading);
  json.u("second", body.second);
  json.u("regional", body.regional);
  json.b("cs", body.cs);
  json.b("display", body.display);
  json.b("dsc", body.dsc);
  json.b("band", body.band);
  json.b("msg22", body.msg22);
  json.b("raim", body.raim);
  json.u("radio", body.radio);
}

void write_csv(const Message& /*header*/, const ClassBPosition& body, CsvOut& csv) {
  csv.u(body.reserved).u(body.speed).u(body.accuracy).i(body.lon).i(body.lat).u(body.course);
  csv.u(body.heading).u(body.second).hex(body.regional).u(body.cs).u(body.display).u(body.dsc);
  csv.u(body.band).u(body.msg22).u(body.raim).hex(body.radio);
}

}  // namespace sw::ais
