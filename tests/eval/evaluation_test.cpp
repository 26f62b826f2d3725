// The life-safety evaluation (straitwatch evaluate), short version: one seed, one hour of
// scenarios/night-of-24-november.toml through the whole pipeline, scored against the
// simulator's ground truth, with bounds on what the system must achieve; and the report
// folder it writes. bench/eval runs the long versions.

#include "eval/evaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../store/temp_directory.h"
#include "eval/report.h"
#include "sim/geography.h"
#include "sim/scenario.h"

namespace sw::eval {
namespace {

std::string scenario_path(const std::string& name) {
  return std::string(SW_TEST_DATA_DIR) + "/../../scenarios/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(EvaluationPlan, EveryScenarioOfTheRepositoryLoadsWithItsPlan) {
  for (const char* name :
       {"dover-busy-day.toml", "night-of-24-november.toml", "sensor-siting.toml"}) {
    SCOPED_TRACE(name);
    Result<sim::Scenario> scenario = sim::load_scenario(scenario_path(name));
    ASSERT_TRUE(scenario.ok()) << scenario.error().code << ": " << scenario.error().detail;
    Result<EvaluationPlan> plan = parse_evaluation_plan(read_file(scenario_path(name)), name);
    ASSERT_TRUE(plan.ok()) << plan.error().detail;
    EXPECT_GE(plan->seeds, 2U);
    for (const SitingVariant& variant : plan->variants) {
      for (const std::string& radar : variant.radars) {
        EXPECT_TRUE(std::any_of(scenario->radars.begin(), scenario->radars.end(),
                                [&radar](const auto& config) { return config.id == radar; }))
            << radar;
      }
    }
  }
  Result<EvaluationPlan> siting =
      parse_evaluation_plan(read_file(scenario_path("sensor-siting.toml")), "siting");
  ASSERT_TRUE(siting.ok());
  ASSERT_EQ(siting->variants.size(), 4U);
  EXPECT_EQ(siting->variants[1].name, "today + Boulogne");
  EXPECT_EQ(siting->variants[1].radars.size(), 3U);
}

TEST(EvaluationPlan, BadTablesAreClearErrors) {
  EXPECT_EQ(parse_evaluation_plan("[evaluation]\nseeds = 0\n", "t").error().code,
            "evaluation_value");
  EXPECT_EQ(parse_evaluation_plan("[evaluation]\nsedes = 3\n", "t").error().code, "evaluation_key");
  EXPECT_EQ(parse_evaluation_plan("[evaluation]\nhours = -1\n", "t").error().code,
            "evaluation_value");
  EXPECT_EQ(parse_evaluation_plan("[evaluation\n", "t").error().code, "evaluation_syntax");
  EXPECT_EQ(parse_evaluation_plan("[[evaluation.variant]]\nname = \"x\"\n", "t").error().code,
            "evaluation_value");  // radars missing
  EXPECT_EQ(
      parse_evaluation_plan("[[evaluation.variant]]\nname = \"x\"\nradars = []\nfoo = 1\n", "t")
          .error()
          .code,
      "evaluation_key");
  Result<EvaluationPlan> empty = parse_evaluation_plan("[scenario]\nname = \"x\"\n", "t");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->seeds, 1U);

  // A variant naming a radar the scenario does not have.
  Result<sim::Scenario> scenario = sim::load_scenario(scenario_path("sensor-siting.toml"));
  ASSERT_TRUE(scenario.ok());
  EvaluationPlan plan;
  plan.variants.push_back({"bad", {"dover", "nowhere"}});
  Result<nlohmann::json> result = evaluate(*scenario, plan);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "evaluation_value");
}

