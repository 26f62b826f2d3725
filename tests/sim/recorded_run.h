#pragma once
// A whole simulator run kept in memory: every report, the bytes of every wire format, the
// entities and the world at the end, and the radar sites.

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "sim/output.h"
#include "sim/reports.h"
#include "sim/scenario.h"
#include "sim/simulator.h"
#include "sim/sink.h"
#include "sim/world.h"
#include "sim_fixture.h"
#include "truth_index.h"

namespace sw::sim::testing {

/// What record_run() keeps.
struct RecordedRun {
  Scenario scenario;
  std::vector<Report> reports;
  MemoryOutput bytes;
  std::vector<Entity> entities;
  std::vector<RadarSite> radars;
  World world{kStraitOrigin};
};

/// Runs `scenario` on the Dover geography, keeping reports and encoded bytes.
inline RecordedRun record_run(const Scenario& scenario) {
  RecordedRun result;
  result.scenario = scenario;
  auto simulator = make_simulator(scenario);
  if (!simulator) return result;
  CollectingSink collecting;
  EncodingSink encoding(result.bytes);
  TeeSink tee(collecting, encoding);
  simulator->run(tee);
  EXPECT_EQ(encoding.refused(), 0U);
  result.reports = std::move(collecting.reports);
  result.entities = simulator->entities();
  result.radars = simulator->radar_sites();
  result.world = simulator->world();
  return result;
}

}  // namespace sw::sim::testing
