// Type 16: assigned mode command (ITU-R M.1371-5 Annex 8, 3.13), for one station
// (96 bits) or two (144 bits).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, AssignedModeCommand& body) {
  if (auto error = require_range(bits, 96, 168); error != DecodeError::kNone) return error;
  body.mmsi1 = bits.u(40, 30);
  body.offset1 = bits.u(70, 12);
  body.increment1 = bits.u(82, 10);
  if (bits.size() >= 144) {
    body.mmsi2 = bits.u(92, 30);
    body.offset2 = bits.u(122, 12);
    body.increment2 = bits.u(134, 10);
  } else {
    body.mmsi2 = body.offset2 = body.increment2 = 0;
  }
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const AssignedModeCommand& body, bool /*scaled*/,
                JsonOut& json) {
  json.u("mmsi1", body.mmsi1);
  json.u("offset1", body.offset1);
  json.u("increment1", body.increment1);
  json.u("mmsi2", body.mmsi2);
  json.u("offset2", body.offset2);
  json.u("increment2", body.increment2);
}

void write_csv(const Message& /*header*/, const AssignedModeCommand& body, CsvOut& csv) {
  csv.u(body.mmsi1)
      .u(body.offset1)
      .u(body.increment1)
      .u(body.mmsi2)
      .u(body.offset2)
      .u(body.increment2);
}

}  // namespace sw::ais
