#include "store/canonical_text.h"

#include <cstdio>

namespace sw::store {

std::string dump_text(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          out += "\\x";
          out.push_back(kHex[byte >> 4U]);
          out.push_back(kHex[byte & 0xFU]);
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string dump_fixed(double value, int decimals) {
  char text[64];
  const int length = std::snprintf(text, sizeof(text), "%.*f", decimals, value);
  std::string out(text, static_cast<std::size_t>(length > 0 ? length : 0));
  if (!out.empty() && out[0] == '-' && out.find_first_not_of("-0.") == std::string::npos) {
    out.erase(0, 1);
  }
  return out;
}

std::string dump_optional_fixed(const std::optional<double>& value, int decimals) {
  return value ? dump_fixed(*value, decimals) : std::string(kDumpNull);
}

std::string dump_optional_integer(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string(kDumpNull);
}

}  // namespace sw::store
