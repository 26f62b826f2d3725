// Distress reports (JSON): schema checks with a counted reason for every refusal, size and
// nesting bounds, personal-data marking of free text, ISO-8601 times, and encode->decode.

#include "ingest/distress/distress_decoder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "ingest/distress/distress_report.h"
#include "ingest/distress/distress_time.h"

namespace sw::distress {
namespace {

constexpr TimeNs kSecond = kNsPerSecond;
constexpr TimeNs kReportTime = 1723691520 * kSecond;  // 2024-08-15T03:12:00Z

std::string read_file(const std::string& name) {
  std::ifstream file(std::string(SW_TEST_DATA_DIR) + "/distress/" + name);
  EXPECT_TRUE(file.good()) << name;
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string attribute(const Observation& observation, const std::string& key) {
  for (const auto& [name, value] : observation.attributes) {
    if (name == key) return value;
  }
  return "<absent>";
}

std::string code_of(const std::string& json) {
  const auto report = parse_distress_json(json);
  return report.ok() ? std::string("ok") : report.error().code;
}

const std::string kValid =
    R"({"id":"GN-1","time":"2024-08-15T03:12:00Z","position":{"lat":50.95,"lon":1.6}})";

// ---- Times ----------------------------------------------------------------------------

TEST(DistressTime, Iso8601WithZoneOrOffset) {
  EXPECT_EQ(*parse_iso_time("2024-08-15T03:12:00Z"), kReportTime);
  EXPECT_EQ(*parse_iso_time("2024-08-15t03:12z"), kReportTime);
  EXPECT_EQ(*parse_iso_time("2024-08-15 05:12:00+02:00"), kReportTime);
  EXPECT_EQ(*parse_iso_time("2024-08-15T02:12:00-0100"), kReportTime);
  EXPECT_EQ(*parse_iso_time("2024-08-15T04:12:00+01"), kReportTime);
  EXPECT_EQ(*parse_iso_time("2024-08-15T03:12:00.123456789Z"), kReportTime + 123456789);
  EXPECT_EQ(*parse_iso_time("2024-08-15T03:12:00,5Z"), kReportTime + kSecond / 2);
}

TEST(DistressTime, AmbiguousOrImpossibleTimesAreRefused) {
  for (const char* text :
       {"2024-08-15T03:12:00", "2024-08-15", "2024-02-30T00:00:00Z", "2024-08-15T24:00:00Z",
        "2024-08-15T03:12:00Zjunk", "1969-12-31T23:59:59Z", "2024-08-15T03:12:00+19:00",
        "15/08/2024 03:12", "", "2024-08-15T03:12:00.Z"}) {
    const auto time = parse_iso_time(text);
    ASSERT_FALSE(time.ok()) << text;
    EXPECT_EQ(time.error().code, "bad_time") << text;
  }
}

TEST(DistressTime, FormatKeepsTheFractionExactly) {
  EXPECT_EQ(format_iso_time(kReportTime), "2024-08-15T03:12:00Z");
  EXPECT_EQ(format_iso_time(kReportTime + 250'000'000), "2024-08-15T03:12:00.25Z");
  EXPECT_EQ(format_iso_time(kReportTime + 1), "2024-08-15T03:12:00.000000001Z");
}

// ---- One report -----------------------------------------------------------------------

TEST(DistressReport, FullReportFields) {
  const auto report = parse_distress_json(
      R"({"id":"GN-2024-0815-001","time":"2024-08-15T03:12:00Z",
          "position":{"lat":50.9512,"lon":1.6034,"uncertainty_m":250},
          "persons_on_board":45,"source":"phone",
          "vessel":{"type":"inflatable","colour":"grey","length_m":10,"description":"no engine"},
          "text":"water coming in","reporter":"+44 7700 900123","extra":{"ignored":true}})");
  ASSERT_TRUE(report.ok()) << report.error().code << ": " << report.error().detail;
  EXPECT_EQ(report->id, "GN-2024-0815-001");
  EXPECT_EQ(report->time, kReportTime);
  EXPECT_DOUBLE_EQ(report->position.lat, 50.9512);
  EXPECT_DOUBLE_EQ(report->position.lon, 1.6034);
  EXPECT_EQ(report->uncertainty_m, 250.0);
  EXPECT_EQ(report->persons_on_board, 45);
  EXPECT_EQ(report->source, "phone");
  ASSERT_TRUE(report->vessel.has_value());
  EXPECT_EQ(report->vessel->type, "inflatable");
  EXPECT_EQ(report->vessel->colour, "grey");
  EXPECT_EQ(report->vessel->length_m, 10.0);
  EXPECT_EQ(report->vessel->description, "no engine");
  EXPECT_EQ(report->text, "water coming in");
  EXPECT_EQ(report->reporter, "+44 7700 900123");
}

TEST(DistressReport, RefusalsByReason) {
  EXPECT_EQ(code_of(kValid), "ok");
  EXPECT_EQ(code_of("not json"), "not_json");
  EXPECT_EQ(code_of(R"({"id":"x",)"), "not_json");
  EXPECT_EQ(code_of("\"\xff\xfe\""), "not_json");  // invalid UTF-8
  EXPECT_EQ(code_of("42"), "not_object");
  EXPECT_EQ(code_of("[]"), "not_object");
  EXPECT_EQ(code_of(R"({"time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":1}})"),
            "missing_id");
  EXPECT_EQ(code_of(R"({"id":"","time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":1}})"),
            "bad_id");
  EXPECT_EQ(code_of(R"({"id":7,"time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":1}})"),
            "bad_id");
  EXPECT_EQ(code_of(R"({"id":"x","position":{"lat":1,"lon":1}})"), "missing_time");
  EXPECT_EQ(code_of(R"({"id":"x","time":null,"position":{"lat":1,"lon":1}})"), "missing_time");
  EXPECT_EQ(code_of(R"({"id":"x","time":1723691520,"position":{"lat":1,"lon":1}})"), "bad_time");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z"})"), "missing_position");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z","position":[1,2]})"),
            "bad_position");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":"51","lon":1}})"),
            "bad_position");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":1}})"),
            "bad_position");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":90.5,"lon":1}})"),
            "lat_out_of_range");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":-181}})"),
            "lon_out_of_range");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":1e999}})"),
            "not_json");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1,"uncertainty_m":0}})"),
            "bad_uncertainty");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"persons_on_board":4.5})"),
            "bad_persons_on_board");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"persons_on_board":"40"})"),
            "bad_persons_on_board");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"source":["phone"]})"),
            "bad_source");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"vessel":"grey dinghy"})"),
            "bad_vessel");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"vessel":{"length_m":-1}})"),
            "bad_vessel");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"text":{"a":1}})"),
            "bad_text");
  EXPECT_EQ(code_of(R"({"id":"x","time":"2024-08-15T03:12:00Z",)"
                    R"("position":{"lat":1,"lon":1},"reporter":12})"),
            "bad_reporter");
}

