// ARPA radar targets (NMEA 0183 TTM/TLL): sentence fields, encoder, and the stream decoder
// that places targets from the own ship or a fixed site, with heading, units, times,
// lost targets and broken input.

#include "ingest/nmea/arpa.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "core/units.h"
#include "ingest/nmea/arpa_decoder.h"
#include "ingest/nmea/arpa_geometry.h"
#include "ingest/nmea/arpa_own_ship.h"
#include "ingest/nmea/sentence.h"

namespace sw::nmea {
namespace {

constexpr TimeNs kSecond = kNsPerSecond;
constexpr LatLon kOwnShip{51.0, 1.5};
constexpr LatLon kDoverSite{51.1290, 1.3400};

std::vector<std::string> read_lines(const std::string& name) {
  std::ifstream file(std::string(SW_TEST_DATA_DIR) + "/arpa/" + name);
  EXPECT_TRUE(file.good()) << name;
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  return lines;
}

std::string attribute(const Observation& observation, const std::string& key) {
  for (const auto& [name, value] : observation.attributes) {
    if (name == key) return value;
  }
  return "<absent>";
}

/// Feeds `lines` and returns the observations.
std::vector<Observation> decode_all(ArpaDecoder& decoder, const std::vector<std::string>& lines,
                                    TimeNs receive_time = 0) {
  std::vector<Observation> out;
  for (const auto& line : lines) {
    auto result = decoder.feed_line(line, receive_time);
    if (result.observation) out.push_back(std::move(*result.observation));
  }
  return out;
}

void expect_range_bearing(const Observation& observation, LatLon origin, double range_m,
                          double bearing_deg) {
  ASSERT_TRUE(observation.position.has_value());
  EXPECT_NEAR(geodesic_distance_m(origin, *observation.position), range_m, 1e-3);
  EXPECT_NEAR(geodesic_bearing_deg(origin, *observation.position), bearing_deg, 1e-6);
}

// ---- Sentence fields ------------------------------------------------------------------

TEST(ArpaSentence, TtmPre30LayoutFromGoNmea) {
  const auto target =
      parse_arpa_sentence("$RATTM,02,1.43,170.5,T,0.16,264.4,T,1.42,36.9,N,,T,,,M*2A");
  ASSERT_TRUE(target.ok()) << target.error().code;
  EXPECT_EQ(target->sentence, ArpaSentence::kTtm);
  EXPECT_EQ(target->talker, "RA");
  EXPECT_EQ(target->number, 2);
  EXPECT_DOUBLE_EQ(*target->distance, 1.43);
  EXPECT_DOUBLE_EQ(*target->bearing_deg, 170.5);
  EXPECT_FALSE(target->bearing_relative);
  EXPECT_DOUBLE_EQ(*target->speed, 0.16);
  EXPECT_DOUBLE_EQ(*target->course_deg, 264.4);
  EXPECT_DOUBLE_EQ(*target->cpa_distance, 1.42);
  EXPECT_DOUBLE_EQ(*target->tcpa_min, 36.9);
  EXPECT_EQ(target->unit, ArpaUnit::kNauticalMiles);
  EXPECT_TRUE(target->name.empty());
  EXPECT_EQ(target->status, ArpaStatus::kTracking);
  EXPECT_FALSE(target->reference_target);
  EXPECT_FALSE(target->utc_seconds_of_day.has_value());
  EXPECT_EQ(target->acquisition, ArpaAcquisition::kManual);
}

TEST(ArpaSentence, TtmWithTimeAndNameFromAeroRust) {
  const auto target = parse_arpa_sentence(
      "$RATTM,01,0.2,190.8,T,12.1,109.7,T,0.1,0.5,N,TGT01,T,,100021.00,A*79\r\n");
  ASSERT_TRUE(target.ok()) << target.error().code;
  EXPECT_EQ(target->name, "TGT01");
  EXPECT_DOUBLE_EQ(*target->utc_seconds_of_day, 10 * 3600 + 21);
  EXPECT_EQ(target->acquisition, ArpaAcquisition::kAutomatic);
}

TEST(ArpaSentence, TllLostReferenceTargetFromGoNmea) {
  const auto target = parse_arpa_sentence("$RATLL,1,3646.54266,N,00235.37778,W,test,020915,L,R*78");
  ASSERT_TRUE(target.ok()) << target.error().code;
  EXPECT_EQ(target->sentence, ArpaSentence::kTll);
  EXPECT_EQ(target->number, 1);
  EXPECT_NEAR(target->position->lat, 36.775711, 1e-9);
  EXPECT_NEAR(target->position->lon, -2.5896296666666667, 1e-12);
  EXPECT_EQ(target->name, "test");
  EXPECT_DOUBLE_EQ(*target->utc_seconds_of_day, 2 * 3600 + 9 * 60 + 15);
  EXPECT_EQ(target->status, ArpaStatus::kLost);
  EXPECT_TRUE(target->reference_target);
}

TEST(ArpaSentence, TllWithoutTargetNumberIsRefused) {
  // A target without a number cannot be followed from one report to the next.
  const auto target = parse_arpa_sentence("$RATLL,,3647.422,N,01432.592,E,,,,*58");
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().code, "missing_field");
}

TEST(ArpaSentence, AnyTalkerAndTagBlock) {
  const auto target = parse_arpa_sentence(
      "\\s:radar1,c:1723716900*0A\\$IITTM,02,1.43,170.5,T,0.16,264.4,T,1.42,36.9,N,,T,,,M*39");
  ASSERT_TRUE(target.ok()) << target.error().code;
  EXPECT_EQ(target->talker, "II");
}

TEST(ArpaSentence, ChecksumAndFramingErrors) {
  EXPECT_EQ(
      parse_arpa_sentence("$RATTM,02,1.43,170.5,T,0.16,264.4,T,1.42,36.9,N,,T,,,M*2B").error().code,
      "bad_checksum");
  EXPECT_EQ(
      parse_arpa_sentence("$RATTM,02,1.43,170.5,T,0.16,264.4,T,1.42,36.9,N,,T,,,M").error().code,
      "no_checksum");
  EXPECT_EQ(parse_arpa_sentence("$RATTM,02,1.43*ZZ").error().code, "malformed");
  EXPECT_EQ(parse_arpa_sentence("$GPGGA,1*00").error().code, "not_arpa");
  EXPECT_EQ(parse_arpa_sentence("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A").error().code,
            "not_arpa");
  EXPECT_EQ(parse_arpa_sentence("$RATTM," + std::string(600, '1') + "*00").error().code,
            "line_too_long");
}

/// The sentence with its checksum, for variations of one field.
std::string with_checksum(const std::string& body) {
  char checksum[4];
  std::snprintf(checksum, sizeof(checksum), "%02X", nmea_checksum(body));
  return "$" + body + "*" + checksum;
}

TEST(ArpaSentence, FieldErrorsByReason) {
  const auto code = [](const std::string& body) {
    const auto result = parse_arpa_sentence(with_checksum(body));
    return result.ok() ? std::string("ok") : result.error().code;
  };
  EXPECT_EQ(code("RATTM,01,1.0,90.0,T,,,T,,,N,,T,,,A"), "ok");
  EXPECT_EQ(code("RATTM,01,1.0e3,90.0,T,,,T,,,N,,T,,,A"), "bad_number");
  EXPECT_EQ(code("RATTM,01,inf,90.0,T,,,T,,,N,,T,,,A"), "bad_number");
  EXPECT_EQ(code("RATTM,1000,1.0,90.0,T,,,T,,,N,,T,,,A"), "bad_number");
  EXPECT_EQ(code("RATTM,01,,90.0,T,,,T,,,N,,T,,,A"), "missing_field");
  EXPECT_EQ(code("RATTM,01,1.0,,T,,,T,,,N,,T,,,A"), "missing_field");
  EXPECT_EQ(code("RATTM,01,1.0,90.0,M,,,T,,,N,,T,,,A"), "bad_flag");
  EXPECT_EQ(code("RATTM,01,1.0,90.0,T,,,T,,,X,,T,,,A"), "bad_flag");
  EXPECT_EQ(code("RATTM,01,1.0,90.0,T,,,T,,,N,,Z,,,A"), "bad_flag");
  EXPECT_EQ(code("RATTM,01,1.0,90.0,T,,,T,,,N,,T,,,Z"), "bad_flag");
  EXPECT_EQ(code("RATTM,01,1.0,360.0,T,,,T,,,N,,T,,,A"), "out_of_range");
  EXPECT_EQ(code("RATTM,01,-1.0,90.0,T,,,T,,,N,,T,,,A"), "out_of_range");
  EXPECT_EQ(code("RATTM,01,1.0,90.0,T,,,T,,,N,,T,,246000,A"), "bad_time");
  EXPECT_EQ(code("RATTM,01,1.0,90.0,T,,,T,,,N,,T,,1200,A"), "bad_time");
  EXPECT_EQ(code("RATLL,01,9100.0,N,00100.0,E,,,T,"), "out_of_range");
  EXPECT_EQ(code("RATLL,01,5060.0,N,00100.0,E,,,T,"), "out_of_range");  // 60 minutes
  EXPECT_EQ(code("RATLL,01,5000.0,X,00100.0,E,,,T,"), "out_of_range");
  EXPECT_EQ(code("RATLL,01,5000.0,N,,,,,T,"), "missing_field");
}

// ---- Encoder --------------------------------------------------------------------------

TEST(ArpaEncoder, TtmMatchesHandComputedSentence) {
  ArpaTarget target;
  target.number = 7;
  target.distance = 1.5;
  target.bearing_deg = 123.45;
  target.speed = 8.2;
  target.course_deg = 270.0;
  target.cpa_distance = 0.25;
  target.tcpa_min = -3.5;
  target.name = "DINGHY";
  target.status = ArpaStatus::kTracking;
  target.utc_seconds_of_day = 86399.99;
  target.acquisition = ArpaAcquisition::kAutomatic;
  EXPECT_EQ(encode_arpa_sentence(target),
            "$RATTM,07,1.500,123.45,T,8.20,270.00,T,0.250,-3.50,N,DINGHY,T,,235959.99,A*32");
}

TEST(ArpaEncoder, TllMatchesHandComputedSentence) {
  ArpaTarget target;
  target.sentence = ArpaSentence::kTll;
  target.number = 12;
  target.position = LatLon{50.0 + 57.5 / 60.0, -1.25};
  target.status = ArpaStatus::kLost;
  target.reference_target = true;
  target.utc_seconds_of_day = 0.0;
  EXPECT_EQ(encode_arpa_sentence(target), "$RATLL,12,5057.50000,N,00115.00000,W,,000000.00,L,R*76");
}

TEST(ArpaEncoder, RoundTripThroughTheParser) {
  ArpaTarget ttm;
  ttm.talker = "II";
  ttm.number = 345;
  ttm.distance = 12.345;
  ttm.bearing_deg = 359.99;
  ttm.bearing_relative = true;
  ttm.speed = 27.5;
  ttm.course_deg = 0.5;
  ttm.course_relative = true;
  ttm.unit = ArpaUnit::kStatuteMiles;
  ttm.name = "A,B*C";  // reserved characters are replaced
  ttm.status = ArpaStatus::kQuery;
  ttm.utc_seconds_of_day = 3723.5;
  ttm.acquisition = ArpaAcquisition::kReported;
  const auto parsed = parse_arpa_sentence(encode_arpa_sentence(ttm));
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->talker, "II");
  EXPECT_EQ(parsed->number, 345);
  EXPECT_DOUBLE_EQ(*parsed->distance, 12.345);
  EXPECT_DOUBLE_EQ(*parsed->bearing_deg, 359.99);
  EXPECT_TRUE(parsed->bearing_relative);
  EXPECT_TRUE(parsed->course_relative);
  EXPECT_EQ(parsed->unit, ArpaUnit::kStatuteMiles);
  EXPECT_EQ(parsed->name, "A_B_C");
  EXPECT_EQ(parsed->status, ArpaStatus::kQuery);
  EXPECT_DOUBLE_EQ(*parsed->utc_seconds_of_day, 3723.5);
  EXPECT_EQ(parsed->acquisition, ArpaAcquisition::kReported);
  EXPECT_FALSE(parsed->cpa_distance.has_value());

