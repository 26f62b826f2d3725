// AIS encoder: the inverse of the family decoders (same bit offsets and widths; the
// offsets are noted per field so each line can be checked against its decode_body()).

#include "ingest/ais/encoder.h"

#include "ingest/ais/families.h"

#include <array>
#include <type_traits>
#include <utility>
#include <variant>

namespace sw::ais {

const char* to_string(EncodeError error) {
  switch (error) {
    case EncodeError::kNone: return "ok";
    case EncodeError::kUnsupportedType: return "unsupported_type";
    case EncodeError::kBodyMismatch: return "body_does_not_match_type";
    case EncodeError::kNoSuchPayload: return "no_such_payload";
    case EncodeError::kBadOptions: return "bad_options";
    case EncodeError::kTooManyFragments: return "too_many_fragments";
  }
  return "unknown";
}

namespace {

/// Six-bit value of a text character (ITU-R M.1371-5 Table 47), adjusting what has none.
std::uint32_t sixbit_value(char c, EncodeStatus& status, const char* field) {
  if (c >= 'a' && c <= 'z') {
    status.adjust(kReplacedCharacter, field);
    c = static_cast<char>(c - 'a' + 'A');
  }
  const auto code = static_cast<unsigned char>(c);
  if (code >= 0x40 && code <= 0x5f) return code - 0x40U;  // '@' .. '_'
  if (code >= 0x20 && code <= 0x3f) return code;          // ' ' .. '?'
  status.adjust(kReplacedCharacter, field);
  return '?';
}

/// Appends fields to a payload, clamping what does not fit and recording it.
class FieldWriter {
 public:
  FieldWriter(Bits& bits, EncodeStatus& status) : bits_(bits), status_(status) {}

  void u(const char* field, std::uint32_t value, unsigned width) {
    const std::uint32_t max_value = width >= 32 ? 0xffffffffU : (1U << width) - 1U;
    if (value > max_value) {
      status_.adjust(kClampedValue, field);
      value = max_value;
    }
    bits_.put(value, width);
  }
  void s(const char* field, std::int32_t value, unsigned width) {
    const std::int32_t max_value = static_cast<std::int32_t>((1U << (width - 1)) - 1U);
    const std::int32_t min_value = -max_value - 1;
    if (value > max_value || value < min_value) {
      status_.adjust(kClampedValue, field);
      value = value > max_value ? max_value : min_value;
    }
    bits_.put(static_cast<std::uint32_t>(value), width);  // put() keeps the low bits
  }
  void flag(bool value) { bits_.put(value ? 1U : 0U, 1); }
  void spare(unsigned width) { bits_.put(0, width); }
  /// `chars` six-bit characters of `text`, padded with '@'.
  void text(const char* field, std::string_view text, std::size_t chars) {
    if (text.size() > chars) {
      status_.adjust(kTruncatedText, field);
      text = text.substr(0, chars);
    }
    for (char c : text) bits_.put(sixbit_value(c, status_, field), 6);
    for (std::size_t pad_idx = text.size(); pad_idx < chars; ++pad_idx) bits_.put(0, 6);
  }
  std::size_t size() const { return bits_.size(); }

