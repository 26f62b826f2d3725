#include "core/geo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

namespace sw {
namespace {

TEST(LocalFrame, RoundTripsWithinAMillimetre) {
  const LocalFrame frame({51.0, 1.5});  // Dover Strait
  const LatLon calais{50.9667, 1.8500};
  const EastNorth point = frame.forward(calais);
  const LatLon back = frame.reverse(point);
  EXPECT_NEAR(back.lat, calais.lat, 1e-8);
  EXPECT_NEAR(back.lon, calais.lon, 1e-8);
  EXPECT_GT(point.east, 24000.0);
  EXPECT_LT(point.north, 0.0);
}

/// Largest difference, in metres, between a fitted frame and the exact projection over
/// random points of its area (forward), and of the matching plane box (reverse).
struct FitError {
  double forward_m = 0.0;
  double reverse_m = 0.0;
};

FitError fit_error(LatLon origin, double half_lat, double half_lon) {
  const LocalFrame fitted = LocalFrame::for_area(origin, half_lat, half_lon);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  FitError error;
  for (int i = 0; i < 20000; ++i) {
    const LatLon position{origin.lat + half_lat * unit(rng), origin.lon + half_lon * unit(rng)};
    const EastNorth fast = fitted.forward(position);
    const EastNorth exact = fitted.exact_forward(position);
    error.forward_m =
        std::max(error.forward_m, std::hypot(fast.east - exact.east, fast.north - exact.north));
    const LatLon back = fitted.reverse(exact);
    error.reverse_m = std::max(error.reverse_m, geodesic_distance_m(back, position));
  }
  return error;
}

TEST(LocalFrame, FittedAreaIsWithinTenNanometresOfTheExactProjection) {
  // The picture's area about the Strait, a radar's coverage, and a wide high-latitude box.
  for (const auto& [origin, half_lat, half_lon] :
       {std::tuple{LatLon{51.0, 1.45}, 2.0, 3.0}, std::tuple{LatLon{51.12, 1.33}, 0.7, 1.1},
        std::tuple{LatLon{60.0, -179.5}, 2.0, 4.0}}) {
    const FitError error = fit_error(origin, half_lat, half_lon);
    EXPECT_LT(error.forward_m, 1e-8) << origin.lat << " " << origin.lon;
    EXPECT_LT(error.reverse_m, 1e-8) << origin.lat << " " << origin.lon;
  }
}

TEST(LocalFrame, FittedFrameIsExactOutsideItsArea) {
  const LocalFrame fitted = LocalFrame::for_area({51.0, 1.45}, 1.0, 1.0);
  const LatLon far{48.5, -4.5};  // Ushant, beyond the fitted box
  const EastNorth point = fitted.forward(far);
  const EastNorth exact = fitted.exact_forward(far);
  EXPECT_EQ(point.east, exact.east);
  EXPECT_EQ(point.north, exact.north);
  const LatLon back = fitted.reverse(point);
  EXPECT_NEAR(back.lat, far.lat, 1e-9);
  EXPECT_NEAR(back.lon, far.lon, 1e-9);
  // Across the antimeridian the offsets wrap.
  const LocalFrame pacific = LocalFrame::for_area({0.0, 179.9}, 1.0, 1.0);
  const EastNorth east_of_it = pacific.forward({0.0, -179.9});
  EXPECT_NEAR(east_of_it.east, 22264.0, 5.0);
  EXPECT_NEAR(pacific.reverse(east_of_it).lon, -179.9, 1e-9);
}

TEST(Geodesic, DoverToCalaisDistance) {
  // Dover harbour to Calais harbour is about 41 km along the geodesic.
  const double distance = geodesic_distance_m({51.1167, 1.3333}, {50.9667, 1.8500});
  EXPECT_NEAR(distance, 40'300.0, 1'000.0);
  const double bearing = geodesic_bearing_deg({51.1167, 1.3333}, {50.9667, 1.8500});
  EXPECT_GT(bearing, 110.0);
  EXPECT_LT(bearing, 125.0);
}

}  // namespace
}  // namespace sw
