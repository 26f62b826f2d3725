#include "sim/scenario.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/counter_rng.h"
#include "sim/sim_time.h"
#include "sim_fixture.h"

namespace sw::sim {
namespace {

using testing::repo_data;

TEST(ScenarioTest, EmptyTextGivesTheDoverDefaults) {
  const auto scenario = parse_scenario("");
  ASSERT_TRUE(scenario.ok()) << scenario.error().detail;
  EXPECT_EQ(scenario->start, *parse_utc("2024-08-15T04:00:00Z"));
  EXPECT_EQ(scenario->duration_s, 3600);
  EXPECT_EQ(scenario->radars.size(), 2U);
  EXPECT_EQ(scenario->radars[0].id, "dover");
  EXPECT_EQ(scenario->radars[0].rotation_s, 2.5);
  EXPECT_EQ(scenario->radars[1].place.site, "Cap Gris-Nez");
  EXPECT_EQ(scenario->radars[1].rotation_s, 3.0);
  EXPECT_EQ(scenario->ais_receivers.size(), 2U);
  EXPECT_EQ(scenario->patrols.size(), 2U);
  EXPECT_EQ(scenario->aircraft.size(), 2U);
  EXPECT_TRUE(scenario->aircraft[1].drone);
  EXPECT_EQ(scenario->small_boat.persons.low, 40);
  EXPECT_EQ(scenario->small_boat.persons.high, 60);
}

TEST(ScenarioTest, TheDefaultFileSpellsOutTheBuiltInDefaults) {
  const auto from_file = load_scenario(repo_data("sim/dover_default.toml"));
  ASSERT_TRUE(from_file.ok()) << from_file.error().detail;
  const Scenario built_in = default_scenario();
  EXPECT_EQ(from_file->start, built_in.start);
  EXPECT_EQ(from_file->seed, built_in.seed);
  EXPECT_EQ(from_file->merchant.initial, built_in.merchant.initial);
  EXPECT_EQ(from_file->ferry.dover_calais, built_in.ferry.dover_calais);
  EXPECT_EQ(from_file->small_boat.count, built_in.small_boat.count);
  ASSERT_EQ(from_file->radars.size(), built_in.radars.size());
  for (std::size_t radar_idx = 0; radar_idx < built_in.radars.size(); ++radar_idx) {
    const RadarConfig& file_radar = from_file->radars[radar_idx];
    const RadarConfig& default_radar = built_in.radars[radar_idx];
    EXPECT_EQ(file_radar.id, default_radar.id);
    EXPECT_EQ(file_radar.place.site, default_radar.place.site);
    EXPECT_EQ(file_radar.rotation_s, default_radar.rotation_s);
    EXPECT_EQ(file_radar.range_50_m, default_radar.range_50_m);
    EXPECT_EQ(file_radar.clutter_sector_deg.low, default_radar.clutter_sector_deg.low);
    EXPECT_EQ(file_radar.clutter_sector_deg.high, default_radar.clutter_sector_deg.high);
  }
  ASSERT_EQ(from_file->patrols.size(), 2U);
  EXPECT_EQ(from_file->patrols[1].route.size(), built_in.patrols[1].route.size());
  EXPECT_EQ(from_file->aircraft[0].callsign, built_in.aircraft[0].callsign);
  EXPECT_EQ(from_file->geography_path(), repo_data("sim") + "/../geo/dover_strait.geojson");
  const auto busy = load_scenario(repo_data("sim/dover_busy.toml"));
  ASSERT_TRUE(busy.ok()) << busy.error().detail;
  EXPECT_GT(busy->merchant.initial, from_file->merchant.initial);
  EXPECT_EQ(busy->radars.size(), 2U);  // not given: the defaults
}

TEST(ScenarioTest, ReadsEveryKindOfValue) {
  const auto scenario = parse_scenario(R"(
[scenario]
start = "2025-01-02T03:04:05Z"
duration_s = 600
seed = 42
[environment]
sea_state = 5
[traffic.small_boat]
persons = [10, 20]
[[radar]]
id = "r1"
position = { lat = 51.0, lon = 1.5 }
rotation_s = 4
clutter_sector_deg = [300, 60]
[[aircraft]]
name = "Test plane"
type = "drone"
pattern = "lawnmower"
releasable_to = ["GBR"]
[output]
truth_per_scan_of = "r1"
)");
  ASSERT_TRUE(scenario.ok()) << scenario.error().detail;
  EXPECT_EQ(scenario->start, *parse_utc("2025-01-02T03:04:05Z"));
  EXPECT_EQ(scenario->seed, 42U);
  EXPECT_EQ(scenario->environment.sea_state, 5);
  EXPECT_EQ(scenario->small_boat.persons.high, 20);
  ASSERT_EQ(scenario->radars.size(), 1U);  // replaces the default list
  ASSERT_TRUE(scenario->radars[0].place.position.has_value());
  EXPECT_EQ(scenario->radars[0].place.position->lon, 1.5);
  EXPECT_EQ(scenario->radars[0].clutter_sector_deg.low, 300);
  ASSERT_EQ(scenario->aircraft.size(), 1U);
  EXPECT_TRUE(scenario->aircraft[0].drone);
  EXPECT_EQ(scenario->aircraft[0].pattern, FlightPattern::kLawnmower);
  EXPECT_EQ(scenario->aircraft[0].callsign, "Test plane");
  EXPECT_EQ(scenario->ais_receivers.size(), 2U);  // not given: the defaults
  // A TOML offset date-time works as well as a string, offsets applied.
  const auto offset = parse_scenario("[scenario]\nstart = 2025-01-02T04:04:05+01:00\n");
  ASSERT_TRUE(offset.ok()) << offset.error().detail;
  EXPECT_EQ(offset->start, scenario->start);
}

struct BadScenario {
  const char* text;
  const char* code;
  const char* mentions;
};

TEST(ScenarioTest, RefusesMistakesWithClearErrors) {
  const BadScenario cases[] = {
      {"[scenari]\nseed = 1\n", "scenario_unknown_key", "scenari"},
      {"[scenario]\nsede = 1\n", "scenario_unknown_key", "scenario.sede"},
      {"[traffic.merchant]\ninitial = 3\nspeed = [1, 2]\n", "scenario_unknown_key",
       "traffic.merchant.speed"},
      {"[[radar]]\nid = \"x\"\nsite = \"Cap Gris-Nez\"\nrpm = 20\n", "scenario_unknown_key",
       "radar[0].rpm"},
      {"[[radar]]\nid = \"x\"\nposition = { lat = 51, lon = 1, alt = 3 }\n", "scenario_unknown_key",
       "alt"},
      {"[scenario]\nseed = \"one\"\n", "scenario_type", "scenario.seed"},
      {"[scenario]\nduration_s = -5\n", "scenario_value", "scenario.duration_s"},
      {"[scenario]\nstart = 2024-08-15T04:00:00\n", "scenario_type", "scenario.start"},
      {"[scenario]\nstart = \"tomorrow\"\n", "scenario_value", "scenario.start"},
      {"[environment]\nsea_state = 12\n", "scenario_value", "sea_state"},
      {"[traffic.small_boat]\npersons = [60, 40]\n", "scenario_value", "persons"},
      {"[traffic.small_boat]\nengine_failure_probability = 0.7\nturn_back_probability = 0.5\n",
       "scenario_value", "exceeds 1"},
      {"[[radar]]\nid = \"x\"\n", "scenario_value", "site"},
      {"[[radar]]\nid = \"x\"\nsite = \"a\"\n[[radar]]\nid = \"x\"\nsite = \"b\"\n",
       "scenario_value", "repeated"},
      {"[[patrol]]\nname = \"P\"\nroute = [{ lat = 51, lon = 1 }]\n", "scenario_value", "route"},
      {"[[aircraft]]\nname = \"A\"\npattern = \"circle\"\n", "scenario_value", "pattern"},
      {"[output]\ntruth_per_scan_of = \"nope\"\n", "scenario_value", "nope"},
      {"[scenario\nseed = 1\n", "scenario_syntax", ""},
      {"seed = 1\nseed = 2\n", "scenario_syntax", ""},
      {"radar = 3\n", "scenario_type", "radar"},
      {"[scenario]\nstart = 9999-12-31T23:59:59Z\n", "scenario_value", "scenario.start: year"},
      {"[scenario]\nstart = \"9999-12-31T23:59:59Z\"\n", "scenario_value", "scenario.start: year"},
      {"[scenario]\nname = '\xa9'\n", "scenario_syntax", "not UTF-8 at byte 19"},
      {"a = [\"\"\"x\"\"\"\", [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
       "scenario_syntax", "nested too deeply"},
  };
  for (const BadScenario& bad : cases) {
    const auto scenario = parse_scenario(bad.text, "test.toml");
    ASSERT_FALSE(scenario.ok()) << bad.text;
    EXPECT_EQ(scenario.error().code, bad.code) << bad.text << " -> " << scenario.error().detail;
    EXPECT_NE(scenario.error().detail.find(bad.mentions), std::string::npos)
        << bad.text << " -> " << scenario.error().detail;
  }
  EXPECT_EQ(load_scenario("/nonexistent/scenario.toml").error().code, "io");
}

TEST(ScenarioTest, MangledFilesGiveErrorsNotCrashes) {
  std::ifstream file(repo_data("sim/dover_default.toml"));
  std::stringstream text;
  text << file.rdbuf();
  const std::string original = text.str();
  CounterRng rng(99, 0);
  static constexpr char kBytes[] = "[]{}=\"'#.,-+:0123456789abcdefTZ_ \n\t\\\x00\xff";
  std::size_t refused = 0;
  for (int round = 0; round < 400; ++round) {
    std::string mangled = original;
    const int edits = 1 + static_cast<int>(rng.next() % 6);
    for (int edit = 0; edit < edits; ++edit) {
      const std::size_t at = rng.next() % mangled.size();
      switch (rng.next() % 3) {
        case 0: mangled[at] = kBytes[rng.next() % (sizeof kBytes - 1)]; break;
        case 1: mangled.erase(at, 1 + rng.next() % 20); break;
        default: mangled.resize(at); break;
      }
      if (mangled.empty()) mangled = "x";
    }
    const auto scenario = parse_scenario(mangled, "mangled.toml");
    if (!scenario.ok()) {
      ++refused;
      EXPECT_EQ(scenario.error().code.rfind("scenario_", 0), 0U) << scenario.error().code;
    }
  }
  EXPECT_GT(refused, 200U);  // most mangled files are refused: the error paths ran
  // Deep nesting is refused before the parser recurses into it.
  const auto deep = parse_scenario("x = " + std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().code, "scenario_syntax");
  EXPECT_FALSE(parse_scenario(std::string(2 << 20, ' ')).ok());
}

}  // namespace
}  // namespace sw::sim
