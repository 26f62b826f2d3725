// Scripted vessels ([[vessel]]): parsing, the straight constant-velocity line they follow,
// designed encounters (CPA, stop and drift, SRR crossing) as the truth shows them, and the
// sensors seeing them like any other vessel of their kind.

#include "sim/scripted.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "core/units.h"
#include "ingest/ais/decoder.h"
#include "recorded_run.h"
#include "sim/sim_time.h"
#include "sim_fixture.h"
#include "truth_index.h"

namespace sw::sim {
namespace {

using testing::make_simulator;
using testing::MemoryOutput;
using testing::record_run;
using testing::RecordedRun;
using testing::TeeSink;
using testing::TruthIndex;

TimeNs utc(const char* text) { return *parse_utc(text); }
TimeNs seconds(double count) { return static_cast<TimeNs>(std::llround(count * 1e9)); }

/// One run, kept as reports and as bytes, with its entities at the end.

EntityId id_of(const RecordedRun& result, const std::string& name) {
  for (const Entity& entity : result.entities) {
    if (entity.name == name) return entity.id;
  }
  ADD_FAILURE() << "no entity named " << name;
  return 0;
}

/// The default sensors with no other traffic, for `duration_s` from the default start.
Scenario quiet_scenario(double duration_s) {
  Scenario scenario = testing::short_scenario(duration_s, 4);
  scenario.merchant.initial = 0;
  scenario.merchant.arrivals_per_hour = 0;
  scenario.ferry.dover_calais = 0;
  scenario.ferry.dover_dunkirk = 0;
  scenario.fishing.count = 0;
  scenario.pleasure.count = 0;
  scenario.small_boat.count = 0;
  return scenario;
}

ScriptedVesselConfig vessel(const std::string& name, EntityKind kind, LatLon position, TimeNs at,
                            double course_deg, double speed_kn) {
  ScriptedVesselConfig config;
  config.name = name;
  config.kind = kind;
  config.place.position = position;
  config.at = at;
  config.course_deg = course_deg;
  config.speed_kn = speed_kn;
  return config;
}

EastNorth velocity_of(const TruthRecord& record) {
  const double speed = units::knots_to_mps(record.speed_kn);
  const double course = units::deg_to_rad(record.course_deg);
  return {speed * std::sin(course), speed * std::cos(course)};
}

TEST(ScriptedTest, ParsesEveryKey) {
  const auto scenario = parse_scenario(R"(
[scenario]
start = 2024-08-15T04:00:00Z
[[vessel]]
name = "ENCOUNTER SHIP 1"
kind = "merchant"
mmsi = 235000123
length_m = 300.0
beam_m = 48
ship_type = 71
at = 2024-08-15T04:40:00Z
position = { lat = 51.0, lon = 1.5 }
course_deg = 40.0
speed_kn = 14.0
appear_at = 2024-08-15T04:05:00Z
leave_at = "2024-08-15T04:50:00Z"
stop_at = 2024-08-15T05:45:00+01:00
leeway_fraction = 0.05
[[vessel]]
kind = "pleasure"
mmsi = 227000001
ais_class = "A"
persons = 3
at = 2024-08-15T04:10:00Z
site = "Varne light"
course_deg = 0
speed_kn = 0
)");
  ASSERT_TRUE(scenario.ok()) << scenario.error().detail;
  ASSERT_EQ(scenario->vessels.size(), 2U);
  const ScriptedVesselConfig& ship = scenario->vessels[0];
  EXPECT_EQ(ship.name, "ENCOUNTER SHIP 1");
  EXPECT_EQ(ship.kind, EntityKind::kMerchant);
  EXPECT_EQ(ship.mmsi, 235000123U);
  EXPECT_FALSE(ship.ais_class.has_value());
  EXPECT_EQ(ship.length_m, 300.0);
  EXPECT_EQ(ship.beam_m, 48.0);
  EXPECT_EQ(ship.ship_type, 71U);
  EXPECT_FALSE(ship.persons.has_value());
  EXPECT_EQ(ship.at, utc("2024-08-15T04:40:00Z"));
  ASSERT_TRUE(ship.place.position.has_value());
  EXPECT_EQ(ship.place.position->lat, 51.0);
  EXPECT_EQ(ship.place.position->lon, 1.5);
  EXPECT_EQ(ship.course_deg, 40.0);
  EXPECT_EQ(ship.speed_kn, 14.0);
  EXPECT_EQ(ship.appear_at, utc("2024-08-15T04:05:00Z"));
  EXPECT_EQ(ship.leave_at, utc("2024-08-15T04:50:00Z"));
  EXPECT_EQ(ship.stop_at, utc("2024-08-15T04:45:00Z"));
  EXPECT_EQ(ship.leeway_fraction, 0.05);
  const ScriptedVesselConfig& yacht = scenario->vessels[1];
  EXPECT_EQ(yacht.name, "vessel 2");
  EXPECT_EQ(yacht.kind, EntityKind::kPleasure);
  EXPECT_EQ(yacht.ais_class, AisClass::kA);
  EXPECT_EQ(yacht.persons, 3);
  EXPECT_EQ(yacht.place.site, "Varne light");
  EXPECT_FALSE(yacht.appear_at.has_value());
  EXPECT_FALSE(yacht.leave_at.has_value());
  EXPECT_FALSE(yacht.stop_at.has_value());
  EXPECT_EQ(yacht.leeway_fraction, SmallBoatConfig{}.leeway_fraction);
  EXPECT_TRUE(parse_scenario("")->vessels.empty());
}

TEST(ScriptedTest, ParticularsFollowTheKindUnlessGiven) {
  ScriptedVesselConfig config = vessel("Ship", EntityKind::kMerchant, {51, 1.5}, 0, 0, 10);
  EXPECT_EQ(scripted_particulars(config).ais_class, AisClass::kNone);  // no mmsi: dark
  config.mmsi = 235000123;
  config.length_m = 300;
  VesselParticulars particulars = scripted_particulars(config);
  EXPECT_EQ(particulars.ais_class, AisClass::kA);
  EXPECT_EQ(particulars.name, "SHIP");
  EXPECT_EQ(particulars.ship_type, 70U);
  EXPECT_EQ(particulars.to_bow, 240U);
  EXPECT_EQ(particulars.to_stern, 60U);
  EXPECT_EQ(particulars.to_port + particulars.to_starboard, 43U);  // 300 / 7
  config.kind = EntityKind::kFishing;
  config.beam_m = 6;
  particulars = scripted_particulars(config);
  EXPECT_EQ(particulars.ais_class, AisClass::kB);
  EXPECT_EQ(particulars.ship_type, 30U);
  EXPECT_EQ(particulars.to_port + particulars.to_starboard, 6U);
  config.ais_class = AisClass::kA;
  EXPECT_EQ(scripted_particulars(config).ais_class, AisClass::kA);
}

struct BadVessel {
  const char* keys;  ///< the keys of the case; the complete set fills in the others
  bool alone;        ///< only the keys of the case (to leave a required one out)
  const char* code;
  const char* mentions;
};

/// A [[vessel]] with the keys of `bad`, and the complete set's other keys unless `alone`.
std::string vessel_text(const BadVessel& bad) {
  static constexpr const char* kComplete[] = {"at = 2024-08-15T04:40:00Z",
                                              "position = { lat = 51.0, lon = 1.5 }",
                                              "course_deg = 40", "speed_kn = 5"};
  std::string text = std::string("[[vessel]]\n") + bad.keys;
  if (bad.alone) return text;
  for (const char* line : kComplete) {
    const std::string key = std::string(line).substr(0, std::string(line).find(' '));
    if (("\n" + std::string(bad.keys)).find("\n" + key + " =") == std::string::npos) {
      text += line + std::string("\n");
    }
  }
  return text;
}

TEST(ScriptedTest, RefusesMistakesWithClearErrors) {
  const BadVessel cases[] = {
      {"position = { lat = 51.0, lon = 1.5 }\ncourse_deg = 40\nspeed_kn = 5\n", true,
       "scenario_value", "vessel[0] needs `at`"},
      {"at = 2024-08-15T04:40:00Z\ncourse_deg = 40\nspeed_kn = 5\n", true, "scenario_value",
       "needs a position"},
      {"at = 2024-08-15T04:40:00Z\nposition = { lat = 51.0, lon = 1.5 }\nspeed_kn = 5\n", true,
       "scenario_value", "needs course_deg"},
      {"at = 2024-08-15T04:40:00Z\nposition = { lat = 51.0, lon = 1.5 }\ncourse_deg = 40\n", true,
       "scenario_value", "needs speed_kn"},
      {"speed_kn = -1\n", false, "scenario_value", "vessel[0].speed_kn"},
      {"appear_at = 2024-08-15T04:30:00Z\nleave_at = 2024-08-15T04:20:00Z\n", false,
       "scenario_value", "appear_at is after leave_at"},
      {"stop_at = 2024-08-15T03:59:59Z\n", false, "scenario_value", "stop_at is outside"},
      {"appear_at = 2024-08-15T04:10:00Z\nstop_at = 2024-08-15T04:05:00Z\n", false,
       "scenario_value", "stop_at is outside"},
      {"leave_at = 2024-08-15T04:20:00Z\nstop_at = 2024-08-15T04:25:00Z\n", false, "scenario_value",
       "stop_at is outside"},
      {"kind = \"submarine\"\n", false, "scenario_value", "'submarine' is unknown"},
      {"kind = \"drone\"\n", false, "scenario_value", "'drone' is not a vessel"},
      {"kind = \"aircraft\"\n", false, "scenario_value", "'aircraft' is not a vessel"},
      {"kind = 3\n", false, "scenario_type", "vessel[0].kind"},
      {"ais_class = \"A\"\n", false, "scenario_value", "ais_class needs an mmsi"},
      {"mmsi = 235000123\nais_class = \"C\"\n", false, "scenario_value", "ais_class must be"},
      {"colour = \"red\"\n", false, "scenario_unknown_key", "vessel[0].colour"},
      {"speed = 5\n", false, "scenario_unknown_key", "vessel[0].speed"},
      {"name = 7\n", false, "scenario_type", "vessel[0].name"},
      {"mmsi = 1e9\n", false, "scenario_type", "vessel[0].mmsi"},
      {"course_deg = \"north\"\n", false, "scenario_type", "vessel[0].course_deg"},
      {"leave_at = 2024-08-15T04:20:00\n", false, "scenario_type", "vessel[0].leave_at"},
      {"appear_at = 2025-08-15T04:20:00Z\n", false, "scenario_value", "within 30 days"},
      {"length_m = 0\n", false, "scenario_value", "vessel[0].length_m"},
      {"position = { lat = 51.0 }\n", false, "scenario_value", "needs lat and lon"},
  };
  for (const BadVessel& bad : cases) {
    const std::string text = vessel_text(bad);
    const auto scenario = parse_scenario(text, "test.toml");
    ASSERT_FALSE(scenario.ok()) << text;
    EXPECT_EQ(scenario.error().code, bad.code) << text << " -> " << scenario.error().detail;
    EXPECT_NE(scenario.error().detail.find(bad.mentions), std::string::npos)
        << text << " -> " << scenario.error().detail;
  }
  // The complete set of keys alone is fine.
  EXPECT_TRUE(parse_scenario(vessel_text({"", false, "", ""})).ok());
}

TEST(ScriptedTest, UnknownSiteIsAnErrorWhenTheRunIsBuilt) {
  Scenario scenario = quiet_scenario(10);
  ScriptedVesselConfig config = vessel("Lost", EntityKind::kSmallBoat, {}, scenario.start, 0, 3);
  config.place.position.reset();
  config.place.site = "Atlantis";
  scenario.vessels.push_back(config);
  const auto simulator = Simulator::create(scenario, testing::dover_geography());
  ASSERT_FALSE(simulator.ok());
  EXPECT_NE(simulator.error().detail.find("Atlantis"), std::string::npos);
}

TEST(ScriptedTest, StartsWhereTheLineThroughItsPositionPutsIt) {
  Scenario scenario = quiet_scenario(120);
  const LatLon reference{51.0, 1.45};
  scenario.vessels.push_back(
      vessel("Ferry", EntityKind::kFerry, reference, scenario.start + seconds(1800), 40.0, 10.0));
  const RecordedRun result = record_run(scenario);
  const TruthIndex truth(result.reports);
  const TruthRecord* first = truth.exact(id_of(result, "Ferry"), scenario.start);
  ASSERT_NE(first, nullptr);
  // Half an hour at 10 knots before reaching the reference position, on a course of 040.
  EXPECT_NEAR(geodesic_distance_m(first->position, reference), 10 * 1852.0 / 2, 2.0);
  // (The reference is the plane's origin, where plane and geodesic azimuths agree.)
  EXPECT_NEAR(geodesic_bearing_deg(reference, first->position), 220.0, 0.01);
  EXPECT_EQ(first->activity, Activity::kUnderWay);
  EXPECT_NEAR(first->speed_kn, 10.0, 1e-9);
  EXPECT_NEAR(first->course_deg, 40.0, 1e-9);
}

/// A ship at `ship_at` at `at` (course 220, 14 kn) and a boat crossing ahead of it (course
/// 310, 5 kn) placed so that their closest point of approach is `cpa_m` at `at`: the offset
/// between them at `at` is perpendicular to their relative velocity, on the ship's bow side.
std::pair<ScriptedVesselConfig, ScriptedVesselConfig> designed_encounter(LatLon ship_at, TimeNs at,
                                                                         double cpa_m) {
  const LocalFrame frame(kStraitOrigin);
  const double ship_course = 220, boat_course = 310;
  const double ship_mps = units::knots_to_mps(14), boat_mps = units::knots_to_mps(5);
  const EastNorth relative{boat_mps * std::sin(units::deg_to_rad(boat_course)) -
                               ship_mps * std::sin(units::deg_to_rad(ship_course)),
                           boat_mps * std::cos(units::deg_to_rad(boat_course)) -
                               ship_mps * std::cos(units::deg_to_rad(ship_course))};
  const double norm = std::hypot(relative.east, relative.north);
  EastNorth across{relative.north / norm, -relative.east / norm};
  if (across.east * std::sin(units::deg_to_rad(ship_course)) +
          across.north * std::cos(units::deg_to_rad(ship_course)) <
      0) {
    across = {-across.east, -across.north};
  }
  const EastNorth ship = frame.forward(ship_at);
  const LatLon boat_at =
      frame.reverse({ship.east + cpa_m * across.east, ship.north + cpa_m * across.north});
  ScriptedVesselConfig ship_config =
      vessel("Ship", EntityKind::kMerchant, ship_at, at, ship_course, 14);
  ship_config.mmsi = 235000123;
  ship_config.length_m = 300;
  ScriptedVesselConfig boat_config =
      vessel("Boat", EntityKind::kSmallBoat, boat_at, at, boat_course, 5);
  return {ship_config, boat_config};
}

/// The smallest truth separation of two entities, and when.
std::pair<double, TimeNs> closest_approach(const TruthIndex& truth, EntityId first,
                                           EntityId second) {
  double closest = std::numeric_limits<double>::infinity();
  TimeNs when = 0;
  for (const TruthRecord& record : truth.by_id().at(first)) {
    const TruthRecord* other = truth.exact(second, record.time);
    if (other == nullptr) continue;
    const double separation = geodesic_distance_m(record.position, other->position);
    if (separation < closest) {
      closest = separation;
      when = record.time;
    }
  }
  return {closest, when};
}

TEST(ScriptedTest, TwoVesselsPassAtTheDesignedClosestPointOfApproach) {
  Scenario scenario = quiet_scenario(1200);
  const TimeNs at = scenario.start + seconds(600);
  for (const double cpa_m : {100.0, 400.0}) {
    auto [ship, boat] = designed_encounter({51.05, 1.40}, at, cpa_m);
    scenario.vessels = {ship, boat};
    const RecordedRun result = record_run(scenario);
    const TruthIndex truth(result.reports);
    const auto [closest, when] =
        closest_approach(truth, id_of(result, "Ship"), id_of(result, "Boat"));
    EXPECT_NEAR(closest, cpa_m, 3.0);
    EXPECT_LE(std::abs(when - at), seconds(2)) << format_utc(when);
    // Ten minutes either side they are kilometres apart.
    const TruthRecord* ship_early = truth.exact(id_of(result, "Ship"), at - seconds(600));
    const TruthRecord* boat_early = truth.exact(id_of(result, "Boat"), at - seconds(600));
    ASSERT_TRUE(ship_early != nullptr && boat_early != nullptr);
    EXPECT_GT(geodesic_distance_m(ship_early->position, boat_early->position), 3000.0);
  }
}

TEST(ScriptedTest, AppearsAndLeavesOnTime) {
  Scenario scenario = quiet_scenario(600);
  ScriptedVesselConfig config = vessel("Visitor", EntityKind::kPleasure, {51.0, 1.45},
                                       scenario.start + seconds(200), 90.0, 6.0);
  config.appear_at = scenario.start + seconds(100.5);
  config.leave_at = scenario.start + seconds(300);
  scenario.vessels.push_back(config);
  const RecordedRun result = record_run(scenario);
  const TruthIndex truth(result.reports);
  const std::vector<TruthRecord>& records = truth.by_id().at(id_of(result, "Visitor"));
  ASSERT_FALSE(records.empty());
  // In the scene from the first whole second at or after appear_at, gone at leave_at.
  EXPECT_EQ(records.front().time, scenario.start + seconds(101));
  EXPECT_EQ(records.back().time, scenario.start + seconds(299));
  EXPECT_EQ(records.size(), 199U);
  // On its line: 99 s before reaching the reference position, 6 knots due east.
  EXPECT_NEAR(geodesic_distance_m(records.front().position, {51.0, 1.45}),
              99 * units::knots_to_mps(6), 1.0);
  EXPECT_EQ(result.entities.back().activity, Activity::kGone);
}

TEST(ScriptedTest, AStoppedBoatDriftsWithCurrentAndLeewayAndCallsForHelp) {
  Scenario scenario = quiet_scenario(3300);
  scenario.distress.call_probability = 1.0;
  scenario.distress.delay_min = {2, 2};
  ScriptedVesselConfig config = vessel("Stopping", EntityKind::kSmallBoat, {50.95, 1.45},
                                       scenario.start + seconds(300), 315, 4.0);
  config.stop_at = scenario.start + seconds(300);
  config.leeway_fraction = 0.05;
  config.persons = 44;
  scenario.vessels.push_back(config);
  const RecordedRun result = record_run(scenario);
  const TruthIndex truth(result.reports);
  const EntityId boat = id_of(result, "Stopping");
  const EastNorth expected{result.world.current_mps.east + 0.05 * result.world.wind_to_mps.east,
                           result.world.current_mps.north + 0.05 * result.world.wind_to_mps.north};
  const std::vector<TruthRecord>& records = truth.by_id().at(boat);
  std::size_t drifting = 0;
  for (const TruthRecord& record : records) {
    if (record.time < *config.stop_at) {
      EXPECT_EQ(record.activity, Activity::kUnderWay);
      EXPECT_NEAR(record.speed_kn, 4.0, 1e-9);
      continue;
    }
    EXPECT_EQ(record.activity, Activity::kDrifting) << format_utc(record.time);
    EXPECT_EQ(record.persons_on_board, 44);
    // The drift model's own wander about the mean is 0.05 m/s per axis.
    const EastNorth velocity = velocity_of(record);
    EXPECT_LT(std::hypot(velocity.east - expected.east, velocity.north - expected.north), 0.25);
    ++drifting;
  }
  EXPECT_EQ(drifting, 3000U);
  // Where it stopped: its reference position; fifty minutes later, moved by the mean drift
  // (within the wander, correlated over ten minutes).
  const TruthRecord* stop = truth.exact(boat, *config.stop_at);
  const TruthRecord* later = truth.exact(boat, *config.stop_at + seconds(2999));
  ASSERT_TRUE(stop != nullptr && later != nullptr);
  EXPECT_NEAR(geodesic_distance_m(stop->position, {50.95, 1.45}), 0.0, 0.5);
  const EastNorth moved = result.world.to_plane(later->position);
  const EastNorth from = result.world.to_plane(stop->position);
  EXPECT_NEAR((moved.east - from.east) / 2999, expected.east, 0.1);
  EXPECT_NEAR((moved.north - from.north) / 2999, expected.north, 0.1);
  // Eligible for distress calls like a boat whose engine failed: the first two minutes on.
  std::vector<const DistressEvent*> calls;
  for (const Report& report : result.reports) {
    if (const auto* call = std::get_if<DistressEvent>(&report); call && call->truth_id == boat) {
      calls.push_back(call);
    }
  }
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front()->time, *config.stop_at + seconds(120));
  EXPECT_EQ(calls.front()->persons_on_board, 44);
}

TEST(ScriptedTest, AStoppedShipDriftsToo) {
  Scenario scenario = quiet_scenario(300);
  ScriptedVesselConfig config = vessel("Disabled", EntityKind::kMerchant, {51.0, 1.45},
                                       scenario.start + seconds(100), 220, 12.0);
  config.stop_at = scenario.start + seconds(100);
  scenario.vessels.push_back(config);
  const RecordedRun result = record_run(scenario);
  const TruthIndex truth(result.reports);
  const TruthRecord* record = truth.exact(id_of(result, "Disabled"), scenario.start + seconds(200));
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->activity, Activity::kDrifting);
  EXPECT_LT(record->speed_kn, 2.0);
  for (const Report& report : result.reports) {
    if (const auto* call = std::get_if<DistressEvent>(&report)) ADD_FAILURE() << call->report_id;
  }
}