  ArpaTarget tll;
  tll.sentence = ArpaSentence::kTll;
  tll.number = 3;
  tll.position = LatLon{-33.856785, 151.215257};
  const auto parsed_tll = parse_arpa_sentence(encode_arpa_sentence(tll));
  ASSERT_TRUE(parsed_tll.ok()) << parsed_tll.error().code;
  // Five decimals of a minute: 1/6e6 degree, under 0.02 m.
  EXPECT_NEAR(parsed_tll->position->lat, -33.856785, 1e-6 / 6);
  EXPECT_NEAR(parsed_tll->position->lon, 151.215257, 1e-6 / 6);
  EXPECT_FALSE(parsed_tll->status.has_value());
}

// ---- Geometry and time ----------------------------------------------------------------

TEST(ArpaGeometry, PolarCovarianceAlongAndAcrossTheBeam) {
  // Due north at 10 km: range error north, bearing error east.
  const Covariance2 north = polar_covariance(10'000.0, 0.0, 100.0, 1.0);
  const double cross = 10'000.0 * units::deg_to_rad(1.0);
  EXPECT_NEAR(north.nn, 100.0 * 100.0, 1e-9);
  EXPECT_NEAR(north.ee, cross * cross, 1e-9);
  EXPECT_NEAR(north.en, 0.0, 1e-9);
  // North-east: equal variances, correlation (range^2 - cross^2) / 2.
  const Covariance2 diagonal = polar_covariance(10'000.0, 45.0, 100.0, 1.0);
  EXPECT_NEAR(diagonal.ee, diagonal.nn, 1e-6);
  EXPECT_NEAR(diagonal.en, (100.0 * 100.0 - cross * cross) / 2.0, 1e-6);
}

TEST(ArpaGeometry, CourseVelocity) {
  const Velocity east = course_velocity(5.0, 90.0);
  EXPECT_NEAR(east.east, 5.0, 1e-12);
  EXPECT_NEAR(east.north, 0.0, 1e-12);
  const Velocity south_west = course_velocity(2.0, 225.0);
  EXPECT_NEAR(south_west.east, -std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(south_west.north, -std::sqrt(2.0), 1e-12);
}

TEST(ArpaGeometry, TimeOfDayRollsOverMidnight) {
  // Stamped 23:59:58, received 00:00:01 the next day: the day before.
  EXPECT_EQ(resolve_time_of_day(23 * 3600 + 59 * 60 + 58, 1723680001 * kSecond),
            1723679998 * kSecond);
  // Stamped 00:00:02, received 23:59:59 the day before: the next day.
  EXPECT_EQ(resolve_time_of_day(2, 1723679999 * kSecond), 1723680002 * kSecond);
  // Same day.
  EXPECT_EQ(resolve_time_of_day(10 * 3600 + 15 * 60, 1723716900 * kSecond + 3 * kSecond),
            1723716900 * kSecond);
}

TEST(ArpaOwnShip, UtcDateTimeRefusesImpossibleDates) {
  EXPECT_EQ(utc_date_time(2024, 2, 29, 43200.0), 1709208000 * kSecond);
  EXPECT_FALSE(utc_date_time(2023, 2, 29, 0.0).has_value());
  EXPECT_FALSE(utc_date_time(2024, 4, 31, 0.0).has_value());
  EXPECT_FALSE(utc_date_time(2024, 13, 1, 0.0).has_value());
}

// ---- Stream decoder -------------------------------------------------------------------

TEST(ArpaDecoder, ShipStreamWithGarbageMixedIn) {
  ArpaDecoderOptions options;
  options.source_id = "ship-radar";
  options.label.owner = "UK/MRCC-DOVER";
  ArpaDecoder decoder(options);
  const auto observations = decode_all(decoder, read_lines("ship-stream.nmea"));
  const ArpaDecoderStats& stats = decoder.stats();
  EXPECT_EQ(stats.lines, 23U);
  EXPECT_EQ(stats.count(ArpaLineReason::kBlank), 2U);
  EXPECT_EQ(stats.count(ArpaLineReason::kOwnShip), 3U);
  EXPECT_EQ(stats.count(ArpaLineReason::kOther), 3U);
  EXPECT_EQ(stats.count(ArpaLineReason::kTarget), 4U);
  EXPECT_EQ(stats.count(ArpaLineReason::kLostTarget), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kBadChecksum), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kNoChecksum), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kMalformed), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kBadNumber), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kBadFlag), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kOutOfRange), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kBadTime), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kMissingField), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kOwnShipInvalid), 1U);
  EXPECT_EQ(stats.count(ArpaLineReason::kNoOwnPosition), 1U) << "after the GGA without fix";
  EXPECT_EQ(stats.rejected(), 9U);
  EXPECT_EQ(stats.relative_course_dropped, 1U);
  EXPECT_EQ(stats.undated, 0U) << "ZDA gives the date";
  ASSERT_EQ(observations.size(), 5U);

  // Target 1: 2 NM true 090, 10 kn course 180, stamped 10:15:00 on the ZDA's date.
  const Observation& ferry = observations[0];
  EXPECT_EQ(ferry.kind, ObservationKind::kRadarTrack);
  EXPECT_EQ(ferry.source_id, "ship-radar");
  EXPECT_EQ(ferry.label.owner, "UK/MRCC-DOVER");
  EXPECT_EQ(ferry.time, 1723716900 * kSecond);
  expect_range_bearing(ferry, kOwnShip, 2 * 1852.0, 90.0);
  ASSERT_TRUE(ferry.velocity.has_value());
  EXPECT_NEAR(ferry.velocity->north, -units::knots_to_mps(10.0), 1e-9);
  EXPECT_NEAR(ferry.velocity->east, 0.0, 1e-9);
  EXPECT_EQ(attribute(ferry, "arpa_target"), "1");
  EXPECT_EQ(attribute(ferry, "arpa_name"), "FERRY");
  EXPECT_EQ(attribute(ferry, "status"), "tracking");
  EXPECT_EQ(attribute(ferry, "acquisition"), "automatic");
  EXPECT_EQ(attribute(ferry, "cpa_m"), "2778.0");
  EXPECT_EQ(attribute(ferry, "tcpa_min"), "12.00");
  EXPECT_EQ(attribute(ferry, "sentence"), "TTM");
  // Covariance: 3704 m east, range sigma max(37.04, 20) along east, bearing 1 deg north,
  // plus the own ship's 10 m in both axes.
  const double cross = 3704.0 * units::deg_to_rad(1.0);
  EXPECT_NEAR(ferry.position_covariance.ee, 37.04 * 37.04 + 100.0, 1e-6);
  EXPECT_NEAR(ferry.position_covariance.nn, cross * cross + 100.0, 1e-6);

  // Target 2: relative 090 with heading 045 is true 135.
  expect_range_bearing(observations[1], kOwnShip, 1852.0, 135.0);
  EXPECT_EQ(observations[1].time, 1723716901 * kSecond);

  // Target 3: TLL position as sent, covariance from range and bearing to the radar.
  const Observation& tll = observations[2];
  EXPECT_NEAR(tll.position->lat, 51.0 + 1.0 / 60.0, 1e-12);
  EXPECT_NEAR(tll.position->lon, 1.5 + 1.0 / 60.0, 1e-12);
  EXPECT_EQ(attribute(tll, "sentence"), "TLL");
  EXPECT_GT(tll.position_covariance.ee, 100.0);
  EXPECT_FALSE(tll.velocity.has_value());

  // Target 4: lost, no velocity.
  const Observation& lost = observations[3];
  EXPECT_EQ(attribute(lost, "status"), "lost");
  EXPECT_FALSE(lost.velocity.has_value());
  expect_range_bearing(lost, kOwnShip, 3 * 1852.0, 180.0);

  // Target 5: relative course: velocity left out and said so.
  EXPECT_FALSE(observations[4].velocity.has_value());
  EXPECT_EQ(attribute(observations[4], "course_reference"), "relative");
  EXPECT_EQ(attribute(observations[4], "status"), "query");
}