 private:
  Bits& bits_;
  EncodeStatus& status_;
};

// Each encode_body() starts at bit 38, after the common header.

void encode_body(FieldWriter& out, const PositionReport& body) {
  out.u("status", body.status, 4);      // 38
  out.s("turn", body.turn, 8);          // 42
  out.u("speed", body.speed, 10);       // 50
  out.flag(body.accuracy);              // 60
  out.s("lon", body.lon, 28);           // 61
  out.s("lat", body.lat, 27);           // 89
  out.u("course", body.course, 12);     // 116
  out.u("heading", body.heading, 9);    // 128
  out.u("second", body.second, 6);      // 137
  out.u("maneuver", body.maneuver, 2);  // 143
  out.spare(3);                         // 145
  out.flag(body.raim);                  // 148
  out.u("radio", body.radio, 19);       // 149 .. 168
}

void encode_body(FieldWriter& out, const BaseStationReport& body) {
  out.u("year", body.year, 14);     // 38
  out.u("month", body.month, 4);    // 52
  out.u("day", body.day, 5);        // 56
  out.u("hour", body.hour, 5);      // 61
  out.u("minute", body.minute, 6);  // 66
  out.u("second", body.second, 6);  // 72
  out.flag(body.accuracy);          // 78
  out.s("lon", body.lon, 28);       // 79
  out.s("lat", body.lat, 27);       // 107
  out.u("epfd", body.epfd, 4);      // 134
  out.spare(10);                    // 138
  out.flag(body.raim);              // 148
  out.u("radio", body.radio, 19);   // 149 .. 168
}

void encode_body(FieldWriter& out, const StaticVoyageData& body) {
  out.u("ais_version", body.ais_version, 2);             // 38
  out.u("imo", body.imo, 30);                            // 40
  out.text("callsign", body.callsign.view(), 7);         // 70
  out.text("shipname", body.shipname.view(), 20);        // 112
  out.u("shiptype", body.shiptype, 8);                   // 232
  out.u("to_bow", body.to_bow, 9);                       // 240
  out.u("to_stern", body.to_stern, 9);                   // 249
  out.u("to_port", body.to_port, 6);                     // 258
  out.u("to_starboard", body.to_starboard, 6);           // 264
  out.u("epfd", body.epfd, 4);                           // 270
  out.u("month", body.month, 4);                         // 274
  out.u("day", body.day, 5);                             // 278
  out.u("hour", body.hour, 5);                           // 283
  out.u("minute", body.minute, 6);                       // 288
  out.u("draught", body.draught, 8);                     // 294
  out.text("destination", body.destination.view(), 20);  // 302
  out.u("dte", body.dte, 1);                             // 422
  out.spare(1);                                          // 423 .. 424
}

/// Bits 38-138 shared by types 18 and 19 (the inverse of decode_class_b_motion).
template <typename ClassBReport>
void encode_class_b_motion(FieldWriter& out, const ClassBReport& body) {
  out.u("reserved", body.reserved, 8);  // 38
  out.u("speed", body.speed, 10);       // 46
  out.flag(body.accuracy);              // 56
  out.s("lon", body.lon, 28);           // 57
  out.s("lat", body.lat, 27);           // 85
  out.u("course", body.course, 12);     // 112
  out.u("heading", body.heading, 9);    // 124
  out.u("second", body.second, 6);      // 133
}

void encode_body(FieldWriter& out, const ClassBPosition& body) {
  encode_class_b_motion(out, body);     // 38 .. 139
  out.u("regional", body.regional, 2);  // 139
  out.flag(body.cs);                    // 141
  out.flag(body.display);               // 142
  out.flag(body.dsc);                   // 143
  out.flag(body.band);                  // 144
  out.flag(body.msg22);                 // 145
  out.flag(body.assigned);              // 146
  out.flag(body.raim);                  // 147
  out.u("radio", body.radio, 20);       // 148 .. 168
}

void encode_body(FieldWriter& out, const ClassBExtended& body) {
  encode_class_b_motion(out, body);                // 38 .. 139
  out.u("regional", body.regional, 4);             // 139
  out.text("shipname", body.shipname.view(), 20);  // 143
  out.u("shiptype", body.shiptype, 8);             // 263
  out.u("to_bow", body.to_bow, 9);                 // 271
  out.u("to_stern", body.to_stern, 9);             // 280
  out.u("to_port", body.to_port, 6);               // 289
  out.u("to_starboard", body.to_starboard, 6);     // 295
  out.u("epfd", body.epfd, 4);                     // 301
  out.flag(body.raim);                             // 305
  out.u("dte", body.dte, 1);                       // 306
  out.flag(body.assigned);                         // 307
  out.spare(4);                                    // 308 .. 312
}

/// Type 21. A name of more than 20 characters continues in the name extension (bit
/// 272 on, up to 14 characters by ITU-R M.1371-5, 16 as gpsd reads), followed by 0-6
/// spare bits to a byte boundary. Trailing spaces the decoder trimmed are restored
/// from name_untrimmed_length, so a decoded message re-encodes to the same bits.
void encode_body(FieldWriter& out, const AidToNavigation& body) {
  constexpr std::size_t kNameChars = 20;
  constexpr std::size_t kExtensionChars = 16;
  std::array<char, kNameChars + kExtensionChars> name_chars{};
  std::string_view name = body.name.view();
  std::size_t name_size = name.size() < name_chars.size() ? name.size() : name_chars.size();
  for (std::size_t char_idx = 0; char_idx < name_size; ++char_idx) {
    name_chars[char_idx] = name[char_idx];
  }
  while (name_size < body.name_untrimmed_length && name_size < name_chars.size()) {
    name_chars[name_size++] = ' ';
  }
  const std::string_view padded_name(name_chars.data(), name_size);

  out.u("aid_type", body.aid_type, 5);                              // 38
  out.text("name", padded_name.substr(0, kNameChars), kNameChars);  // 43
  out.flag(body.accuracy);                                          // 163
  out.s("lon", body.lon, 28);                                       // 164
  out.s("lat", body.lat, 27);                                       // 192
  out.u("to_bow", body.to_bow, 9);                                  // 219
  out.u("to_stern", body.to_stern, 9);                              // 228
  out.u("to_port", body.to_port, 6);                                // 237
  out.u("to_starboard", body.to_starboard, 6);                      // 243
  out.u("epfd", body.epfd, 4);                                      // 249
  out.u("second", body.second, 6);                                  // 253
  out.flag(body.off_position);                                      // 259
  out.u("regional", body.regional, 8);                              // 260
  out.flag(body.raim);                                              // 268
  out.flag(body.virtual_aid);                                       // 269
  out.flag(body.assigned);                                          // 270
  out.spare(1);                                                     // 271 .. 272
  if (padded_name.size() > kNameChars) {
    const std::string_view extension = padded_name.substr(kNameChars);
    out.text("name", extension, extension.size());  // 272
    out.spare(static_cast<unsigned>((8 - out.size() % 8) % 8));
  }
}

/// Type 24 part B vendor id: 3 characters, then model (4 bits) and serial (20 bits) in
/// the bits where ITU-R M.1371-3 had vendor id characters 4-7. gpsd (and the decoder)
/// read all 7 characters as the vendor id as well, so a vendor id of more than 3
/// characters is consistent only with the model and serial its characters 4-7 spell.
/// With model and serial both 0, such a vendor id is sent as the old 7-character field.
void encode_vendor(FieldWriter& out, const StaticDataReport& body, EncodeStatus& status) {
  const std::string_view vendorid = body.vendorid.view();
  out.text("vendorid", vendorid.substr(0, 3), 3);  // 48
  if (vendorid.size() > 3 && body.model == 0 && body.serial == 0) {
    out.text("vendorid", vendorid.substr(3), 4);  // 66 .. 90
    return;
  }
  if (vendorid.size() > 3) {
    // What the decoder would read: characters up to the first '@', trailing spaces cut.
    const std::uint32_t model_serial = ((body.model & 0xfU) << 20) | (body.serial & 0xfffffU);
    std::array<char, 4> spelled{};
    std::size_t spelled_size = 0;
    for (unsigned char_idx = 0; char_idx < 4; ++char_idx) {
      const char c = kSixbitAscii[(model_serial >> (18 - 6 * char_idx)) & 0x3fU];
      if (c == '@') break;
      spelled[spelled_size++] = c;
    }
    while (spelled_size > 0 && spelled[spelled_size - 1] == ' ') --spelled_size;
    if (vendorid.substr(3) != std::string_view(spelled.data(), spelled_size)) {
      status.adjust(kVendorIdOverlap, "vendorid");
    }
  }
  out.u("model", body.model, 4);     // 66
  out.u("serial", body.serial, 20);  // 70 .. 90
}

void encode_part(FieldWriter& out, const Message& header, const StaticDataReport& body,
                 StaticDataReport::Part part, EncodeStatus& status) {
  if (part == StaticDataReport::Part::kA) {
    out.u("part", 0, 2);                             // 38
    out.text("shipname", body.shipname.view(), 20);  // 40 .. 160 (ITU-R M.1371-5 length)
    return;
  }
  out.u("part", 1, 2);                            // 38
  out.u("shiptype", body.shiptype, 8);            // 40
  encode_vendor(out, body, status);               // 48 .. 90
  out.text("callsign", body.callsign.view(), 7);  // 90
  if (is_auxiliary_mmsi(header.mmsi)) {
    out.u("mothership_mmsi", body.mothership_mmsi, 30);  // 132
  } else {
    out.u("to_bow", body.to_bow, 9);              // 132
    out.u("to_stern", body.to_stern, 9);          // 141
    out.u("to_port", body.to_port, 6);            // 150
    out.u("to_starboard", body.to_starboard, 6);  // 156
  }
  out.spare(6);  // 162 .. 168
}

void encode_body(FieldWriter& out, const LongRangePosition& body) {
  out.flag(body.accuracy);          // 38
  out.flag(body.raim);              // 39
  out.u("status", body.status, 4);  // 40
  out.s("lon", body.lon, 18);       // 44
  out.s("lat", body.lat, 17);       // 62
  out.u("speed", body.speed, 6);    // 79
  out.u("course", body.course, 9);  // 85
  out.flag(body.gnss);              // 94
  out.spare(1);                     // 95 .. 96
}

template <typename Family>
bool holds(const Message& message) {
  return std::holds_alternative<Family>(message.body);
}

EncodeError check_body(const Message& message) {
  bool matches = false;
  switch (message.type) {
    case 1:
    case 2:
    case 3: matches = holds<PositionReport>(message); break;
    case 4:
    case 11: matches = holds<BaseStationReport>(message); break;
    case 5: matches = holds<StaticVoyageData>(message); break;
    case 18: matches = holds<ClassBPosition>(message); break;
    case 19: matches = holds<ClassBExtended>(message); break;
    case 21: matches = holds<AidToNavigation>(message); break;
    case 24: matches = holds<StaticDataReport>(message); break;
    case 27: matches = holds<LongRangePosition>(message); break;
    default: return EncodeError::kUnsupportedType;
  }
  return matches ? EncodeError::kNone : EncodeError::kBodyMismatch;
}

constexpr char kHexDigits[] = "0123456789ABCDEF";

void append_checksum(std::string& out, std::string_view body) {
  std::uint8_t sum = 0;
  for (char c : body) sum ^= static_cast<std::uint8_t>(c);
  out.push_back('*');
  out.push_back(kHexDigits[sum >> 4]);
  out.push_back(kHexDigits[sum & 0xf]);
}

void append_decimal(std::string& out, std::int64_t value) {
  char digits[20];
  std::size_t count = 0;
  auto magnitude = static_cast<std::uint64_t>(value);
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (count > 0) out.push_back(digits[--count]);
}

/// "\s:source,c:time*hh\" when either is set.
void append_tag_block(std::string& out, const EncodeOptions& options) {
  if (options.tag_source.empty() && options.tag_unix_time < 0) return;
  out.push_back('\\');
  const std::size_t body_start = out.size();
  if (!options.tag_source.empty()) {
    out.append("s:");
    out.append(options.tag_source);
  }
  if (options.tag_unix_time >= 0) {
    if (!options.tag_source.empty()) out.push_back(',');
    out.append("c:");
    append_decimal(out, options.tag_unix_time);
  }
  append_checksum(out, std::string_view(out).substr(body_start));
  out.push_back('\\');
}

/// Reuse the strings of `out` beyond the ones already written this call.
std::string& next_line(std::vector<std::string>& out, std::size_t& used) {
  if (used == out.size()) out.emplace_back();
  std::string& line = out[used++];
  line.clear();
  return line;
}

/// Sentences of `payload` (with `fill_bits`) written to out[used...].
EncodeStatus write_sentences(std::string_view payload, unsigned fill_bits,
                             const EncodeOptions& options, int& sequence_id,
                             std::vector<std::string>& out, std::size_t& used) {
  EncodeStatus status;
  const std::size_t fragment_count =
      (payload.size() + options.max_payload_chars - 1) / options.max_payload_chars;
  if (fragment_count > 9) {
    status.error = EncodeError::kTooManyFragments;
    return status;
  }
  for (std::size_t fragment_idx = 0; fragment_idx < fragment_count; ++fragment_idx) {
    std::string& line = next_line(out, used);
    append_tag_block(line, options);
    line.push_back('!');
    const std::size_t body_start = line.size();
    line.append(options.talker);
    line.append(options.own_ship ? "VDO," : "VDM,");
    line.push_back(static_cast<char>('0' + fragment_count));
    line.push_back(',');
    line.push_back(static_cast<char>('0' + fragment_idx + 1));
    line.push_back(',');
    if (fragment_count > 1) line.push_back(static_cast<char>('0' + sequence_id));
    line.push_back(',');
    if (options.channel != 0) line.push_back(options.channel);
    line.push_back(',');
    line.append(
        payload.substr(fragment_idx * options.max_payload_chars, options.max_payload_chars));
    line.push_back(',');
    const bool last = fragment_idx + 1 == fragment_count;
    line.push_back(static_cast<char>('0' + (last ? fill_bits : 0U)));
    append_checksum(line, std::string_view(line).substr(body_start));
  }
  if (fragment_count > 1) sequence_id = (sequence_id + 1) % 10;
  return status;
}

/// Whole-message encode shared by encode_sentences() and SentenceEncoder.
EncodeStatus encode_message(const Message& message, const EncodeOptions& options, int& sequence_id,
                            Bits& bits, std::string& payload, std::vector<std::string>& out) {
  std::size_t used = 0;
  EncodeStatus status;
  if (!valid_options(options)) {
    status.error = EncodeError::kBadOptions;
  } else {
    const std::size_t count = payload_count(message);
    for (std::size_t payload_idx = 0; payload_idx < count && status.ok(); ++payload_idx) {
      const EncodeStatus part = encode_payload(message, bits, payload_idx);
      if (!part.ok()) {
        status.error = part.error;
        break;
      }
      if (status.first_adjusted_field == nullptr) {
        status.first_adjusted_field = part.first_adjusted_field;
      }
      status.adjustments = static_cast<std::uint8_t>(status.adjustments | part.adjustments);
      payload.clear();
      const unsigned fill_bits = armour(bits, payload);
      const EncodeStatus written =
          write_sentences(payload, fill_bits, options, sequence_id, out, used);
      if (!written.ok()) status.error = written.error;
    }
  }
  out.resize(status.ok() ? used : 0);
  return status;
}

}  // namespace

bool valid_options(const EncodeOptions& options) {
  if (options.talker.size() != 2) return false;
  for (char c : options.talker) {
    if (c < 'A' || c > 'Z') return false;
  }
  if (options.channel != 'A' && options.channel != 'B' && options.channel != 0) return false;
  if (options.sequence_id < 0 || options.sequence_id > 9) return false;
  if (options.max_payload_chars < 1 || options.max_payload_chars > 82) return false;
  for (char c : options.tag_source) {
    // Printable, and none of the tag block / sentence delimiters.
    if (c < 0x20 || c > 0x7e || c == ',' || c == '*' || c == '\\' || c == '!' || c == '$') {
      return false;
    }
  }
  return true;
}

std::size_t payload_count(const Message& message) {
  const auto* report = std::get_if<StaticDataReport>(&message.body);
  if (message.type == 24 && report != nullptr && report->part == StaticDataReport::Part::kBoth) {
    return 2;
  }
  return 1;
}

EncodeStatus encode_payload(const Message& message, Bits& out, std::size_t payload_index) {
  out.clear();
  EncodeStatus status;
  status.error = check_body(message);
  if (status.ok() && payload_index >= payload_count(message)) {
    status.error = EncodeError::kNoSuchPayload;
  }
  if (!status.ok()) return status;

  FieldWriter writer(out, status);
  writer.u("type", message.type, 6);
  writer.u("repeat", message.repeat, 2);
  writer.u("mmsi", message.mmsi, 30);
  std::visit(
      [&](const auto& body) {
        using Family = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<Family, StaticDataReport>) {
          StaticDataReport::Part part = body.part;
          if (part == StaticDataReport::Part::kBoth) {
            part = payload_index == 0 ? StaticDataReport::Part::kA : StaticDataReport::Part::kB;
          }
          encode_part(writer, message, body, part, status);
        } else if constexpr (requires { encode_body(writer, body); }) {
          encode_body(writer, body);
        }
      },
      message.body);
  return status;
}