// One evaluation checked for every figure (a sanitizer build takes about two minutes).
TEST(Evaluation, ShortNightRunMeetsItsBoundsAndWritesTheReport) {
  Result<sim::Scenario> scenario = sim::load_scenario(scenario_path("night-of-24-november.toml"));
  ASSERT_TRUE(scenario.ok()) << scenario.error().detail;
  EvaluationPlan plan;
  plan.seeds = 1;
  plan.hours = 1.0;
  plan.calibration_stops = 20;
  Result<nlohmann::json> result = evaluate(*scenario, plan);
  ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().detail;
  const nlohmann::json& summary = *result;
  SCOPED_TRACE(summary.dump(1));

  // Ships carry AIS: all in the picture, within seconds of their first message.
  const nlohmann::json& ships = summary["tracking"]["ships"];
  EXPECT_GE(ships["vessels"].get<int>(), 30);
  EXPECT_GE(ships["completeness"].get<double>(), 0.97);
  EXPECT_LE(ships["time_to_track_s"]["p50"].get<double>(), 30.0);
  // Dark boats: those the radars reach are tracked (near the French beaches they are not).
  const nlohmann::json& boats = summary["tracking"]["small_boats"];
  EXPECT_GE(boats["vessels"].get<int>(), 6);
  EXPECT_GE(boats["tracked"].get<int>(), 3);
  EXPECT_GT(boats["completeness_after_detection"].get<double>(), 0.3);
  EXPECT_LE(boats["completeness_after_detection"].get<double>(), 1.0);
  // While a sensor keeps reporting a boat, the tracker holds it most of the time.
  EXPECT_GE(boats["completeness_in_sight"].get<double>(),
            boats["completeness_after_detection"].get<double>());
  EXPECT_GT(boats["completeness_in_sight"].get<double>(), 0.6);
  EXPECT_LT(summary["tracking"]["rms_position_error_m"].get<double>(), 100.0);

  // The boat in the lane meets the container ship (designed CPA 113 m): warned well ahead.
  const nlohmann::json& encounters = summary["warnings"]["encounters"];
  ASSERT_GE(encounters["count"].get<int>(), 1);
  bool found = false;
  for (const nlohmann::json& encounter : encounters["list"]) {
    if (encounter["boat"] != "BOAT IN THE LANE") continue;
    found = true;
    EXPECT_TRUE(encounter["warned"].get<bool>());
    EXPECT_GE(encounter["lead_min"].get<double>(), 15.0);
    EXPECT_LT(encounter["true_cpa_m"].get<double>(), 200.0);
  }
  EXPECT_TRUE(found);
  EXPECT_LT(summary["warnings"]["false_collision_per_hour_per_100_tracks"].get<double>(), 1.0);

  // Search areas: 20 stops; the 90 % area holds the truth at 1 h most of the time, and the
  // areas grow with the forecast time.
  const nlohmann::json& areas = summary["search_areas"];
  ASSERT_EQ(areas["by_hours"].size(), 3U);
  EXPECT_EQ(areas["by_hours"][0]["cases"].get<int>(), 20);
  EXPECT_GE(areas["by_hours"][0]["inside90"].get<double>(), 0.6);
  EXPECT_LT(areas["by_hours"][0]["area90_km2_p50"].get<double>(),
            areas["by_hours"][2]["area90_km2_p50"].get<double>());
  EXPECT_NE(areas["perturbation"].get<std::string>().find("N(0, 0.2 kn)"), std::string::npos);

  // Latency: the reorder window (5 s) plus at most a risk evaluation interval.
  EXPECT_LE(summary["latency"]["sensor_to_track_s"]["p50"].get<double>(), 6.0);
  EXPECT_LE(summary["latency"]["sensor_to_alert_s"]["p99"].get<double>(), 16.0);
  EXPECT_FALSE(summary["targets"].empty());

  // The report folder.
  store::testing::TempDirectory folder;
  Result<sim::Geography> geography = sim::load_geography(scenario->geography_path());
  ASSERT_TRUE(geography.ok());
  ASSERT_TRUE(write_report(folder.path(), summary, *geography).ok());
  EXPECT_EQ(nlohmann::json::parse(read_file(folder.path() + "/summary.json")), summary);
  const std::string markdown = read_file(folder.path() + "/report.md");
  EXPECT_NE(markdown.find("## Targets"), std::string::npos);
  EXPECT_NE(markdown.find("BOAT IN THE LANE"), std::string::npos);
  EXPECT_NE(read_file(folder.path() + "/report.html").find("<table>"), std::string::npos);
  for (const char* plot :
       {"completeness.png", "warning_lead.png", "calibration.png", "encounters_map.png"}) {
    const std::string png = read_file(folder.path() + "/" + plot);
    ASSERT_GT(png.size(), 1000U) << plot;
    EXPECT_EQ(png.substr(1, 3), "PNG") << plot;
  }
  EXPECT_FALSE(write_report("/proc/no/such/folder", summary, *geography).ok());
}

}  // namespace
}  // namespace sw::eval