TEST(ArpaDecoder, LostTargetsCanBeCountedOnly) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  options.emit_lost = false;
  ArpaDecoder decoder(options);
  const auto result =
      decoder.feed_line("$RATTM,04,3.000,180.0,T,4.0,90.0,T,,,N,,L,,101503.00,A*2A");
  EXPECT_EQ(result.reason, ArpaLineReason::kLostTarget);
  EXPECT_FALSE(result.observation.has_value());
  ASSERT_TRUE(result.target.has_value());
  EXPECT_EQ(result.target->status, ArpaStatus::kLost);
  EXPECT_EQ(decoder.stats().count(ArpaLineReason::kLostTarget), 1U);
  EXPECT_EQ(decoder.stats().observations, 0U);
}

TEST(ArpaDecoder, ShoreRadarFromConfiguredSite) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  options.site_sigma_m = 2.0;
  ArpaDecoder decoder(options);
  const TimeNs receive = 1723691520 * kSecond + 3 * kSecond;  // 2024-08-15T03:12:03Z
  const auto observations = decode_all(decoder, read_lines("shore-site.nmea"), receive);
  EXPECT_EQ(decoder.stats().count(ArpaLineReason::kNoHeading), 1U)
      << "relative bearing with no heading and no site orientation";
  EXPECT_EQ(decoder.stats().from_site, 4U);
  ASSERT_EQ(observations.size(), 4U);
  expect_range_bearing(observations[0], kDoverSite, 4 * 1852.0, 135.0);
  EXPECT_EQ(observations[0].time, 1723691520 * kSecond);
  EXPECT_EQ(observations[1].time, 1723691520 * kSecond + kSecond / 2);
  expect_range_bearing(observations[2], kDoverSite, 8 * 1000.0, 120.0);    // K: km
  expect_range_bearing(observations[3], kDoverSite, 5 * 1609.344, 150.0);  // S: statute miles
  // 3 mph along 250 degrees.
  ASSERT_TRUE(observations[3].velocity.has_value());
  EXPECT_NEAR(std::hypot(observations[3].velocity->east, observations[3].velocity->north),
              3 * 1609.344 / 3600.0, 1e-9);
  // Site variance 2^2 in each axis; range sigma 1% of 8 km = 80 m along 120 deg.
  const Covariance2 expected = polar_covariance(8000.0, 120.0, 80.0, 1.0);
  EXPECT_NEAR(observations[2].position_covariance.ee, expected.ee + 4.0, 1e-6);
  EXPECT_NEAR(observations[2].position_covariance.en, expected.en, 1e-6);
}

