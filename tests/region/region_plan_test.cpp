// The region plan file and the map it gives: the project's Dover plan, and plans an
// operator gets wrong (each refused with a code and the key at fault).

#include <gtest/gtest.h>

#include "region/region_map.h"
#include "region/region_plan.h"

namespace sw::region {
namespace {

TEST(RegionPlan, TheDoverPlanHasThreeBandsAndPlacesTheStraitInThem) {
  Result<RegionPlan> plan =
      load_region_plan(std::string(SW_TEST_DATA_DIR) + "/../../scenarios/regions-dover.toml");
  ASSERT_TRUE(plan) << plan.error().detail;
  ASSERT_EQ(plan->regions.size(), 3U);
  EXPECT_EQ(plan->regions[0].name, "uk");
  EXPECT_DOUBLE_EQ(plan->regions[0].margin_m, 3000);
  EXPECT_EQ(plan->bus.prefix, "sw");
  EXPECT_DOUBLE_EQ(plan->handover.gate_m, 1000);
  Result<RegionMap> map = RegionMap::create(*plan, LatLon{51.0, 1.45});
  ASSERT_TRUE(map) << map.error().detail;
  const auto name_at = [&](LatLon position) {
    const auto owner = map->owner(position);
    return owner ? map->name(*owner) : std::string("none");
  };
  EXPECT_EQ(name_at({51.12, 1.33}), "uk");    // Port of Dover
  EXPECT_EQ(name_at({50.97, 1.85}), "fr");    // Port of Calais
  EXPECT_EQ(name_at({51.05, 1.60}), "mid");   // the north-east-bound lane
  EXPECT_EQ(name_at({55.0, -10.0}), "none");  // far outside every band
  // The margin: the uk band fuses a little of the mid band, not all of it.
  const std::size_t uk = 0;
  EXPECT_FALSE(map->covers(uk, {50.97, 1.85}));
  bool some_mid_covered = false;
  for (double lat = 50.95; lat < 51.2; lat += 0.002) {
    if (name_at({lat, 1.60}) == "mid" && map->covers(uk, {lat, 1.60})) some_mid_covered = true;
  }
  EXPECT_TRUE(some_mid_covered);
}

TEST(RegionPlan, MistakesAreRefusedWithTheirCode) {
  const std::string region = "[[region]]\nname = \"a\"\npolygon = [[0,0],[1,0],[1,1]]\n";
  struct Case {
    std::string text;
    std::string code;
    std::string says;
  };
  const std::vector<Case> cases{
      {"[bus]\nurl = \"x\"\n" + region, "region_key", "bus.url"},
      {"[[region]]\nname = \"a.b\"\npolygon = [[0,0],[1,0],[1,1]]\n", "region_value", "name"},
      {region + region, "region_value", "used twice"},
      {"[[region]]\nname = \"a\"\npolygon = [[0,0],[1,0]]\n", "region_value", "3 to 10000"},
      {"[[region]]\nname = \"a\"\npolygon = [[0,0],[1,0],[1,1]]\nmargin_m = -1\n", "region_value",
       "margin_m"},
      {"[handover]\ngate_m = 0\n" + region, "region_value", "gate_m"},
      {"[bus]\nprefix = \"a b\"\n" + region, "region_value", "prefix"},
      {"", "region_value", "no [[region]]"},
      {"[[region]\n", "region_syntax", ""},
      {"a = '\xa9'\n", "region_syntax", "not UTF-8 at byte 5"},
      {"a = " + std::string(200, '[') + std::string(200, ']') + "\n", "region_syntax",
       "nested too deeply"},
  };
  for (const Case& wrong : cases) {
    Result<RegionPlan> plan = parse_region_plan(wrong.text, "plan.toml");
    ASSERT_FALSE(plan) << wrong.text;
    EXPECT_EQ(plan.error().code, wrong.code) << wrong.text << plan.error().detail;
    EXPECT_NE(plan.error().detail.find(wrong.says), std::string::npos) << plan.error().detail;
  }
}

TEST(RegionPlan, ASelfCrossingPolygonGivesNoMap) {
  Result<RegionPlan> plan =
      parse_region_plan("[[region]]\nname = \"a\"\npolygon = [[0,0],[1,1],[1,0],[0,1]]\n", "p");
  ASSERT_TRUE(plan) << plan.error().detail;
  Result<RegionMap> map = RegionMap::create(*plan, LatLon{0.5, 0.5});
  ASSERT_FALSE(map);
  EXPECT_EQ(map.error().code, "region_value");
}

}  // namespace
}  // namespace sw::region
