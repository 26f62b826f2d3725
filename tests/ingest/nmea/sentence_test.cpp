// The NMEA sentence layer on real lines (tests/data/ais/probes/tricky_cases.nmea and
// the libais tag-block sample).

#include "ingest/nmea/sentence.h"

#include <gtest/gtest.h>

namespace sw::nmea {
namespace {

TEST(Sentence, ParsesPlainVdm) {
  const auto out = parse_sentence("!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05\r\n");
  ASSERT_EQ(out.error, SentenceError::kNone);
  EXPECT_EQ(out.sentence.talker, "AI");
  EXPECT_FALSE(out.sentence.own_ship);
  EXPECT_EQ(out.sentence.fragment_count, 1);
  EXPECT_EQ(out.sentence.fragment_number, 1);
  EXPECT_EQ(out.sentence.sequence_id, -1);
  EXPECT_EQ(out.sentence.channel, 'B');
  EXPECT_EQ(out.sentence.payload, "15NG6V0P01G?cFhE`R2IU?wn28R>");
  EXPECT_EQ(out.sentence.fill_bits, 0);
  EXPECT_FALSE(out.sentence.tag.present);
}

TEST(Sentence, RejectsBadChecksum) {
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*06").error,
            SentenceError::kBadChecksum);
}

TEST(Sentence, AcceptsTrailingSpaceAndCrlf) {
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05 \r\n").error,
            SentenceError::kNone);
}

TEST(Sentence, IgnoresUscgFieldsAfterChecksum) {
  const auto out = parse_sentence(
      "!AIVDM,1,1,,B,;4R33:1uUK2F`q?mOt@@GoQ00000,0*5D,s28089,d-103,T39.44353985,x147521,"
      "r08TPHI1,1242958962");
  ASSERT_EQ(out.error, SentenceError::kNone);
  EXPECT_EQ(out.sentence.payload, ";4R33:1uUK2F`q?mOt@@GoQ00000");
}

TEST(Sentence, AcceptsOtherTalkersAndVdo) {
  auto out = parse_sentence("!BSVDM,1,1,,B,K5DfMB9FLsM?P00d,0*69");
  ASSERT_EQ(out.error, SentenceError::kNone);
  EXPECT_EQ(out.sentence.talker, "BS");
  out = parse_sentence("!AIVDO,1,1,,,B3aC3LP00063aj7RNpl03wSUwP06,0*43");
  ASSERT_EQ(out.error, SentenceError::kNone);
  EXPECT_TRUE(out.sentence.own_ship);
  EXPECT_EQ(out.sentence.channel, 0);
}

TEST(Sentence, ParsesTagBlockWithSpaceInTime) {
  const auto out = parse_sentence(
      "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\!AIVDM,2,1,6,A,"
      "53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63");
  ASSERT_EQ(out.error, SentenceError::kNone);
  const TagBlock& tag = out.sentence.tag;
  EXPECT_TRUE(tag.present);
  EXPECT_EQ(tag.source, "rORBCOMM008");
  EXPECT_EQ(tag.unix_time, 1418169601);
  EXPECT_EQ(tag.text_time, "2014-12-10 00.00.01");
  EXPECT_EQ(tag.group_sentence, 1);
  EXPECT_EQ(tag.group_total, 2);
  EXPECT_EQ(tag.group_id, 1604);
  EXPECT_EQ(out.sentence.sequence_id, 6);
}

TEST(Sentence, DropsInvalidTagBlockButKeepsSentence) {
  const auto out = parse_sentence(
      "\\n:3140,s:FooBar,c:1428451253*1C\\!BSVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,0*06");
  ASSERT_EQ(out.error, SentenceError::kNone);
  EXPECT_TRUE(out.sentence.tag_block_ignored);
  EXPECT_FALSE(out.sentence.tag.present);
}

TEST(Sentence, ReusedSentenceKeepsNothingOfThePreviousLine) {
  // The decoder parses every line into the same Sentence: a line without a tag block,
  // sequence id, channel or checksum must not inherit them from the line before.
  constexpr std::string_view kTagged =
      "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\"
      "!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63";
  Sentence sentence;
  ASSERT_EQ(parse_sentence(kTagged, sentence), SentenceError::kNone);
  ASSERT_TRUE(sentence.tag.present);
  ASSERT_EQ(parse_sentence("!AIVDO,1,1,,,B3aC3LP00063aj7RNpl03wSUwP06,0", sentence),
            SentenceError::kNone);
  EXPECT_FALSE(sentence.tag.present);
  EXPECT_EQ(sentence.tag.group_id, -1);
  EXPECT_EQ(sentence.tag.source, "");
  EXPECT_EQ(sentence.tag.unix_time, -1);
  EXPECT_EQ(sentence.sequence_id, -1);
  EXPECT_EQ(sentence.channel, 0);
  EXPECT_FALSE(sentence.has_checksum);
  EXPECT_TRUE(sentence.own_ship);
  EXPECT_EQ(sentence.payload, "B3aC3LP00063aj7RNpl03wSUwP06");
  // An invalid tag block after a valid one: dropped, flagged, nothing kept.
  ASSERT_EQ(parse_sentence(kTagged, sentence), SentenceError::kNone);
  ASSERT_EQ(parse_sentence("\\n:3140,s:FooBar,c:1428451253*1C\\"
                           "!BSVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,3*05",
                           sentence),
            SentenceError::kNone);
  EXPECT_TRUE(sentence.tag_block_ignored);
  EXPECT_FALSE(sentence.tag.present);
  EXPECT_EQ(sentence.tag.group_id, -1);
  EXPECT_EQ(sentence.tag.source, "");
  EXPECT_EQ(sentence.fill_bits, 3);
  // And a clean line after it is not flagged.
  ASSERT_EQ(parse_sentence("!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05", sentence),
            SentenceError::kNone);
  EXPECT_FALSE(sentence.tag_block_ignored);
  EXPECT_TRUE(sentence.has_checksum);
  EXPECT_EQ(sentence.fill_bits, 0);
  EXPECT_EQ(sentence.channel, 'B');
}

