#include "core/geo.h"

#include <gtest/gtest.h>

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
