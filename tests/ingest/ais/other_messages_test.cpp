// AIS types 7, 9, 10, 12-17, 20-23, 25 and 26: real sentences (mostly from gpsd's
// sample.aivdm) and crafted payloads. Every expected JSON/CSV line below is the
// output of gpsd 3.22's gpsdecode for the same input, and every length rejection
// follows gpsd's rule for that type.

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "decode_helpers.h"
#include "ingest/ais/decoder.h"

namespace sw::ais {
namespace {

using testing::csv;
using testing::decode_lines;
using testing::json;

/// A crafted payload: type, repeat 0, MMSI 244123456, then `body_bits` bits of
/// `body_value` repeated (1 = all ones, 0 = all zeros) up to `total_bits`.
Bits crafted(std::uint32_t type, std::size_t total_bits, std::uint32_t fill = 0) {
  Bits bits;
  bits.put(type, 6);
  bits.put(0, 2);
  bits.put(244123456, 30);
  while (bits.size() < total_bits) bits.put(fill, 1);
  return bits;
}

DecodeError decode_crafted(const Bits& bits) {
  Message message;
  return decode_message(bits, message);
}

// ---------------------------------------------------------------- types 7, 13

TEST(AisAcknowledge, ThreeAcknowledgementsPrintFourSlots) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,7IiQ4T`UjA9lC;b:M<MWE@,4*01"});
  ASSERT_EQ(message.type, 7U);
  const auto& body = std::get<Acknowledge>(message.body);
  EXPECT_EQ(body.count, 3);
  EXPECT_EQ(body.mmsi[2], 836359488U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":7,\"repeat\":1,\"mmsi\":655901842,"
            "\"scaled\":true,\"mmsi1\":158483613,\"mmsi2\":321823389,\"mmsi3\":836359488,"
            "\"mmsi4\":0}\r\n");
  EXPECT_EQ(csv(message), "7|1|655901842|158483613|321823389|836359488|0\r\n");
}

TEST(AisAcknowledge, SafetyAcknowledgeSharesTheLayout) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,=39UOj0jFs9R,0*65"});
  ASSERT_EQ(message.type, 13U);
  EXPECT_EQ(std::get<Acknowledge>(message.body).count, 1);
  EXPECT_EQ(csv(message), "13|0|211378120|211217560|0|0|0\r\n");
}

TEST(AisAcknowledge, LengthRangeAndPartialEntries) {
  EXPECT_EQ(decode_crafted(crafted(7, 71)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(7, 169)), DecodeError::kTooLong);
  EXPECT_EQ(decode_crafted(crafted(13, 168)), DecodeError::kNone);
  // One bit of a second entry is enough for gpsd to read it (the rest as zeros).
  Bits bits = crafted(7, 72);
  bits.put(1, 1);
  Message message;
  ASSERT_EQ(decode_message(bits, message), DecodeError::kNone);
  const auto& body = std::get<Acknowledge>(message.body);
  EXPECT_EQ(body.count, 2);
  EXPECT_EQ(body.mmsi[1], 1U << 29);
}

// -------------------------------------------------------------------- type 9

TEST(AisSarAircraft, RealReportInAllModes) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,91b55wi;hbOS@OdQAC062Ch2089h,0*30"});
  const std::string header =
      "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":9,\"repeat\":0,\"mmsi\":111232511,";
  EXPECT_EQ(json(message, true),
            header +
                "\"scaled\":true,\"alt\":303,\"speed\":42,\"accuracy\":false,\"lon\":-6.278843,"
                "\"lat\":58.144000,\"course\":154.5,\"second\":15,\"regional\":0,\"dte\":1,"
                "\"raim\":false,\"radio\":33392}\r\n");
  EXPECT_EQ(json(message, false),
            header +
                "\"scaled\":false,\"alt\":303,\"speed\":42,\"accuracy\":false,\"lon\":-3767306,"
                "\"lat\":34886400,\"course\":1545,\"second\":15,\"regional\":0,\"dte\":1,"
                "\"raim\":false,\"radio\":33392}\r\n");
  EXPECT_EQ(csv(message), "9|0|111232511|303|42|0|-3767306|34886400|1545|15|0x0|1|0|0x8270\r\n");
}

TEST(AisSarAircraft, AltitudeAndSpeedSentinels) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,91b55wwwgvwS@OdQAC0>4?00<000,0*3F"});
  const auto& body = std::get<SarAircraftPosition>(message.body);
  EXPECT_EQ(body.alt, 4094U);
  EXPECT_EQ(body.speed, 1022U);
  EXPECT_NE(json(message, true).find("\"alt\":\"high\",\"speed\":\"fast\",\"accuracy\":true"),
            std::string::npos);
}

TEST(AisSarAircraft, PermissiveLength) {
  EXPECT_EQ(decode_crafted(crafted(9, 167)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(9, 168)), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(9, 400)), DecodeError::kNone);
}

// ------------------------------------------------------------ types 10, 12, 14

TEST(AisUtcInquiry, Destination) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,:5MlU41GMK6@,0*6C"});
  EXPECT_EQ(std::get<UtcInquiry>(message.body).dest_mmsi, 366832740U);
  EXPECT_EQ(csv(message), "10|0|366814480|366832740\r\n");
  EXPECT_EQ(decode_crafted(crafted(10, 71)), DecodeError::kTooShort);
}

TEST(AisSafetyText, AddressedText) {
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,<02:oP0kKcv0@<51C5PB5@?BDPD?P:?2?EB7PDB16693P381>>5<PikP,0*37"});
  const auto& body = std::get<SafetyAddressed>(message.body);
  EXPECT_EQ(body.text.view(), "PLEASE REPORT TO JOBOURG TRAFFIC CHANNEL 13");
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":12,\"repeat\":0,\"mmsi\":2275200,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":215724000,\"retransmit\":false,"
            "\"text\":\"PLEASE REPORT TO JOBOURG TRAFFIC CHANNEL 13\"}\r\n");
  EXPECT_EQ(csv(message),
            "12|0|002275200|0|215724000|0|PLEASE REPORT TO JOBOURG TRAFFIC CHANNEL 13\r\n");
}

TEST(AisSafetyText, BroadcastTextEscapedInJsonOnly) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,>3`l7@1<5V28PV:1j0td,2*71"});
  EXPECT_EQ(std::get<SafetyBroadcast>(message.body).text.view(), "SAY \"HI\" \\ OK");
  EXPECT_NE(json(message, true).find(",\"text\":\"SAY \\\"HI\\\" \\\\ OK\"}"), std::string::npos);
  EXPECT_EQ(csv(message), "14|0|244123456|SAY \"HI\" \\ OK\r\n");
}

TEST(AisSafetyText, LengthRanges) {
  EXPECT_EQ(decode_crafted(crafted(12, 71)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(12, 1008)), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(12, 1009)), DecodeError::kTooLong);
  EXPECT_EQ(decode_crafted(crafted(14, 40)), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(14, 1014)), DecodeError::kTooLong);
  // 161 characters of all-ones ('?') fill the longest broadcast text.
  Message message;
  ASSERT_EQ(decode_message(crafted(14, 1008, 1), message), DecodeError::kNone);
  EXPECT_EQ(std::get<SafetyBroadcast>(message.body).text.size(), 161U);
}

