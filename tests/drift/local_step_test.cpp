#include "drift/local_step.h"

#include <gtest/gtest.h>
#include <GeographicLib/Geodesic.hpp>

#include <cmath>

#include "core/counter_rng.h"
#include "core/geo.h"

namespace sw::drift {
namespace {

TEST(GeodesicStepperTest, MoveMatchesGeodesicDirectToMillimetres) {
  const auto& geodesic = GeographicLib::Geodesic::WGS84();
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  CounterRng rng(3, 0);
  for (int trial = 0; trial < 2000; ++trial) {
    const double lat0 = -70 + 140 * rng.uniform(), lon0 = -180 + 360 * rng.uniform();
    const double east = (rng.uniform() - 0.5) * 4000, north = (rng.uniform() - 0.5) * 4000;
    double lat = lat0, lon = lon0;
    stepper.move(lat, lon, east, north);
    double lat_ref = 0, lon_ref = 0;
    geodesic.Direct(lat0, lon0, std::atan2(east, north) * 180 / M_PI, std::hypot(east, north),
                    lat_ref, lon_ref);
    EXPECT_LT(geodesic_distance_m({lat, lon}, {lat_ref, lon_ref}), 5e-3) << trial;
  }
}

TEST(GeodesicStepperTest, MoveTwiceMatchesTwoMoves) {
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  CounterRng rng(4, 0);
  for (int trial = 0; trial < 1000; ++trial) {
    const double lat0 = 50 + 2 * rng.uniform(), lon0 = 1 + rng.uniform();
    double steps[4];
    for (double& step : steps) step = (rng.uniform() - 0.5) * 2000;
    double lat_a = lat0, lon_a = lon0, lat_b = lat0, lon_b = lon0;
    stepper.move(lat_a, lon_a, steps[0], steps[1]);
    stepper.move(lat_a, lon_a, steps[2], steps[3]);
    stepper.move_twice(lat_b, lon_b, steps[0], steps[1], steps[2], steps[3]);
    EXPECT_LT(geodesic_distance_m({lat_a, lon_a}, {lat_b, lon_b}), 5e-3);
  }
}

TEST(GeodesicStepperTest, DistanceMatchesGeodesicInverse) {
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  CounterRng rng(5, 0);
  for (int trial = 0; trial < 1000; ++trial) {
    const LatLon a{51 + (rng.uniform() - 0.5), 1.5 + (rng.uniform() - 0.5)};
    const LatLon b{a.lat + (rng.uniform() - 0.5) * 0.8, a.lon + (rng.uniform() - 0.5) * 1.2};
    const double reference = geodesic_distance_m(a, b);
    EXPECT_NEAR(stepper.distance_m(a.lat, a.lon, b.lat, b.lon), reference, 1e-5 * reference + 1e-3);
  }
}

}  // namespace
}  // namespace sw::drift
