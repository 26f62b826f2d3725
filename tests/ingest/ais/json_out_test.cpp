// The integer fast paths of the JSON writer must print exactly what printf prints.

#include "ingest/ais/json_out.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace sw::ais {
namespace {

std::string printf_fixed(double value, int decimals) {
  char text[400];
  std::snprintf(text, sizeof(text), "%.*f", decimals, value);
  return text;
}

TEST(JsonOut, PositionDegreesMatchPrintfOverTheWholeRange) {
  // Every raw value near zero and the sentinels, then a dense stride over +-181 deg.
  int compared = 0;
  const auto check = [&](std::int32_t raw) {
    TextBuffer out;
    append_ten_thousandth_minutes_as_degrees(out, raw);
    ASSERT_EQ(out.str(), printf_fixed(raw / 600000.0, 6)) << raw;
    ++compared;
  };
  for (std::int32_t raw = -200000; raw <= 200000; ++raw) check(raw);
  for (std::int32_t raw = -108600000; raw <= 108600000; raw += 997) check(raw);
  for (std::int32_t raw : {54600000, -54600000, 108600000, -108600000, (1 << 27) - 1, -(1 << 27)}) {
    check(raw);
  }
  EXPECT_GT(compared, 600000);
}

TEST(JsonOut, TenthsMatchPrintf) {
  for (std::int64_t tenths = -5000; tenths <= 5000; ++tenths) {
    TextBuffer out;
    append_tenths(out, tenths);
    ASSERT_EQ(out.str(), printf_fixed(tenths / 10.0, 1)) << tenths;
  }
}

TEST(JsonOut, FixedMatchesPrintf) {
  for (double value : {0.0, -0.0, 0.05, 0.15, 0.25, 2.5, 1e-7, -123.4567895, 1e300, 0.125}) {
    for (int decimals : {0, 1, 2, 4, 6}) {
      TextBuffer out;
      append_fixed(out, value, decimals);
      EXPECT_EQ(out.str(), printf_fixed(value, decimals)) << value << " " << decimals;
    }
  }
}

TEST(JsonOut, EscapesLikeGpsd) {
  TextBuffer out;
  append_json_escaped(out, std::string("a\"b\\c\x01\t\x7f\xe9", 9));
  EXPECT_EQ(out.str(), "a\\\"b\\\\c\\u0001\\t\\u007f\\u00e9");
}

TEST(JsonOut, EscapesAtEveryPositionOfEveryLength) {
  // One byte needing an escape at each position of plain texts of 1..40 bytes (the
  // eight-byte scan and its overlapping last word), against a byte-by-byte reference.
  const auto reference = [](std::string_view text) {
    std::string out;
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (byte < 0x20 || byte >= 0x7f) {
        char escaped[8];
        std::snprintf(escaped, sizeof(escaped), "\\u%04x", byte);
        out += c == '\t' ? std::string("\\t") : std::string(escaped);
      } else {
        out += c;
      }
    }
    return out;
  };
  for (std::size_t length = 1; length <= 40; ++length) {
    const std::string plain(length, 'M');
    TextBuffer clean;
    append_json_escaped(clean, plain);
    ASSERT_EQ(clean.str(), plain);
    for (std::size_t position = 0; position < length; ++position) {
      for (const char special : {'"', '\\', '\x01', '\t', '\x7f', '\xe9'}) {
        std::string text = plain;
        text[position] = special;
        TextBuffer out;
        append_json_escaped(out, text);
        ASSERT_EQ(out.str(), reference(text)) << length << " " << position;
      }
    }
  }
}

TEST(JsonOut, HexBytesAndBitCountsAsGpsdPrintsThem) {
  std::vector<std::uint8_t> bytes(256);
  std::string expected = "2041:";
  for (std::size_t byte = 0; byte < bytes.size(); ++byte) {
    bytes[byte] = static_cast<std::uint8_t>(byte);
    char digits[4];
    std::snprintf(digits, sizeof(digits), "%02x", static_cast<unsigned>(byte));
    expected += digits;
  }
  TextBuffer out;
  append_bits_as_hex(out, 2041, bytes.data());  // 256 bytes hold 2041 bits
  EXPECT_EQ(out.str(), expected);
  TextBuffer empty;
  append_bits_as_hex(empty, 0, bytes.data());
  EXPECT_EQ(empty.str(), "0:");
}

TEST(JsonOut, IntegersIncludingExtremes) {
  TextBuffer out;
  append_int(out, INT64_MIN);
  out.push_back(' ');
  append_uint(out, UINT64_MAX);
  out.push_back(' ');
  append_int(out, 0);
  EXPECT_EQ(out.str(), "-9223372036854775808 18446744073709551615 0");
}

TEST(JsonOut, UnsignedMatchesPrintfAtEveryDigitCount) {
  // Each power of ten and its neighbours (where the digit count changes), then a
  // seeded spread of values of every bit length.
  std::vector<std::uint64_t> values = {0, UINT64_MAX, UINT64_MAX - 1};
  for (std::uint64_t power = 1; power <= 10000000000000000000ULL; power *= 10) {
    values.insert(values.end(), {power - 1, power, power + 1});
    if (power > UINT64_MAX / 10) break;
  }
  std::mt19937_64 rng(11);
  for (int value_idx = 0; value_idx < 100000; ++value_idx) {
    values.push_back(rng() >> (value_idx % 64));
  }
  for (const std::uint64_t value : values) {
    char expected[32];
    std::snprintf(expected, sizeof(expected), "%llu", static_cast<unsigned long long>(value));
    TextBuffer out;
    append_uint(out, value);
    ASSERT_EQ(out.str(), expected);
    ASSERT_EQ(decimal_digits(value), std::string(expected).size());
  }
}

TEST(JsonOut, MembersWithNumbers) {
  TextBuffer out;
  JsonOut json(out);
  json.u("mmsi", 244670316);
  json.u("x", 0);
  json.tenths("speed", 1023);
  json.tenths("t", -7);
  json.b("raim", false);
  EXPECT_EQ(out.str(), ",\"mmsi\":244670316,\"x\":0,\"speed\":102.3,\"t\":-0.7,\"raim\":false");
}

}  // namespace
}  // namespace sw::ais