TEST(Sentence, NonAisLinesAreNotErrors) {
  EXPECT_EQ(
      parse_sentence("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47").error,
      SentenceError::kNotAis);
  EXPECT_EQ(parse_sentence("$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17").error,
            SentenceError::kNotAis);
  EXPECT_EQ(parse_sentence("garbage").error, SentenceError::kNotAis);
}

TEST(Sentence, RejectsMalformedFields) {
  EXPECT_EQ(parse_sentence("!AIVDM,0,1,,A,15NG,0").error, SentenceError::kMalformed);
  EXPECT_EQ(parse_sentence("!AIVDM,1,2,,A,15NG,0").error, SentenceError::kMalformed);
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,C,15NG,0").error, SentenceError::kMalformed);
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,A,15N~,0").error, SentenceError::kBadPayloadChar);
  EXPECT_EQ(parse_sentence("!AIVDM,1,1").error, SentenceError::kMalformed);
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,A,15NG,0*zz").error, SentenceError::kMalformed);
  EXPECT_EQ(parse_sentence(std::string(2000, '!')).error, SentenceError::kTooLong);
}

TEST(Sentence, AcceptsMissingChecksumAsGpsdDoes) {
  const auto out = parse_sentence("!AIVDM,1,1,,A,100u3FP04r28t0<WcshcQI<H0H79,0");
  ASSERT_EQ(out.error, SentenceError::kNone);
  EXPECT_FALSE(out.sentence.has_checksum);
}

TEST(Sentence, PayloadEndsAtTheFirstCommaAfterTheChannel) {
  // The usual "payload,d" end is found from the end of the line; extra commas must still
  // split the fields at the first comma, as gpsd does.
  struct Case {
    const char* line;
    const char* payload;
    int fill;
  };
  for (const Case& c : {
           Case{"!AIVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,0,extra*49",
                "13nN34?000QFpgRWnQLLSPpF00SO", 0},
           Case{"!AIVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,*2F", "13nN34?000QFpgRWnQLLSPpF00SO",
                0},
           Case{"!AIVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,0,1*02", "13nN34?000QFpgRWnQLLSPpF00SO",
                0},
           Case{"!AIVDM,1,1,,A,13nN34?000QFpgR,WnQLLSPpF00SO,0*33", "13nN34?000QFpgR", 0},
           Case{"!AIVDM,2,1,3,B,13nN34?000QFpgRWnQLLSPpF00SO,2*2E", "13nN34?000QFpgRWnQLLSPpF00SO",
                2},
       }) {
    Sentence sentence;
    ASSERT_EQ(parse_sentence(c.line, sentence), SentenceError::kNone) << c.line;
    EXPECT_EQ(sentence.payload, c.payload) << c.line;
    EXPECT_EQ(sentence.fill_bits, c.fill) << c.line;
  }
  // No comma after the payload at all, and a bad character before a trailing comma.
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO").error,
            SentenceError::kMalformed);
  EXPECT_EQ(parse_sentence("!AIVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00S!,0").error,
            SentenceError::kBadPayloadChar);
}

TEST(Sentence, ArmourCheckAgreesWithTheAlphabetForEveryByteAndPosition) {
  const auto in_alphabet = [](unsigned char c) {
    return (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w');
  };
  for (std::size_t length : {1U, 7U, 8U, 9U, 15U, 16U, 23U, 28U, 31U}) {
    for (std::size_t position = 0; position < length; ++position) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string payload(length, '5');
        payload[position] = static_cast<char>(byte);
        ASSERT_EQ(is_armoured_payload(payload), in_alphabet(static_cast<unsigned char>(byte)))
            << "byte " << byte << " at " << position << " of " << length;
      }
    }
  }
}

TEST(Sentence, ChecksumMatchesBytewiseXor) {
  std::string body;
  for (int length = 0; length < 90; ++length) {
    std::uint8_t expected = 0;
    for (char c : body) expected ^= static_cast<std::uint8_t>(c);
    ASSERT_EQ(nmea_checksum(body), expected) << length;
    body.push_back(static_cast<char>(0x21 + (length * 37) % 90));
  }
}

}  // namespace
}  // namespace sw::nmea
