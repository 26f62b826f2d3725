#include "drift/time_text.h"

#include <gtest/gtest.h>

#include "drift/netcdf_forcing.h"

namespace sw::drift {
namespace {

TEST(TimeTextTest, ParsesIsoVariants) {
  constexpr TimeNs kStart = 1704067200LL * kNsPerSecond;  // 2024-01-01T00:00:00Z
  for (const char* text : {"2024-01-01T00:00:00Z", "2024-01-01 00:00:00", "2024-01-01T00:00Z",
                           "2024-01-01", "2024-1-1 0:0:0", "2024-01-01T00:00:00.000+00:00"}) {
    auto parsed = parse_utc_time(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, kStart) << text;
  }
  EXPECT_EQ(*parse_utc_time("2024-02-29T12:30:15Z"), 1709209815LL * kNsPerSecond);
  EXPECT_EQ(format_utc_time(1709209815LL * kNsPerSecond), "2024-02-29T12:30:15Z");
  EXPECT_EQ(format_utc_time(-kNsPerSecond), "1969-12-31T23:59:59Z");
}

TEST(TimeTextTest, RejectsGarbage) {
  for (const char* text : {"", "yesterday", "2024-13-01", "2024-01-01T25:00", "2024-01-01Tx",
                           "2024-01-01T00:00:00+02:00"}) {
    EXPECT_FALSE(parse_utc_time(text)) << text;
  }
}

TEST(TimeTextTest, CfUnits) {
  auto units = parse_cf_time_units("hours since 2024-01-01 00:00:00");
  ASSERT_TRUE(units);
  EXPECT_EQ(units->first, 3600e9);
  EXPECT_EQ(units->second, 1704067200LL * kNsPerSecond);
  EXPECT_TRUE(parse_cf_time_units("seconds since 1970-01-01"));
  EXPECT_FALSE(parse_cf_time_units("fortnights since 2024-01-01"));
  EXPECT_FALSE(parse_cf_time_units("hours"));
}

}  // namespace
}  // namespace sw::drift
