#include "ingest/ais/json_out.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace sw::ais {

void append_fixed(TextBuffer& out, double value, int decimals) {
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
  out.append(digits, static_cast<std::size_t>(result.ptr - digits));
}

void append_ten_thousandth_minutes_as_degrees(TextBuffer& out, std::int32_t raw) {
  std::uint64_t magnitude = raw < 0 ? 0 - static_cast<std::uint64_t>(static_cast<std::int64_t>(raw))
                                    : static_cast<std::uint64_t>(raw);
  if (raw < 0) out.push_back('-');
  // micro-degrees = raw * 10 / 6 = raw * 5 / 3; a remainder of 2/3 rounds up.
  const std::uint64_t fives = magnitude * 5;
  const std::uint64_t micro = fives / 3 + (fives % 3 == 2 ? 1 : 0);
  append_uint(out, micro / 1000000);
  // ".ffffff" as three digit pairs, one fixed-size store.
  std::uint64_t fraction = micro % 1000000;
  char* tail = out.tail(8);
  tail[0] = '.';
  for (int pair_idx = 2; pair_idx >= 0; --pair_idx) {
    const auto pair = static_cast<std::size_t>(fraction % 100) * 2;
    fraction /= 100;
    tail[1 + pair_idx * 2] = kDigitPairs[pair];
    tail[2 + pair_idx * 2] = kDigitPairs[pair + 1];
  }
  out.advance(7);
}

void append_uint_padded(TextBuffer& out, std::uint64_t value, int width) {
  const auto digits = static_cast<int>(decimal_digits(value));
  const int pad = width > digits ? width - digits : 0;
  char* tail = out.tail(static_cast<std::size_t>(pad) + 20);
  std::memset(tail, '0', static_cast<std::size_t>(pad));
  out.advance(static_cast<std::size_t>(write_uint(tail + pad, value) - tail));
}

void append_hex(TextBuffer& out, std::uint64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value, 16);
  out.append(digits, static_cast<std::size_t>(result.ptr - digits));
}

void append_hex_bytes(TextBuffer& out, const std::uint8_t* bytes, std::size_t count) {
  // Both digits of a byte from one table entry, into room reserved once.
  static constexpr auto kPairs = [] {
    constexpr char kHex[] = "0123456789abcdef";
    std::array<char, 512> pairs{};
    for (std::size_t byte = 0; byte < 256; ++byte) {
      pairs[2 * byte] = kHex[byte >> 4];
      pairs[2 * byte + 1] = kHex[byte & 0xfU];
    }
    return pairs;
  }();
  char* tail = out.tail(2 * count);
  for (std::size_t byte_idx = 0; byte_idx < count; ++byte_idx) {
    std::memcpy(tail + 2 * byte_idx, kPairs.data() + 2 * std::size_t{bytes[byte_idx]}, 2);
  }
  out.advance(2 * count);
}

void append_json_escaped(TextBuffer& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Fast path: most names and texts need no escape at all. Test eight bytes at a
  // time for a control byte (< 0x20), a byte >= 0x7f, '"' or '\\'; the last eight
  // bytes by one overlapping load rather than a byte loop.
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto plain_word = [&](std::size_t at) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + at, sizeof(word));
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHigh;
    const std::uint64_t del_or_high = ((word + kOnes * 0x01) | word) & kHigh;
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t has_quote = (quote - kOnes) & ~quote & kHigh;
    const std::uint64_t has_backslash = (backslash - kOnes) & ~backslash & kHigh;
    return (below_space | del_or_high | has_quote | has_backslash) == 0;
  };
  std::size_t plain = 0;
  for (; plain + 8 <= text.size(); plain += 8) {
    if (!plain_word(plain)) break;
  }
  if (plain + 8 > text.size() && text.size() >= 8 && plain_word(text.size() - 8)) {
    out.append(text);  // every byte plain
    return;
  }
  while (plain < text.size()) {
    const auto byte = static_cast<unsigned char>(text[plain]);
    if (byte < 0x20 || byte >= 0x7f || byte == '"' || byte == '\\') break;
    ++plain;
  }
  out.append(text.data(), plain);
  for (char c : text.substr(plain)) {
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