TEST(DistressReport, OversizeAndDeepNestingAreRefusedBeforeParsing) {
  std::string big =
      R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":1},"text":")";
  big += std::string(kMaxReportBytes, 'a') + "\"}";
  EXPECT_EQ(code_of(big), "too_large");

  const std::string deep = std::string(100'000 / 2, '[') + std::string(100'000 / 2, ']');
  EXPECT_EQ(code_of(deep.substr(0, 1000) + deep.substr(deep.size() - 1000)), "too_deep");
  // Brackets inside strings do not count.
  std::string bracket_text = kValid;
  bracket_text.insert(bracket_text.size() - 1,
                      R"(,"text":"[[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{{{{{{{{{{{{{{{{{{")");
  EXPECT_EQ(code_of(bracket_text), "ok");
}

// ---- Observations ---------------------------------------------------------------------

TEST(DistressObservation, FreeTextIsPersonalDataWithBoundedRetention) {
  DistressDecoderOptions options;
  options.source_id = "cross-gn-phone";
  options.label.owner = "FR/CROSS-GN";
  options.personal_data_retention_s = 7 * 24 * 3600;
  const auto report = parse_distress_json(
      R"({"id":"GN-1","time":"2024-08-15T03:12:00Z","position":{"lat":50.95,"lon":1.6,"uncertainty_m":250},)"
      R"("persons_on_board":45,"source":"phone","vessel":{"type":"inflatable","colour":"grey","length_m":10},)"
      R"("text":"engine stopped","reporter":"+44 7700 900123"})");
  ASSERT_TRUE(report.ok());
  const Observation observation = to_observation(*report, options);
  EXPECT_EQ(observation.kind, ObservationKind::kDistressReport);
  EXPECT_EQ(observation.time, kReportTime);
  EXPECT_EQ(observation.source_id, "cross-gn-phone");
  EXPECT_DOUBLE_EQ(observation.position->lat, 50.95);
  EXPECT_DOUBLE_EQ(observation.position_covariance.ee, 250.0 * 250.0);
  EXPECT_DOUBLE_EQ(observation.position_covariance.nn, 250.0 * 250.0);
  EXPECT_DOUBLE_EQ(observation.position_covariance.en, 0.0);
  EXPECT_EQ(observation.label.owner, "FR/CROSS-GN");
  EXPECT_TRUE(observation.label.personal_data);
  EXPECT_EQ(observation.label.retention_s, 7 * 24 * 3600);
  EXPECT_EQ(attribute(observation, "report_id"), "GN-1");
  EXPECT_EQ(attribute(observation, "persons_on_board"), "45");
  EXPECT_EQ(attribute(observation, "source"), "phone");
  EXPECT_EQ(attribute(observation, "vessel_type"), "inflatable");
  EXPECT_EQ(attribute(observation, "vessel_colour"), "grey");
  EXPECT_EQ(attribute(observation, "vessel_length_m"), "10");
  EXPECT_EQ(attribute(observation, "text"), "engine stopped");
  EXPECT_EQ(attribute(observation, "reporter"), "+44 7700 900123");
}

TEST(DistressObservation, WithoutTextNothingIsPersonal) {
  DistressDecoderOptions options;
  options.default_uncertainty_m = 800.0;
  options.label.retention_s = 90 * 24 * 3600;
  const auto report = parse_distress_json(kValid);
  ASSERT_TRUE(report.ok());
  const Observation observation = to_observation(*report, options);
  EXPECT_FALSE(observation.label.personal_data);
  EXPECT_EQ(observation.label.retention_s, 90 * 24 * 3600);
  EXPECT_EQ(attribute(observation, "text"), "<absent>");
  EXPECT_EQ(attribute(observation, "reporter"), "<absent>");
  EXPECT_DOUBLE_EQ(observation.position_covariance.ee, 800.0 * 800.0);
}

TEST(DistressObservation, ReporterAloneMarksPersonalData) {
  const auto report = parse_distress_json(
      R"({"id":"x","time":"2024-08-15T03:12:00Z","position":{"lat":1,"lon":1},"reporter":"coxswain"})");
  ASSERT_TRUE(report.ok());
  const Observation observation = to_observation(*report, DistressDecoderOptions{});
  EXPECT_TRUE(observation.label.personal_data);
  EXPECT_EQ(observation.label.retention_s, 30 * 24 * 3600);
}

// ---- Decoder over inputs ----------------------------------------------------------------

TEST(DistressDecoder, JsonLinesFileWithFaults) {
  DistressDecoder decoder;
  const auto items = decoder.feed_text(read_file("reports.jsonl"));
  const DistressDecoderStats& stats = decoder.stats();
  EXPECT_EQ(items.size(), 11U);
  EXPECT_EQ(stats.count(DistressReason::kReport), 4U);
  EXPECT_EQ(stats.count(DistressReason::kBlank), 1U);
  EXPECT_EQ(stats.count(DistressReason::kNotJson), 1U);
  EXPECT_EQ(stats.count(DistressReason::kMissingTime), 1U);
  EXPECT_EQ(stats.count(DistressReason::kBadTime), 1U);
  EXPECT_EQ(stats.count(DistressReason::kLatOutOfRange), 1U);
  EXPECT_EQ(stats.count(DistressReason::kBadPersonsOnBoard), 1U);
  EXPECT_EQ(stats.count(DistressReason::kBadPosition), 1U);
  EXPECT_EQ(stats.rejected(), 6U);
  EXPECT_EQ(stats.reports, 10U);
  EXPECT_EQ(stats.observations, 4U);
  EXPECT_EQ(stats.personal_data, 2U);
  ASSERT_TRUE(items[1].observation.has_value());
  EXPECT_EQ(items[1].observation->time, kReportTime + 30 * kSecond) << "+02:00 offset";
  EXPECT_EQ(attribute(*items[1].observation, "vessel_description"), "two outboard engines");
  EXPECT_EQ(items[2].observation->time, kReportTime + 28 * 60 * kSecond + kSecond / 4);
}

TEST(DistressDecoder, PrettyPrintedArray) {
  DistressDecoder decoder;
  const auto items = decoder.feed_text(read_file("reports-array.json"));
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[0].reason, DistressReason::kReport);
  EXPECT_EQ(items[1].reason, DistressReason::kMissingPosition);
  EXPECT_EQ(items[2].reason, DistressReason::kReport);
  EXPECT_EQ(items[0].report->persons_on_board, 38);
  EXPECT_TRUE(items[2].observation->label.personal_data) << "reporter";
  EXPECT_EQ(decoder.stats().personal_data, 2U);
}

TEST(DistressDecoder, ArrayOnOneLineAndNestedArrays) {
  DistressDecoder decoder;
  const auto items = decoder.feed_line("[" + kValid + ", [" + kValid + "], 7]");
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[0].reason, DistressReason::kReport);
  EXPECT_EQ(items[1].reason, DistressReason::kNotObject);
  EXPECT_EQ(items[2].reason, DistressReason::kNotObject);
}

TEST(DistressDecoder, OversizeLineIsCountedAndTheNextOneDecoded) {
  DistressDecoder decoder;
  std::string text = R"({"id":"big","text":")" + std::string(kMaxReportBytes, 'x') + "\"}\n";
  text += kValid + "\n";
  const auto items = decoder.feed_text(text);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].reason, DistressReason::kTooLarge);
  EXPECT_EQ(items[1].reason, DistressReason::kReport);
}

TEST(DistressDecoder, OversizeArrayElementIsRefusedAlone) {
  DistressDecoder decoder;
  std::string big_element = kValid;
  big_element.insert(big_element.size() - 1,
                     R"(,"text":")" + std::string(kMaxReportBytes, 'x') + "\"");
  const auto items = decoder.feed_text("[" + big_element + "," + kValid + "]");
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].reason, DistressReason::kTooLarge);
  EXPECT_EQ(items[1].reason, DistressReason::kReport);
}

// ---- Encoder --------------------------------------------------------------------------

TEST(DistressEncoder, RoundTripFullAndMinimalReports) {
  DistressReport full;
  full.id = "SIM-0001";
  full.time = kReportTime + 123'456'789;
  full.position = LatLon{50.987654321, 1.623456789};
  full.uncertainty_m = 333.3;
  full.persons_on_board = 52;
  full.source = "aircraft";
  full.vessel = VesselDescription{"inflatable", "grey", 11.5, "low in the water"};
  full.text = "Rapport en français: «moteur en panne», enfants à bord";
  full.reporter = "pilot \"Eagle 1\"";
  const std::string line = encode_distress_json(full);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto decoded = parse_distress_json(line);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_EQ(*decoded, full);

  DistressReport minimal;
  minimal.id = "SIM-0002";
  minimal.time = kReportTime;
  minimal.position = LatLon{-10.5, -170.25};
  EXPECT_EQ(
      encode_distress_json(minimal),
      R"({"id":"SIM-0002","position":{"lat":-10.5,"lon":-170.25},"time":"2024-08-15T03:12:00Z"})");
  EXPECT_EQ(*parse_distress_json(encode_distress_json(minimal)), minimal);
}

TEST(DistressDecoder, ReasonNamesAreStable) {
  EXPECT_STREQ(to_string(DistressReason::kTooLarge), "too_large");
  EXPECT_STREQ(to_string(DistressReason::kLatOutOfRange), "lat_out_of_range");
  EXPECT_STREQ(to_string(DistressReason::kBadReporter), "bad_reporter");
  EXPECT_FALSE(is_rejection(DistressReason::kBlank));
  EXPECT_TRUE(is_rejection(DistressReason::kNotJson));
}

}  // namespace
}  // namespace sw::distress
