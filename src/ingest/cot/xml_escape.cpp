#include "ingest/cot/xml_escape.h"

#include <cstdint>

namespace sw::cot {
namespace {

/// Length of the valid UTF-8 sequence starting at text[pos] (2 to 4 bytes), or 0 if the
/// bytes there are not one. Overlong forms, surrogates, code points past U+10FFFF and the
/// XML non-characters U+FFFE/U+FFFF are not valid here.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1FU;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0FU;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07U;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t byte_idx = 1; byte_idx < length; ++byte_idx) {
    const auto continuation = static_cast<unsigned char>(text[pos + byte_idx]);
    if ((continuation & 0xC0U) != 0x80U) return 0;
    code_point = (code_point << 6U) | (continuation & 0x3FU);
  }
  const bool overlong =
      (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  const bool non_character = code_point == 0xFFFE || code_point == 0xFFFF;
  if (overlong || surrogate || non_character || code_point > 0x10FFFF) return 0;
  return length;
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, pos);
      if (length == 0) {
        out.push_back('?');
        ++pos;
      } else {
        out.append(text.substr(pos, length));
        pos += length;
      }
      continue;
    }
    switch (c) {
      case '&': out.append("&amp;"); break;
      case '<': out.append("&lt;"); break;
      case '>': out.append("&gt;"); break;
      case '"': out.append("&quot;"); break;
      case '\'': out.append("&apos;"); break;
      case '\t': out.append("&#9;"); break;
      case '\n': out.append("&#10;"); break;
      case '\r': out.append("&#13;"); break;
      default: out.push_back(byte < 0x20 ? '?' : c);
    }
    ++pos;
  }
}

}  // namespace sw::cot
