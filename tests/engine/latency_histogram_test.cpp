// The latency histogram behind the engine's and the server's quantiles: eight buckets per
// doubling, so a quantile reads within an eighth of the true value, and never above the
// largest latency recorded.

#include <gtest/gtest.h>

#include "engine/metrics.h"

namespace sw::engine {
namespace {

constexpr TimeNs kMicro = 1000;

TEST(LatencyHistogram, QuantilesWithinAnEighthOfTheTrueValue) {
  LatencyHistogram histogram;
  for (TimeNs micros = 1; micros <= 100000; ++micros) histogram.record(micros * kMicro);
  EXPECT_EQ(histogram.count(), 100000U);
  for (const double q : {0.01, 0.25, 0.5, 0.9, 0.99, 0.999}) {
    const double truth = q * 100000.0;
    EXPECT_GE(histogram.quantile_us(q), truth) << q;
    EXPECT_LE(histogram.quantile_us(q), truth * 1.125 + 1.0) << q;
  }
  EXPECT_EQ(histogram.quantile_us(1.0), 100000.0);  // the largest, not its bucket's bound
}

TEST(LatencyHistogram, SmallZeroNegativeAndHugeLatencies) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.quantile_us(0.5), 0.0);  // nothing recorded
  histogram.record(-5 * kMicro);               // a clock step back counts as zero
  histogram.record(0);
  histogram.record(3 * kMicro);
  EXPECT_EQ(histogram.quantile_us(0.0), 1.0);
  EXPECT_EQ(histogram.quantile_us(1.0), 3.0);
  // Beyond the last bucket (2^40 us): counted, and the quantile is the largest recorded.
  histogram.record(static_cast<TimeNs>(1) << 62);
  EXPECT_EQ(histogram.count(), 4U);
  EXPECT_EQ(histogram.quantile_us(1.0), histogram.max_us());
}

}  // namespace
}  // namespace sw::engine
