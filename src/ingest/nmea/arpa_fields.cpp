#include "ingest/nmea/arpa_fields.h"

#include <charconv>
#include <cmath>

#include "ingest/nmea/sentence.h"

namespace sw::nmea {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_address_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// Degrees from "dddmm.mmm": the integer part above the last two digits is degrees.
FieldStatus parse_degrees_minutes(std::string_view value, std::string_view hemisphere,
                                  char positive, char negative, double limit, double& degrees) {
  if (value.empty() && hemisphere.empty()) return FieldStatus::kEmpty;
  if (value.empty() || hemisphere.size() != 1) return FieldStatus::kBad;
  if (hemisphere[0] != positive && hemisphere[0] != negative) return FieldStatus::kBad;
  double raw = 0.0;
  if (parse_decimal(value, raw) != FieldStatus::kOk || raw < 0.0) return FieldStatus::kBad;
  const double whole_degrees = std::floor(raw / 100.0);
  const double minutes = raw - whole_degrees * 100.0;
  if (minutes >= 60.0) return FieldStatus::kBad;
  const double result = whole_degrees + minutes / 60.0;
  if (result > limit) return FieldStatus::kBad;
  degrees = hemisphere[0] == negative ? -result : result;
  return FieldStatus::kOk;
}

}  // namespace

std::string_view strip_tag_block(std::string_view line) {
  line = trim_line(line);
  if (!line.empty() && line[0] == '\\') {
    const auto end = line.find('\\', 1);
    line = end == std::string_view::npos ? std::string_view{} : line.substr(end + 1);
  }
  return line;
}

std::string_view sentence_formatter(std::string_view line) {
  if (line.size() < 6 || line[0] != '$') return {};
  for (std::size_t char_idx = 1; char_idx < 6; ++char_idx) {
    if (!is_address_char(line[char_idx])) return {};
  }
  return line.substr(3, 3);
}

Result<NmeaFields> split_nmea_fields(std::string_view line) {
  if (line.size() > kMaxArpaLineLength) return Error{"line_too_long", ""};
  if (sentence_formatter(line).empty()) return Error{"malformed", "no $ttsss address"};
  const auto star = line.rfind('*');
  if (star == std::string_view::npos) return Error{"no_checksum", ""};
  if (star + 3 != line.size()) return Error{"malformed", "text after the checksum"};
  const int high = hex_digit(line[star + 1]);
  const int low = hex_digit(line[star + 2]);
  if (high < 0 || low < 0) return Error{"malformed", "checksum is not hexadecimal"};
  const std::string_view body = line.substr(1, star - 1);
  if (nmea_checksum(body) != static_cast<std::uint8_t>(high * 16 + low)) {
    return Error{"bad_checksum", ""};
  }
  NmeaFields out;
  out.talker = body.substr(0, 2);
  out.formatter = body.substr(2, 3);
  if (body.size() == 5) return out;
  if (body[5] != ',') return Error{"malformed", "no comma after the address"};
  std::string_view rest = body.substr(6);
  while (true) {
    if (out.count == NmeaFields::kMaxFields) return Error{"malformed", "too many fields"};
    const auto comma = rest.find(',');
    out.fields[out.count++] = rest.substr(0, comma);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  for (std::size_t field_idx = 0; field_idx < out.count; ++field_idx) {
    for (const char c : out.fields[field_idx]) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x7f) return Error{"malformed", "control or non-ASCII byte"};
    }
  }
  return out;
}

FieldStatus parse_decimal(std::string_view field, double& value) {
  if (field.empty()) return FieldStatus::kEmpty;
  // Only [-]digits[.digits]: from_chars would also take "inf", "nan" and exponents.
  std::size_t char_idx = field[0] == '-' ? 1 : 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; char_idx < field.size(); ++char_idx) {
    const char c = field[char_idx];
    if (c >= '0' && c <= '9') {
      any_digit = true;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return FieldStatus::kBad;
    }
  }
  if (!any_digit || field.size() > 32) return FieldStatus::kBad;
  double parsed = 0.0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), parsed);
  if (error != std::errc{} || end != field.data() + field.size() || !std::isfinite(parsed)) {
    return FieldStatus::kBad;
  }
  value = parsed;
  return FieldStatus::kOk;
}

FieldStatus parse_unsigned(std::string_view field, std::size_t max_digits, std::uint32_t& value) {
  if (field.empty()) return FieldStatus::kEmpty;
  if (field.size() > max_digits || max_digits > 9) return FieldStatus::kBad;
  std::uint32_t parsed = 0;
  for (const char c : field) {
    if (c < '0' || c > '9') return FieldStatus::kBad;
    parsed = parsed * 10 + static_cast<std::uint32_t>(c - '0');
  }
  value = parsed;
  return FieldStatus::kOk;
}

FieldStatus parse_latitude(std::string_view value, std::string_view hemisphere, double& degrees) {
  return parse_degrees_minutes(value, hemisphere, 'N', 'S', 90.0, degrees);
}

FieldStatus parse_longitude(std::string_view value, std::string_view hemisphere, double& degrees) {
  return parse_degrees_minutes(value, hemisphere, 'E', 'W', 180.0, degrees);
}

FieldStatus parse_time_of_day(std::string_view field, double& seconds) {
  if (field.empty()) return FieldStatus::kEmpty;
  if (field.size() < 6 || field.size() > 16) return FieldStatus::kBad;
  std::uint32_t hours = 0;
  std::uint32_t minutes = 0;
  std::uint32_t whole_seconds = 0;
  if (parse_unsigned(field.substr(0, 2), 2, hours) != FieldStatus::kOk ||
      parse_unsigned(field.substr(2, 2), 2, minutes) != FieldStatus::kOk ||
      parse_unsigned(field.substr(4, 2), 2, whole_seconds) != FieldStatus::kOk) {
    return FieldStatus::kBad;
  }
  double fraction = 0.0;
  if (field.size() > 6) {
    if (field[6] != '.') return FieldStatus::kBad;
    if (field.size() > 7) {
      double parsed = 0.0;
      const std::string_view digits = field.substr(7);
      std::uint32_t ignored = 0;
      if (parse_unsigned(digits, 9, ignored) != FieldStatus::kOk ||
          parse_decimal(field.substr(6), parsed) != FieldStatus::kOk) {
        return FieldStatus::kBad;
      }
      fraction = parsed;
    }
  }
  if (hours > 23 || minutes > 59 || whole_seconds > 60) return FieldStatus::kBad;
  seconds = hours * 3600.0 + minutes * 60.0 + whole_seconds + fraction;
  return FieldStatus::kOk;
}

}  // namespace sw::nmea
