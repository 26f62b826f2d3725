// The integer fast paths of the JSON writer must print exactly what printf prints.

#include "ingest/ais/json_out.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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

TEST(JsonOut, IntegersIncludingExtremes) {
  TextBuffer out;
  append_int(out, INT64_MIN);
  out.push_back(' ');
  append_uint(out, UINT64_MAX);
  out.push_back(' ');
  append_int(out, 0);
  EXPECT_EQ(out.str(), "-9223372036854775808 18446744073709551615 0");
}

}  // namespace
}  // namespace sw::ais
