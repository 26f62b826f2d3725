#include "sim/sim_time.h"

#include <gtest/gtest.h>

namespace sw::sim {
namespace {

TEST(SimTimeTest, KnownInstantsRoundTrip) {
  // 2024-08-15T04:00:00Z is 1723694400 s after the epoch.
  const auto parsed = parse_utc("2024-08-15T04:00:00Z");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, 1723694400LL * kNsPerSecond);
  EXPECT_EQ(format_utc(*parsed), "2024-08-15T04:00:00.000Z");
  const UtcFields leap_day = utc_fields(utc_time({2024, 2, 29, 23, 59, 58, 250'000'000}));
  EXPECT_EQ(leap_day.month, 2);
  EXPECT_EQ(leap_day.day, 29);
  EXPECT_EQ(leap_day.second, 58);
  EXPECT_EQ(leap_day.nanosecond, 250'000'000);
  EXPECT_EQ(format_utc(-kNsPerSecond / 2), "1969-12-31T23:59:59.500Z");
}

TEST(SimTimeTest, SecondsOfDayIsAsterixTimeOfDay) {
  const TimeNs time = *parse_utc("2024-08-15T04:00:01.5Z");
  EXPECT_DOUBLE_EQ(seconds_of_day(time), 4 * 3600 + 1.5);
  EXPECT_DOUBLE_EQ(seconds_of_day(*parse_utc("2024-08-16T00:00:00Z")), 0.0);
}

TEST(SimTimeTest, AcceptsVariantsAndRefusesOthers) {
  EXPECT_EQ(*parse_utc("2024-08-15 04:00:00+00:00"), *parse_utc("2024-08-15T04:00:00Z"));
  EXPECT_EQ(*parse_utc("2024-08-15T04:00:00.123Z") - *parse_utc("2024-08-15T04:00:00Z"),
            123'000'000);
  for (const char* bad : {"", "2024-08-15", "2024-08-15T04:00:00", "2024-13-01T00:00:00Z",
                          "2024-08-15T04:00:00+01:00", "2024-08-15T04:00:00.Z", "yesterday"}) {
    const auto parsed = parse_utc(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "bad_time");
  }
}

}  // namespace
}  // namespace sw::sim
