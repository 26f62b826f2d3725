// Type 19: extended Class B position report (ITU-R M.1371-5 3.18).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, ClassBExtended& body) {
  if (auto error = require_at_least(bits, 312); error != DecodeError::kNone) return error;
  decode_class_b_motion(bits, body);
  body.regional = bits.u(139, 4);
  read_sixbit(bits, 143, 20, body.shipname);
  body.shiptype = bits.u(263, 8);
  body.to_bow = bits.u(271, 9);
  body.to_stern = bits.u(280, 9);
  body.to_port = bits.u(289, 6);
  body.to_starboard = bits.u(295, 6);
  body.epfd = bits.u(301, 4);
  body.raim = bits.flag(305);
  body.dte = bits.u(306, 1);
  body.assigned = bits.flag(307);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const ClassBExtended& body, bool scaled, JsonOut& json) {
  json.u("reserved", body.reserved);
  json_speed_tenths(json, body.speed, scaled);
  json.b("accuracy", body.accuracy);
  json_latlon(json, "lon", body.lon, "lat", body.lat, scaled);
  json_course_tenths(json, body.course, scaled);
  json.u("heading", body.heading);
  json.u("second", body.second);
  json.u("regional", body.regional);
  json.str("shipname", body.shipname.view());
  json_ship_type(json, body.shiptype);
  json_dimensions(json, body.to_bow, body.to_stern, body.to_port, body.to_starboard);
  json_epfd(json, body.epfd);
  json.b("raim", body.raim);
  json.u("dte", body.dte);
  json.b("assigned", body.assigned);
}

void write_csv(const Message& /*header*/, const ClassBExtended& body, CsvOut& csv) {
  csv.u(body.reserved).u(body.speed).u(body.accuracy).i(body.lon).i(body.lat).u(body.course);
  csv.u(body.heading).u(body.second).hex(body.regional).str(body.shipname.view());
  csv.u(body.shiptype).u(body.to_bow).u(body.to_stern).u(body.to_port).u(body.to_starboard);
  csv.u(body.epfd).u(body.raim).u(body.dte).u(body.assigned);
}

}  // namespace sw::ais
