#include "drift/simulation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/geo.h"
#include "drift/land.h"
#include "drift/netcdf_forcing.h"
#include "drift/search_area.h"
#include "drift/time_text.h"
#include "forcing_fixture.h"

namespace sw::drift {
namespace {

const TimeNs kStart = *parse_utc_time("2024-01-01T00:00:00Z");

std::unique_ptr<NetcdfForcing> dover_forcing() {
  auto forcing = NetcdfForcing::open(testing::dover_forcing_path(), {});
  if (!forcing) ADD_FAILURE() << forcing.error().detail;
  return forcing ? std::move(*forcing) : nullptr;
}

LeewayClass leeway_class(const char* key) {
  return *find_leeway_class(builtin_leeway_classes(), key);
}

SeedSpec datum(std::size_t count, double radius_m) {
  SeedSpec spec;
  spec.start = {51.0, 1.5};
  spec.radius_m = radius_m;
  spec.time = kStart;
  spec.count = count;
  return spec;
}

// OpenDrift 1.14.10 on the same forcing, every standard deviation and the jibe
// probability zero, radius 0: end points after 24 h in 10 min steps.
struct EndPoint {
  const char* category;
  int orientation;
  double lat, lon;
};
constexpr EndPoint kOpenDriftEndPoints[] = {
    {"67", 0, 50.998348, 1.498220}, {"1", 0, 51.077061, 1.530707},  {"1", 1, 51.018532, 1.625644},
    {"29", 0, 51.254467, 1.650746}, {"29", 1, 51.094955, 1.914946},
};

TEST(DriftAcceptanceTest, DeterministicEndPointsMatchOpenDrift) {
  auto forcing = dover_forcing();
  ASSERT_TRUE(forcing);
  for (const EndPoint& expected : kOpenDriftEndPoints) {
    LeewayOptions leeway;
    leeway.stochastic = false;
    leeway.jibe_probability_per_hour = 0;
    leeway.orientation = expected.orientation;
    auto result = run_drift(leeway_class(expected.category), datum(1, 0), leeway, *forcing, {});
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->steps, 144);
    EXPECT_EQ(result->status[0], ParticleStatus::kActive);
    EXPECT_NEAR(result->lat[0], expected.lat, 2e-5)
        << expected.category << "/" << expected.orientation;
    EXPECT_NEAR(result->lon[0], expected.lon, 2e-5)
        << expected.category << "/" << expected.orientation;
  }
}

// OpenDrift: category 1, 100,000 particles, gaussian radius 500 m: centroid 51.05485 N
// 1.59003 E, r50 10.58 km, r90 18.44 km, 99.7 % active. Ours within 100 m and 2 %.
TEST(DriftAcceptanceTest, StatisticsMatchOpenDrift) {
  auto forcing = dover_forcing();
  ASSERT_TRUE(forcing);
  for (std::uint64_t seed : {11U, 12U}) {
    RunOptions options;
    options.seed = seed;
    auto result = run_drift(leeway_class("PIW-1"), datum(100'000, 500), {}, *forcing, options);
    ASSERT_TRUE(result) << result.error().detail;
    const CloudStats stats = cloud_stats(*result);
    EXPECT_LT(geodesic_distance_m(stats.centroid, {51.05485, 1.59003}), 100.0) << seed;
    EXPECT_NEAR(stats.r50_m, 10'580, 0.02 * 10'580) << seed;
    EXPECT_NEAR(stats.r90_m, 18'440, 0.02 * 18'440) << seed;
    EXPECT_NEAR(static_cast<double>(stats.active) / 100'000, 0.997, 0.002) << seed;
    EXPECT_EQ(result->missing_forcing, 100'000 - stats.active);
    // About one jibe per particle per day at p = 0.04 per hour.
    EXPECT_NEAR(static_cast<double>(result->jibes) / 100'000, 24 * -std::log(1 - 0.04), 0.03);
  }
}

TEST(DriftSimulationTest, SameSeedSameResultWhateverTheThreadCount) {
  auto forcing = dover_forcing();
  ASSERT_TRUE(forcing);
  RunOptions one_thread;
  one_thread.threads = 1;
  one_thread.duration_s = 6 * 3600;
  RunOptions three_threads = one_thread;
  three_threads.threads = 3;
  auto first = run_drift(leeway_class("29"), datum(10'000, 300), {}, *forcing, one_thread);
  auto second = run_drift(leeway_class("29"), datum(10'000, 300), {}, *forcing, three_threads);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->lat, second->lat);
  EXPECT_EQ(first->lon, second->lon);
  EXPECT_EQ(first->orientation, second->orientation);
  EXPECT_EQ(first->jibes, second->jibes);
  RunOptions other_seed = one_thread;
  other_seed.seed = 2;
  auto third = run_drift(leeway_class("29"), datum(10'000, 300), {}, *forcing, other_seed);
  ASSERT_TRUE(third);
  EXPECT_NE(first->lat, third->lat);
}

TEST(DriftSimulationTest, OrientationAlternatesAndPositiveCrosswindGoesLeft) {
  // Wind towards north, no current: orientation 0 (positive "right" slope) goes west.
  ConstantForcing forcing({0, 10}, {0, 0});
  LeewayOptions leeway;
  leeway.stochastic = false;
  leeway.jibe_probability_per_hour = 0;
  RunOptions options;
  options.duration_s = 3600;
  auto result = run_drift(leeway_class("PIW-1"), datum(4, 0), leeway, forcing, options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->orientation, (std::vector<std::uint8_t>{0, 1, 0, 1}));
  EXPECT_LT(result->lon[0], 1.5);
  EXPECT_GT(result->lon[1], 1.5);
  // Downwind 0.96 % of 10 m/s for an hour: 345.6 m north; crosswind 194.4 m.
  const EastNorth offset = LocalFrame({51.0, 1.5}).forward({result->lat[0], result->lon[0]});
  EXPECT_NEAR(offset.north, 345.6, 0.1);
  EXPECT_NEAR(offset.east, -194.4, 0.1);
}

TEST(DriftSimulationTest, ParticlesLeavingTheGridAreDeactivatedAndCounted) {
  auto forcing = dover_forcing();
  ASSERT_TRUE(forcing);
  SeedSpec spec = datum(1000, 200);
  spec.start = {51.29, 1.5};  // 1 km inside the northern edge; the wind blows NE
  auto result = run_drift(leeway_class("LIFE-RAFT-NB-4"), spec, {}, *forcing, {});
  ASSERT_TRUE(result);
  EXPECT_GT(result->missing_forcing, 900U);
  EXPECT_EQ(result->active + result->missing_forcing, 1000U);
  // A deactivated particle keeps its last position inside the grid.
  for (std::size_t particle = 0; particle < 1000; ++particle) {
    if (result->status[particle] == ParticleStatus::kMissingForcing) {
      EXPECT_GT(result->lat[particle], 51.29 - 0.05);
    }
  }
}

TEST(DriftSimulationTest, BacktrackReturnsToTheLaunchPoint) {
  auto forcing = dover_forcing();
  ASSERT_TRUE(forcing);
  LeewayOptions leeway;
  leeway.stochastic = false;
  leeway.jibe_probability_per_hour = 0;
  leeway.orientation = 0;
  RunOptions options;
  options.duration_s = 12 * 3600;
  auto forward = run_drift(leeway_class("PIW-1"), datum(1, 0), leeway, *forcing, options);
  ASSERT_TRUE(forward);
  SeedSpec found = datum(1, 0);
  found.start = {forward->lat[0], forward->lon[0]};
  found.time = forward->end_time;
  options.backtrack = true;
  auto backward = run_drift(leeway_class("PIW-1"), found, leeway, *forcing, options);
  ASSERT_TRUE(backward) << backward.error().detail;
  EXPECT_EQ(backward->end_time, kStart);
  // Euler steps are not exactly reversible; the error is a few tens of metres in 12 h.
  EXPECT_LT(geodesic_distance_m({backward->lat[0], backward->lon[0]}, {51.0, 1.5}), 100.0);
  EXPECT_GT(geodesic_distance_m(found.start, {51.0, 1.5}), 3000.0);
}

TEST(DriftSimulationTest, ParticlesStrandOnTheCoast) {
  // Land north of 51.02 N; wind and current push north.
  auto land = LandMask::from_geojson(
      R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1.0,51.02],[2.0,51.02],[2.0,51.5],[1.0,51.5],[1.0,51.02]]]}})");
  ASSERT_TRUE(land) << land.error().detail;
  EXPECT_TRUE((*land)->contains(51.1, 1.5));
  EXPECT_FALSE((*land)->contains(51.0, 1.5));
  ConstantForcing forcing({0, 10}, {0, 0.5});
  RunOptions options;
  options.duration_s = 6 * 3600;
  options.land = land->get();
  auto result = run_drift(leeway_class("PIW-1"), datum(500, 200), {}, forcing, options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->stranded, 500U);
  for (double lat : result->lat) EXPECT_LT(lat, 51.02);
  EXPECT_FALSE(LandMask::from_geojson("{\"type\":\"Point\",\"coordinates\":[1,2]}"));
  EXPECT_FALSE(LandMask::from_geojson("not json"));
}

TEST(DriftSimulationTest, BadSettingsAreErrors) {
  ConstantForcing forcing({5, 5}, {0, 0});
  RunOptions options;
  options.dt_s = 0;
  EXPECT_FALSE(run_drift(leeway_class("1"), datum(10, 0), {}, forcing, options));
  EXPECT_FALSE(run_drift(leeway_class("1"), datum(0, 0), {}, forcing, {}));
  SeedSpec bad = datum(10, -1);
  EXPECT_FALSE(run_drift(leeway_class("1"), bad, {}, forcing, {}));
  LeewayOptions leeway;
  leeway.jibe_probability_per_hour = 2;
  EXPECT_FALSE(run_drift(leeway_class("1"), datum(10, 0), leeway, forcing, {}));
}

}  // namespace
}  // namespace sw::drift
