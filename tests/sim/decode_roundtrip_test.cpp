// The simulator's output decoded by straitwatch's own decoders gives back the truth:
// AIS positions exactly (to the 1/10000 minute of the message), radar plots within a few
// sigma of the truth at the decoded time, CoT sightings and distress positions within a
// few sigma of theirs.

#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <sstream>

#include "core/units.h"
#include "ingest/ais/decoder.h"
#include "ingest/asterix/decoder.h"
#include "ingest/cot/decoder.h"
#include "ingest/distress/distress_decoder.h"
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

/// One run, kept both as reports and as bytes.

/// A short run with boats launching at once under a wide-footprint drone, and engines that
/// fail early, so every format has plenty to check.
Scenario busy_short_scenario() {
  Scenario scenario = testing::short_scenario(600, 17);
  scenario.merchant.initial = 16;
  scenario.small_boat.count = 12;
  scenario.small_boat.launch_window_s = 60;
  scenario.small_boat.engine_failure_probability = 1.0;
  scenario.small_boat.turn_back_probability = 0.0;
  scenario.small_boat.failure_after_min = {1, 3};
  scenario.distress.call_probability = 1.0;
  scenario.distress.delay_min = {1, 2};
  scenario.distress.update_interval_min = 2;
  AircraftConfig& drone = scenario.aircraft[1];
  drone.centre = {50.75, 1.55};
  drone.footprint_radius_m = 30000;
  return scenario;
}

const RecordedRun& shared_run() {
  static const RecordedRun kRun = record_run(busy_short_scenario());
  return kRun;
}

TEST(DecodeRoundTripTest, AisPositionsDecodeToTheTruthExactly) {
  const RecordedRun& result = shared_run();
  const TruthIndex truth(result.reports);
  std::map<std::uint32_t, const Entity*> by_mmsi;
  for (const Entity& entity : result.entities) {
    if (entity.vessel.ais_class != AisClass::kNone) by_mmsi[entity.vessel.mmsi] = &entity;
  }
  ais::Decoder decoder;
  std::istringstream lines(result.bytes.all(Channel::kAis));
  std::string line;
  std::size_t positions = 0, statics = 0;
  std::set<std::string> stations;
  while (std::getline(lines, line)) {
    const ais::LineResult decoded = decoder.feed_line(line);
    if (decoded.reason != ais::LineReason::kDecoded) continue;
    const ais::Message& message = *decoded.message;
    stations.insert(std::string(decoded.source->tag_source));
    ASSERT_EQ(by_mmsi.count(message.mmsi), 1U) << message.mmsi;
    const Entity& entity = *by_mmsi[message.mmsi];
    const TimeNs time = decoded.source->tag_unix_time * kNsPerSecond;
    if (const auto* report = std::get_if<ais::PositionReport>(&message.body)) {
      const TruthRecord* record = truth.exact(entity.id, time);
      ASSERT_NE(record, nullptr) << message.mmsi;
      EXPECT_EQ(report->lat, std::lround(record->position.lat * 600000.0));
      EXPECT_EQ(report->lon, std::lround(record->position.lon * 600000.0));
      EXPECT_EQ(report->speed, static_cast<std::uint32_t>(std::lround(record->speed_kn * 10)));
      EXPECT_EQ(report->course,
                static_cast<std::uint32_t>(std::lround(record->course_deg * 10)) % 3600);
      EXPECT_EQ(report->second, static_cast<std::uint32_t>(utc_fields(time).second));
      ++positions;
    } else if (const auto* class_b = std::get_if<ais::ClassBPosition>(&message.body)) {
      const TruthRecord* record = truth.exact(entity.id, time);
      ASSERT_NE(record, nullptr) << message.mmsi;
      EXPECT_EQ(class_b->lat, std::lround(record->position.lat * 600000.0));
      EXPECT_EQ(class_b->lon, std::lround(record->position.lon * 600000.0));
      ++positions;
    } else if (const auto* voyage = std::get_if<ais::StaticVoyageData>(&message.body)) {
      EXPECT_EQ(voyage->shipname.view(), entity.vessel.name);
      EXPECT_EQ(voyage->callsign.view(), entity.vessel.callsign);
      EXPECT_EQ(voyage->imo, entity.vessel.imo);
      EXPECT_EQ(voyage->to_bow + voyage->to_stern, entity.vessel.length_m());
      ++statics;
    } else if (const auto* class_b_static = std::get_if<ais::StaticDataReport>(&message.body)) {
      EXPECT_EQ(class_b_static->shipname.view(), entity.vessel.name);
      EXPECT_EQ(class_b_static->callsign.view(), entity.vessel.callsign);
      ++statics;
    }
  }
  EXPECT_EQ(decoder.stats().rejected(), 0U);
  EXPECT_GT(positions, 2000U);
  EXPECT_GT(statics, 50U);
  EXPECT_EQ(stations, (std::set<std::string>{"dover-ais", "gris-nez-ais"}));
}

