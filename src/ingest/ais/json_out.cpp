#include "ingest/ais/json_out.h"

#include <charconv>
#include <cmath>

namespace sw::ais {

void append_uint(std::string& out, std::uint64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, result.ptr);
}

void append_int(std::string& out, std::int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, result.ptr);
}

void append_fixed(std::string& out, double value, int decimals) {
  if (std::isnan(value)) {
    out.append(std::signbit(value) ? "-nan" : "nan");
    return;
  }
  if (std::isinf(value)) {
    out.append(value < 0 ? "-inf" : "inf");
    return;
  }
  // std::to_chars with a precision is exact and rounds half to even on the binary
  // value, as glibc's printf does.
  char digits[352];
  const auto result =
      std::to_chars(digits, digits + sizeof(digits), value, std::chars_format::fixed, decimals);
  out.append(digits, result.ptr);
}

void append_uint_padded(std::string& out, std::uint64_t value, int width) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  const auto length = static_cast<int>(result.ptr - digits);
  for (int pad = length; pad < width; ++pad) out.push_back('0');
  out.append(digits, result.ptr);
}

void append_hex(std::string& out, std::uint64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value, 16);
  out.append(digits, result.ptr);
}

void append_json_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || byte < 0x20 || byte == 0x7f) {
      out.push_back('\\');
      switch (c) {
        case '\b': out.push_back('b'); break;
        case '\f': out.push_back('f'); break;
        case '\n': out.push_back('n'); break;
        case '\r': out.push_back('r'); break;
        case '\t': out.push_back('t'); break;
        default:
          out.append("u00");
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xf]);
      }
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace sw::ais