// ---------------------------------------------------------------- types 15, 16

TEST(AisInterrogation, TwoStations) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,?39a?2PjKFFPD01o:Gq1igvp2<3w,0*0B"});
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":15,\"repeat\":0,\"mmsi\":211439370,"
            "\"scaled\":true,\"mmsi1\":211507560,\"type1_1\":5,\"offset1_1\":0,\"type1_2\":55,"
            "\"offset1_2\":663,\"mmsi2\":605843451,\"type2_1\":32,\"offset2_1\":560}\r\n");
}

TEST(AisInterrogation, OptionalPartsFollowTheLength) {
  Message message;
  ASSERT_EQ(decode_message(crafted(15, 90, 1), message), DecodeError::kNone);
  EXPECT_EQ(std::get<Interrogation>(message.body).type1_2, 0U);  // bits 88-89 are spare
  ASSERT_EQ(decode_message(crafted(15, 91, 1), message), DecodeError::kNone);
  EXPECT_EQ(std::get<Interrogation>(message.body).type1_2, 32U);  // one bit present
  EXPECT_EQ(std::get<Interrogation>(message.body).mmsi2, 0U);
  ASSERT_EQ(decode_message(crafted(15, 111, 1), message), DecodeError::kNone);
  EXPECT_EQ(std::get<Interrogation>(message.body).mmsi2, 1U << 29);
  EXPECT_EQ(decode_crafted(crafted(15, 87)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(15, 169)), DecodeError::kTooLong);
}

TEST(AisAssignedMode, OneOrTwoStations) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,@6STUk004lQ206bCKNOBAb6SJ@5s,0*74"});
  EXPECT_EQ(csv(message), "16|0|439952844|315920|2049|681|230137673|424|419\r\n");
  Message short_message;
  ASSERT_EQ(decode_message(crafted(16, 143, 1), short_message), DecodeError::kNone);
  EXPECT_EQ(std::get<AssignedModeCommand>(short_message.body).mmsi2, 0U);
  EXPECT_EQ(decode_crafted(crafted(16, 95)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(16, 169)), DecodeError::kTooLong);
}

// -------------------------------------------------------------------- type 17

