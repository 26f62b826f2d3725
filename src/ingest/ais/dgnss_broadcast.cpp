// Type 17: GNSS broadcast binary message (ITU-R M.1371-5 Annex 8, 3.14): the
// reference station position and raw DGNSS correction data (ITU-R M.823 words).

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kDataStart = 80;

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, DgnssBroadcast& body) {
  // Header plus at most 736 bits of corrections.
  if (auto error = require_range(bits, kDataStart, kDataStart + 736); error != DecodeError::kNone) {
    return error;
  }
  body.lon = bits.s(40, 18);
  body.lat = bits.s(58, 17);
  // Whole bytes, as gpsd copies them: bits after the payload's end in the last byte
  // are whatever the payload buffer holds there (fill bits), not forced to zero.
  body.data.bit_count = bits.size() - kDataStart;
  for (std::size_t byte_idx = 0; byte_idx * 8 < body.data.bit_count; ++byte_idx) {
    body.data.bytes[byte_idx] = static_cast<std::uint8_t>(bits.u(kDataStart + 8 * byte_idx, 8));
  }
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const DgnssBroadcast& body, bool scaled, JsonOut& json) {
  if (scaled) {
    json.fixed("lon", body.lon / 600.0, 1);
    json.fixed("lat", body.lat / 600.0, 1);
  } else {
    json.i("lon", body.lon);
    json.i("lat", body.lat);
  }
  TextBuffer& out = json.value_of("data");
  out.push_back('"');
  append_bits_as_hex(out, body.data.bit_count, body.data.bytes.data());
  out.push_back('"');
}

void write_csv(const Message& /*header*/, const DgnssBroadcast& body, CsvOut& csv) {
  csv.i(body.lon).i(body.lat);
  append_bits_as_hex(csv.buffer(), body.data.bit_count, body.data.bytes.data());
}

}  // namespace sw::ais
