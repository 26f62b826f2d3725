// Types 25 and 26: single slot / multiple slot binary message (ITU-R M.1371-5
// Annex 8, 3.22 and 3.23). Either may be addressed (30-bit destination MMSI) and/or
// structured (16-bit application identifier) before the application data; type 26
// ends with a 20-bit radio status.

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kFlagsEnd = 40;
constexpr std::size_t kMmsiBits = 30;
constexpr std::size_t kAppIdBits = 16;
constexpr std::size_t kRadioBits = 20;

/// Fill `data` with the application bits the way gpsd 3.22 reports them. gpsd copies
/// whole bytes starting after the application identifier (or after the flags when
/// unstructured), so an addressed message's copy starts on the destination MMSI,
/// which is then shifted out. Consequences kept for identical output: the last byte
/// printed carries the payload bits that follow the data (e.g. type 26's radio
/// status), and bits past the bytes originally copied read as zeros.
void copy_application_data(const Bits& bits, bool addressed, bool structured,
                           std::size_t copied_bits, BitData<1004>& data) {
  const std::size_t copy_start = kFlagsEnd + (structured ? kAppIdBits : 0);
  const std::size_t copy_end = copy_start + (copied_bits + 7) / 8 * 8;
  const std::size_t skip = addressed ? kMmsiBits : 0;
  data.bytes.fill(0);
  data.bit_count = copied_bits - skip;
  const std::size_t byte_count = (data.bit_count + 7) / 8;
  for (std::size_t byte_idx = 0; byte_idx < byte_count && byte_idx < data.bytes.size();
       ++byte_idx) {
    const std::size_t byte_start = copy_start + skip + byte_idx * 8;
    std::uint32_t value = bits.u(byte_start, 8);
    if (byte_start + 8 > copy_end) {
      const std::size_t kept = copy_end > byte_start ? copy_end - byte_start : 0;
      value &= (0xffU << (8 - kept)) & 0xffU;
    }
    data.bytes[byte_idx] = static_cast<std::uint8_t>(value);
  }
}

/// Shared by both types; `trailer_bits` is what follows the data (type 26 radio).
DecodeError decode_slot_binary(const Bits& bits, std::size_t trailer_bits, SlotBinary& body) {
  body.addressed = bits.flag(38);
  body.structured = bits.flag(39);
  const std::size_t header_bits =
      kFlagsEnd + (body.addressed ? kMmsiBits : 0) + (body.structured ? kAppIdBits : 0);
  if (bits.size() < header_bits + trailer_bits) return DecodeError::kTooShort;
  if (body.addressed) body.dest_mmsi = bits.u(kFlagsEnd, 30);
  if (body.structured) body.app_id = bits.u(kFlagsEnd + (body.addressed ? kMmsiBits : 0), 16);
  const std::size_t copied_bits =
      bits.size() - kFlagsEnd - trailer_bits - (body.structured ? kAppIdBits : 0);
  copy_application_data(bits, body.addressed, body.structured, copied_bits, body.data);
  if (trailer_bits > 0)
    body.radio = bits.u(bits.size() - trailer_bits, static_cast<unsigned>(trailer_bits));
  return DecodeError::kNone;
}

}  // namespace

DecodeError decode_body(const Bits& bits, Message& header, SlotBinary& body) {
  if (header.type == 25) {
    // One slot: at most 168 bits.
    if (auto error = require_range(bits, 40, 168); error != DecodeError::kNone) return error;
    return decode_slot_binary(bits, 0, body);
  }
  // Up to five slots; gpsd caps the length at 1004 bits.
  if (auto error = require_range(bits, 60, 1004); error != DecodeError::kNone) return error;
  return decode_slot_binary(bits, kRadioBits, body);
}

void write_json(const Message& header, const SlotBinary& body, bool /*scaled*/, JsonOut& json) {
  json.b("addressed", body.addressed);
  json.b("structured", body.structured);
  json.u("dest_mmsi", body.dest_mmsi);
  json.u("app_id", body.app_id);
  TextBuffer& out = json.value_of("data");
  out.push_back('"');
  append_bits_as_hex(out, body.data.bit_count, body.data.bytes.data());
  out.push_back('"');
  // gpsd 3.22 never decodes type 26's radio status and always prints 0.
  if (header.type == 26) json.u("radio", 0);
}

void write_csv(const Message& header, const SlotBinary& body, CsvOut& csv) {
  csv.u(body.addressed).u(body.structured).u(body.dest_mmsi).u(body.app_id);
  TextBuffer& out = csv.buffer();
  append_bits_as_hex(out, body.data.bit_count, body.data.bytes.data());
  // Type 26 appends ":radio" to the data field (0, as in the JSON).
  if (header.type == 26) out.append(":0");
}

}  // namespace sw::ais
