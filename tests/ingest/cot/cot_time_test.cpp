// CoT times: xs:dateTime text with any number of fractional digits and a zone, to UTC
// nanoseconds and back, exactly.

#include "ingest/cot/cot_time.h"

#include <gtest/gtest.h>

#include "core/rng.h"

namespace sw::cot {
namespace {

constexpr TimeNs kFreeTakTime = 1581185444 * kNsPerSecond;  // 2020-02-08T18:10:44Z

TEST(CotTime, ParsesZuluWithMilliseconds) {
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44.000Z"), kFreeTakTime);
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44.863Z"), kFreeTakTime + 863'000'000);
}

TEST(CotTime, ParsesAnyNumberOfFractionalDigits) {
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44Z"), kFreeTakTime);
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44.1Z"), kFreeTakTime + 100'000'000);
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44.12Z"), kFreeTakTime + 120'000'000);
  // Digits past nanoseconds are truncated.
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44.123456789987Z"), kFreeTakTime + 123'456'789);
}

TEST(CotTime, ParsesZoneOffsetsAndMissingZoneAsUtc) {
  EXPECT_EQ(parse_cot_time("2020-02-08T19:10:44+01:00"), kFreeTakTime);
  EXPECT_EQ(parse_cot_time("2020-02-08T13:40:44.000-04:30"), kFreeTakTime);
  EXPECT_EQ(parse_cot_time("2020-02-08T18:10:44"), kFreeTakTime);
  EXPECT_EQ(parse_cot_time(" 2020-02-08T18:10:44Z\n"), kFreeTakTime);
}

TEST(CotTime, HandlesLeapYearsAndTimesBefore1970) {
  EXPECT_EQ(parse_cot_time("2024-02-29T00:00:00Z"), 1709164800 * kNsPerSecond);
  EXPECT_EQ(parse_cot_time("1969-12-31T23:59:59.5Z"), -kNsPerSecond / 2);
}

TEST(CotTime, RefusesMalformedAndImpossibleTimes) {
  for (const char* text :
       {"", "TIME", "2020-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2020-13-01T00:00:00Z",
        "2020-00-01T00:00:00Z", "2020-02-08T24:00:00Z", "2020-02-08T18:60:00Z",
        "2020-02-08T18:10:44.Z", "2020-02-08 18:10:44Z", "2020-02-08T18:10:44ZZ",
        "2020-02-08T18:10:44+0100", "2020-02-08T18:10:44+15:00", "1800-01-01T00:00:00Z",
        "2300-01-01T00:00:00Z", "2020-2-8T18:10:44Z", "+2020-02-08T18:10:44Z"}) {
    EXPECT_FALSE(parse_cot_time(text).has_value()) << text;
  }
}

TEST(CotTime, FormatsWithAsFewFractionalDigitsAsAreExact) {
  EXPECT_EQ(format_cot_time(kFreeTakTime), "2020-02-08T18:10:44.000Z");
  EXPECT_EQ(format_cot_time(kFreeTakTime + 120'000'000), "2020-02-08T18:10:44.120Z");
  EXPECT_EQ(format_cot_time(kFreeTakTime + 123'456'700), "2020-02-08T18:10:44.1234567Z");
  EXPECT_EQ(format_cot_time(kFreeTakTime + 1), "2020-02-08T18:10:44.000000001Z");
  EXPECT_EQ(format_cot_time(-kNsPerSecond / 2), "1969-12-31T23:59:59.500Z");
}

TEST(CotTime, RandomTimesRoundTripExactly) {
  Rng rng(20240501);
  const auto first = static_cast<double>(*parse_cot_time("1900-01-01T00:00:00Z"));
  const auto last = static_cast<double>(*parse_cot_time("2200-12-31T23:59:59Z"));
  for (int sample_idx = 0; sample_idx < 5000; ++sample_idx) {
    const auto time = static_cast<TimeNs>(rng.uniform(first, last));
    const std::string text = format_cot_time(time);
    ASSERT_EQ(parse_cot_time(text), time) << text;
  }
}

}  // namespace
}  // namespace sw::cot