TEST(ArpaDecoder, SiteOrientationTurnsRelativeBearingsTrue) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  options.site_heading_deg = 350.0;
  ArpaDecoder decoder(options);
  const auto result = decoder.feed_line("$RATTM,01,1.000,30.0,R,,,T,,,N,,T,,,A*1C");
  ASSERT_TRUE(result.observation.has_value());
  expect_range_bearing(*result.observation, kDoverSite, 1852.0, 20.0);
}

TEST(ArpaDecoder, UnitsOfDistanceAndSpeed) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  ArpaDecoder decoder(options);
  const auto km = decoder.feed_line("$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,K,,T,,,A*1D");
  ASSERT_TRUE(km.observation.has_value());
  expect_range_bearing(*km.observation, kDoverSite, 1000.0, 90.0);
  EXPECT_NEAR(km.observation->velocity->east, 10.0 / 3.6, 1e-9);
  const auto miles = decoder.feed_line("$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,S,,T,,,A*05");
  ASSERT_TRUE(miles.observation.has_value());
  expect_range_bearing(*miles.observation, kDoverSite, 1609.344, 90.0);
  EXPECT_NEAR(miles.observation->velocity->east, 10.0 * 1609.344 / 3600.0, 1e-9);
}

TEST(ArpaDecoder, HeadingFromHdgAndThs) {
  ArpaDecoder decoder;
  decoder.feed_line("$GPGLL,5100.0000,N,00130.0000,E,101500.00,A,A*6A");
  const std::string relative = "$RATTM,01,1.000,30.0,R,,,T,,,N,,T,,,A*1C";
  EXPECT_EQ(decoder.feed_line(relative).reason, ArpaLineReason::kNoHeading);

  // HDG: magnetic 40, deviation 2 W, variation 1.5 E: true 39.5; relative 30 -> 69.5.
  EXPECT_EQ(decoder.feed_line("$IIHDG,40.0,2.0,W,1.5,E*69").reason, ArpaLineReason::kOwnShip);
  auto result = decoder.feed_line(relative);
  ASSERT_TRUE(result.observation.has_value());
  expect_range_bearing(*result.observation, kOwnShip, 1852.0, 69.5);

  // HDG without variation says nothing true: the heading is dropped.
  EXPECT_EQ(decoder.feed_line("$IIHDG,40.0,2.0,W,,*06").reason, ArpaLineReason::kOwnShipInvalid);
  EXPECT_EQ(decoder.feed_line(relative).reason, ArpaLineReason::kNoHeading);

  EXPECT_EQ(decoder.feed_line("$HETHS,100.0,A*2C").reason, ArpaLineReason::kOwnShip);
  result = decoder.feed_line(relative);
  ASSERT_TRUE(result.observation.has_value());
  expect_range_bearing(*result.observation, kOwnShip, 1852.0, 130.0);
  EXPECT_EQ(decoder.feed_line("$HETHS,100.0,V*3B").reason, ArpaLineReason::kOwnShipInvalid);
  EXPECT_EQ(decoder.feed_line(relative).reason, ArpaLineReason::kNoHeading);
}

