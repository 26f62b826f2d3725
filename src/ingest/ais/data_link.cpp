// Type 20: data link management (ITU-R M.1371-5 Annex 8, 3.17): one to four slot
// reservations of 30 bits each.

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kFirstReservationBit = 40;
constexpr std::size_t kReservationBits = 30;
constexpr std::size_t kMaxReservations = 4;

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, DataLinkManagement& body) {
  if (auto error = require_range(bits, 72, 186); error != DecodeError::kNone) return error;
  // gpsd reads all four reservations whatever the length (absent ones read as
  // zeros) and prints them all; `count` records how many were transmitted.
  body.count = 0;
  for (std::size_t entry_idx = 0; entry_idx < kMaxReservations; ++entry_idx) {
    const std::size_t entry_start = kFirstReservationBit + kReservationBits * entry_idx;
    body.offset[entry_idx] = bits.u(entry_start, 12);
    body.number[entry_idx] = bits.u(entry_start + 12, 4);
    body.timeout[entry_idx] = bits.u(entry_start + 16, 3);
    body.increment[entry_idx] = bits.u(entry_start + 19, 11);
    if (bits.size() >= entry_start + kReservationBits) ++body.count;
  }
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const DataLinkManagement& body, bool /*scaled*/,
                JsonOut& json) {
  static constexpr const char* kNames[kMaxReservations][4] = {
      {"offset1", "number1", "timeout1", "increment1"},
      {"offset2", "number2", "timeout2", "increment2"},
      {"offset3", "number3", "timeout3", "increment3"},
      {"offset4", "number4", "timeout4", "increment4"},
  };
  for (std::size_t entry_idx = 0; entry_idx < kMaxReservations; ++entry_idx) {
    json.u(kNames[entry_idx][0], body.offset[entry_idx]);
    json.u(kNames[entry_idx][1], body.number[entry_idx]);
    json.u(kNames[entry_idx][2], body.timeout[entry_idx]);
    json.u(kNames[entry_idx][3], body.increment[entry_idx]);
  }
}

void write_csv(const Message& /*header*/, const DataLinkManagement& body, CsvOut& csv) {
  for (std::size_t entry_idx = 0; entry_idx < kMaxReservations; ++entry_idx) {
    csv.u(body.offset[entry_idx]).u(body.number[entry_idx]).u(body.timeout[entry_idx]);
    csv.u(body.increment[entry_idx]);
  }
}

}  // namespace sw::ais
