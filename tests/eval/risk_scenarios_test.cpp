// Scenarios with a known outcome, simulated through the whole pipeline (wire formats,
// decoders, tracker, risk stage) and scored against the simulator's ground truth
// (data/sim/encounters.toml): a dark boat crossing 100 m ahead of a 300 m container ship,
// a boat whose engine fails mid-strait, a boat crossing from the French into the British
// SAR region.

#include <gtest/gtest.h>

#include <string>

#include "eval/risk_evaluation.h"
#include "eval/sim_pipeline.h"
#include "risk/alert.h"
#include "sim/scenario.h"

namespace sw::eval {
namespace {

sim::Scenario encounters() {
  Result<sim::Scenario> scenario =
      sim::load_scenario(std::string(SW_TEST_DATA_DIR) + "/../../data/sim/encounters.toml");
  EXPECT_TRUE(scenario.ok()) << scenario.error().detail;
  // 90 minutes: the truth then covers an hour after the drifting alert (its 1 h area).
  scenario->duration_s = 5400.0;
  return *scenario;
}

// One evaluation (two minutes of a sanitizer build) checked for every outcome: ctest runs
// each TEST in its own process, so separate tests would simulate it again each time.
TEST(RiskScenarios, KnownOutcomesOfCrossingStoppingAndSrrCrossingBoats) {
  Result<RiskEvaluation> result = evaluate_risk(encounters());
  ASSERT_TRUE(result.ok()) << result.error().detail;
  const RiskEvaluation& evaluation = *result;
  SCOPED_TRACE(format_evaluation(evaluation));

  // A boat crossing 100 m ahead of a ship: warned at least 10 minutes before the CPA.
  int encounters_found = 0;
  for (const EncounterOutcome& encounter : evaluation.encounters) {
    if (encounter.boat != "ENCOUNTER BOAT 1" || encounter.ship != "ENCOUNTER SHIP 1") continue;
    ++encounters_found;
    EXPECT_NEAR(encounter.true_cpa_m, 100.0, 10.0);
    EXPECT_TRUE(encounter.detected);
    EXPECT_GE(encounter.warning_s, 600.0);
  }
  EXPECT_EQ(encounters_found, 1);

  // A boat that stops: alerted within 5 minutes; its true position an hour later lies in
  // the 1 h search area's 90 % region.
  int drifts_found = 0;
  for (const DriftOutcome& drift : evaluation.drifts) {
    if (drift.boat != "DRIFTING BOAT 2") continue;
    ++drifts_found;
    EXPECT_TRUE(drift.detected);
    EXPECT_GE(drift.delay_s, 0.0);
    EXPECT_LE(drift.delay_s, 300.0);
    ASSERT_FALSE(drift.areas.empty());  // the truth covers the 1 h area
    EXPECT_EQ(drift.areas.front().first, 1.0);
    EXPECT_TRUE(drift.areas.front().second) << "true position 1 h later outside the 90 % area";
  }
  EXPECT_EQ(drifts_found, 1);

  // A boat crossing from the French into the British SAR region: announced before.
  int handovers_found = 0;
  for (const HandoverOutcome& handover : evaluation.handovers) {
    if (handover.vessel != "SRR CROSSING BOAT 3") continue;
    ++handovers_found;
    EXPECT_EQ(handover.from, "FR (CROSS Gris-Nez)");
    EXPECT_EQ(handover.to, "UK (MRCC Dover)");
    EXPECT_TRUE(handover.detected);
    EXPECT_GT(handover.lead_s, 0.0);
  }
  EXPECT_EQ(handovers_found, 1);

  // No collision alert is false, and the stopped boat's distress calls became alerts.
  const auto collision = evaluation.by_kind.find("collision");
  ASSERT_NE(collision, evaluation.by_kind.end());
  EXPECT_GE(collision->second.true_alerts, 1U);
  EXPECT_EQ(collision->second.false_alerts, 0U);
  const auto distress = evaluation.by_kind.find("distress");
  ASSERT_NE(distress, evaluation.by_kind.end());
  EXPECT_GE(distress->second.raised, 1U);
}

TEST(RiskReplay, TheSameScenarioGivesTheSameAlertsRevisionForRevision) {
  sim::Scenario scenario = encounters();
  scenario.duration_s = 1500.0;  // the drifting alert and its search areas are raised by then
  std::vector<std::string> runs[2];
  for (std::vector<std::string>& revisions : runs) {
    Result<std::unique_ptr<SimPipeline>> run = SimPipeline::create(scenario);
    ASSERT_TRUE(run.ok()) << run.error().detail;
    (*run)->pipeline().add_alert_sink([&revisions](std::span<const risk::Alert> alerts) {
      for (const risk::Alert& alert : alerts) revisions.push_back(risk::alert_json(alert));
    });
    (*run)->run();
  }
  ASSERT_FALSE(runs[0].empty());
  bool has_search_area = false;
  for (const std::string& revision : runs[0]) {
    has_search_area = has_search_area || revision.find("\"hours\":6.0") != std::string::npos;
  }
  EXPECT_TRUE(has_search_area);
  EXPECT_EQ(runs[0], runs[1]);
}

}  // namespace
}  // namespace sw::eval
