// SearchPlanner: drift search areas attached to alerts, with the forecast's uncertainty as
// an ensemble of perturbed forcings.

#include "risk/search_planner.h"

#include <gtest/gtest.h>

#include "core/units.h"

namespace sw::risk {
namespace {

constexpr TimeNs kT0 = 1'700'000'000 * kNsPerSecond;
constexpr LatLon kStop{51.0, 1.5};

Environment environment() {
  Environment environment;
  environment.wind_to = {units::knots_to_mps(12) * 0.5, units::knots_to_mps(12) * 0.866};
  environment.current = {0.3, 0.35};
  return environment;
}

std::vector<AttachedSearchArea> plan(const SearchSettings& settings, std::uint64_t seed = 7) {
  Result<SearchPlanner> planner = SearchPlanner::create(settings, environment());
  EXPECT_TRUE(planner.ok());
  return planner->plan(kStop, 100.0, kT0, seed);
}

TEST(SearchPlanner, ForecastUncertaintyWidensTheAreasAndKeepsThemReproducible) {
  SearchSettings exact;
  exact.wind_speed_sigma_mps = 0;
  exact.wind_from_sigma_deg = 0;
  exact.current_sigma_mps = 0;
  const SearchSettings uncertain;  // the defaults: 1 m/s, 20 deg, 0.1 m/s
  const auto narrow = plan(exact);
  const auto wide = plan(uncertain);
  ASSERT_EQ(narrow.size(), 3U);
  ASSERT_EQ(wide.size(), 3U);
  for (std::size_t index = 0; index < 3; ++index) {
    SCOPED_TRACE(narrow[index].hours);
    EXPECT_EQ(wide[index].particles, uncertain.particles);
    // A current error of 0.1 m/s per axis alone spreads the cloud by 360 m per hour.
    EXPECT_GT(wide[index].area90_km2, 2.0 * narrow[index].area90_km2);
    EXPECT_GT(wide[index].r90_m, narrow[index].r90_m + 300.0 * wide[index].hours);
    // Both clouds drift the same way on average: centroids within the spread.
    EXPECT_LT(geodesic_distance_m(wide[index].centroid, narrow[index].centroid), wide[index].r50_m);
  }
  // Same seed, same areas; another seed, other areas.
  const auto again = plan(uncertain);
  EXPECT_EQ(again[2].centroid.lat, wide[2].centroid.lat);
  EXPECT_EQ(again[2].area90_km2, wide[2].area90_km2);
  EXPECT_NE(plan(uncertain, 8)[2].centroid.lat, wide[2].centroid.lat);
}

TEST(SearchPlanner, OneMemberIsTheForecastAsGiven) {
  SearchSettings one;
  one.forcing_members = 1;
  SearchSettings exact;
  exact.wind_speed_sigma_mps = 0;
  exact.wind_from_sigma_deg = 0;
  exact.current_sigma_mps = 0;
  const auto single = plan(one);
  const auto plain = plan(exact);
  ASSERT_EQ(single.size(), plain.size());
  EXPECT_EQ(single[1].centroid.lat, plain[1].centroid.lat);
  EXPECT_EQ(single[1].area90_km2, plain[1].area90_km2);
}

}  // namespace
}  // namespace sw::risk
