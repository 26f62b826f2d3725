#include "ingest/nmea/sentence.h"

#include <array>
#include <bit>
#include <cstring>

namespace sw::nmea {
namespace {

constexpr std::size_t kMaxLineLength = 1024;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// 0x80 in each byte of `word` that is a comma, 0 elsewhere (exact: no borrow between
/// bytes, unlike the shorter has-zero-byte test).
std::uint64_t comma_bytes(std::uint64_t word) {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t zero_where_comma = word ^ (0x0101010101010101ULL * ',');
  return ~(((zero_where_comma & kLow7) + kLow7) | zero_where_comma | kLow7);
}

/// Parse an unsigned decimal, whole field; -1 when empty or not a number.
std::int64_t parse_uint(std::string_view field) {
  if (field.empty() || field.size() > 18) return -1;
  std::int64_t value = 0;
  for (char c : field) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

/// Does the text between separators end in "*hh" with a matching checksum?
/// Returns the body (before '*') or an empty view on failure.
bool split_checksum(std::string_view text, std::string_view& body, bool& checksum_ok) {
  const auto star = text.rfind('*');
  if (star == std::string_view::npos || star + 3 > text.size()) return false;
  const int high = hex_value(text[star + 1]);
  const int low = hex_value(text[star + 2]);
  if (high < 0 || low < 0) return false;
  body = text.substr(0, star);
  checksum_ok = nmea_checksum(body) == static_cast<std::uint8_t>(high * 16 + low);
  return true;
}

bool parse_group(std::string_view value, TagBlock& tag) {
  // g:<sentence>-<total>-<id>
  const auto dash1 = value.find('-');
  if (dash1 == std::string_view::npos) return false;
  const auto dash2 = value.find('-', dash1 + 1);
  if (dash2 == std::string_view::npos) return false;
  const auto number = parse_uint(value.substr(0, dash1));
  const auto total = parse_uint(value.substr(dash1 + 1, dash2 - dash1 - 1));
  const auto id = parse_uint(value.substr(dash2 + 1));
  if (number < 1 || total < 1 || number > total || total > 99 || id < 0 || id > 0x7fffffff) {
    return false;
  }
  tag.group_sentence = static_cast<std::uint8_t>(number);
  tag.group_total = static_cast<std::uint8_t>(total);
  tag.group_id = static_cast<std::int32_t>(id);
  return true;
}

bool parse_tag_block(std::string_view block, TagBlock& tag) {
  std::string_view body;
  bool checksum_ok = false;
  if (!split_checksum(block, body, checksum_ok) || !checksum_ok) return false;
  tag.present = true;
  while (!body.empty()) {
    const auto comma = body.find(',');
    const std::string_view item = body.substr(0, comma);
    body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
    if (item.size() < 2 || item[1] != ':') return false;
    const std::string_view value = item.substr(2);
    switch (item[0]) {
      case 's': tag.source = value; break;
      case 'c': {
        const auto seconds = parse_uint(value);
        if (seconds < 0) return false;
        tag.unix_time = seconds;
        break;
      }
      case 'T': tag.text_time = value; break;
      case 'n': tag.line_count = static_cast<std::int32_t>(parse_uint(value.substr(0, 9))); break;
      case 'r':
        tag.relative_time = static_cast<std::int32_t>(parse_uint(value.substr(0, 9)));
        break;
      case 'd': tag.destination = value; break;
      case 't': tag.text = value; break;
      case 'g':
        if (!parse_group(value, tag)) return false;
        break;
      default: break;  // unknown keys (q:, i:, ...) are carried by some feeds: ignore
    }
  }
  return true;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

}  // namespace

std::int64_t parse_gatehouse_time_ms(std::string_view line) {
  line = trim_line(line);
  if (line.rfind("$PGHP,1,", 0) != 0) return -1;
  std::string_view body;
  bool checksum_ok = false;
  if (!split_checksum(line.substr(1), body, checksum_ok) || !checksum_ok) return -1;
  std::array<std::int64_t, 7> fields{};  // year, month, day, hour, minute, second, ms
  std::string_view rest = body.substr(std::string_view("PGHP,1,").size());
  for (auto& field : fields) {
    const auto comma = rest.find(',');
    field = parse_uint(rest.substr(0, comma));
    if (field < 0 || comma == std::string_view::npos) return -1;
    rest = rest.substr(comma + 1);
  }
  const auto [year, month, day, hour, minute, second, millisecond] = fields;
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60 || millisecond > 999) {
    return -1;
  }
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60'000 + second * 1000 + millisecond;
}

namespace {

/// True if every character is one of the 64 of the AIS six-bit armour ('0'..'W',
/// '`'..'w'). Eight characters at a time: for 7-bit bytes, (b | 0x80) - lo keeps the
/// high bit iff b >= lo, and (hi | 0x80) - b keeps it iff b <= hi.
[[gnu::always_inline]] inline bool armoured(std::string_view payload) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto at_least = [](std::uint64_t word, std::uint64_t low) {
    return ((word | kHigh) - kOnes * low) & kHigh;
  };
  const auto at_most = [](std::uint64_t word, std::uint64_t high) {
    return ((kOnes * high | kHigh) - word) & kHigh;
  };
  const auto valid_word = [&](std::size_t at) {
    std::uint64_t word = 0;
    std::memcpy(&word, payload.data() + at, sizeof(word));
    if ((word & kHigh) != 0) return false;
    const std::uint64_t digits_to_w = at_least(word, 0x30) & at_most(word, 0x57);
    const std::uint64_t backtick_to_w = at_least(word, 0x60) & at_most(word, 0x77);
    return (digits_to_w | backtick_to_w) == kHigh;
  };
  if (payload.size() >= 8) {
    for (std::size_t char_idx = 0; char_idx + 8 <= payload.size(); char_idx += 8) {
      if (!valid_word(char_idx)) return false;
    }
    // The last eight characters, overlapping characters already checked: no tail loop.
    return valid_word(payload.size() - 8);
  }
  for (const char c : payload) {
    if (!((c >= '0' && c <= 'W') || (c >= '`' && c <= 'w'))) return false;
  }
  return true;
}

}  // namespace

bool is_armoured_payload(std::string_view payload) { return armoured(payload); }

const char* to_string(SentenceError error) {
  switch (error) {
    case SentenceError::kNone: return "ok";
    case SentenceError::kNotAis: return "not_ais";
    case SentenceError::kBadChecksum: return "bad_checksum";
    case SentenceError::kMalformed: return "malformed";
    case SentenceError::kBadTagBlock: return "bad_tag_block";
    case SentenceError::kBadPayloadChar: return "bad_payload_char";
    case SentenceError::kTooLong: return "line_too_long";
  }
  return "unknown";
}

std::uint8_t nmea_checksum(std::string_view body) {
  // XOR eight bytes at a time, then fold the word.
  std::uint64_t wide = 0;
  if (body.size() >= 8) {
    std::size_t char_idx = 0;
    for (; char_idx + 8 <= body.size(); char_idx += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, body.data() + char_idx, sizeof(word));
      wide ^= word;
    }
    if (const std::size_t rest = body.size() - char_idx; rest != 0) {
      // The last eight bytes, keeping (little-endian: the high) `rest` of them that
      // the loop did not take: no byte loop.
      std::uint64_t word = 0;
      std::memcpy(&word, body.data() + body.size() - 8, sizeof(word));
      wide ^= word >> (8 * (8 - rest));
    }
  } else {
    for (const char c : body) wide ^= static_cast<std::uint8_t>(c);
  }
  wide ^= wide >> 32;
  wide ^= wide >> 16;
  wide ^= wide >> 8;
  return static_cast<std::uint8_t>(wide);
}

