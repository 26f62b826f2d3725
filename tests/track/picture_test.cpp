// The fused picture: AIS identity tracks, dark contacts from radar, their correlation.

#include "track/fusion/picture.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sw::track {
namespace {

constexpr TimeNs kStart = 1'700'000'000LL * kNsPerSecond;

TimeNs at_seconds(double seconds) {
  return kStart + static_cast<TimeNs>(seconds * static_cast<double>(kNsPerSecond));
}

class PictureTest : public ::testing::Test {
 protected:
  Observation at(ObservationKind kind, double seconds, double east, double north,
                 const std::string& source, double sigma_m) {
    Observation observation;
    observation.kind = kind;
    observation.time = at_seconds(seconds);
    observation.source_id = source;
    observation.position = picture.frame().reverse({east, north});
    observation.position_covariance = {sigma_m * sigma_m, 0.0, sigma_m * sigma_m};
    return observation;
  }
  Observation ais(double seconds, std::uint32_t mmsi, double east, double north) {
    Observation observation = at(ObservationKind::kAisPosition, seconds, east, north, "ais", 10.0);
    observation.identity.mmsi = mmsi;
    return observation;
  }
  Observation plot(double seconds, double east, double north) {
    return at(ObservationKind::kRadarPlot, seconds, east, north, "radar-dover", 20.0);
  }
  EastNorth position_of(const FusedTrack& track) { return picture.frame().forward(track.position); }

