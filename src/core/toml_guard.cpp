#include "core/toml_guard.h"

#include <algorithm>
#include <string>

namespace sw {

/// Offset of the first byte that is not valid UTF-8 (RFC 3629), or npos. A TOML file is
/// UTF-8, and toml11 3.7 reads past its buffer when it reports a bad sequence inside a
/// literal string, so the text is checked before it is parsed.
std::size_t invalid_utf8_at(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 0;
    unsigned second_low = 0x80;
    unsigned second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_low = 0xA0;   // overlong
      if (lead == 0xED) second_high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_low = 0x90;   // overlong
      if (lead == 0xF4) second_high = 0x8F;  // above U+10FFFF
    } else {
      return pos;
    }
    if (length > text.size() - pos) return pos;
    for (std::size_t follow = 1; follow < length; ++follow) {
      const auto byte = static_cast<unsigned char>(text[pos + follow]);
      const unsigned low = follow == 1 ? second_low : 0x80;
      const unsigned high = follow == 1 ? second_high : 0xBF;
      if (byte < low || byte > high) return pos;
    }
    pos += length;
  }
  return std::string_view::npos;
}

namespace {

/// Offset just past the string that opens at `start` ("...", '...', """...""" or '''...''',
/// lexed as TOML lexes them); a one-line string ends at its line's end at the latest.
std::size_t skip_string(std::string_view text, std::size_t start) {
  const char quote = text[start];
  const bool escapes = quote == '"';
  const std::string triple(3, quote);
  const bool multi_line = text.compare(start, 3, triple) == 0;
  std::size_t pos = start + (multi_line ? 3 : 1);
  while (pos < text.size()) {
    const char byte = text[pos];
    if (!multi_line && byte == '\n') return pos;
    if (escapes && byte == '\\') {
      if (!multi_line && pos + 1 < text.size() && text[pos + 1] == '\n') return pos + 1;
      pos += 2;
      continue;
    }
    if (byte == quote && !multi_line) return pos + 1;
    if (byte == quote && text.compare(pos, 3, triple) == 0) {
      pos += 3;
      // """a""""" is the string a"": up to two more quotes belong to it.
      for (int extra = 0; extra < 2 && pos < text.size() && text[pos] == quote; ++extra) ++pos;
      return pos;
    }
    ++pos;
  }
  return text.size();
}

}  // namespace

/// Deepest nesting of [ and { outside strings and comments: an upper bound on the parser's
/// recursion (table headers count as 1 or 2).
int toml_bracket_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char byte = text[pos];
    if (byte == '"' || byte == '\'') {
      pos = skip_string(text, pos);
      continue;
    }
    if (byte == '#') {
      pos = text.find('\n', pos);
      if (pos == std::string_view::npos) break;
    } else if (byte == '[' || byte == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((byte == ']' || byte == '}') && depth > 0) {
      --depth;
    }
    ++pos;
  }
  return deepest;
}

Status check_toml_text(std::string_view text, const std::string& origin, const std::string& code) {
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    return Error{code, origin + ": not UTF-8 at byte " + std::to_string(bad)};
  }
  if (toml_bracket_depth(text) > kMaxTomlNesting) {
    return Error{code, origin + ": arrays or tables nested too deeply"};
  }
  return Ok{};
}

}  // namespace sw