std::string_view trim_line(std::string_view line) {
  while (!line.empty()) {
    const char c = line.back();
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t') break;
    line.remove_suffix(1);
  }
  return line;
}

SentenceError parse_sentence(std::string_view line, Sentence& s) {
  // Every field is set here rather than by assigning a fresh Sentence: zeroing its
  // ~150 bytes per line was a tenth of this function's time. A tag block is only
  // reset when the previous line set one (a TagBlock is default unless `present`).
  if (s.tag.present) s.tag = TagBlock{};
  s.tag_block_ignored = false;
  s.has_checksum = true;
  s.sequence_id = -1;
  s.channel = 0;
  s.fill_bits = 0;
  line = trim_line(line);
  if (line.size() > kMaxLineLength) return SentenceError::kTooLong;

  if (!line.empty() && line[0] == '\\') {
    const auto end = line.find('\\', 1);
    if (end == std::string_view::npos) return SentenceError::kBadTagBlock;
    if (!parse_tag_block(line.substr(1, end - 1), s.tag)) {
      s.tag = TagBlock{};
      s.tag_block_ignored = true;
    }
    line = line.substr(end + 1);
  }

  // !AIVDM or $AIVDM (some feeds use '$'); anything else is not AIS.
  if (line.size() < 6 || (line[0] != '!' && line[0] != '$') || line[3] != 'V' || line[4] != 'D' ||
      (line[5] != 'M' && line[5] != 'O')) {
    return SentenceError::kNotAis;
  }
  s.talker = line.substr(1, 2);
  s.own_ship = line[5] == 'O';

  // The checksum star: the first '*' after the fill-bits field. USCG and other
  // receivers append ",field,..." after "*hh": ignore what follows the checksum.
  // The body holds no '*' (the armour alphabet excludes it), so the checksum star is
  // the last one on the line; it sits a few characters from the end.
  const auto star = line.rfind('*');
  std::string_view body;
  if (star == std::string_view::npos) {
    body = line.substr(1);
    s.has_checksum = false;
  } else {
    const int high = star + 2 < line.size() ? hex_value(line[star + 1]) : -1;
    const int low = star + 2 < line.size() ? hex_value(line[star + 2]) : -1;
    if (high < 0 || low < 0) return SentenceError::kMalformed;
    body = line.substr(1, star - 1);
    if (nmea_checksum(body) != static_cast<std::uint8_t>(high * 16 + low)) {
      return SentenceError::kBadChecksum;
    }
  }

  // Fields after the five-letter address: count, number, seq id, channel, payload,
  // fill. (Plain arrays, each element set before it is read: no zeroing per line.)
  constexpr std::size_t kFields = 6;
  const char* field_begin[kFields];
  const char* field_end[kFields];
  if (body.size() < 6 || body[5] != ',') return SentenceError::kMalformed;
  const char* cursor = body.data() + 6;
  const char* const end = body.data() + body.size();
  // The four short fields ("1,1,,A,", "2,1,3,B,") usually end within eight bytes:
  // their commas found at once (SWAR), not by four loops of unknown length.
  std::size_t short_fields = 0;
  if (end - cursor >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, cursor, sizeof(word));
    std::uint64_t commas = comma_bytes(word);
    std::uint64_t fourth = commas & (commas - 1);  // the lowest three cleared: a fourth?
    fourth &= fourth - 1;
    fourth &= fourth - 1;
    if (fourth != 0) {
      const char* const base = cursor;
      for (; short_fields < 4; ++short_fields) {
        const char* comma = base + std::countr_zero(commas) / 8;
        commas &= commas - 1;
        field_begin[short_fields] = cursor;
        field_end[short_fields] = comma;
        cursor = comma + 1;
      }
    }
  }
  for (; short_fields < 4; ++short_fields) {
    const char* comma = cursor;
    while (comma != end && *comma != ',') ++comma;
    if (comma == end) return SentenceError::kMalformed;
    field_begin[short_fields] = cursor;
    field_end[short_fields] = comma;
    cursor = comma + 1;
  }
  // The payload ends at the next comma. Nearly always that is the one before a one-digit
  // fill field at the end; a comma earlier would fail the armour check below, which
  // then splits at the first comma instead.
  const char* payload_end = nullptr;
  if (end - cursor >= 2 && end[-2] == ',') {
    payload_end = end - 2;
  } else {
    payload_end =
        static_cast<const char*>(std::memchr(cursor, ',', static_cast<std::size_t>(end - cursor)));
    if (payload_end == nullptr) return SentenceError::kMalformed;
  }
  field_begin[4] = cursor;
  field_end[4] = payload_end;
  field_begin[5] = payload_end + 1;
  field_end[5] = end;
  const auto field = [&](std::size_t field_idx) {
    return std::string_view(
        field_begin[field_idx],
        static_cast<std::size_t>(field_end[field_idx] - field_begin[field_idx]));
  };

  const auto count = parse_uint(field(0));
  const auto number = parse_uint(field(1));
  if (count < 1 || count > 9 || number < 1 || number > count) return SentenceError::kMalformed;
  s.fragment_count = static_cast<std::uint8_t>(count);
  s.fragment_number = static_cast<std::uint8_t>(number);
  const std::string_view sequence = field(2);
  if (!sequence.empty()) {
    const auto seq = parse_uint(sequence);
    if (seq < 0 || seq > 9) return SentenceError::kMalformed;
    s.sequence_id = static_cast<std::int16_t>(seq);
  }
  const std::string_view channel = field(3);
  if (channel.empty()) {
    s.channel = 0;
  } else if (channel.size() == 1 && (channel[0] == 'A' || channel[0] == '1')) {
    s.channel = 'A';
  } else if (channel.size() == 1 && (channel[0] == 'B' || channel[0] == '2')) {
    s.channel = 'B';
  } else {
    return SentenceError::kMalformed;  // gpsd drops 'C', '12' and others too
  }
  std::string_view payload = field(4);
  if (!armoured(payload)) {
    const auto* first_comma =
        static_cast<const char*>(std::memchr(payload.data(), ',', payload.size()));
    if (first_comma == nullptr) return SentenceError::kBadPayloadChar;
    field_end[4] = first_comma;  // "payload,x,...,d": as split at the first comma
    field_begin[5] = first_comma + 1;
    payload = field(4);
    if (!armoured(payload)) return SentenceError::kBadPayloadChar;
  }
  s.payload = payload;
  // gpsd reads the first character of the fill field when it is a digit, else 0.
  const std::string_view fill = field(5);
  if (!fill.empty() && fill[0] >= '0' && fill[0] <= '5') {
    s.fill_bits = static_cast<std::uint8_t>(fill[0] - '0');
  } else if (!fill.empty() && fill[0] >= '6' && fill[0] <= '9') {
    return SentenceError::kMalformed;
  }
  return SentenceError::kNone;
}

ParseOutcome parse_sentence(std::string_view line) {
  ParseOutcome out;
  out.error = parse_sentence(line, out.sentence);
  return out;
}

}  // namespace sw::nmea
