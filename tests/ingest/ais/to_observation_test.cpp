// Decoded AIS messages become Observations: positions with a covariance from the
// accuracy flag, velocity from SOG/COG, identity, static data; "not available" values
// are absent, never zeros.

#include "ingest/ais/to_observation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sw::ais {
namespace {

std::optional<Observation> observe(const std::vector<std::string>& lines, TimeNs receive_time = 0) {
  Decoder decoder;
  ObservationContext context;
  context.source_id = "test-ais";
  context.receive_time = receive_time;
  context.label.owner = "FR";
  for (const auto& line : lines) {
    const LineResult result = decoder.feed_line(line, receive_time);
    if (result.message != nullptr) return to_observation(*result.message, *result.source, context);
  }
  return std::nullopt;
}

std::string attribute(const Observation& observation, const std::string& key) {
  for (const auto& [name, value] : observation.attributes) {
    if (name == key) return value;
  }
  return "";
}

TEST(ToObservation, ClassAPositionWithVelocityAndAccurateFix) {
  // gpsd sample: type 1, MMSI 371798000, 12.3 kn, course 224.0, heading 215, DGNSS.
  const auto observation = observe({"!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"});
  ASSERT_TRUE(observation.has_value());
  EXPECT_EQ(observation->kind, ObservationKind::kAisPosition);
  EXPECT_EQ(observation->source_id, "test-ais");
  EXPECT_EQ(observation->label.owner, "FR");
  EXPECT_EQ(observation->identity.mmsi, 371798000U);
  ASSERT_TRUE(observation->position.has_value());
  EXPECT_NEAR(observation->position->lat, 48.381633, 1e-6);
  EXPECT_NEAR(observation->position->lon, -123.395383, 1e-6);
  EXPECT_DOUBLE_EQ(observation->position_covariance.ee, 25.0);
  ASSERT_TRUE(observation->velocity.has_value());
  const double speed = std::hypot(observation->velocity->east, observation->velocity->north);
  EXPECT_NEAR(speed, 12.3 * 1852.0 / 3600.0, 1e-9);
  // Course 224 deg: heading south-west, both components negative.
  EXPECT_LT(observation->velocity->east, 0.0);
  EXPECT_LT(observation->velocity->north, 0.0);
  ASSERT_TRUE(observation->heading_deg.has_value());
  EXPECT_EQ(*observation->heading_deg, 215.0);
}

TEST(ToObservation, NotAvailableValuesAreAbsent) {
  // gpsd sample: type 1 with heading 511 (not available).
  const auto observation = observe({"!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42"});
  ASSERT_TRUE(observation.has_value());
  EXPECT_FALSE(observation->heading_deg.has_value());
  ASSERT_TRUE(observation->velocity.has_value());  // 0.0 kn is a real speed
  EXPECT_EQ(observation->velocity->east, 0.0);
  EXPECT_DOUBLE_EQ(observation->position_covariance.nn, 625.0);  // accuracy flag 0
}

TEST(ToObservation, UnavailablePositionIsAbsent) {
  // libais example: type 4 base station with lat 91, lon 181.
  const auto observation = observe({"!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28"});
  EXPECT_FALSE(observation.has_value()) << "type 4 is a base station report, not a vessel";
}

TEST(ToObservation, StaticVoyageDataEnrichesIdentity) {
  const auto observation =
      observe({"!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
               "!AIVDM,2,2,1,A,88888888880,2*25"});
  ASSERT_TRUE(observation.has_value());
  EXPECT_EQ(observation->kind, ObservationKind::kAisStatic);
  EXPECT_EQ(observation->identity.mmsi, 351759000U);
  EXPECT_EQ(observation->identity.callsign, "3FOF8");
  EXPECT_FALSE(observation->position.has_value());
  EXPECT_EQ(attribute(*observation, "shipname"), "EVER DIADEM");
  EXPECT_EQ(attribute(*observation, "imo"), "9134270");
  EXPECT_EQ(attribute(*observation, "length_m"), "295");
  EXPECT_EQ(attribute(*observation, "beam_m"), "32");
  EXPECT_EQ(attribute(*observation, "draught_m"), "12.2");
  EXPECT_EQ(attribute(*observation, "destination"), "NEW YORK");
}

TEST(ToObservation, TimeComesFromTagBlockAndUtcSecond) {
  // c:1418172113 is 00:41:53 UTC; the report says second 51 -> 00:41:51.
  const auto observation =
      observe({"\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\"
               "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78"});
  ASSERT_TRUE(observation.has_value());
  EXPECT_EQ(observation->time, 1418172111LL * kNsPerSecond);
}

TEST(ObservationTime, PicksTheNearestMinute) {
  const TimeNs receive = 1'000'000'020LL * kNsPerSecond;  // second 20 of its minute... ish
  const TimeNs minute_start = receive - receive % (60 * kNsPerSecond);
  // A report stamped second 58 received at second 2 of the next minute is 4 s old.
  const TimeNs received_at_02 = minute_start + 2 * kNsPerSecond;
  EXPECT_EQ(observation_time(-1, received_at_02, 58U), minute_start - 2 * kNsPerSecond);
  EXPECT_EQ(observation_time(-1, received_at_02, 1U), minute_start + 1 * kNsPerSecond);
  EXPECT_EQ(observation_time(-1, received_at_02, std::nullopt), received_at_02);
}

}  // namespace
}  // namespace sw::ais
