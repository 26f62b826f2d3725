#include "ingest/ais/decode.h"

#include <string>

namespace sw::ais {

const char* to_string(DecodeError error) {
  switch (error) {
    case DecodeError::kNone: return "ok";
    case DecodeError::kTooShort: return "payload_too_short";
    case DecodeError::kTooLong: return "payload_too_long";
    case DecodeError::kUnknownType: return "unknown_type";
    case DecodeError::kUnknownSubtype: return "unknown_subtype";
  }
  return "unknown";
}

namespace {

template <typename Family>
DecodeError decode_as(const Bits& bits, Message& out) {
  Family& body = out.body.emplace<Family>();
  return decode_body(bits, out, body);
}

}  // namespace

DecodeError decode_message(const Bits& bits, Message& out) {
  if (bits.size() < 38) return DecodeError::kTooShort;
  out.type = bits.u(0, 6);
  out.repeat = bits.u(6, 2);
  out.mmsi = bits.u(8, 30);
  switch (out.type) {
    case 1:
    case 2:
    case 3: return decode_as<PositionReport>(bits, out);
    case 4:
    case 11: return decode_as<BaseStationReport>(bits, out);
    case 5: return decode_as<StaticVoyageData>(bits, out);
    case 6: return decode_as<AddressedBinary>(bits, out);
    case 7:
    case 13: return decode_as<Acknowledge>(bits, out);
    case 8: return decode_as<BroadcastBinary>(bits, out);
    case 9: return decode_as<SarAircraftPosition>(bits, out);
    case 10: return decode_as<UtcInquiry>(bits, out);
    case 12: return decode_as<SafetyAddressed>(bits, out);
    case 14: return decode_as<SafetyBroadcast>(bits, out);
    case 15: return decode_as<Interrogation>(bits, out);
    case 16: return decode_as<AssignedModeCommand>(bits, out);
    case 17: return decode_as<DgnssBroadcast>(bits, out);
    case 18: return decode_as<ClassBPosition>(bits, out);
    case 19: return decode_as<ClassBExtended>(bits, out);
    case 20: return decode_as<DataLinkManagement>(bits, out);
    case 21: return decode_as<AidToNavigation>(bits, out);
    case 22: return decode_as<ChannelManagement>(bits, out);
    case 23: return decode_as<GroupAssignment>(bits, out);
    case 24: return decode_as<StaticDataReport>(bits, out);
    case 25:
    case 26: return decode_as<SlotBinary>(bits, out);
    case 27: return decode_as<LongRangePosition>(bits, out);
    default: out.body.emplace<std::monostate>(); return DecodeError::kUnknownType;
  }
}

void append_json(const Message& message, bool scaled, TextBuffer& out, std::string_view device) {
  out.append("{\"class\":\"AIS\"");
  if (!device.empty()) JsonOut(out).str("device", device);
  out.append(",\"type\":");
  append_uint(out, message.type);
  JsonOut json(out);
  json.u("repeat", message.repeat);
  json.u("mmsi", message.mmsi);
  json.b("scaled", scaled);
  std::visit(
      [&](const auto& body) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(body)>, std::monostate>) {
          write_json(message, body, scaled, json);
        }
      },
      message.body);
  out.append("}\r\n");
}

void append_csv(const Message& message, TextBuffer& out) {
  append_uint(out, message.type);
  out.push_back('|');
  append_uint(out, message.repeat);
  out.push_back('|');
  append_uint_padded(out, message.mmsi, 9);
  CsvOut csv(out);
  std::visit(
      [&](const auto& body) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(body)>, std::monostate>) {
          write_csv(message, body, csv);
        }
      },
      message.body);
  out.append("\r\n");
}

void append_json(const Message& message, bool scaled, std::string& out, std::string_view device) {
  TextBuffer text;
  append_json(message, scaled, text, device);
  out.append(text.view());
}

void append_csv(const Message& message, std::string& out) {
  TextBuffer text;
  append_csv(message, text);
  out.append(text.view());
}

}  // namespace sw::ais