TEST(ArpaDecoder, StaleOwnShipDataIsNotUsed) {
  ArpaDecoderOptions options;
  options.max_own_ship_age_ns = 10 * kSecond;
  ArpaDecoder decoder(options);
  const TimeNs start = 1723716900 * kSecond;
  decoder.feed_line("$GPGGA,101500.00,5100.0000,N,00130.0000,E,1,10,0.8,12.0,M,47.0,M,,*56", start);
  const std::string target = "$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,K,,T,,,A*1D";
  EXPECT_EQ(decoder.feed_line(target, start + 10 * kSecond).reason, ArpaLineReason::kTarget);
  EXPECT_EQ(decoder.feed_line(target, start + 11 * kSecond).reason, ArpaLineReason::kNoOwnPosition);
}

TEST(ArpaDecoder, MidnightRolloverAgainstReceiveTime) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  ArpaDecoder decoder(options);
  // Stamped 23:59:58, received 00:00:01 on the 15th.
  auto result = decoder.feed_line("$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,N,,T,,235958.00,A*36",
                                  1723680001 * kSecond);
  ASSERT_TRUE(result.observation.has_value());
  EXPECT_EQ(result.observation->time, 1723679998 * kSecond);
  // Stamped 00:00:02, received 23:59:59 on the 14th.
  result = decoder.feed_line("$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,N,,T,,000002.00,A*34",
                             1723679999 * kSecond);
  ASSERT_TRUE(result.observation.has_value());
  EXPECT_EQ(result.observation->time, 1723680002 * kSecond);
}