TEST(AisDgnss, TwoFragmentCorrections) {
  const Message message = decode_lines(
      {"!AIVDM,2,1,5,A,A02VqLPA4I6C07h5Ed1h<OrsuBTTwS?r:C?w`?la<gno1RTRwSP9:BcurA8a,0*3A",
       "!AIVDM,2,2,5,A,:Oko02TSwu8<:Jbb,0*11"});
  const std::string data =
      "\"data\":\"376:"
      "7c0556c07031febbf52924fe33fa2933ffa0fd2932fdb7062922fe3809292afde9122929fcf7002923"
      "ffd20c29aaaa\"}\r\n";
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":17,\"repeat\":0,\"mmsi\":2734450,"
            "\"scaled\":true,\"lon\":29.1,\"lat\":60.0," +
                data);
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":17,\"repeat\":0,\"mmsi\":2734450,"
            "\"scaled\":false,\"lon\":17478,\"lat\":35992," +
                data);
  EXPECT_EQ(decode_crafted(crafted(17, 79)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(17, 817)), DecodeError::kTooLong);
}

// -------------------------------------------------------------------- type 20

TEST(AisDataLink, ThreeReservationsAllFourPrinted) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,D030p8@2tN?b<`O6DmQO6D0,2*5D"});
  EXPECT_EQ(std::get<DataLinkManagement>(message.body).count, 3);
  EXPECT_EQ(csv(message), "20|0|003160097|47|1|7|250|2250|1|7|1125|856|5|7|1125|0|0|0|0\r\n");
  EXPECT_EQ(decode_crafted(crafted(20, 71)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(20, 186)), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(20, 187)), DecodeError::kTooLong);
}

// -------------------------------------------------------------------- type 21

TEST(AisAidToNavigation, NameExtension) {
  const Message message =
      decode_lines({"!AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0*46",
                    "!AIVDM,2,2,5,B,:D44QDlp0C1DU00,2*36"});
  const auto& body = std::get<AidToNavigation>(message.body);
  EXPECT_EQ(body.name.view(), "CHINA ROSE MURPHY EXPRESS ALERT");
  // Scaled: position before the accuracy flag; unscaled: after it.
  EXPECT_NE(json(message, true).find("\"lon\":-122.698592,\"lat\":47.920618,\"accuracy\":false"),
            std::string::npos);
  EXPECT_NE(json(message, false).find("\"accuracy\":false,\"lon\":-73619155,\"lat\":28752371"),
            std::string::npos);
  EXPECT_EQ(csv(message),
            "21|0|123456789|20|CHINA ROSE MURPHY EXPRESS "
            "ALERT|0|-73619155|28752371|5|5|5|5|1|50|165|0x0|0|0\r\n");
}

TEST(AisAidToNavigation, ThirtySixCharacterNameOverrunsLikeGpsd) {
  // 20 + 16 characters: gpsd's 35-byte name field spills into the accuracy flag
  // (which becomes 'P', 80) and the low byte of the longitude (1000 -> 768).
  const Message message = decode_lines(
      {"!AIVDM,2,1,3,A,E1mg=5@PQ1R2S3T4U5V6W7`8a9b000?`003r010@HPRP00@Pi1AQj2BRk3CS,0*6F",
       "!AIVDM,2,2,3,A,l0,4*4D"});
  const auto& body = std::get<AidToNavigation>(message.body);
  EXPECT_EQ(body.name.view(), "ABCDEFGHIJKLMNOPQRSTABCDEFGHIJKLMNOP");
  EXPECT_EQ(body.lon, 1000);  // the model keeps the transmitted value
  EXPECT_FALSE(body.accuracy);
  EXPECT_NE(json(message, false).find("\"accuracy\":true,\"lon\":768,\"lat\":2000"),
            std::string::npos);
  EXPECT_EQ(csv(message),
            "21|0|123456789|1|ABCDEFGHIJKLMNOPQRSTABCDEFGHIJKLMNOP|80|768|2000|1|2|3|4|1|5|0|0x0|0|"
            "0\r\n");
}

TEST(AisAidToNavigation, LengthRange) {
  EXPECT_EQ(decode_crafted(crafted(21, 271)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(21, 368)), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(21, 369)), DecodeError::kTooLong);
}

// ---------------------------------------------------------------- types 22, 23

TEST(AisChannelManagement, BroadcastArea) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,F030ot22N2P6aoQbhe4736L20000,0*1A"});
  EXPECT_FALSE(std::get<ChannelManagement>(message.body).addressed);
  EXPECT_NE(json(message, true)
                .find("\"ne_lon\":\"-73.500000\",\"ne_lat\":\"45.550000\","
                      "\"sw_lon\":\"-80.166667\",\"sw_lat\":\"42.333333\",\"addressed\":false"),
            std::string::npos);
  EXPECT_EQ(csv(message), "22|0|003160048|2087|2088|0|0|-44100|27330|-48100|25400|0|0|0|4\r\n");
}

TEST(AisChannelManagement, AddressedStations) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,F@@W>gOP00PH=JrN9l000?wB2HH;,0*44"});
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":22,\"repeat\":1,\"mmsi\":17419965,"
            "\"scaled\":false,\"channel_a\":3584,\"channel_b\":8,\"txrx\":1,\"power\":true,"
            "\"dest1\":28144881,\"dest2\":268435519,\"addressed\":true,\"band_a\":false,"
            "\"band_b\":false,\"zonesize\":4}\r\n");
  EXPECT_EQ(csv(message), "22|1|017419965|3584|8|1|1|28144881|268435519|1|0|0|4\r\n");
  EXPECT_EQ(decode_crafted(crafted(22, 167)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(22, 200)), DecodeError::kNone);
}

TEST(AisGroupAssignment, JsonWithoutTxrxCsvWithIt) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,G02:Kn01R`sn@291nj600000900,2*12"});
  EXPECT_EQ(
      json(message, true),
      "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":23,\"repeat\":0,\"mmsi\":2268120,"
      "\"scaled\":true,\"ne_lon\":\"2.630000\",\"ne_lat\":\"51.070000\",\"sw_lon\":\"1.826667\","
      "\"sw_lat\":\"50.680000\",\"stationtype\":6,\"stationtype_text\":\"Regional use and "
      "inland waterways\",\"shiptype\":0,\"shiptype_text\":\"Not available\",\"interval\":9,"
      "\"quiet\":0}\r\n");
  EXPECT_EQ(csv(message), "23|0|002268120|1578|30642|1096|30408|6|0|2|9|0\r\n");
  EXPECT_EQ(decode_crafted(crafted(23, 159)), DecodeError::kTooShort);
}

