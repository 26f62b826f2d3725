#include "sim/geography.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim_fixture.h"

namespace sw::sim {
namespace {

using testing::dover_geography;

TEST(GeographyTest, LoadsTheDoverStraitFeatures) {
  const Geography& geography = dover_geography();
  ASSERT_EQ(geography.lanes.size(), 2U);
  EXPECT_EQ(geography.zones_of_kind("tss_separation_zone").size(), 1U);
  EXPECT_EQ(geography.zones_of_kind("inshore_traffic_zone").size(), 2U);
  EXPECT_EQ(geography.zones_of_kind("srr").size(), 2U);
  EXPECT_EQ(geography.points_of_kind("port").size(), 5U);
  EXPECT_EQ(geography.points_of_kind("launch_area").size(), 5U);
  EXPECT_EQ(geography.points_of_kind("landmark").size(), 9U);
  for (const Lane& lane : geography.lanes) EXPECT_EQ(lane.sections.size(), 8U) << lane.name;
}

TEST(GeographyTest, LaneSectionsRunInTheDirectionOfTraffic) {
  for (const Lane& lane : dover_geography().lanes) {
    const auto middle = [](const std::pair<LatLon, LatLon>& section) {
      return LatLon{(section.first.lat + section.second.lat) / 2,
                    (section.first.lon + section.second.lon) / 2};
    };
    const double axis =
        geodesic_bearing_deg(middle(lane.sections.front()), middle(lane.sections.back()));
    EXPECT_LT(std::fabs(std::remainder(axis - lane.direction_deg, 360.0)), 30.0) << lane.name;
    for (const auto& [left, right] : lane.sections) {
      // Right of the direction of traffic: about +90 degrees from it.
      const double across = geodesic_bearing_deg(left, right);
      EXPECT_NEAR(std::remainder(across - lane.direction_deg, 360.0), 90.0, 45.0) << lane.name;
    }
  }
}

TEST(GeographyTest, LanesContainTheirOwnAxisAndNotTheSeparationZone) {
  const Geography& geography = dover_geography();
  const GeoRing& separation = geography.zones_of_kind("tss_separation_zone").front()->ring;
  for (const Lane& lane : geography.lanes) {
    // The first and last sections are the lane's end edges: their middles lie on the ring.
    for (std::size_t section_idx = 1; section_idx + 1 < lane.sections.size(); ++section_idx) {
      const auto& [left, right] = lane.sections[section_idx];
      const LatLon middle{(left.lat + right.lat) / 2, (left.lon + right.lon) / 2};
      EXPECT_TRUE(ring_contains(lane.ring, middle)) << lane.name;
      EXPECT_FALSE(ring_contains(separation, middle)) << lane.name;
    }
  }
  // Dover harbour is in neither lane; the Sandettie light vessel is in the north-east lane.
  const LatLon dover = (*geography.find_point("Dover", "port"))->position;
  const LatLon sandettie = (*geography.find_point("Sandettie light vessel"))->position;
  for (const Lane& lane : geography.lanes) EXPECT_FALSE(ring_contains(lane.ring, dover));
  int lanes_with_sandettie = 0;
  for (const Lane& lane : geography.lanes) {
    if (ring_contains(lane.ring, sandettie)) {
      ++lanes_with_sandettie;
      EXPECT_DOUBLE_EQ(lane.direction_deg, 40.0);
    }
  }
  EXPECT_EQ(lanes_with_sandettie, 1);
}

TEST(GeographyTest, FindsPointsByExactOrUniquePartialName) {
  const Geography& geography = dover_geography();
  auto gris_nez = geography.find_point("cap gris-nez");
  ASSERT_TRUE(gris_nez.ok());
  EXPECT_EQ((*gris_nez)->kind, "landmark");
  EXPECT_NEAR((*gris_nez)->position.lat, 50.869, 1e-9);
  auto calais = geography.find_point("Calais", "port");
  ASSERT_TRUE(calais.ok());
  EXPECT_EQ((*calais)->country, "FR");
  EXPECT_EQ(geography.find_point("Dover").error().code, "ambiguous_place");
  EXPECT_EQ(geography.find_point("Atlantis").error().code, "unknown_place");
  EXPECT_EQ(geography.find_point("Dungeness", "port").error().code, "unknown_place");
}

TEST(GeographyTest, RefusesBrokenGeoJson) {
  const char* const broken[] = {
      "",
      "[1, 2]",
      R"({"type": "FeatureCollection"})",
      R"({"type": "FeatureCollection", "features": []})",
      R"({"type": "FeatureCollection", "features": [{"properties": {"kind": "tss_lane"},
          "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}]})",
      R"({"type": "FeatureCollection", "features": [{"properties": {"kind": "tss_lane",
          "direction_deg": 40}, "geometry": {"type": "Polygon",
          "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}]})",
      R"({"type": "FeatureCollection", "features": [{"properties": {"kind": "port"},
          "geometry": {"type": "Point", "coordinates": [1, 95]}}]})",
      R"({"type": "FeatureCollection", "features": [{"properties": {"kind": "srr"},
          "geometry": {"type": "Point", "coordinates": [1, 50]}}]})",
  };
  for (const char* text : broken) {
    const auto parsed = parse_geography(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, "bad_geography") << text;
  }
  EXPECT_EQ(load_geography("/nonexistent/geo.json").error().code, "io");
}

TEST(GeographyTest, RingContainsUsesTheEvenOddRule) {
  const GeoRing square{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}};
  EXPECT_TRUE(ring_contains(square, {0.5, 0.5}));
  EXPECT_FALSE(ring_contains(square, {1.5, 0.5}));
  EXPECT_FALSE(ring_contains(square, {0.5, -0.1}));
}

}  // namespace
}  // namespace sw::sim
