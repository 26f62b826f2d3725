#pragma once
/// Appends gpsd-style JSON and CSV fields to an output buffer. The formats are those
/// of gpsd's `gpsdecode` (BSD-2-Clause project; the output layout is the de-facto AIS
/// JSON): fields in a fixed order, printf-style number formats, `\uXXXX` escapes.

#include <cstdint>
#include <cstring>
#include <string_view>

#include "ingest/ais/text_buffer.h"

namespace sw::ais {

/// Append decimal integers and printf-compatible fixed-point numbers without locale
/// or allocation.
/// "00".."99", for two digits per division.
inline constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/// Number of decimal digits of value (1 for 0).
inline unsigned decimal_digits(std::uint64_t value) {
  static constexpr std::uint64_t kPowers[20] = {1ULL,
                                                10ULL,
                                                100ULL,
                                                1000ULL,
                                                10000ULL,
                                                100000ULL,
                                                1000000ULL,
                                                10000000ULL,
                                                100000000ULL,
                                                1000000000ULL,
                                                10000000000ULL,
                                                100000000000ULL,
                                                1000000000000ULL,
                                                10000000000000ULL,
                                                100000000000000ULL,
                                                1000000000000000ULL,
                                                10000000000000000ULL,
                                                100000000000000000ULL,
                                                1000000000000000000ULL,
                                                10000000000000000000ULL};
  // log10(2) ~ 1233/4096: a guess from the bit length, one less than or the count.
  const auto bits = static_cast<unsigned>(64 - __builtin_clzll(value | 1));
  const unsigned guess = (bits * 1233) >> 12;
  return guess + ((value | 1) >= kPowers[guess] ? 1U : 0U);  // 0 has one digit
}

/// Write value's decimal digits at `out` (room for 20 needed); returns their end.
inline char* write_uint(char* out, std::uint64_t value) {
  char* const end = out + decimal_digits(value);
  char* cursor = end;
  while (value >= 100) {
    const auto pair = static_cast<std::size_t>(value % 100) * 2;
    value /= 100;
    cursor -= 2;
    std::memcpy(cursor, kDigitPairs + pair, 2);
  }
  if (value >= 10) {
    std::memcpy(cursor - 2, kDigitPairs + static_cast<std::size_t>(value) * 2, 2);
  } else {
    cursor[-1] = static_cast<char>('0' + value);
  }
  return end;
}

inline void append_uint(TextBuffer& out, std::uint64_t value) {
  char* tail = out.tail(20);
  out.advance(static_cast<std::size_t>(write_uint(tail, value) - tail));
}
inline void append_int(TextBuffer& out, std::int64_t value) {
  if (value < 0) {
    out.push_back('-');
    append_uint(out, 0 - static_cast<std::uint64_t>(value));
  } else {
    append_uint(out, static_cast<std::uint64_t>(value));
  }
}
/// printf("%.*f", decimals, value), byte-identical to glibc for finite values.
void append_fixed(TextBuffer& out, double value, int decimals);
/// printf("%.1f", tenths / 10.0) for an integer count of tenths, computed exactly in
/// integers: a decimal with one digit after the point is what the double rounds to.
/// Needs room for 23 characters at `out`; returns the end.
inline char* write_tenths(char* out, std::int64_t tenths) {
  auto magnitude = static_cast<std::uint64_t>(tenths);
  if (tenths < 0) {
    *out++ = '-';
    magnitude = 0 - magnitude;
  }
  out = write_uint(out, magnitude / 10);
  out[0] = '.';
  out[1] = static_cast<char>('0' + magnitude % 10);
  return out + 2;
}
inline void append_tenths(TextBuffer& out, std::int64_t tenths) {
  char* tail = out.tail(23);
  out.advance(static_cast<std::size_t>(write_tenths(tail, tenths) - tail));
}
/// printf("%.6f", raw / 600000.0) for a position in 1/10000 minute, in integers:
/// raw / 600000 has a fractional part in thirds of a micro-degree, never a tie, so
/// rounding the exact value half away from zero is what printf does to the double.
void append_ten_thousandth_minutes_as_degrees(TextBuffer& out, std::int32_t raw);
/// printf("%0*u", width, value).
void append_uint_padded(TextBuffer& out, std::uint64_t value, int width);
/// printf("%x", value).
void append_hex(TextBuffer& out, std::uint64_t value);
/// `count` bytes as lower-case hex, two digits each.
void append_hex_bytes(TextBuffer& out, const std::uint8_t* bytes, std::size_t count);
/// gpsd's "bits:hex" rendering of binary data: the bit count, ':', the whole bytes in hex.
inline void append_bits_as_hex(TextBuffer& out, std::size_t bit_count, const std::uint8_t* bytes) {
  append_uint(out, bit_count);
  out.push_back(':');
  append_hex_bytes(out, bytes, (bit_count + 7) / 8);
}
/// Escape as gpsd's json_stringify does: '"' and '\\' backslashed, control and
/// non-ASCII bytes as \b \f \n \r \t or \u00XX.
void append_json_escaped(TextBuffer& out, std::string_view text);

/// Writes the members of one JSON object, gpsd style: `,"name":value`.
class JsonOut {
 public:
  explicit JsonOut(TextBuffer& out) : out_(out) {}