TEST(DecodeRoundTripTest, RadarPlotsDecodeWithinTheirNoiseOfTheTruth) {
  const RecordedRun& result = shared_run();
  const TruthIndex truth(result.reports);
  const TimeNs day_start =
      result.scenario.start - static_cast<TimeNs>(seconds_of_day(result.scenario.start) * 1e9);
  std::size_t target_plots = 0;
  for (const RadarSite& site : result.radars) {
    std::vector<const RadarPlot*> plots;
    std::vector<const RadarNorthMarker*> markers;
    for (const Report& report : result.reports) {
      if (const auto* plot = std::get_if<RadarPlot>(&report); plot && plot->radar_id == site.id) {
        plots.push_back(plot);
      }
      if (const auto* marker = std::get_if<RadarNorthMarker>(&report);
          marker && marker->radar_id == site.id) {
        markers.push_back(marker);
      }
    }
    const std::string& bytes = result.bytes.data.at({Channel::kAsterix, site.id});
    asterix::StreamDecoder decoder;
    const asterix::DecodedRecords decoded =
        decoder.feed(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    decoder.finish();
    EXPECT_EQ(decoder.stats().rejected(), 0U);
    ASSERT_EQ(decoded.cat010.size(), plots.size()) << site.id;
    ASSERT_EQ(decoded.cat034.size(), markers.size()) << site.id;
    for (std::size_t marker_idx = 0; marker_idx < markers.size(); ++marker_idx) {
      const asterix::Cat034Record& record = decoded.cat034[marker_idx];
      ASSERT_TRUE(record.source_position && record.antenna_rotation_period_s &&
                  record.time_of_day_s);
      EXPECT_EQ(record.message_type, asterix::Cat034MessageType::kNorthMarker);
      EXPECT_NEAR(record.source_position->position.lat, site.position.lat, 180.0 / (1 << 23));
      EXPECT_NEAR(*record.antenna_rotation_period_s, markers[marker_idx]->rotation_period_s,
                  1.0 / 128);
    }
    const LocalFrame site_frame(site.position);
    double range_square_sum = 0, azimuth_square_sum = 0;
    std::size_t site_plots = 0;
    for (std::size_t plot_idx = 0; plot_idx < plots.size(); ++plot_idx) {
      const asterix::Cat010Record& record = decoded.cat010[plot_idx];
      const RadarPlot& plot = *plots[plot_idx];
      ASSERT_TRUE(record.data_source && record.time_of_day_s && record.position_polar);
      EXPECT_EQ(record.data_source->sac, site.sac);
      EXPECT_EQ(record.data_source->sic, site.sic);
      const TimeNs time =
          day_start + static_cast<TimeNs>(std::llround(*record.time_of_day_s * 1e9));
      EXPECT_LE(std::llabs(time - plot.time), kNsPerSecond / 256 + 1);
      if (plot.truth_id == 0) continue;  // clutter: nothing to compare with
      // Truth at the decoded time, seen from the site.
      const auto position = truth.position(plot.truth_id, time);
      if (!position) continue;
      const EastNorth relative = site_frame.forward(*position);
      const double range = std::hypot(relative.east, relative.north);
      const double azimuth = units::rad_to_deg(std::atan2(relative.east, relative.north));
      const double range_error = (record.position_polar->range_m - range) / plot.range_sigma_m;
      const double azimuth_error =
          std::remainder(record.position_polar->azimuth_deg - azimuth, 360.0) /
          plot.azimuth_sigma_deg;
      EXPECT_LT(std::fabs(range_error), 5.5) << site.id << " plot " << plot_idx;
      EXPECT_LT(std::fabs(azimuth_error), 5.5) << site.id << " plot " << plot_idx;
      range_square_sum += range_error * range_error;
      azimuth_square_sum += azimuth_error * azimuth_error;
      ++site_plots;
    }
    ASSERT_GT(site_plots, 1000U) << site.id;
    // The errors are the modelled noise: unit variance once divided by sigma.
    EXPECT_NEAR(std::sqrt(range_square_sum / site_plots), 1.0, 0.15) << site.id;
    EXPECT_NEAR(std::sqrt(azimuth_square_sum / site_plots), 1.0, 0.15) << site.id;
    target_plots += site_plots;
  }
  EXPECT_GT(target_plots, 5000U);
}

TEST(DecodeRoundTripTest, CotSightingsAndAssetsDecodeToTheirTruth) {
  const RecordedRun& result = shared_run();
  const TruthIndex truth(result.reports);
  std::vector<const Report*> expected;
  for (const Report& report : result.reports) {
    if (std::holds_alternative<SightingReport>(report) ||
        std::holds_alternative<AssetPosition>(report)) {
      expected.push_back(&report);
    }
  }
  cot::Decoder decoder;
  std::vector<cot::CotEvent> events;
  decoder.feed(result.bytes.all(Channel::kCot), events);
  decoder.finish();
  EXPECT_EQ(decoder.stats().rejected(), 0U);
  ASSERT_EQ(events.size(), expected.size());
  std::size_t sightings = 0;
  for (std::size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
    const cot::CotEvent& event = events[event_idx];
    if (const auto* sighting = std::get_if<SightingReport>(expected[event_idx])) {
      EXPECT_EQ(event.type, "a-u-S");
      EXPECT_EQ(event.uid, sighting->contact_uid);
      EXPECT_EQ(event.time, sighting->time);
      ASSERT_TRUE(event.point.ce_m.has_value());
      const auto position = truth.position(sighting->truth_id, event.time);
      if (!position) continue;  // the last second of the run
      EXPECT_LT(geodesic_distance_m({event.point.lat, event.point.lon}, *position),
                5 * *event.point.ce_m);
      EXPECT_EQ(event.releaseable_to, sighting->releasable_to);
      ++sightings;
    } else {
      const auto& asset = std::get<AssetPosition>(*expected[event_idx]);
      EXPECT_EQ(event.type.rfind("a-f-", 0), 0U);
      EXPECT_EQ(event.uid, asset.uid);
      EXPECT_EQ(event.callsign, asset.callsign);
      // Between whole seconds the simulator extrapolates along the course of the second
      // before, the truth interpolation follows the chord of the turn: a few metres apart
      // for an aircraft turning at 3 deg/s.
      const auto position = truth.position(asset.id, event.time);
      if (!position) continue;  // the last second of the run
      EXPECT_LT(geodesic_distance_m({event.point.lat, event.point.lon}, *position), 5.0);
    }
  }
  EXPECT_GT(sightings, 20U);
}

TEST(DecodeRoundTripTest, DistressReportsDecodeToTheirTruth) {
  const RecordedRun& result = shared_run();
  const TruthIndex truth(result.reports);
  std::vector<const DistressEvent*> expected;
  for (const Report& report : result.reports) {
    if (const auto* call = std::get_if<DistressEvent>(&report)) expected.push_back(call);
  }
  std::istringstream lines(result.bytes.all(Channel::kDistress));
  std::string line;
  std::size_t decoded_count = 0;
  while (std::getline(lines, line)) {
    ASSERT_LT(decoded_count, expected.size());
    const DistressEvent& call = *expected[decoded_count++];
    const auto report = distress::parse_distress_json(line);
    ASSERT_TRUE(report.ok()) << report.error().code << ": " << line;
    EXPECT_EQ(report->id, call.report_id);
    EXPECT_EQ(report->time / 1'000'000, call.time / 1'000'000);  // milliseconds on the wire
    EXPECT_EQ(report->persons_on_board, call.persons_on_board);
    EXPECT_EQ(report->source, call.source);
    const auto position = truth.position(call.truth_id, call.time);
    if (!position) continue;  // the last second of the run
    EXPECT_LT(geodesic_distance_m(report->position, *position), 5 * *report->uncertainty_m);
  }
  EXPECT_EQ(decoded_count, expected.size());
  EXPECT_GE(decoded_count, 12U);  // every boat stops and calls at least once
}

TEST(DecodeRoundTripTest, RadarTracksKeepTheirNumbersAndVelocities) {
  Scenario scenario = testing::short_scenario(120, 23);
  scenario.radars.resize(1);
  scenario.radars[0].tracks = true;
  const RecordedRun result = record_run(scenario);
  const TruthIndex index(result.reports);
  std::vector<const RadarPlot*> tracks;
  for (const Report& report : result.reports) {
    if (const auto* plot = std::get_if<RadarPlot>(&report)) tracks.push_back(plot);
  }
  const std::string& bytes = result.bytes.data.at({Channel::kAsterix, "dover"});
  asterix::StreamDecoder decoder;
  const asterix::DecodedRecords decoded =
      decoder.feed(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  ASSERT_EQ(decoded.cat010.size(), tracks.size());
  std::map<std::uint16_t, EntityId> owner;
  std::map<EntityId, int> seen;
  for (std::size_t track_idx = 0; track_idx < tracks.size(); ++track_idx) {
    const asterix::Cat010Record& record = decoded.cat010[track_idx];
    const RadarPlot& track = *tracks[track_idx];
    ASSERT_NE(track.truth_id, 0U);  // no clutter in track mode
    ASSERT_TRUE(record.track_number && record.track_status && record.velocity_cartesian);
    // One number per target for the whole run.
    const auto [entry, inserted] = owner.emplace(*record.track_number, track.truth_id);
    EXPECT_EQ(entry->second, track.truth_id);
    EXPECT_EQ(record.track_status->cnf, ++seen[track.truth_id] < 3);
    // Velocity: the target's (from the truth of that second) with 0.5 m/s noise per axis.
    const TruthRecord* truth = nullptr;
    for (TimeNs second = track.time / kNsPerSecond * kNsPerSecond;
         truth == nullptr && second >= track.time - 2 * kNsPerSecond; second -= kNsPerSecond) {
      truth = index.exact(track.truth_id, second);
    }
    ASSERT_NE(truth, nullptr);
    const double speed = units::knots_to_mps(truth->speed_kn);
    const double course = units::deg_to_rad(truth->course_deg);
    EXPECT_NEAR(record.velocity_cartesian->vx_mps, speed * std::sin(course), 5 * 0.5 + 0.2);
    EXPECT_NEAR(record.velocity_cartesian->vy_mps, speed * std::cos(course), 5 * 0.5 + 0.2);
  }
  EXPECT_GT(owner.size(), 20U);
}

}  // namespace
}  // namespace sw::sim