// ---------------------------------------------------------------- types 25, 26

TEST(AisSlotBinary, AddressedUnstructured) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,I6SWo?8P00a3PKpEKEVj0?vNP<65,0*73"});
  const auto& body = std::get<SlotBinary>(message.body);
  EXPECT_TRUE(body.addressed);
  EXPECT_EQ(body.data.bit_count, 98U);
  EXPECT_EQ(csv(message), "25|0|440006460|1|0|134218384|0|98:e06f855b566c803fe7a0306140\r\n");
}

TEST(AisSlotBinary, BroadcastStructured) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,I8IRGB40QPPa0:<HP::V=gwv0l48,0*0E"});
  EXPECT_NE(json(message, true)
                .find("\"addressed\":false,\"structured\":true,\"dest_mmsi\":0,"
                      "\"app_id\":134,\"data\":\"112:082900a31880a2a636fffe034108\"}"),
            std::string::npos);
}

TEST(AisSlotBinary, MultiSlotAddressedStructured) {
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,JB3R0GO7p>vQL8tjw0b5hqpd0706kh9d3lR2vbl0400,2*40"});
  EXPECT_EQ(
      json(message, true),
      "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":26,\"repeat\":1,\"mmsi\":137920605,"
      "\"scaled\":true,\"addressed\":true,\"structured\":true,\"dest_mmsi\":838351848,"
      "\"app_id\":23587,\"data\":\"150:ccbf02a170e78b001c01b3c09b03d220beab40\",\"radio\":0}\r\n");
  EXPECT_EQ(csv(message),
            "26|1|137920605|1|1|838351848|23587|150:ccbf02a170e78b001c01b3c09b03d220beab40:0\r\n");
}

TEST(AisSlotBinary, LengthDependsOnMode) {
  // Type 25 addressed + structured needs 40 + 30 + 16 bits.
  Bits bits;
  bits.put(25, 6);
  bits.put(0, 32);
  bits.put(3, 2);
  while (bits.size() < 85) bits.put(0, 1);
  EXPECT_EQ(decode_crafted(bits), DecodeError::kTooShort);
  bits.put(0, 1);
  EXPECT_EQ(decode_crafted(bits), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(25, 169)), DecodeError::kTooLong);
  EXPECT_EQ(decode_crafted(crafted(26, 59)), DecodeError::kTooShort);
  EXPECT_EQ(decode_crafted(crafted(26, 1004)), DecodeError::kNone);
  EXPECT_EQ(decode_crafted(crafted(26, 1005)), DecodeError::kTooLong);
  // Broadcast, unstructured, 60 bits: only the radio status, no data.
  Message message;
  ASSERT_EQ(decode_message(crafted(26, 60), message), DecodeError::kNone);
  EXPECT_EQ(csv(message), "26|0|244123456|0|0|0|0|0::0\r\n");
}

}  // namespace
}  // namespace sw::ais