  void u(std::string_view name, std::uint64_t value) {
    // The member and its number in one reserved run of the buffer.
    char* start = out_.tail(name.size() + 4 + 20);
    char* const end = write_uint(write_key(start, name), value);
    out_.advance(static_cast<std::size_t>(end - start));
  }
  void i(std::string_view name, std::int64_t value) { key(name), append_int(out_, value); }
  void b(std::string_view name, bool value) {
    key(name);
    if (value) {
      out_.append("true");
    } else {
      out_.append("false");
    }
  }
  void tenths(std::string_view name, std::int64_t value) {
    char* start = out_.tail(name.size() + 4 + 23);
    char* const end = write_tenths(write_key(start, name), value);
    out_.advance(static_cast<std::size_t>(end - start));
  }
  void fixed(std::string_view name, double value, int decimals) {
    key(name);
    append_fixed(out_, value, decimals);
  }
  /// A JSON string, escaped.
  void str(std::string_view name, std::string_view value) {
    key(name);
    out_.push_back('"');
    append_json_escaped(out_, value);
    out_.push_back('"');
  }
  /// Pre-formatted JSON (a number, a quoted legend, an array).
  void raw(std::string_view name, std::string_view json) {
    key(name);
    out_.append(json);
  }
  /// Start a member and return the buffer for custom formatting of its value.
  TextBuffer& value_of(std::string_view name) {
    key(name);
    return out_;
  }
  TextBuffer& buffer() { return out_; }

 private:
  // Always inlined so that a literal name's length is a constant at each call and
  // the copy compiles to a few moves instead of a memcpy call.
  [[gnu::always_inline]] static char* write_key(char* tail, std::string_view name) {
    tail[0] = ',';
    tail[1] = '"';
    std::memcpy(tail + 2, name.data(), name.size());
    tail[name.size() + 2] = '"';
    tail[name.size() + 3] = ':';
    return tail + name.size() + 4;
  }
  [[gnu::always_inline]] void key(std::string_view name) {
    write_key(out_.tail(name.size() + 4), name);
    out_.advance(name.size() + 4);
  }
  TextBuffer& out_;
};

/// Writes pipe-separated CSV fields, gpsdecode -c style.
class CsvOut {
 public:
  explicit CsvOut(TextBuffer& out) : out_(out) {}
  CsvOut& u(std::uint64_t value) { return sep(), append_uint(out_, value), *this; }
  CsvOut& i(std::int64_t value) { return sep(), append_int(out_, value), *this; }
  CsvOut& hex(std::uint64_t value) {
    return sep(), out_.append("0x"), append_hex(out_, value), *this;
  }
  CsvOut& str(std::string_view text) { return sep(), out_.append(text), *this; }
  CsvOut& padded(std::uint64_t value, int width) {
    return sep(), append_uint_padded(out_, value, width), *this;
  }
  TextBuffer& buffer() { return sep(), out_; }
  /// The first field of a line takes no separator.
  void first() { started_ = false; }

 private:
  void sep() {
    if (started_) out_.push_back('|');
    started_ = true;
  }
  TextBuffer& out_;
  bool started_ = true;
};

}  // namespace sw::ais
