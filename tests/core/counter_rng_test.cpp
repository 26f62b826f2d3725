#include "core/counter_rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace sw {
namespace {

TEST(CounterRngTest, SameSeedAndStreamGiveSameSequence) {
  CounterRng first(42, 7);
  CounterRng second(42, 7);
  for (int draw_idx = 0; draw_idx < 100; ++draw_idx) EXPECT_EQ(first.next(), second.next());
}

TEST(CounterRngTest, StreamsAndSeedsDiffer) {
  std::set<std::uint64_t> firsts;
  for (std::uint64_t stream = 0; stream < 1000; ++stream)
    firsts.insert(CounterRng(1, stream).next());
  for (std::uint64_t seed = 2; seed < 1002; ++seed) firsts.insert(CounterRng(seed, 0).next());
  EXPECT_EQ(firsts.size(), 2000U);
}

TEST(CounterRngTest, StatelessAccessMatchesSequence) {
  CounterRng rng(5, 9);
  const std::uint64_t key = CounterRng::stream_key(5, 9);
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(rng.next(), CounterRng::at(key, counter));
  }
}

TEST(CounterRngTest, UniformAndNormalMoments) {
  CounterRng rng(123, 0);
  constexpr int kDraws = 200000;
  double sum = 0, sum_sq = 0, normal_sum = 0, normal_sq = 0;
  for (int draw_idx = 0; draw_idx < kDraws; ++draw_idx) {
    const double value = rng.uniform();
    ASSERT_GT(value, 0.0);
    ASSERT_LE(value, 1.0);
    sum += value;
    sum_sq += value * value;
    const double normal = rng.normal();
    normal_sum += normal;
    normal_sq += normal * normal;
  }
  EXPECT_NEAR(sum / kDraws, 0.5, 0.003);
  EXPECT_NEAR(sum_sq / kDraws - 0.25, 1.0 / 12.0, 0.002);
  EXPECT_NEAR(normal_sum / kDraws, 0.0, 0.01);
  EXPECT_NEAR(normal_sq / kDraws, 1.0, 0.01);
}

}  // namespace
}  // namespace sw