TEST(ScriptedTest, AisOfAScriptedShipCarriesItsNameAndLengthAndADarkBoatSendsNone) {
  Scenario scenario = quiet_scenario(900);
  auto [ship, boat] = designed_encounter({51.05, 1.40}, scenario.start + seconds(450), 200);
  ship.name = "ENCOUNTER SHIP 1";
  ScriptedVesselConfig yacht = vessel("Yacht", EntityKind::kPleasure, {51.05, 1.30},
                                      scenario.start + seconds(450), 100, 6.0);
  yacht.mmsi = 235000456;
  yacht.length_m = 12;
  scenario.vessels = {ship, boat, yacht};
  // The drone's footprint covers the whole run area, to see the boat from the air.
  scenario.aircraft[1].centre = {51.05, 1.40};
  scenario.aircraft[1].footprint_radius_m = 30000;
  const RecordedRun result = record_run(scenario);
  const TruthIndex truth(result.reports);
  const EntityId ship_id = id_of(result, "ENCOUNTER SHIP 1");
  const EntityId boat_id = id_of(result, "Boat");

  ais::Decoder decoder;
  std::istringstream lines(result.bytes.all(Channel::kAis));
  std::string line;
  std::size_t ship_statics = 0, ship_positions = 0, yacht_names = 0, yacht_dimensions = 0;
  while (std::getline(lines, line)) {
    const ais::LineResult decoded = decoder.feed_line(line);
    if (decoded.reason != ais::LineReason::kDecoded) continue;
    const ais::Message& message = *decoded.message;
    const TimeNs time = decoded.source->tag_unix_time * kNsPerSecond;
    if (message.mmsi == 235000123U) {
      if (const auto* voyage = std::get_if<ais::StaticVoyageData>(&message.body)) {
        EXPECT_EQ(voyage->shipname.view(), "ENCOUNTER SHIP 1");
        EXPECT_EQ(voyage->to_bow + voyage->to_stern, 300U);
        EXPECT_EQ(voyage->shiptype, 70U);
        ++ship_statics;
      } else if (const auto* report = std::get_if<ais::PositionReport>(&message.body)) {
        const TruthRecord* record = truth.exact(ship_id, time);
        ASSERT_NE(record, nullptr);
        EXPECT_EQ(report->lat, std::lround(record->position.lat * 600000.0));
        EXPECT_EQ(report->lon, std::lround(record->position.lon * 600000.0));
        EXPECT_EQ(report->speed, 140U);
        EXPECT_EQ(report->course, 2200U);
        ++ship_positions;
      }
    } else if (message.mmsi == 235000456U) {
      if (const auto* report = std::get_if<ais::StaticDataReport>(&message.body)) {
        // Parts A (name) and B (dimensions) may come as separate messages.
        if (!report->shipname.empty()) {
          EXPECT_EQ(report->shipname.view(), "YACHT");
          ++yacht_names;
        }
        if (report->to_bow + report->to_stern > 0) {
          EXPECT_EQ(report->to_bow + report->to_stern, 12U);
          ++yacht_dimensions;
        }
      }
    }
  }
  EXPECT_GE(ship_statics, 2U);
  EXPECT_GT(ship_positions, 100U);
  EXPECT_GE(yacht_names, 1U);
  EXPECT_GE(yacht_dimensions, 1U);

  std::size_t boat_ais = 0, boat_plots = 0, ship_plots = 0, boat_sightings = 0;
  for (const Report& report : result.reports) {
    if (const auto* ais_report = std::get_if<AisReport>(&report)) {
      boat_ais += ais_report->truth_id == boat_id ? 1 : 0;
    } else if (const auto* plot = std::get_if<RadarPlot>(&report)) {
      boat_plots += plot->truth_id == boat_id ? 1 : 0;
      ship_plots += plot->truth_id == ship_id ? 1 : 0;
    } else if (const auto* sighting = std::get_if<SightingReport>(&report)) {
      boat_sightings += sighting->truth_id == boat_id ? 1 : 0;
    }
  }
  EXPECT_EQ(boat_ais, 0U);
  EXPECT_GT(boat_plots, 10U);
  EXPECT_GT(ship_plots, boat_plots);
  EXPECT_GT(boat_sightings, 10U);
  const TruthRecord* boat_truth = truth.exact(boat_id, scenario.start);
  ASSERT_NE(boat_truth, nullptr);
  EXPECT_EQ(boat_truth->mmsi, 0U);
  EXPECT_EQ(boat_truth->name, "Boat");
  EXPECT_EQ(boat_truth->kind, EntityKind::kSmallBoat);
  EXPECT_EQ(boat_truth->persons_on_board, 50);  // the middle of the default 40..60
}

