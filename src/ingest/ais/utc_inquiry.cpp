// Type 10: UTC and date inquiry (ITU-R M.1371-5 Annex 8, 3.8).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, UtcInquiry& body) {
  if (auto error = require_at_least(bits, 72); error != DecodeError::kNone) return error;
  body.dest_mmsi = bits.u(40, 30);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const UtcInquiry& body, bool /*scaled*/, JsonOut& json) {
  json.u("dest_mmsi", body.dest_mmsi);
}

void write_csv(const Message& /*header*/, const UtcInquiry& body, CsvOut& csv) {
  csv.u(body.dest_mmsi);
}

}  // namespace sw::ais
