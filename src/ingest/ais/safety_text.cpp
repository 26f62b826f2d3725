// Type 12: addressed safety related message, type 14: safety related broadcast
// message (ITU-R M.1371-5 Annex 8, 3.9 and 3.11). Both carry six-bit text up to the
// end of the payload.

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

/// Whole six-bit characters between `start` and the end of the payload.
std::size_t text_chars(const Bits& bits, std::size_t start) { return (bits.size() - start) / 6; }

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, SafetyAddressed& body) {
  // 1008 bits (5 slots) is the longest message; up to 156 characters.
  if (auto error = require_range(bits, 72, 1008); error != DecodeError::kNone) return error;
  body.seqno = bits.u(38, 2);
  body.dest_mmsi = bits.u(40, 30);
  body.retransmit = bits.flag(70);
  read_sixbit(bits, 72, text_chars(bits, 72), body.text);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const SafetyAddressed& body, bool /*scaled*/,
                JsonOut& json) {
  json.u("seqno", body.seqno);
  json.u("dest_mmsi", body.dest_mmsi);
  json.b("retransmit", body.retransmit);
  json.str("text", body.text.view());
}

void write_csv(const Message& /*header*/, const SafetyAddressed& body, CsvOut& csv) {
  csv.u(body.seqno).u(body.dest_mmsi).u(body.retransmit).str(body.text.view());
}

DecodeError decode_body(const Bits& bits, Message& /*header*/, SafetyBroadcast& body) {
  // Up to 161 characters.
  if (auto error = require_range(bits, 40, 1008); error != DecodeError::kNone) return error;
  read_sixbit(bits, 40, text_chars(bits, 40), body.text);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const SafetyBroadcast& body, bool /*scaled*/,
                JsonOut& json) {
  json.str("text", body.text.view());
}

void write_csv(const Message& /*header*/, const SafetyBroadcast& body, CsvOut& csv) {
  csv.str(body.text.view());
}

}  // namespace sw::ais
