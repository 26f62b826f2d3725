#include "sim/simulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/units.h"
#include "sim/ais_model.h"
#include "sim/radar_model.h"
#include "sim/realtime.h"
#include "sim_fixture.h"
#include "truth_index.h"

namespace sw::sim {
namespace {

using testing::dover_geography;
using testing::make_simulator;
using testing::MemoryOutput;
using testing::run_to_memory;
using testing::short_scenario;
using testing::TruthIndex;

std::vector<Report> collect(const Scenario& scenario) {
  CollectingSink sink;
  auto simulator = make_simulator(scenario);
  if (simulator) simulator->run(sink);
  return std::move(sink.reports);
}

TEST(SimulatorTest, SameSeedGivesTheSameBytesAnotherSeedOthers) {
  const MemoryOutput first = run_to_memory(short_scenario(300, 11));
  const MemoryOutput again = run_to_memory(short_scenario(300, 11));
  const MemoryOutput other = run_to_memory(short_scenario(300, 12));
  for (const Channel channel : {Channel::kAis, Channel::kAsterix, Channel::kCot, Channel::kTruth}) {
    EXPECT_FALSE(first.all(channel).empty()) << to_string(channel);
    EXPECT_TRUE(first.all(channel) == again.all(channel)) << to_string(channel);
    EXPECT_FALSE(first.all(channel) == other.all(channel)) << to_string(channel);
  }
  EXPECT_TRUE(first.all(Channel::kDistress) == again.all(Channel::kDistress));
}

TEST(SimulatorTest, HowStepIsCalledDoesNotChangeTheOutput) {
  const Scenario scenario = short_scenario(120, 3);
  const MemoryOutput whole = run_to_memory(scenario);
  MemoryOutput pieces;
  auto simulator = make_simulator(scenario);
  ASSERT_TRUE(simulator);
  EncodingSink sink(pieces);
  const TimeNs start = simulator->start_time();
  double latest_s = 0;
  for (const double at_s : {0.3, 0.9, 7.5, 7.5, 3.0, 61.0, 119.99, 500.0}) {
    simulator->step(start + static_cast<TimeNs>(at_s * 1e9), sink);
    latest_s = std::max(latest_s, at_s);
    // Whole steps only, never past the latest time asked for (an earlier one does nothing).
    EXPECT_LE(simulator->now(), start + static_cast<TimeNs>(latest_s * 1e9));
    EXPECT_EQ((simulator->now() - start) % kNsPerSecond, 0);
  }
  EXPECT_TRUE(simulator->finished());
  for (const Channel channel : {Channel::kAis, Channel::kAsterix, Channel::kCot, Channel::kTruth}) {
    EXPECT_TRUE(whole.all(channel) == pieces.all(channel)) << to_string(channel);
  }
}

TEST(SimulatorTest, ReportsComeInTimeOrderWithinTheRun) {
  const Scenario scenario = short_scenario(120, 5);
  const std::vector<Report> reports = collect(scenario);
  ASSERT_FALSE(reports.empty());
  TimeNs previous = scenario.start;
  const TimeNs end = scenario.start + 120 * kNsPerSecond;
  for (const Report& report : reports) {
    const TimeNs time = report_time(report);
    ASSERT_GE(time, previous);
    ASSERT_LT(time, end);
    previous = time;
  }
}

TEST(SimulatorTest, EntitiesHaveStableUniqueIdentities) {
  auto simulator = make_simulator(default_scenario());
  ASSERT_TRUE(simulator);
  std::set<std::uint32_t> mmsis;
  std::set<std::string> names;
  EntityId expected_id = 1;
  for (const Entity& entity : simulator->entities()) {
    EXPECT_EQ(entity.id, expected_id++);
    if (entity.vessel.ais_class != AisClass::kNone) {
      EXPECT_TRUE(mmsis.insert(entity.vessel.mmsi).second) << entity.vessel.mmsi;
      EXPECT_GE(entity.vessel.mmsi, 200'000'000U);
      EXPECT_LE(entity.vessel.mmsi, 999'999'999U);
    }
    if (entity.kind == EntityKind::kMerchant) {
      EXPECT_TRUE(names.insert(entity.name).second) << entity.name;
      EXPECT_GE(entity.vessel.length_m(), 90);
      EXPECT_NE(entity.vessel.imo, 0U);
      // IMO check digit: sum of the first six digits weighted 7..2, last digit.
      std::uint32_t digits = entity.vessel.imo / 10, sum = 0;
      for (std::uint32_t weight = 2; weight <= 7; ++weight, digits /= 10)
        sum += digits % 10 * weight;
      EXPECT_EQ(sum % 10, entity.vessel.imo % 10);
    }
    if (entity.kind == EntityKind::kSmallBoat) {
      EXPECT_EQ(entity.vessel.ais_class, AisClass::kNone);
    }
  }
}

TEST(SimulatorTest, MerchantShipsKeepToTheirLanes) {
  Scenario scenario = short_scenario(1200, 21);
  scenario.output.truth_interval_s = 5;
  const TruthIndex truth(collect(scenario));
  const Geography& geography = dover_geography();
  std::size_t checked = 0;
  for (const auto& [id, records] : truth.by_id()) {
    if (records.front().kind != EntityKind::kMerchant) continue;
    // The lane of a ship: the one whose direction its course follows.
    const Lane* lane = nullptr;
    for (const Lane& candidate : geography.lanes) {
      if (std::fabs(std::remainder(records.front().course_deg - candidate.direction_deg, 360.0)) <
          60) {
        lane = &candidate;
      }
    }
    ASSERT_NE(lane, nullptr) << "merchant " << id << " course " << records.front().course_deg;
    for (const TruthRecord& record : records) {
      ++checked;
      if (ring_contains(lane->ring, record.position)) continue;
      // Outside only at the ends of the lane, where ships join and leave it.
      const auto middle = [](const std::pair<LatLon, LatLon>& section) {
        return LatLon{(section.first.lat + section.second.lat) / 2,
                      (section.first.lon + section.second.lon) / 2};
      };
      const double to_end =
          std::min(geodesic_distance_m(record.position, middle(lane->sections.front())),
                   geodesic_distance_m(record.position, middle(lane->sections.back())));
      EXPECT_LT(to_end, 6000) << "merchant " << id << " out of its lane at " << record.position.lat
                              << ", " << record.position.lon;
    }
  }
  EXPECT_GT(checked, 5000U);
}

Scenario small_boat_scenario() {
  Scenario scenario = short_scenario(1800, 8);
  scenario.merchant.initial = 4;
  scenario.merchant.arrivals_per_hour = 0;
  scenario.small_boat.count = 24;
  scenario.small_boat.launch_window_s = 300;
  scenario.small_boat.engine_failure_probability = 0.5;
  scenario.small_boat.failure_after_min = {5, 10};
  scenario.small_boat.turn_back_probability = 0.25;
  scenario.small_boat.turn_back_after_min = {3, 5};
  scenario.distress.call_probability = 1.0;
  scenario.distress.delay_min = {1, 2};
  scenario.distress.update_interval_min = 5;
  return scenario;
}

TEST(SimulatorTest, SmallBoatsLaunchFromTheFrenchBeachesWithoutAis) {
  const Scenario scenario = small_boat_scenario();
  const std::vector<Report> reports = collect(scenario);
  const TruthIndex truth(reports);
  const auto launch_areas = dover_geography().points_of_kind("launch_area");
  std::set<EntityId> boats;
  std::size_t drifting = 0, returned = 0;
  for (const auto& [id, records] : truth.by_id()) {
    if (records.front().kind != EntityKind::kSmallBoat) continue;
    boats.insert(id);
    const LatLon start = records.front().position;
    double nearest = 1e12;
    const NamedPoint* area = nullptr;
    for (const NamedPoint* launch : launch_areas) {
      const double distance = geodesic_distance_m(start, launch->position);
      if (distance < nearest) nearest = distance, area = launch;
    }
    EXPECT_LE(nearest, std::max(area->accuracy_m, 100.0) + 1.0) << "boat " << id;
    EXPECT_GE(records.front().persons_on_board, 40);
    EXPECT_LE(records.front().persons_on_board, 60);
    const double launch_speed = records.front().speed_kn;
    EXPECT_GE(launch_speed, 2.0);
    EXPECT_LE(launch_speed, 7.0);
    bool was_drifting = false;
    for (const TruthRecord& record : records) {
      if (record.activity != Activity::kDrifting) continue;
      was_drifting = true;
      // Wind 12 kn from 240 at 3.5 % leeway plus a 0.8 kn current to 040: about 1.2 kn.
      EXPECT_NEAR(record.speed_kn, 1.2, 0.6) << "boat " << id;
      EXPECT_NEAR(std::remainder(record.course_deg - 50.0, 360.0), 0.0, 35.0) << "boat " << id;
    }
    drifting += was_drifting ? 1 : 0;
    if (records.back().activity == Activity::kReturning &&
        records.back().time < scenario.start + 1799 * kNsPerSecond) {
      ++returned;
      EXPECT_LT(geodesic_distance_m(records.back().position, start), 100.0) << "boat " << id;
    }
  }
  EXPECT_EQ(boats.size(), 24U);
  EXPECT_GE(drifting, 6U);
  EXPECT_GE(returned, 1U);
  for (const Report& report : reports) {
    if (const auto* ais = std::get_if<AisReport>(&report)) {
      EXPECT_EQ(boats.count(ais->truth_id), 0U);
    }
  }
}

TEST(SimulatorTest, StoppedBoatsCallForHelpWithTheirPosition) {
  const Scenario scenario = small_boat_scenario();
  const std::vector<Report> reports = collect(scenario);
  const TruthIndex truth(reports);
  std::set<EntityId> callers;
  std::size_t calls = 0;
  for (const Report& report : reports) {
    const auto* call = std::get_if<DistressEvent>(&report);
    if (call == nullptr) continue;
    ++calls;
    callers.insert(call->truth_id);
    const TruthRecord* at_call =
        truth.exact(call->truth_id, call->time / kNsPerSecond * kNsPerSecond);
    ASSERT_NE(at_call, nullptr);
    EXPECT_EQ(at_call->activity, Activity::kDrifting);
    EXPECT_EQ(call->persons_on_board, at_call->persons_on_board);
    // Calls in the last second of the run have no truth after them to interpolate with.
    const auto position = truth.position(call->truth_id, call->time);
    if (call->time < scenario.start + 1799 * kNsPerSecond) {
      ASSERT_TRUE(position.has_value());
    }
    if (position) {
      EXPECT_LT(geodesic_distance_m(call->position, *position),
                5 * scenario.distress.position_sigma_m);
    }
    EXPECT_EQ(call->source, call->report_id.back() == '1' ? "phone" : "ngo");
  }
  // Every boat that drifted long enough called (probability 1, within 2 minutes).
  std::size_t long_drifts = 0;
  for (const auto& [id, records] : truth.by_id()) {
    std::size_t drifting_s = 0;
    for (const TruthRecord& record : records) drifting_s += record.activity == Activity::kDrifting;
    if (drifting_s > 130) {
      ++long_drifts;
      EXPECT_EQ(callers.count(id), 1U) << "boat " << id;
    }
  }
  EXPECT_GE(long_drifts, 6U);
  EXPECT_GT(calls, callers.size());  // updates follow the first call
}

TEST(SimulatorTest, AisFollowsTheReportingIntervals) {
  Scenario scenario = short_scenario(900, 4);
  AisReceiverConfig perfect;
  perfect.id = "perfect";
  perfect.place.position = LatLon{51.0, 1.45};
  perfect.range_m = 500000;
  perfect.class_b_range_factor = 1.0;
  perfect.slot_loss = 0.0;
  perfect.edge_loss = 0.0;
  scenario.ais_receivers = {perfect};
  const std::vector<Report> reports = collect(scenario);
  std::map<std::uint32_t, std::vector<const AisReport*>> positions, statics;
  for (const Report& report : reports) {
    if (const auto* ais = std::get_if<AisReport>(&report)) {
      (ais->message.type == 5 || ais->message.type == 24 ? statics : positions)[ais->message.mmsi]
          .push_back(ais);
    }
  }
  ASSERT_GT(positions.size(), 40U);
  std::size_t class_a = 0, class_b = 0;
  for (const auto& [mmsi, list] : positions) {
    for (std::size_t report_idx = 1; report_idx < list.size(); ++report_idx) {
      const TimeNs gap = (list[report_idx]->time - list[report_idx - 1]->time) / kNsPerSecond;
      if (list[report_idx]->message.type == 18) {
        ++class_b;
        EXPECT_TRUE(gap == 30 || gap == 180) << mmsi << " gap " << gap;
      } else {
        ++class_a;
        EXPECT_TRUE(gap == 2 || gap == 3 || gap == 6 || gap == 10 || gap == 180)
            << mmsi << " gap " << gap;
      }
    }
  }
  EXPECT_GT(class_a, 1000U);
  EXPECT_GT(class_b, 50U);
  for (const auto& [mmsi, list] : statics) {
    for (std::size_t report_idx = 1; report_idx < list.size(); ++report_idx) {
      EXPECT_EQ(list[report_idx]->time - list[report_idx - 1]->time, 360 * kNsPerSecond);
    }
  }
  EXPECT_EQ(position_report_interval_s(AisClass::kA, Activity::kUnderWay, 12, 0), 10);
  EXPECT_EQ(position_report_interval_s(AisClass::kA, Activity::kUnderWay, 12, 1.0), 3);
  EXPECT_EQ(position_report_interval_s(AisClass::kA, Activity::kUnderWay, 18, 0), 6);
  EXPECT_EQ(position_report_interval_s(AisClass::kA, Activity::kUnderWay, 25, 0), 2);
  EXPECT_EQ(position_report_interval_s(AisClass::kA, Activity::kMoored, 0, 0), 180);
  EXPECT_EQ(position_report_interval_s(AisClass::kB, Activity::kUnderWay, 5, 0), 30);
  EXPECT_EQ(position_report_interval_s(AisClass::kB, Activity::kUnderWay, 1, 0), 180);
}

TEST(SimulatorTest, RadarDetectionFallsWithRangeAndSeaAndRisesWithSize) {
  const RadarConfig radar = default_scenario().radars.front();
  EXPECT_EQ(detection_probability(radar, radar.min_range_m / 2, 1000, 0), 0.0);
  EXPECT_EQ(detection_probability(radar, radar.range_m + 1, 1000, 0), 0.0);
  EXPECT_NEAR(detection_probability(radar, radar.range_50_m, 1.0, 0), 0.5, 1e-12);
  double previous = 1.0;
  for (double range = 1000; range < radar.range_m; range += 1000) {
    const double probability = detection_probability(radar, range, 1.0, 2);
    EXPECT_LT(probability, previous);
    previous = probability;
    EXPECT_GT(detection_probability(radar, range, 10000, 2), probability);
    EXPECT_LT(detection_probability(radar, range, 1.0, 5), probability);
  }
  EXPECT_GT(detection_probability(radar, 40000, 5000, 3), 0.9);  // a ship at 22 nm
}

TEST(SimulatorTest, RadarScansAtItsRotationPeriodWithPoissonClutter) {
  Scenario scenario = short_scenario(300, 6);
  const std::vector<Report> reports = collect(scenario);
  std::map<std::string, std::vector<TimeNs>> markers;
  std::map<std::string, std::size_t> clutter;
  for (const Report& report : reports) {
    if (const auto* marker = std::get_if<RadarNorthMarker>(&report)) {
      markers[marker->radar_id].push_back(marker->time);
    } else if (const auto* plot = std::get_if<RadarPlot>(&report)) {
      if (plot->truth_id == 0) ++clutter[plot->radar_id];
    }
  }
  for (const RadarConfig& radar : scenario.radars) {
    const auto& times = markers[radar.id];
    ASSERT_GT(times.size(), 90U) << radar.id;
    for (std::size_t scan_idx = 1; scan_idx < times.size(); ++scan_idx) {
      EXPECT_EQ(times[scan_idx] - times[scan_idx - 1],
                static_cast<TimeNs>(std::llround(radar.rotation_s * 1e9)));
    }
    // Mean clutter per scan: 4 + 2 x sea state 2 = 8; the count over N scans is Poisson.
    const double expected = 8.0 * static_cast<double>(times.size());
    EXPECT_NEAR(static_cast<double>(clutter[radar.id]), expected, 5 * std::sqrt(expected))
        << radar.id;
  }
}

TEST(SimulatorTest, ARadarDownSendsNothingAndAnAircraftOffStationNothing) {
  Scenario scenario = short_scenario(300, 6);
  const TimeNs second = kNsPerSecond;
  scenario.radars[0].down_from = scenario.start + 60 * second;
  scenario.radars[0].down_until = scenario.start + 120 * second;
  scenario.aircraft[0].on_station_from = scenario.start + 100 * second;
  scenario.aircraft[0].on_station_until = scenario.start + 200 * second;
  const std::string aircraft = scenario.aircraft[0].callsign;
  std::size_t markers_before = 0, markers_during = 0, markers_after = 0;
  std::vector<TimeNs> asset_times;
  for (const Report& report : collect(scenario)) {
    if (const auto* marker = std::get_if<RadarNorthMarker>(&report)) {
      if (marker->radar_id != scenario.radars[0].id) continue;
      const TimeNs since = marker->time - scenario.start;
      (since < 60 * second    ? markers_before
       : since < 120 * second ? markers_during
                              : markers_after)++;
    } else if (const auto* plot = std::get_if<RadarPlot>(&report)) {
      if (plot->radar_id == scenario.radars[0].id) {
        EXPECT_FALSE(scenario.radars[0].down_at(plot->time)) << plot->time;
      }
    } else if (const auto* asset = std::get_if<AssetPosition>(&report)) {
      if (asset->callsign == aircraft) asset_times.push_back(asset->time - scenario.start);
    }
  }
  EXPECT_EQ(markers_during, 0U);
  EXPECT_EQ(markers_before, 24U);  // 60 s / 2.5 s
  EXPECT_GT(markers_after, 70U);
  ASSERT_FALSE(asset_times.empty());
  EXPECT_GE(*std::min_element(asset_times.begin(), asset_times.end()), 100 * second);
  EXPECT_LT(*std::max_element(asset_times.begin(), asset_times.end()), 201 * second);
  EXPECT_GT(asset_times.size(), 15U);  // every 5 s for 100 s

  EXPECT_FALSE(parse_scenario(R"(
[[radar]]
id = "r"
position = { lat = 51.1, lon = 1.3 }
down_from = 2024-08-15T05:00:00Z
down_until = 2024-08-15T04:30:00Z
)")
                   .ok());
}

// Mean drift velocity (east, north) of each boat over its whole drift.
std::vector<std::pair<double, double>> drift_velocities(const Scenario& scenario) {
  const TruthIndex truth(collect(scenario));
  std::vector<std::pair<double, double>> velocities;
  for (const auto& [id, records] : truth.by_id()) {
    const TruthRecord* first = nullptr;
    const TruthRecord* last = nullptr;
    for (const TruthRecord& record : records) {
      if (record.activity != Activity::kDrifting) continue;
      if (first == nullptr) first = &record;
      last = &record;
    }
    if (first == nullptr || last->time - first->time < 600 * kNsPerSecond) continue;
    const double seconds = static_cast<double>(last->time - first->time) / 1e9;
    const LocalFrame frame(first->position);
    const EastNorth moved = frame.forward(last->position);
    velocities.emplace_back(moved.east / seconds, moved.north / seconds);
  }
  return velocities;
}

double spread(const std::vector<std::pair<double, double>>& velocities) {
  double east = 0, north = 0;
  for (const auto& [e, n] : velocities) east += e, north += n;
  east /= static_cast<double>(velocities.size());
  north /= static_cast<double>(velocities.size());
  double sum = 0;
  for (const auto& [e, n] : velocities) sum += (e - east) * (e - east) + (n - north) * (n - north);
  return std::sqrt(sum / static_cast<double>(velocities.size()) / 2.0);  // per axis
}

TEST(SimulatorTest, DriftingBoatsMeetTheirOwnForcingError) {
  Scenario scenario = small_boat_scenario();
  scenario.small_boat.failure_after_min = {2, 3};
  const auto exact = drift_velocities(scenario);
  scenario.environment.drift_current_sigma_kn = 0.4;  // 0.206 m/s per axis
  const auto perturbed = drift_velocities(scenario);
  ASSERT_GE(exact.size(), 6U);
  ASSERT_EQ(perturbed.size(), exact.size());
  // Without forcing error the boats differ only by the wander (0.05 m/s, 10 min).
  EXPECT_LT(spread(exact), 0.05);
  EXPECT_GT(spread(perturbed), 0.1);
  EXPECT_LT(spread(perturbed), 0.35);
}

TEST(SimulatorTest, AircraftFlyTheirPatterns) {
  Scenario scenario = short_scenario(1200, 2);
  scenario.output.truth_interval_s = 10;
  const TruthIndex truth(collect(scenario));
  for (const auto& [id, records] : truth.by_id()) {
    const EntityKind kind = records.front().kind;
    if (kind != EntityKind::kAircraft && kind != EntityKind::kDrone) continue;
    const AircraftConfig& config = scenario.aircraft[kind == EntityKind::kAircraft ? 0 : 1];
    double farthest = 0;
    for (const TruthRecord& record : records) {
      farthest = std::max(farthest, geodesic_distance_m(record.position, config.centre));
      EXPECT_EQ(record.altitude_m, config.altitude_m);
      EXPECT_NEAR(record.speed_kn, config.speed_kn, 5);
    }
    const double half_diagonal = std::hypot(config.length_m, config.width_m) / 2;
    EXPECT_LT(farthest, half_diagonal + 1500) << to_string(kind);
    EXPECT_GT(farthest, config.width_m / 2 - 500) << to_string(kind);
  }
}

TEST(SimulatorTest, FerriesShuttleBetweenDoverAndFrance) {
  Scenario scenario = short_scenario(7200, 9);
  scenario.merchant.initial = 0;
  scenario.merchant.arrivals_per_hour = 0;
  scenario.output.truth_interval_s = 30;
  const TruthIndex truth(collect(scenario));
  const Geography& geography = dover_geography();
  std::vector<LatLon> ports;
  for (const char* name : {"Dover", "Calais", "Dunkirk"}) {
    ports.push_back((*geography.find_point(name, "port"))->position);
  }
  std::size_t ferries = 0;
  for (const auto& [id, records] : truth.by_id()) {
    if (records.front().kind != EntityKind::kFerry) continue;
    ++ferries;
    std::size_t moored = 0;
    for (const TruthRecord& record : records) {
      if (record.activity == Activity::kMoored) {
        ++moored;
        double nearest = 1e12;
        for (const LatLon& port : ports)
          nearest = std::min(nearest, geodesic_distance_m(record.position, port));
        EXPECT_LT(nearest, 100.0) << "ferry " << id;
        EXPECT_EQ(record.speed_kn, 0.0);
      } else {
        EXPECT_GT(record.speed_kn, 14.0) << "ferry " << id;
      }
    }
    EXPECT_GT(moored, 0U) << "ferry " << id;  // two hours: every ferry turns round once
  }
  EXPECT_EQ(ferries, 6U);
}

/// A wall clock that jumps to whatever time the simulator sleeps until.
class JumpingSleeper final : public Sleeper {
 public:
  explicit JumpingSleeper(ManualClock& clock) : clock_(clock) {}
  void sleep_until(TimeNs wall_time) override {
    if (wall_time > clock_.now()) clock_.set(wall_time);
    ++sleeps;
  }
  int sleeps = 0;