TEST(ArpaDecoder, RmcDateIsTheReferenceWithoutReceiveTime) {
  ArpaDecoder decoder;
  // RMC 2024-08-14 23:59:58, then a target stamped 00:00:02: the 15th.
  EXPECT_EQ(decoder.feed_line("$GPRMC,235958.00,A,5100.0000,N,00130.0000,E,5.0,90.0,140824,,,A*6F")
                .reason,
            ArpaLineReason::kOwnShip);
  const auto result =
      decoder.feed_line("$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,N,,T,,000002.00,A*34");
  ASSERT_TRUE(result.observation.has_value());
  EXPECT_EQ(result.observation->time, 1723680002 * kSecond);
  EXPECT_EQ(decoder.stats().undated, 0U);
}

TEST(ArpaDecoder, WithoutAnyDateTheTimeOfDayIsCountedUndated) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  ArpaDecoder decoder(options);
  const auto result =
      decoder.feed_line("$RATTM,01,1.000,90.0,T,10.0,90.0,T,,,N,,T,,000002.00,A*34");
  ASSERT_TRUE(result.observation.has_value());
  EXPECT_EQ(result.observation->time, 2 * kSecond);
  EXPECT_EQ(decoder.stats().undated, 1U);
}

TEST(ArpaDecoder, TllWithoutRadarPositionUsesTheConfiguredSigma) {
  ArpaDecoderOptions options;
  options.tll_sigma_m = 75.0;
  ArpaDecoder decoder(options);
  const auto result = decoder.feed_line("$RATLL,1,3646.54266,N,00235.37778,W,test,020915,L,R*78");
  EXPECT_EQ(result.reason, ArpaLineReason::kLostTarget);
  ASSERT_TRUE(result.observation.has_value());
  EXPECT_DOUBLE_EQ(result.observation->position_covariance.ee, 75.0 * 75.0);
  EXPECT_DOUBLE_EQ(result.observation->position_covariance.nn, 75.0 * 75.0);
  EXPECT_EQ(attribute(*result.observation, "reference_target"), "true");
}

TEST(ArpaDecoder, LibraryExamplesWithASite) {
  ArpaDecoderOptions options;
  options.site = kDoverSite;
  ArpaDecoder decoder(options);
  const auto observations = decode_all(decoder, read_lines("library-examples.nmea"));
  EXPECT_EQ(observations.size(), 3U);
  EXPECT_EQ(decoder.stats().count(ArpaLineReason::kMissingField), 1U);
  EXPECT_EQ(decoder.stats().count(ArpaLineReason::kBlank), 5U);
}

TEST(ArpaDecoder, ReasonNamesAreStable) {
  EXPECT_STREQ(to_string(ArpaLineReason::kNoHeading), "relative_bearing_without_heading");
  EXPECT_STREQ(to_string(ArpaLineReason::kBadChecksum), "bad_checksum");
  EXPECT_STREQ(to_string(ArpaLineReason::kTarget), "target");
  EXPECT_FALSE(is_rejection(ArpaLineReason::kOther));
  EXPECT_FALSE(is_rejection(ArpaLineReason::kLostTarget));
  EXPECT_TRUE(is_rejection(ArpaLineReason::kNoOwnPosition));
}

}  // namespace
}  // namespace sw::nmea