TEST(ScriptedTest, AreAppendedWithoutChangingTheOtherEntities) {
  const Scenario plain = testing::short_scenario(300, 11);
  Scenario with_vessels = plain;
  auto [ship, boat] = designed_encounter({51.05, 1.40}, plain.start + seconds(150), 100);
  with_vessels.vessels = {ship, boat};
  const RecordedRun before = record_run(plain);
  const RecordedRun after = record_run(with_vessels);
  ASSERT_EQ(after.entities.size(), before.entities.size() + 2);
  const auto count = static_cast<EntityId>(before.entities.size());
  EXPECT_EQ(after.entities[count].id, count + 1);
  EXPECT_EQ(after.entities[count].name, "Ship");
  EXPECT_EQ(after.entities[count + 1].id, count + 2);
  // Every other entity moves exactly as before (its own random stream); the truth of the
  // run without scripted vessels is the truth of the run with them, less theirs.
  std::vector<TruthRecord> others;
  for (const Report& report : after.reports) {
    if (const auto* record = std::get_if<TruthRecord>(&report); record && record->id <= count) {
      others.push_back(*record);
    }
  }
  std::size_t compared = 0;
  for (const Report& report : before.reports) {
    const auto* record = std::get_if<TruthRecord>(&report);
    if (record == nullptr) continue;
    ASSERT_LT(compared, others.size());
    const TruthRecord& other = others[compared++];
    ASSERT_EQ(record->id, other.id);
    ASSERT_EQ(record->time, other.time);
    ASSERT_EQ(record->activity, other.activity);
    ASSERT_EQ(record->position.lat, other.position.lat);
    ASSERT_EQ(record->position.lon, other.position.lon);
  }
  EXPECT_EQ(compared, others.size());
  EXPECT_GT(compared, 10000U);
}