 private:
  ManualClock& clock_;
};

/// Checks that no report is emitted before its time on the wall clock.
class PacedSink final : public ReportSink {
 public:
  PacedSink(const ManualClock& clock, TimeNs wall_start, TimeNs sim_start, ReportSink& inner)
      : clock_(clock), wall_start_(wall_start), sim_start_(sim_start), inner_(inner) {}
  void emit(const Report& report) override {
    EXPECT_LE(report_time(report) - sim_start_, clock_.now() - wall_start_);
    inner_.emit(report);
  }

 private:
  const ManualClock& clock_;
  TimeNs wall_start_, sim_start_;
  ReportSink& inner_;
};

TEST(SimulatorTest, RealTimeRunKeepsPaceAndGivesTheSameBytes) {
  const Scenario scenario = short_scenario(60, 13);
  const MemoryOutput fast = run_to_memory(scenario);
  ManualClock clock(1'000 * kNsPerSecond);
  JumpingSleeper sleeper(clock);
  MemoryOutput paced;
  EncodingSink encoding(paced);
  PacedSink sink(clock, clock.now(), scenario.start, encoding);
  auto simulator = make_simulator(scenario);
  ASSERT_TRUE(simulator);
  int steps = 0;
  run_realtime(*simulator, sink, clock, sleeper, [&steps] { ++steps; });
  EXPECT_EQ(clock.now(), 1'060 * kNsPerSecond);
  EXPECT_EQ(sleeper.sleeps, 60);
  EXPECT_EQ(steps, 60);
  for (const Channel channel : {Channel::kAis, Channel::kAsterix, Channel::kCot, Channel::kTruth}) {
    EXPECT_TRUE(fast.all(channel) == paced.all(channel)) << to_string(channel);
  }
}

TEST(SimulatorTest, MissingPlacesAreClearErrors) {
  Scenario scenario = short_scenario(60);
  scenario.radars.front().place.site = "Atlantis";
  auto simulator = Simulator::create(scenario, dover_geography());
  ASSERT_FALSE(simulator.ok());
  EXPECT_EQ(simulator.error().code, "unknown_place");
  EXPECT_NE(simulator.error().detail.find("radar dover"), std::string::npos);
  Geography no_launch_areas = dover_geography();
  std::erase_if(no_launch_areas.points,
                [](const NamedPoint& point) { return point.kind == "launch_area"; });
  simulator = Simulator::create(short_scenario(60), no_launch_areas);
  ASSERT_FALSE(simulator.ok());
  EXPECT_EQ(simulator.error().code, "unknown_place");
}

}  // namespace
}  // namespace sw::sim
