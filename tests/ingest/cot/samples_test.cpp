// Public CoT samples (ATAK captures, FreeTAKServer traffic, TAK examples, the tests of
// node-CoT, pytak and takproto): every file decodes with the expected counts by reason,
// specific events carry the expected values, and every decoded event survives
// encode -> decode unchanged. Non-permissive samples are read at run time from the shared
// data directory (see tests/data/cot/README.md).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/cot/cot_time.h"
#include "ingest/cot/decoder.h"
#include "ingest/cot/encoder.h"
#include "ingest/cot/event_parser.h"
#include "ingest/cot/to_observation.h"

namespace sw::cot {
namespace {

const std::filesystem::path kSharedCot = std::filesystem::path(SW_SHARED_DATA_DIR) / "cot";
const std::filesystem::path kTestCot = std::filesystem::path(SW_TEST_DATA_DIR) / "cot";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

struct Decoded {
  std::vector<CotEvent> events;
  DecoderStats stats;
};

Decoded decode_bytes(const std::string& bytes, std::size_t piece_size) {
  Decoder decoder;
  Decoded decoded;
  for (std::size_t begin = 0; begin < bytes.size(); begin += piece_size) {
    decoder.feed(std::string_view(bytes).substr(begin, piece_size), decoded.events);
  }
  decoder.finish();
  decoded.stats = decoder.stats();
  return decoded;
}

/// Decodes a sample in 4 KiB reads (as the CLI does in 64 KiB reads).
Decoded decode_file(const std::filesystem::path& path) {
  return decode_bytes(read_file(path), 4096);
}

#define SKIP_WITHOUT_SHARED_DATA() \
  if (!std::filesystem::exists(kSharedCot)) GTEST_SKIP() << "no shared CoT samples"

const CotEvent* find_uid(const Decoded& decoded, const std::string& uid) {
  for (const auto& event : decoded.events) {
    if (event.uid == uid) return &event;
  }
  return nullptr;
}

TEST(CotSamples, FreeTakServerTrafficDecodesCompletely) {
  SKIP_WITHOUT_SHARED_DATA();
  const Decoded decoded = decode_file(kSharedCot / "freetakserver-example-metrics.xml");
  EXPECT_EQ(decoded.stats.events(), 887U);
  EXPECT_EQ(decoded.stats.rejected(), 0U);
  EXPECT_EQ(decoded.stats.tracks_ignored, 0U);

  // The first event: WinTAK HQ position report, single-quoted attributes.
  ASSERT_FALSE(decoded.events.empty());
  const CotEvent& first = decoded.events.front();
  EXPECT_EQ(first.uid, "aa0b0312-b5cd-4c2c-bbbc-9c4c70216261");
  EXPECT_EQ(first.type, "a-f-G-E-V-C");
  EXPECT_EQ(first.how, "h-e");
  EXPECT_EQ(first.time, 1581185444 * kNsPerSecond);
  EXPECT_EQ(first.stale, 1581185471 * kNsPerSecond);
  EXPECT_DOUBLE_EQ(first.point.lat, 43.97957317);
  EXPECT_DOUBLE_EQ(first.point.lon, -66.07737696);
  EXPECT_EQ(first.point.hae_m, 26.767999);
  EXPECT_FALSE(first.point.ce_m.has_value());
  EXPECT_EQ(first.callsign, "Eliopoli HQ");
  ASSERT_TRUE(first.group.has_value());
  EXPECT_EQ(first.group->name, "Yellow");
  EXPECT_EQ(first.group->role, "HQ");
  ASSERT_TRUE(first.track.has_value());
  EXPECT_EQ(first.track->speed_mps, 0.0);

  // An unknown fixed-wing aircraft placed by hand (a-u-A-M-F), and a hostile marker
  // whose callsign carries an escaped ampersand.
  const CotEvent* air = find_uid(decoded, "d5651aa8-26e7-4bd3-8faa-cca19a1de44e");
  ASSERT_NE(air, nullptr);
  EXPECT_EQ(air->type, "a-u-A-M-F");
  EXPECT_EQ(air->time, *parse_cot_time("2020-02-08T18:11:31.863Z"));
  EXPECT_DOUBLE_EQ(air->point.lat, 43.99351382134559);
  EXPECT_EQ(air->callsign, "ISR2 2");
  const CotEvent* hostile = find_uid(decoded, "abc9a11f-0dcf-489f-94fa-629e078bec42");
  ASSERT_NE(hostile, nullptr);
  EXPECT_EQ(hostile->callsign, "Command & Control Team");
  EXPECT_EQ(hostile->point.hae_m, -17.03);

  // As observations: 739 friendly atoms are own-asset positions, 137 sightings
  // (80 a-u-G, 33 a-h-G, 24 a-u-A), 11 markers and bits are no observation.
  ObservationContext context;
  context.source_id = "fts";
  std::size_t assets = 0;
  std::size_t sightings = 0;
  std::size_t none = 0;
  for (const auto& event : decoded.events) {
    const auto observation = to_observation(event, context);
    if (!observation) {
      ++none;
    } else if (observation->kind == ObservationKind::kAssetPosition) {
      ++assets;
    } else if (observation->kind == ObservationKind::kSighting) {
      ++sightings;
    }
  }
  EXPECT_EQ(assets, 739U);
  EXPECT_EQ(sightings, 137U);
  EXPECT_EQ(none, 11U);
}

TEST(CotSamples, AtakCapturesIncludingMalformedOnes) {
  SKIP_WITHOUT_SHARED_DATA();
  const Decoded decoded = decode_file(kSharedCot / "atak-civ-commo-captures.xml");
  // 23 lines: 17 good events, a capture with an unbalanced quote and a mangled end tag
  // (not_xml) followed on the same line by a good event, 2 lines of prose about "<event>"
  // (a cut-off event, 2 events without uid), 3 protocol templates with time='TIME'.
  EXPECT_EQ(decoded.stats.events(), 18U);
  EXPECT_EQ(decoded.stats.count(Reason::kNotXml), 1U);
  EXPECT_EQ(decoded.stats.count(Reason::kTruncated), 1U);
  EXPECT_EQ(decoded.stats.count(Reason::kMissingUid), 2U);
  EXPECT_EQ(decoded.stats.count(Reason::kBadTime), 3U);
  EXPECT_EQ(decoded.stats.rejected(), 7U);

  // The event after the malformed one on line 6.
  const CotEvent* after = find_uid(decoded, "ANDROID-10:A5:D0:FF:7C:8F");
  ASSERT_NE(after, nullptr);
  // One decimal of a second: "2015-10-15T20:23:51.1Z".
  const CotEvent* tenth = find_uid(decoded, "ANDROID-90:B6:86:D8:71:E5");
  ASSERT_NE(tenth, nullptr);
  EXPECT_EQ(tenth->time, 1444940631 * kNsPerSecond + 100'000'000);
  EXPECT_EQ(tenth->point.ce_m, 35.0);
  EXPECT_EQ(tenth->point.le_m, 35.0);
  EXPECT_EQ(tenth->callsign, "MAG. 1. Cavada");
}

TEST(CotSamples, TakExamplesAndDataPackage) {
  SKIP_WITHOUT_SHARED_DATA();
  const Decoded examples = decode_file(kSharedCot / "atak-civ-takcot-examples.xml");
  EXPECT_EQ(examples.stats.events(), 12U);
  EXPECT_EQ(examples.stats.rejected(), 0U);
  const Decoded package = decode_file(kSharedCot / "atak-civ-cot-types-datapackage.xml");
  EXPECT_EQ(package.stats.events(), 13U);
  EXPECT_EQ(package.stats.rejected(), 0U);
  std::size_t atoms = 0;
  for (const auto& event : package.events) atoms += affiliation(event.type) != 0 ? 1 : 0;
  EXPECT_EQ(atoms, 3U);  // the rest are drawings, routes and markers
}

TEST(CotSamples, NodeCotTestEvents) {
  SKIP_WITHOUT_SHARED_DATA();
  const Decoded decoded = decode_file(kSharedCot / "node-cot-tests.xml");
  EXPECT_EQ(decoded.stats.events(), 31U);
  EXPECT_EQ(decoded.stats.count(Reason::kMissingType), 1U);  // uid="broken-cot-1"
  EXPECT_EQ(decoded.stats.rejected(), 1U);
  // <track course="137.2"/> without speed and a drone's course="-108.90": dropped.
  EXPECT_EQ(decoded.stats.tracks_ignored, 2U);

  // ATAK's file-transfer acknowledgement writes hae/ce/le="NaN": unknown, not an error.
  const CotEvent* ack = find_uid(decoded, "ANDROID-7514a125ae2c2e8f");
  ASSERT_NE(ack, nullptr);
  EXPECT_FALSE(ack->point.hae_m.has_value());
  EXPECT_FALSE(ack->point.ce_m.has_value());
  EXPECT_EQ(ack->access, "Undefined");

  const CotEvent* drone = find_uid(decoded, "1581F5BKB244G00F011K");
  ASSERT_NE(drone, nullptr);
  EXPECT_EQ(drone->type, "a-f-A-M-H-Q");
  EXPECT_EQ(drone->callsign, "UAS-Phoenix 2");
  EXPECT_EQ(drone->point.hae_m, -4919.1);
  EXPECT_EQ(drone->point.ce_m, 0.0);
  EXPECT_FALSE(drone->track.has_value());
}

TEST(CotSamples, PytakTestEventsCopiedIntoTheRepository) {
  const Decoded decoded = decode_file(kTestCot / "pytak-tests.xml");
  EXPECT_EQ(decoded.stats.events(), 3U);
  EXPECT_EQ(decoded.stats.count(Reason::kMissingUid), 3U);
  ASSERT_EQ(decoded.events.size(), 3U);
  EXPECT_EQ(decoded.events[0].uid, "UNIT-1");
  EXPECT_EQ(decoded.events[0].time, *parse_cot_time("2024-01-01T00:00:00Z"));
  EXPECT_EQ(decoded.events[0].stale, *parse_cot_time("2024-01-01T00:05:00Z"));
  EXPECT_EQ(decoded.events[0].point.hae_m, 0.0);
  EXPECT_FALSE(decoded.events[0].point.ce_m.has_value());
  EXPECT_EQ(decoded.events[1].point.lat, 38.0);
  EXPECT_EQ(decoded.events[2].uid, "aa0b0312");
  EXPECT_EQ(decoded.events[2].callsign, "Eliopoli HQ");
}

TEST(CotSamples, TakprotoTestEvents) {
  SKIP_WITHOUT_SHARED_DATA();
  const Decoded decoded = decode_file(kSharedCot / "takproto-tests.xml");
  EXPECT_EQ(decoded.stats.events(), 2U);
  EXPECT_EQ(decoded.stats.rejected(), 0U);
}

TEST(CotSamples, ByteAtATimeEqualsWholeFile) {
  SKIP_WITHOUT_SHARED_DATA();
  for (const char* name :
       {"atak-civ-commo-captures.xml", "node-cot-tests.xml", "atak-civ-takcot-examples.xml"}) {
    const std::string bytes = read_file(kSharedCot / name);
    const Decoded whole = decode_bytes(bytes, bytes.size());
    const Decoded single = decode_bytes(bytes, 1);
    EXPECT_EQ(single.events, whole.events) << name;
    EXPECT_EQ(single.stats.by_reason, whole.stats.by_reason) << name;
  }
}

TEST(CotSamples, EveryDecodedEventSurvivesEncodeAndDecode) {
  SKIP_WITHOUT_SHARED_DATA();
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSharedCot)) {
    if (entry.path().extension() != ".xml") continue;
    for (const auto& event : decode_file(entry.path()).events) {
      const std::string xml = encode_cot(event);
      const auto again = decode_cot(xml);
      ASSERT_TRUE(again.ok()) << again.error().code << "\n" << xml;
      EXPECT_EQ(*again, event) << xml;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 887U + 18U + 12U + 13U + 31U + 3U + 2U);
}

}  // namespace
}  // namespace sw::cot