TEST(ScriptedTest, TheEncountersFileGivesItsThreeSituations) {
  auto scenario = load_scenario(testing::repo_data("sim/encounters.toml"));
  ASSERT_TRUE(scenario.ok()) << scenario.error().detail;
  ASSERT_EQ(scenario->vessels.size(), 4U);
  const RecordedRun result = record_run(*scenario);
  const TruthIndex truth(result.reports);
  const TimeNs start = scenario->start;

  // (1) The dark boat passes 100 m from the container ship at start + 40 min.
  const auto [closest, when] =
      closest_approach(truth, id_of(result, "ENCOUNTER SHIP 1"), id_of(result, "ENCOUNTER BOAT 1"));
  EXPECT_NEAR(closest, 100.0, 3.0);
  EXPECT_LE(std::abs(when - (start + seconds(2400))), seconds(2)) << format_utc(when);

  // (2) A boat stops at start + 15 min and drifts from then on.
  const EntityId drifting = id_of(result, "DRIFTING BOAT 2");
  EXPECT_EQ(truth.exact(drifting, start + seconds(899))->activity, Activity::kUnderWay);
  EXPECT_EQ(truth.exact(drifting, start + seconds(900))->activity, Activity::kDrifting);
  EXPECT_EQ(truth.exact(drifting, start + seconds(3599))->activity, Activity::kDrifting);

  // (3) A boat passes from the French SRR into the UK SRR at about start + 30 min.
  const Zone* french = nullptr;
  const Zone* british = nullptr;
  for (const Zone* zone : testing::dover_geography().zones_of_kind("srr")) {
    (zone->name.find("FR") != std::string::npos ? french : british) = zone;
  }
  ASSERT_TRUE(french != nullptr && british != nullptr);
  const EntityId crossing = id_of(result, "SRR CROSSING BOAT 3");
  for (const double minute : {1.0, 20.0, 28.0}) {
    const LatLon at = truth.exact(crossing, start + seconds(60 * minute))->position;
    EXPECT_TRUE(ring_contains(french->ring, at)) << minute;
    EXPECT_FALSE(ring_contains(british->ring, at)) << minute;
  }
  for (const double minute : {32.0, 40.0, 59.0}) {
    const LatLon at = truth.exact(crossing, start + seconds(60 * minute))->position;
    EXPECT_TRUE(ring_contains(british->ring, at)) << minute;
  }
}

}  // namespace
}  // namespace sw::sim
