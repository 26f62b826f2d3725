// Types 4 and 11: base station report / UTC and date response (ITU-R M.1371-5 3.3).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, BaseStationReport& body) {
  if (auto error = require_at_least(bits, 168); error != DecodeError::kNone) return error;
  body.year = bits.u(38, 14);
  body.month = bits.u(52, 4);
  body.day = bits.u(56, 5);
  body.hour = bits.u(61, 5);
  body.minute = bits.u(66, 6);
  body.second = bits.u(72, 6);
  body.accuracy = bits.flag(78);
  body.lon = bits.s(79, 28);
  body.lat = bits.s(107, 27);
  body.epfd = bits.u(134, 4);
  body.raim = bits.flag(148);
  body.radio = bits.u(149, 19);
  return DecodeError::kNone;
}

namespace {

/// "%04u-%02u-%02uT%02u:%02u:%02uZ"
void append_timestamp(TextBuffer& out, const BaseStationReport& body) {
  append_stamp(out, body.year, body.month, body.day, body.hour, body.minute, body.second);
}

}  // namespace

void write_json(const Message& /*header*/, const BaseStationReport& body, bool scaled,
                JsonOut& json) {
  TextBuffer& out = json.value_of("timestamp");
  out.push_back('"');
  append_timestamp(out, body);
  out.push_back('"');
  json.b("accuracy", body.accuracy);
  json_latlon(json, "lon", body.lon, "lat", body.lat, scaled);
  json_epfd(json, body.epfd);
  json.b("raim", body.raim);
  json.u("radio", body.radio);
}

void write_csv(const Message& /*header*/, const BaseStationReport& body, CsvOut& csv) {
  append_timestamp(csv.buffer(), body);
  csv.u(body.accuracy).i(body.lon).i(body.lat).u(body.epfd).u(body.raim).hex(body.radio);
}

}  // namespace sw::ais
