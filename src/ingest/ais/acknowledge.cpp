// Types 7 and 13: binary acknowledge / safety related acknowledge
// (ITU-R M.1371-5 Annex 8, 3.5 and 3.10).

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kFirstEntryBit = 40;
constexpr std::size_t kEntryBits = 32;  // 30-bit MMSI + 2-bit sequence number
constexpr std::size_t kMaxEntries = 4;

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, Acknowledge& body) {
  // One to four destinations: 72, 104, 136 or 168 bits; gpsd accepts anything between.
  if (auto error = require_range(bits, 72, 168); error != DecodeError::kNone) return error;
  body.count = 0;
  for (std::size_t entry_idx = 0; entry_idx < kMaxEntries; ++entry_idx) {
    const std::size_t entry_start = kFirstEntryBit + kEntryBits * entry_idx;
    // An entry is taken as soon as any of its bits is present (gpsd's rule); the
    // missing tail reads as zeros.
    if (bits.size() <= entry_start) break;
    body.mmsi[entry_idx] = bits.u(entry_start, 30);
    body.seqno[entry_idx] = bits.u(entry_start + 30, 2);
    ++body.count;
  }
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const Acknowledge& body, bool /*scaled*/,
                JsonOut& json) {
  // All four slots are printed; absent ones as 0. Sequence numbers are not printed.
  json.u("mmsi1", body.mmsi[0]);
  json.u("mmsi2", body.mmsi[1]);
  json.u("mmsi3", body.mmsi[2]);
  json.u("mmsi4", body.mmsi[3]);
}

void write_csv(const Message& /*header*/, const Acknowledge& body, CsvOut& csv) {
  csv.u(body.mmsi[0]).u(body.mmsi[1]).u(body.mmsi[2]).u(body.mmsi[3]);
}

}  // namespace sw::ais
