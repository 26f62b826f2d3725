// The stream decoder: reassembly, type 24 merging, counting, bounded memory.
// Cases come from tests/data/ais/probes/tricky_cases.nmea (its README says what the
// reference decoders do) and libais' tagblock.nmea.

#include "ingest/ais/decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sw::ais {
namespace {

/// "!" + body + "*hh" with the right checksum.
std::string nmea(const std::string& body) {
  std::uint8_t sum = 0;
  for (char c : body) sum ^= static_cast<std::uint8_t>(c);
  char checksum[4];
  std::snprintf(checksum, sizeof(checksum), "*%02X", sum);
  return "!" + body + checksum;
}

std::vector<Message> feed(Decoder& decoder, const std::vector<std::string>& lines) {
  std::vector<Message> out;
  for (const auto& line : lines) {
    const LineResult result = decoder.feed_line(line);
    if (result.message != nullptr) out.push_back(*result.message);
  }
  return out;
}

TEST(Decoder, ReassemblesInterleavedTagBlockGroup) {
  Decoder decoder;
  const auto messages = feed(
      decoder, {"\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\!AIVDM,2,1,6,A,"
                "53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63",
                "\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\!AIVDM,1,1,,B,"
                "13F?Vv700<DJuLEtvep`iToV0<00,0*78",
                "\\g:2-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*34\\!AIVDM,2,2,6,A,"
                "00000000008,2*2A"});
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[0].type, 1U);
  EXPECT_EQ(messages[0].mmsi, 224651000U);
  EXPECT_EQ(messages[1].type, 5U);
  EXPECT_EQ(messages[1].mmsi, 219005012U);
  const auto& voyage = std::get<StaticVoyageData>(messages[1].body);
  EXPECT_EQ(voyage.shipname.view(), "ROSINANTE");
  EXPECT_EQ(voyage.callsign.view(), "XPD5019");
}

TEST(Decoder, ExposesTagBlockStationTimeAndGroup) {
  Decoder decoder;
  decoder.feed_line(
      "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\!AIVDM,2,1,6,A,"
      "53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63");
  const LineResult result = decoder.feed_line(
      "\\g:2-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*34\\!AIVDM,2,2,6,A,"
      "00000000008,2*2A");
  ASSERT_NE(result.message, nullptr);
  EXPECT_EQ(result.source->tag_source, "rORBCOMM008");
  EXPECT_EQ(result.source->tag_unix_time, 1418169601);
  EXPECT_EQ(result.source->tag_group_id, 1604);
}

TEST(Decoder, Type5WithFillBitsAndInterleavedChannels) {
  Decoder decoder;
  const auto messages =
      feed(decoder,
           {"!AIVDM,2,1,6,B,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht50000000000,0*3B",
            "!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23", "!AIVDM,2,2,6,B,00000000000,2*21"});
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[0].mmsi, 227006760U);
  EXPECT_EQ(std::get<StaticVoyageData>(messages[1].body).shipname.view(), "HEALTH CONTROL 13");
}

TEST(Decoder, Type24PartsMergeAndLonePartPrintsNothing) {
  Decoder decoder;
  const std::string part_a = "!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D";
  const std::string part_b = "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40";
  EXPECT_TRUE(feed(decoder, {part_a}).empty());
  const auto merged = feed(decoder, {part_b});
  ASSERT_EQ(merged.size(), 1U);
  const auto& report = std::get<StaticDataReport>(merged[0].body);
  EXPECT_EQ(report.part, StaticDataReport::Part::kBoth);
  EXPECT_EQ(report.shipname.view(), "PROGUY");
  EXPECT_EQ(report.callsign.view(), "TC6163");
  EXPECT_TRUE(feed(decoder, {part_b}).empty()) << "a repeated part B must not merge again";
}

TEST(Decoder, SplitType24EmitsEachPart) {
  Decoder::Options options;
  options.split_type24 = true;
  Decoder decoder(options);
  const auto messages = feed(decoder, {"!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D"});
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(std::get<StaticDataReport>(messages[0].body).part, StaticDataReport::Part::kA);
}

TEST(Decoder, CountsEveryOutcomeByReason) {
  Decoder decoder;
  feed(decoder, {"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05",  // decoded
                 "!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*06",  // bad checksum
                 "# comment", "",                                    // blank
                 "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47",
                 nmea("AIVDM,2,2,3,B,00000000000,2"),                     // orphan fragment
                 nmea("AIVDM,1,1,,A,1000,0"),                             // too short for type 1
                 nmea("AIVDM,1,1,,A,w0000000000000000000000000000,0")});  // type 63
  const DecoderStats& stats = decoder.stats();
  EXPECT_EQ(stats.lines, 8U);
  EXPECT_EQ(stats.messages, 1U);
  EXPECT_EQ(stats.count(LineReason::kBadChecksum), 1U);
  EXPECT_EQ(stats.count(LineReason::kBlank), 2U);
  EXPECT_EQ(stats.count(LineReason::kNotAis), 1U);
  EXPECT_EQ(stats.count(LineReason::kOrphanFragment), 1U);
  EXPECT_EQ(stats.count(LineReason::kTooShort), 1U);
  EXPECT_EQ(stats.count(LineReason::kUnknownType), 1U);
  EXPECT_EQ(stats.by_type[1], 1U);
  EXPECT_EQ(stats.rejected(), 4U);
}

TEST(Decoder, PendingGroupsStayBounded) {
  Decoder::Options options;
  options.max_pending_groups = 4;
  Decoder decoder(options);
  // 100 first fragments with distinct tag-block group ids, never completed.
  for (int group_idx = 0; group_idx < 100; ++group_idx) {
    const std::string body = "g:1-2-" + std::to_string(group_idx);
    std::uint8_t sum = 0;
    for (char c : body) sum ^= static_cast<std::uint8_t>(c);
    char checksum[3];
    std::snprintf(checksum, sizeof(checksum), "%02X", sum);
    decoder.feed_line(
        "\\" + body + "*" + checksum +
        "\\!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63");
  }
  EXPECT_EQ(decoder.stats().count(LineReason::kFragmentHeld), 100U);
  EXPECT_EQ(decoder.stats().incomplete_groups, 96U);
}

TEST(Decoder, PendingGroupsExpireByLineCount) {
  Decoder::Options options;
  options.max_group_age_lines = 10;
  Decoder decoder(options);
  decoder.feed_line(
      "!AIVDM,2,1,6,B,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht50000000000,0*3B");
  for (int line_idx = 0; line_idx < 200; ++line_idx) decoder.feed_line("# filler");
  const LineResult result = decoder.feed_line("!AIVDM,2,2,6,B,00000000000,2*21");
  EXPECT_EQ(result.reason, LineReason::kOrphanFragment) << to_string(result.reason);
  EXPECT_EQ(decoder.stats().incomplete_groups, 1U);
}

TEST(Decoder, GatehouseWrapperTimesTheNextSentence) {
  Decoder decoder;
  EXPECT_EQ(decoder.feed_line("$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17").reason,
            LineReason::kWrapper);
  const LineResult result = decoder.feed_line("!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09");
  ASSERT_NE(result.message, nullptr);
  EXPECT_EQ(result.source->tag_unix_time, 1210291200);  // 2008-05-09T00:00:00Z
  // The wrapper applies to one sentence only.
  const LineResult next = decoder.feed_line("!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09");
  EXPECT_EQ(next.source->tag_unix_time, -1);
  // A wrapper with a bad checksum is just another non-AIS line.
  EXPECT_EQ(decoder.feed_line("$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*18").reason,
            LineReason::kNotAis);
}

}  // namespace
}  // namespace sw::ais
