#pragma once
/// Checks on TOML text before toml11 parses it: the text must be UTF-8 (toml11 3.7 reads
/// past its buffer when it reports a bad sequence inside a literal string), and arrays and
/// inline tables must not nest deeper than kMaxTomlNesting (toml11 recurses on them, and a
/// few thousand levels overflow the stack).

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sw {

/// Deepest bracket nesting a TOML reader of this project accepts.
inline constexpr int kMaxTomlNesting = 32;

/// Offset of the first byte that is not valid UTF-8 (RFC 3629), or npos.
std::size_t invalid_utf8_at(std::string_view text);

/// Deepest nesting of [ and { outside strings and comments: an upper bound on the parser's
/// recursion (table headers count as 1 or 2).
int toml_bracket_depth(std::string_view text);

/// Both checks, as every TOML reader of the project runs them before toml11: error `code`
/// with "<origin>: not UTF-8 at byte N" or "<origin>: arrays or tables nested too deeply".
Status check_toml_text(std::string_view text, const std::string& origin, const std::string& code);

}  // namespace sw