unsigned armour(const Bits& bits, std::string& out) {
  const std::size_t char_count = (bits.size() + 5) / 6;
  const auto fill_bits = static_cast<unsigned>(char_count * 6 - bits.size());
  out.reserve(out.size() + char_count);
  for (std::size_t char_idx = 0; char_idx < char_count; ++char_idx) {
    std::uint32_t value = bits.u(char_idx * 6, 6);
    // Fill bits are zero, whatever a reused buffer holds past size().
    if (char_idx + 1 == char_count) value &= ~((1U << fill_bits) - 1U);
    out.push_back(static_cast<char>(value < 40 ? value + 48 : value + 56));
  }
  return fill_bits;
}

std::vector<std::string> encode_sentences(const Message& message, const EncodeOptions& options,
                                          EncodeStatus* status) {
  std::vector<std::string> out;
  Bits bits;
  std::string payload;
  int sequence_id = options.sequence_id;
  const EncodeStatus result = encode_message(message, options, sequence_id, bits, payload, out);
  if (status != nullptr) *status = result;
  return out;
}

SentenceEncoder::SentenceEncoder(EncodeOptions options)
    : options_(std::move(options)),
      next_sequence_id_(
          options_.sequence_id >= 0 && options_.sequence_id <= 9 ? options_.sequence_id : 0) {}

EncodeStatus SentenceEncoder::encode(const Message& message, std::vector<std::string>& out) {
  return encode_message(message, options_, next_sequence_id_, bits_, payload_, out);
}

}  // namespace sw::ais
