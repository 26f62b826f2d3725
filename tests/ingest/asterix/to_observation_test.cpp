#include "ingest/asterix/to_observation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/geo.h"

namespace sw::asterix {
namespace {

constexpr TimeNs kDay = 86400 * kNsPerSecond;
/// 2026-01-01T00:00:00Z.
constexpr TimeNs kNewYear = 1767225600LL * kNsPerSecond;

RadarSite dover_site() {
  RadarSite site;
  site.source_id = "uk-dover-vts";
  site.data_source = DataSourceId{1, 2};
  site.position = LatLon{51.1279, 1.3134};
  site.label_text = "Dover VTS";
  site.range_sigma_m = 20.0;
  site.azimuth_sigma_deg = 0.5;
  site.label.owner = "UK/MCA";
  return site;
}

Cat010Record plot_at(double range_m, double azimuth_deg) {
  Cat010Record record;
  record.data_source = DataSourceId{1, 2};
  record.message_type = Cat010MessageType::kTargetReport;
  record.time_of_day_s = 43200.25;
  record.position_polar = PolarPosition{range_m, azimuth_deg};
  return record;
}

std::string attribute(const Observation& observation, const std::string& key) {
  for (const auto& [name, value] : observation.attributes) {
    if (name == key) return value;
  }
  return "<absent>";
}

TEST(AsterixToObservationTest, PolarPlotLandsAtItsRangeAndBearingFromTheSite) {
  const RadarSite site = dover_site();
  const auto observation = to_observation(plot_at(5000.0, 135.0), site, kNewYear + kDay / 2);
  ASSERT_TRUE(observation.ok()) << observation.error().code;
  EXPECT_EQ(observation->kind, ObservationKind::kRadarPlot);
  EXPECT_EQ(observation->source_id, "uk-dover-vts");
  ASSERT_TRUE(observation->position);
  EXPECT_NEAR(geodesic_distance_m(site.position, *observation->position), 5000.0, 1e-6);
  EXPECT_NEAR(geodesic_bearing_deg(site.position, *observation->position), 135.0, 1e-9);
  EXPECT_EQ(observation->time, kNewYear + 43200 * kNsPerSecond + kNsPerSecond / 4);
  EXPECT_EQ(observation->label.owner, "UK/MCA");
  EXPECT_EQ(attribute(*observation, "sac_sic"), "1/2");
  EXPECT_EQ(attribute(*observation, "site"), "Dover VTS");
  EXPECT_EQ(attribute(*observation, "track_number"), "<absent>");
  EXPECT_FALSE(observation->velocity);
}

TEST(AsterixToObservationTest, DefaultCovarianceIsRangeAlongTheBeamAndAzimuthAcrossIt) {
  const RadarSite site = dover_site();
  // Due north: range error is north-south, azimuth error east-west.
  const auto north = to_observation(plot_at(10000.0, 0.0), site, kNewYear);
  ASSERT_TRUE(north.ok());
  const double cross_sigma = 10000.0 * 0.5 * M_PI / 180.0;
  EXPECT_NEAR(north->position_covariance.nn, 400.0, 1e-6);
  EXPECT_NEAR(north->position_covariance.ee, cross_sigma * cross_sigma, 1e-6);
  EXPECT_NEAR(north->position_covariance.en, 0.0, 1e-6);
  // Due east: swapped.
  const auto east = to_observation(plot_at(10000.0, 90.0), site, kNewYear);
  EXPECT_NEAR(east->position_covariance.ee, 400.0, 1e-6);
  EXPECT_NEAR(east->position_covariance.nn, cross_sigma * cross_sigma, 1e-6);
  // North-east: correlated, with the polar formula's trace and determinant.
  const Covariance2 diagonal = polar_covariance(10000.0, 45.0, 20.0, 0.5);
  EXPECT_NEAR(diagonal.ee + diagonal.nn, 400.0 + cross_sigma * cross_sigma, 1e-6);
  EXPECT_NEAR(diagonal.ee * diagonal.nn - diagonal.en * diagonal.en,
              400.0 * cross_sigma * cross_sigma, 1e-3);
  EXPECT_LT(diagonal.en, 0.0);  // cross-range variance dominates at 10 km
}

TEST(AsterixToObservationTest, TrackUsesCartesianPositionDeviationAndVelocity) {
  const RadarSite site = dover_site();
  Cat010Record record = plot_at(5000.0, 90.0);
  record.position_cartesian = CartesianPosition{-1000.0, 250.0};
  record.track_number = 291;
  record.velocity_cartesian = CartesianVelocity{2.5, -1.25};
  record.velocity_polar = PolarVelocity{1.0 / 1852.0, 0.0};  // ignored: Cartesian preferred
  record.position_deviation = PositionDeviation{10.0, 5.5, -12.5};
  record.target_size = TargetSize{12.0, 45.0, 4.0};
  record.target_identification = "PILOT 7";
  record.target_address = 0x00ABCD;
  record.mode3a = Mode3aCode{false, false, false, 07123};
  record.track_status = TrackStatus{};
  record.track_status->cnf = true;
  record.track_status->cst = 2;
  const auto observation = to_observation(record, site, kNewYear);
  ASSERT_TRUE(observation.ok());
  EXPECT_EQ(observation->kind, ObservationKind::kRadarTrack);
  const LocalFrame frame(site.position);
  const EastNorth point = frame.forward(*observation->position);
  EXPECT_NEAR(point.east, -1000.0, 1e-6);
  EXPECT_NEAR(point.north, 250.0, 1e-6);
  EXPECT_EQ(observation->position_covariance.ee, 100.0);
  EXPECT_EQ(observation->position_covariance.nn, 30.25);
  EXPECT_EQ(observation->position_covariance.en, -12.5);
  ASSERT_TRUE(observation->velocity);
  EXPECT_EQ(observation->velocity->east, 2.5);
  EXPECT_EQ(observation->velocity->north, -1.25);
  EXPECT_EQ(observation->heading_deg, 45.0);
  EXPECT_EQ(observation->identity.callsign, "PILOT 7");
  EXPECT_EQ(attribute(*observation, "track_number"), "291");
  EXPECT_EQ(attribute(*observation, "target_address"), "00ABCD");
  EXPECT_EQ(attribute(*observation, "mode3a"), "7123");
  EXPECT_EQ(attribute(*observation, "target_length_m"), "12");
  EXPECT_EQ(attribute(*observation, "target_width_m"), "4");
  EXPECT_EQ(attribute(*observation, "track_status"), "initiating,coasting");
}

TEST(AsterixToObservationTest, Wgs84PositionIsPreferredAndPolarVelocityConverted) {
  const RadarSite site = dover_site();
  Cat010Record record = plot_at(5000.0, 90.0);
  record.position_wgs84 = LatLon{51.0, 1.5};
  record.velocity_polar = PolarVelocity{10.0 / 1852.0, 90.0};  // 10 m/s towards east
  const auto observation = to_observation(record, site, kNewYear);
  ASSERT_TRUE(observation.ok());
  EXPECT_EQ(observation->position->lat, 51.0);
  EXPECT_EQ(observation->position->lon, 1.5);
  EXPECT_NEAR(observation->velocity->east, 10.0, 1e-12);
  EXPECT_NEAR(observation->velocity->north, 0.0, 1e-12);
  // Default covariance at the WGS-84 position's own range and bearing from the site.
  const double range = geodesic_distance_m(site.position, LatLon{51.0, 1.5});
  const double bearing = geodesic_bearing_deg(site.position, LatLon{51.0, 1.5});
  const Covariance2 expected = polar_covariance(range, bearing, 20.0, 0.5);
  EXPECT_NEAR(observation->position_covariance.ee, expected.ee, 1e-3);
  EXPECT_NEAR(observation->position_covariance.nn, expected.nn, 1e-3);
}

TEST(AsterixToObservationTest, TimeOfDayRollsOverMidnightBothWays) {
  // Reported just before midnight, received just after: the previous day.
  EXPECT_EQ(time_from_time_of_day(86399.5, kNewYear + 2 * kNsPerSecond),
            kNewYear - kNsPerSecond / 2);
  // Reported just after midnight, received (clock ahead/late stamp) just before: next day.
  EXPECT_EQ(time_from_time_of_day(1.0, kNewYear - 3 * kNsPerSecond), kNewYear + kNsPerSecond);
  // Same day, both sides of the reference.
  EXPECT_EQ(time_from_time_of_day(43200.0, kNewYear + kDay / 2 + 300 * kNsPerSecond),
            kNewYear + kDay / 2);
  EXPECT_EQ(time_from_time_of_day(43500.0, kNewYear + kDay / 2),
            kNewYear + kDay / 2 + 300 * kNsPerSecond);
  // Before the epoch: the floor of the day, not truncation towards zero.
  EXPECT_EQ(time_from_time_of_day(86000.0, -100 * kNsPerSecond), -400 * kNsPerSecond);
  // Not a number: the reference itself.
  EXPECT_EQ(time_from_time_of_day(std::nan(""), kNewYear), kNewYear);
}

TEST(AsterixToObservationTest, RecordsThatAreNotUsableTargetReportsAreErrors) {
  const RadarSite site = dover_site();
  Cat010Record no_position;
  no_position.track_number = 3;
  EXPECT_EQ(to_observation(no_position, site, kNewYear).error().code, "no_position");
  Cat010Record status = plot_at(100.0, 0.0);
  status.message_type = Cat010MessageType::kPeriodicStatus;
  EXPECT_EQ(to_observation(status, site, kNewYear).error().code, "not_target_report");
  Cat010Record other = plot_at(100.0, 0.0);
  other.data_source = DataSourceId{9, 9};
  EXPECT_EQ(to_observation(other, site, kNewYear).error().code, "other_source");
  Cat010Record beyond_pole = plot_at(100.0, 0.0);
  beyond_pole.position_wgs84 = LatLon{135.0, 10.0};  // I010/041 can carry up to 180 deg
  EXPECT_EQ(to_observation(beyond_pole, site, kNewYear).error().code, "bad_position");
  Cat010Record not_finite;
  not_finite.position_cartesian = CartesianPosition{std::nan(""), 0.0};
  EXPECT_EQ(to_observation(not_finite, site, kNewYear).error().code, "bad_position");
  // Without I010/140 the receive time is the sensor time.
  Cat010Record untimed = plot_at(100.0, 0.0);
  untimed.time_of_day_s.reset();
  EXPECT_EQ(to_observation(untimed, site, kNewYear + 5)->time, kNewYear + 5);
}

}  // namespace
}  // namespace sw::asterix
