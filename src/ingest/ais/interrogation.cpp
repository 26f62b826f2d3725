// Type 15: interrogation (ITU-R M.1371-5 Annex 8, 3.12). One station asked for one
// or two messages, or two stations asked for one and one.

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, Interrogation& body) {
  if (auto error = require_range(bits, 88, 168); error != DecodeError::kNone) return error;
  body = Interrogation{};
  body.mmsi1 = bits.u(40, 30);
  body.type1_1 = bits.u(70, 6);
  body.offset1_1 = bits.u(76, 12);
  // Optional parts are taken when any of their bits is present (gpsd's rule).
  if (bits.size() > 90) {
    body.type1_2 = bits.u(90, 6);
    body.offset1_2 = bits.u(96, 12);
    if (bits.size() > 110) {
      body.mmsi2 = bits.u(110, 30);
      body.type2_1 = bits.u(140, 6);
      body.offset2_1 = bits.u(146, 12);
    }
  }
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const Interrogation& body, bool /*scaled*/,
                JsonOut& json) {
  json.u("mmsi1", body.mmsi1);
  json.u("type1_1", body.type1_1);
  json.u("offset1_1", body.offset1_1);
  json.u("type1_2", body.type1_2);
  json.u("offset1_2", body.offset1_2);
  json.u("mmsi2", body.mmsi2);
  json.u("type2_1", body.type2_1);
  json.u("offset2_1", body.offset2_1);
}

void write_csv(const Message& /*header*/, const Interrogation& body, CsvOut& csv) {
  csv.u(body.mmsi1).u(body.type1_1).u(body.offset1_1).u(body.type1_2).u(body.offset1_2);
  csv.u(body.mmsi2).u(body.type2_1).u(body.offset2_1);
}

}  // namespace sw::ais