  Picture picture;
};

TEST_F(PictureTest, AisReportsMakeOneCooperativeTrackPerMmsiEnrichedByStaticData) {
  Observation name;
  name.kind = ObservationKind::kAisStatic;
  name.time = at_seconds(0);
  name.source_id = "ais";
  name.identity.mmsi = 235000001;
  name.identity.callsign = "GABC";
  name.attributes = {{"shipname", "DOVER SEAWAYS"}, {"shiptype", "60"}};
  picture.add(name);
  for (int report = 0; report < 10; ++report) {
    picture.add(ais(report * 10.0, 235000001, 5.0 * report * 10.0, 0.0));
    picture.add(ais(report * 10.0 + 1.0, 227000002, -1000.0, 3.0 * report * 10.0));
  }
  const auto tracks = picture.current();
  ASSERT_EQ(tracks.size(), 2U);
  EXPECT_EQ(tracks[0].track_class, TrackClass::kCooperative);
  EXPECT_EQ(tracks[0].mmsi, 235000001U);
  EXPECT_EQ(tracks[0].detail("shipname"), "DOVER SEAWAYS");
  EXPECT_EQ(tracks[0].callsign, "GABC");
  EXPECT_EQ(tracks[1].mmsi, 227000002U);
  EXPECT_NEAR(position_of(tracks[0]).east, 450.0, 15.0);
  EXPECT_NEAR(tracks[0].velocity.east, 5.0, 0.5);
  EXPECT_NEAR(tracks[1].velocity.north, 3.0, 0.5);
  EXPECT_EQ(picture.stats().identity_updates, 20U);
}

TEST_F(PictureTest, RadarOnlyBoatBecomesADarkContact) {
  for (int scan = 0; scan < 12; ++scan) picture.add(plot(scan * 2.5, 2.0 * scan * 2.5, 100.0));
  picture.advance(at_seconds(40.0));
  const auto tracks = picture.current();
  ASSERT_EQ(tracks.size(), 1U);
  EXPECT_EQ(tracks[0].track_class, TrackClass::kDark);
  EXPECT_FALSE(tracks[0].mmsi.has_value());
  EXPECT_EQ(tracks[0].sources, std::vector<std::string>{"radar-dover"});
  EXPECT_NEAR(position_of(tracks[0]).east, 55.0, 25.0);
  EXPECT_NEAR(tracks[0].velocity.east, 2.0, 1.0);
}

TEST_F(PictureTest, RadarTrackOfAnAisShipMergesIntoTheCooperativeTrack) {
  // A ship at 6 m/s: AIS every 10 s, radar every 2.5 s (20 m noise, deterministic offsets).
  const double offsets[] = {12.0, -8.0, 3.0, -15.0, 9.0, -2.0, 14.0, -11.0};
  for (int scan = 0; scan < 40; ++scan) {
    const double time = scan * 2.5;
    if (scan % 4 == 0) picture.add(ais(time, 235000009, 6.0 * time, 2000.0));
    picture.add(
        plot(time + 0.1, 6.0 * (time + 0.1) + offsets[scan % 8], 2000.0 + offsets[(scan + 3) % 8]));
  }
  picture.advance(at_seconds(101.0));
  const auto tracks = picture.current();
  ASSERT_EQ(tracks.size(), 1U) << "the ship must not also be shown as a dark contact";
  EXPECT_EQ(tracks[0].track_class, TrackClass::kCooperative);
  EXPECT_EQ(tracks[0].sources, (std::vector<std::string>{"ais", "radar-dover"}));
  EXPECT_EQ(picture.stats().links, 1U);
}

TEST_F(PictureTest, DarkBoatBesideAShipStaysDark) {
  // The boat runs parallel to the ship 600 m away: correlation must not swallow it.
  for (int scan = 0; scan < 40; ++scan) {
    const double time = scan * 2.5;
    if (scan % 4 == 0) picture.add(ais(time, 235000010, 6.0 * time, 0.0));
    picture.add(plot(time + 0.1, 6.0 * (time + 0.1), 0.0));
    picture.add(plot(time + 0.2, 6.0 * (time + 0.2), 600.0));
  }
  picture.advance(at_seconds(101.0));
  const auto tracks = picture.current();
  ASSERT_EQ(tracks.size(), 2U);
  EXPECT_EQ(tracks[0].track_class, TrackClass::kCooperative);
  EXPECT_EQ(tracks[1].track_class, TrackClass::kDark);
  EXPECT_NEAR(position_of(tracks[1]).north, 600.0, 30.0);
}

TEST_F(PictureTest, SilentAisTrackCoastsThenIsLost) {
  picture.add(ais(0.0, 235000011, 0.0, 0.0));
  picture.add(ais(10.0, 235000011, 50.0, 0.0));
  picture.take_updates();
  picture.advance(at_seconds(80.0));
  auto updates = picture.take_updates();
  ASSERT_EQ(updates.size(), 1U);
  EXPECT_EQ(updates[0].status, PictureStatus::kCoasting);
  picture.advance(at_seconds(700.0));
  updates = picture.take_updates();
  ASSERT_EQ(updates.size(), 1U);
  EXPECT_EQ(updates[0].status, PictureStatus::kLost);
  EXPECT_TRUE(picture.current().empty());
}

TEST_F(PictureTest, UnusableObservationsAreCountedNotTracked) {
  Observation no_position = ais(0.0, 235000012, 0.0, 0.0);
  no_position.position.reset();
  picture.add(no_position);
  Observation nan_position = plot(1.0, 0.0, 0.0);
  nan_position.position->lat = std::numeric_limits<double>::quiet_NaN();
  picture.add(nan_position);
  Observation distress = plot(2.0, 0.0, 0.0);
  distress.kind = ObservationKind::kDistressReport;
  picture.add(distress);
  Observation odd_covariance = ais(3.0, 235000013, 0.0, 0.0);
  odd_covariance.position_covariance = {1.0, 50.0, 1.0};  // not positive definite
  picture.add(odd_covariance);
  EXPECT_EQ(picture.stats().not_tracked, 3U);
  ASSERT_EQ(picture.current().size(), 1U);
  EXPECT_TRUE(std::isfinite(picture.current()[0].position.lat));
}

TEST_F(PictureTest, SameInputGivesSameUpdates) {
  auto run = [this](Picture& target) {
    for (int scan = 0; scan < 20; ++scan) {
      const double time = scan * 2.5;
      if (scan % 4 == 0) target.add(ais(time, 235000014, 6.0 * time, 0.0));
      target.add(plot(time + 0.1, 6.0 * time, 3.0 * scan));
      target.add(plot(time + 0.2, -3.0 * time, 900.0));
    }
    target.advance(at_seconds(60.0));
    return target.take_updates();
  };
  Picture other;
  const auto first = run(picture);
  const auto second = run(other);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t update_idx = 0; update_idx < first.size(); ++update_idx) {
    EXPECT_EQ(first[update_idx].id, second[update_idx].id);
    EXPECT_EQ(first[update_idx].time, second[update_idx].time);
    EXPECT_EQ(first[update_idx].position.lat, second[update_idx].position.lat);
    EXPECT_EQ(first[update_idx].status, second[update_idx].status);
  }
}

}  // namespace
}  // namespace sw::track
