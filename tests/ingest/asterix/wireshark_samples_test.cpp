// Our decoding of public ASTERIX samples (GPL test data of other decoders, read at run
// time, never copied) compared with Wireshark 4.0's dissection recorded beside them.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "ingest/asterix/decoder.h"
#include "ingest/asterix/record_json.h"
#include "tshark_compare.h"

namespace sw::asterix {
namespace {

const std::filesystem::path kSamples = std::filesystem::path(SW_SHARED_DATA_DIR) / "asterix";

nlohmann::json load_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::vector<std::uint8_t> load_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct SampleSummary {
  std::size_t compared = 0;
  std::size_t frames = 0;
};

/// Decode every frame's UDP payload and compare each CAT010/CAT034 record with Wireshark's.
SampleSummary compare_sample(const std::string& name) {
  const std::filesystem::path path = kSamples / (name + ".tshark.json");
  SampleSummary summary;
  if (!std::filesystem::exists(path)) return summary;
  const nlohmann::json frames = load_json(path);
  for (const auto& frame : frames) {
    const auto& layers = frame["_source"]["layers"];
    if (!layers.contains("udp") || !layers["udp"].contains("udp.payload")) continue;
    ++summary.frames;
    Decoder decoder;
    const auto& records = decoder.decode_datagram(
        test::payload_bytes(layers["udp"]["udp.payload"].get<std::string>()));
    const auto theirs = test::tshark_records(layers);
    EXPECT_EQ(records.order.size(), theirs.size()) << name << " frame " << summary.frames;
    if (records.order.size() != theirs.size()) continue;
    std::size_t cat010_idx = 0;
    std::size_t cat034_idx = 0;
    for (std::size_t record_idx = 0; record_idx < theirs.size(); ++record_idx) {
      const std::string line = records.order[record_idx] == 10
                                   ? record_json_line(records.cat010[cat010_idx++])
                                   : record_json_line(records.cat034[cat034_idx++]);
      const auto differences =
          test::compare_with_tshark(nlohmann::json::parse(line), theirs[record_idx]);
      EXPECT_TRUE(differences.empty())
          << name << " frame " << summary.frames << " record " << record_idx << ": "
          << differences.front() << " (" << differences.size() << " differences)\n"
          << line;
      ++summary.compared;
    }
  }
  return summary;
}

class WiresharkSamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kSamples)) GTEST_SKIP() << "no shared ASTERIX samples";
  }
};

TEST_F(WiresharkSamplesTest, JasterixCat010MatchesWireshark) {
  EXPECT_EQ(compare_sample("jasterix/cat010ed0.31.bin").compared, 1U);
}

TEST_F(WiresharkSamplesTest, Cat034SamplesMatchWireshark) {
  EXPECT_EQ(compare_sample("jasterix/cat034ed1.26.bin").compared, 1U);
  EXPECT_EQ(compare_sample("croatiacontrol/cat034.raw").compared, 1U);
  EXPECT_EQ(compare_sample("goasterix/sample.ast").compared, 1U);
}

TEST_F(WiresharkSamplesTest, CroatiaControlCaptureCat034MatchesAndCat048IsSkipped) {
  const SampleSummary summary = compare_sample("croatiacontrol/cat_034_048.pcap");
  EXPECT_EQ(summary.frames, 100U);
  EXPECT_EQ(summary.compared, 34U);
}

TEST_F(WiresharkSamplesTest, RawFilesDecodeAsStreamsWithTheSameRecordCounts) {
  StreamDecoder decoder;
  for (const char* name :
       {"jasterix/cat010ed0.31.bin", "jasterix/cat034ed1.26.bin", "croatiacontrol/cat034.raw",
        "goasterix/sample.ast", "croatiacontrol/cat048.raw", "croatiacontrol/cat062cat065.raw"}) {
    decoder.feed(load_bytes(kSamples / name));
    decoder.finish();
  }
  EXPECT_EQ(decoder.stats().cat010_records, 1U);
  EXPECT_EQ(decoder.stats().cat034_records, 3U);
  EXPECT_EQ(decoder.stats().rejected(), 0U);
  // Blocks of CAT048, 062, 065, 001, 002, 030, 032 and 255 are skipped by their length.
  EXPECT_EQ(decoder.stats().skipped_blocks, 9U);
}

TEST_F(WiresharkSamplesTest, JasterixTrackVelocityAgreesBetweenItsPolarAndCartesianItems) {
  // The record carries both I010/200 and I010/202: they describe one velocity only if
  // I010/202 is read with EUROCONTROL's LSB of 0.25 m/s (Wireshark's 1/16 m/s gives a
  // quarter of the polar speed).
  Decoder decoder;
  const auto& records = decoder.decode_datagram(load_bytes(kSamples / "jasterix/cat010ed0.31.bin"));
  ASSERT_EQ(records.cat010.size(), 1U);
  const Cat010Record& record = records.cat010[0];
  ASSERT_TRUE(record.velocity_polar && record.velocity_cartesian);
  const double speed = record.velocity_polar->ground_speed_nm_per_s * 1852.0;
  const double angle = record.velocity_polar->track_angle_deg * M_PI / 180.0;
  EXPECT_NEAR(record.velocity_cartesian->vx_mps, speed * std::sin(angle), 0.125);
  EXPECT_NEAR(record.velocity_cartesian->vy_mps, speed * std::cos(angle), 0.125);
}

TEST_F(WiresharkSamplesTest, OldEditionRecordThatWiresharkCallsMalformedIsRejected) {
  // Edition 0.24 (Sensis) has a 3-octet I010/500; read as edition 1.1 the record ends
  // inside that item. Wireshark reports "Malformed Packet"; we count an item overrun.
  Decoder decoder;
  const auto& records =
      decoder.decode_datagram(load_bytes(kSamples / "jasterix/cat010ed0.24_sensis.bin"));
  EXPECT_TRUE(records.cat010.empty());
  EXPECT_EQ(decoder.stats().count(Reason::kItemOverrun), 1U);
  const auto frames = load_json(kSamples / "jasterix/cat010ed0.24_sensis.bin.tshark.json");
  EXPECT_TRUE(frames[0]["_source"]["layers"].contains("_ws.malformed"));
}

}  // namespace
}  // namespace sw::asterix
