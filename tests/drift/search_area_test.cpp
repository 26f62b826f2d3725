#include "drift/search_area.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/counter_rng.h"
#include "drift/geojson.h"
#include "drift/local_step.h"

namespace sw::drift {
namespace {

// A synthetic cloud: isotropic Gaussian of sigma metres about a centre (plus an optional
// second cluster), all active.
DriftResult gaussian_cloud(std::size_t count, double sigma_m, LatLon centre,
                           std::size_t second_count = 0, LatLon second = {}) {
  DriftResult result;
  CounterRng rng(99, 0);
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  for (std::size_t particle = 0; particle < count + second_count; ++particle) {
    const LatLon origin = particle < count ? centre : second;
    double lat = origin.lat, lon = origin.lon;
    stepper.move(lat, lon, rng.normal() * sigma_m, rng.normal() * sigma_m);
    result.lat.push_back(lat);
    result.lon.push_back(lon);
    result.status.push_back(ParticleStatus::kActive);
    result.orientation.push_back(0);
  }
  return result;
}

TEST(SearchAreaTest, RadiiOfAGaussianCloud) {
  const DriftResult cloud = gaussian_cloud(200'000, 1000, {51.0, 1.5});
  const CloudStats stats = cloud_stats(cloud);
  EXPECT_EQ(stats.active, 200'000U);
  EXPECT_NEAR(stats.centroid.lat, 51.0, 1e-4);
  EXPECT_NEAR(stats.centroid.lon, 1.5, 1.5e-4);
  // Rayleigh quantiles: sigma * sqrt(2 ln 2) and sigma * sqrt(2 ln 10).
  EXPECT_NEAR(stats.r50_m, 1000 * std::sqrt(2 * std::log(2.0)), 10);
  EXPECT_NEAR(stats.r90_m, 1000 * std::sqrt(2 * std::log(10.0)), 15);
}

TEST(SearchAreaTest, RegionsOfAGaussianCloudAreDiscsOfTheRightArea) {
  const DriftResult cloud = gaussian_cloud(200'000, 2000, {51.0, 1.5});
  const CloudStats stats = cloud_stats(cloud);
  auto area = make_search_area(cloud, stats, {.cell_m = 100, .smoothing_cells = 1.5});
  ASSERT_TRUE(area) << area.error().detail;
  double total = 0;
  for (float probability : area->probability) total += probability;
  EXPECT_NEAR(total, 1.0, 1e-4);
  // Highest-density 50 % region of an isotropic Gaussian: disc of radius r50 (area
  // 2 pi ln2 sigma^2 = 17.4 km2 here); 90 %: 2 pi ln10 sigma^2 = 57.9 km2. Smoothing
  // widens sigma by sqrt(1 + (150/2000)^2), about 0.3 %.
  EXPECT_NEAR(area->p50.area_km2, 2 * M_PI * std::log(2.0) * 4, 0.6);
  EXPECT_NEAR(area->p90.area_km2, 2 * M_PI * std::log(10.0) * 4, 1.5);
  EXPECT_GE(area->p50.probability, 0.5);
  EXPECT_GE(area->p90.probability, 0.9);
  ASSERT_EQ(area->p50.polygons.size(), 1U);
  ASSERT_EQ(area->p90.polygons.size(), 1U);
  const Ring& ring = area->p50.polygons[0][0];
  EXPECT_EQ(ring.front().lat, ring.back().lat);
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  for (const LatLon& vertex : ring) {
    EXPECT_NEAR(stepper.distance_m(51.0, 1.5, vertex.lat, vertex.lon),
                2000 * std::sqrt(2 * std::log(2.0)), 300);
  }
}

TEST(SearchAreaTest, TwoSeparateClustersGiveTwoPolygons) {
  const DriftResult cloud = gaussian_cloud(50'000, 500, {51.0, 1.5}, 50'000, {51.1, 1.7});
  const CloudStats stats = cloud_stats(cloud);
  auto area = make_search_area(cloud, stats);
  ASSERT_TRUE(area);
  EXPECT_EQ(area->p50.polygons.size(), 2U);
  EXPECT_EQ(area->p90.polygons.size(), 2U);
}

TEST(SearchAreaTest, RingsAroundAHoleAreTracedWithTheHole) {
  // An annulus: particles on a ring of radius 3 km, sigma 300 m.
  DriftResult cloud;
  CounterRng rng(7, 0);
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  for (int particle = 0; particle < 100'000; ++particle) {
    const double angle = 2 * M_PI * rng.uniform();
    const double radius = 3000 + 300 * rng.normal();
    double lat = 51.0, lon = 1.5;
    stepper.move(lat, lon, radius * std::sin(angle), radius * std::cos(angle));
    cloud.lat.push_back(lat);
    cloud.lon.push_back(lon);
    cloud.status.push_back(ParticleStatus::kActive);
    cloud.orientation.push_back(0);
  }
  auto area = make_search_area(cloud, cloud_stats(cloud));
  ASSERT_TRUE(area);
  ASSERT_EQ(area->p90.polygons.size(), 1U);
  EXPECT_EQ(area->p90.polygons[0].size(), 2U);  // outer ring and the hole
}

TEST(SearchAreaTest, GeoJsonHasRegionsCentroidAndSeed) {
  const DriftResult cloud = gaussian_cloud(20'000, 1000, {51.0, 1.5});
  const CloudStats stats = cloud_stats(cloud);
  auto area = make_search_area(cloud, stats);
  ASSERT_TRUE(area);
  SearchAreaRun run;
  run.object_class = "1 PIW-1";
  run.seed = 42;
  run.particles = 20'000;
  const auto document = nlohmann::json::parse(search_area_geojson(*area, stats, run));
  EXPECT_EQ(document["type"], "FeatureCollection");
  EXPECT_EQ(document["properties"]["seed"], 42);
  ASSERT_EQ(document["features"].size(), 3U);
  EXPECT_EQ(document["features"][0]["geometry"]["type"], "MultiPolygon");
  EXPECT_EQ(document["features"][0]["properties"]["level"], 0.9);
  EXPECT_EQ(document["features"][1]["properties"]["level"], 0.5);
  EXPECT_EQ(document["features"][2]["geometry"]["type"], "Point");
  const auto& first = document["features"][1]["geometry"]["coordinates"][0][0][0];
  EXPECT_NEAR(first[0].get<double>(), 1.5, 0.1);  // lon first
  EXPECT_NEAR(first[1].get<double>(), 51.0, 0.1);
}

TEST(SearchAreaTest, NoActiveParticlesIsAnError) {
  DriftResult cloud = gaussian_cloud(10, 100, {51.0, 1.5});
  for (auto& status : cloud.status) status = ParticleStatus::kMissingForcing;
  const CloudStats stats = cloud_stats(cloud);
  EXPECT_EQ(stats.active, 0U);
  EXPECT_FALSE(make_search_area(cloud, stats));
}

}  // namespace
}  // namespace sw::drift
