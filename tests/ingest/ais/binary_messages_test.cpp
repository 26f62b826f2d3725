// AIS types 6 and 8 with their DAC/FI applications: real sentences (gpsd's
// sample.aivdm and its type 6 FI 55 log) and crafted ones. Every expected JSON/CSV
// line below is the output of gpsd 3.22's gpsdecode for the same input.

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

/// Header of a crafted type 6 (seqno 0, destination 2442101, DAC/FI) or type 8 payload.
Bits binary_header(std::uint32_t type, std::uint32_t dac, std::uint32_t fid) {
  Bits bits;
  bits.put(type, 6);
  bits.put(0, 2);
  bits.put(235012345, 30);
  if (type == 6) {
    bits.put(0, 2);
    bits.put(2442101, 30);
    bits.put(0, 2);
  } else {
    bits.put(0, 2);
  }
  bits.put(dac, 10);
  bits.put(fid, 6);
  return bits;
}

// ----------------------------------------------------------------- type 6

TEST(AisAddressedBinary, GlaAtonMonitoringScalesVoltages) {
  const Message message = decode_lines({"!AIVDM,1,1,4,B,6>jR0600V:C0>da4P106P00,2*02"});
  const auto& body = std::get<AddressedBinary>(message.body);
  EXPECT_EQ(body.dac, 235U);
  EXPECT_EQ(body.fid, 10U);
  ASSERT_TRUE(body.structured);
  const auto& aton = std::get<AtonMonitoring>(body.app);
  EXPECT_EQ(aton.ana_int, 274U);
  EXPECT_EQ(aton.racon, 2U);
  EXPECT_EQ(aton.light, 2U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":992509976,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":2500912,\"retransmit\":false,\"dac\":235,"
            "\"fid\":10,\"off_pos\":false,\"alarm\":false,\"stat_ext\":0,\"ana_int\":13.70,"
            "\"ana_ext1\":0.05,\"ana_ext2\":0.05,\"racon\":2,\"racon_text\":\"RACON operational\","
            "\"light\":2,\"light_text\":\"Light OFF\"}\r\n");
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":992509976,"
            "\"scaled\":false,\"seqno\":0,\"dest_mmsi\":2500912,\"retransmit\":false,\"dac\":235,"
            "\"fid\":10,\"off_pos\":false,\"alarm\":false,\"stat_ext\":0,\"ana_int\":274,"
            "\"ana_ext1\":1,\"ana_ext2\":1,\"racon\":2,\"racon_text\":\"RACON operational\","
            "\"light\":2,\"light_text\":\"Light OFF\"}\r\n");
  EXPECT_EQ(csv(message), "6|0|992509976|0|2500912|0|235|10|274|1|1|2|2|0|0|0\r\n");
}

TEST(AisAddressedBinary, GlaAtonWrongLengthStaysRawButCsvOverlaysPayload) {
  // 239 application bits: not a monitoring message, yet gpsdecode's CSV prints the
  // monitoring columns read over the raw payload bytes.
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,61mg=5CcNJ;4>d`000000000000000000000000005`000010P<40h0,3*55"});
  const auto& body = std::get<AddressedBinary>(message.body);
  EXPECT_FALSE(body.structured);
  EXPECT_EQ(body.data.bit_count, 239U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":123456789,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":987654321,\"retransmit\":false,\"dac\":235,"
            "\"fid\":10,\"data\":\"239:0000000000000000000000000000000000000000"
            "5a000000010203040300\"}\r\n");
  EXPECT_EQ(csv(message), "6|0|123456789|0|987654321|0|235|10|0|0|0|0|0|90|67305985|3\r\n");
}

TEST(AisAddressedBinary, InlandPersonsOnBoard) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,63aGD6@0RW?8<SL4000000000000,0*11"});
  const auto& persons = std::get<InlandPersonsOnBoard>(std::get<AddressedBinary>(message.body).app);
  EXPECT_EQ(persons.crew, 4U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":244700185,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":2268402,\"retransmit\":false,\"dac\":200,"
            "\"fid\":55,\"crew\":4,\"passengers\":0,\"personnel\":0}\r\n");
  EXPECT_EQ(csv(message), "6|0|244700185|0|2268402|0|200|55|80:xxxxxxxxxxxxxxxxxxxx\r\n");
}

TEST(AisAddressedBinary, InlandEtaPrintsTextVerbatimAndBareStamp) {
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,602E3M@jG;hL<QD@DADW337;=C340337;?Bs`?@q00,4*09"});
  const auto& eta = std::get<InlandEta>(std::get<AddressedBinary>(message.body).app);
  EXPECT_EQ(eta.where.locode.view(), "DUI");
  EXPECT_EQ(eta.airdraught, 456U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":211234567,\"retransmit\":false,\"dac\":200,"
            "\"fid\":21,\"country\":\"DE\",\"locode\":\"DUI\",\"section\":\"00123\","
            "\"terminal\":\"T01\",\"hectometre\":\"01234\",\"eta\":\"11-23T8:15\",\"tugs\":2,"
            "\"airdraught\":456}\r\n");
  EXPECT_EQ(csv(message),
            "6|0|002442101|0|211234567|0|200|21|160:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n");
}

TEST(AisAddressedBinary, DangerousCargoImo236) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,63LBA4;WBevJ04k0=@E=B0td,0*17"});
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":230986000,"
            "\"scaled\":true,\"seqno\":2,\"dest_mmsi\":970110950,\"retransmit\":true,\"dac\":1,"
            "\"fid\":12,\"lastport\":\"0CTES\",\"departure\":\"05-04T00:60Z\",\"nextport\":\",\","
            "\"eta\":\"00-00T00:00Z\",\"dangerous\":\"\",\"imdcat\":\"\",\"unid\":0,\"amount\":0,"
            "\"unit\":0}\r\n");
  EXPECT_EQ(csv(message), "6|0|230986000|2|970110950|1|1|12|56:xxxxxxxxxxxxxx\r\n");
}

TEST(AisAddressedBinary, TidalWindowImo236TakesEntryStartingAtEnd) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,6h2E:81>NmKC04p0J<000?vv20Ru,0*31"});
  const auto& window = std::get<TidalWindow>(std::get<AddressedBinary>(message.body).app);
  EXPECT_EQ(window.count, 1U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":3,\"mmsi\":2443808,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":329176500,\"retransmit\":true,\"dac\":1,"
            "\"fid\":14,\"month\":0,\"day\":0,\"tidals\":[{\"lon\":279.3388,\"lat\":-406.3232,"
            "\"from_hour\":1,\"from_min\":5,\"to_hour\":29,\"to_min\":0,\"cdir\":0,"
            "\"cspeed\":0.0}]}\r\n");
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":3,\"mmsi\":2443808,"
            "\"scaled\":false,\"seqno\":0,\"dest_mmsi\":329176500,\"retransmit\":true,\"dac\":1,"
            "\"fid\":14,\"month\":0,\"day\":0,\"tidals\":[{\"lon\":16760328,\"lat\":-24379392,"
            "\"from_hour\":1,\"from_min\":5,\"to_hour\":29,\"to_min\":0,\"cdir\":0,"
            "\"cspeed\":0}]}\r\n");
}

TEST(AisAddressedBinary, RouteInfoWaypoints) {
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,602E3MDp20?T05h1B:s`?01p40IgRQlk6@wk8;35VL60,5*55"});
  const auto& route = std::get<RouteInfo>(std::get<AddressedBinary>(message.body).app);
  EXPECT_EQ(route.waycount, 2U);
  EXPECT_EQ(route.waypoints[1].lat, -30618100);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":true,\"seqno\":1,\"dest_mmsi\":235012345,\"retransmit\":false,\"dac\":1,"
            "\"fid\":28,\"linkage\":5,\"sender\":1,\"rtype\":2,\"rtype_text\":\"Recommended\","
            "\"start\":\"11-23T08:15Z\",\"duration\":120,\"waypoints\":[{\"lon\":1.405900,"
            "\"lat\":51.030000},{\"lon\":-1.406000,\"lat\":-51.030167}]}\r\n");
}

TEST(AisAddressedBinary, DangerousCargoImo289Entries) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,602E3MDp20?T05UO@jFL0COwwP,5*22"});
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":false,\"seqno\":1,\"dest_mmsi\":235012345,\"retransmit\":false,\"dac\":1,"
            "\"fid\":25,\"unit\":1,\"amount\":500,\"cargos\":[{\"code\":3,\"subtype\":1203},"
            "{\"code\":8,\"subtype\":77},{\"code\":15,\"subtype\":8191}]}\r\n");
  EXPECT_EQ(csv(message), "6|0|002442101|1|235012345|0|1|25|63:xxxxxxxxxxxxxxxx\r\n");
}

TEST(AisAddressedBinary, TextDescriptionEscapesQuotesAndBackslashes) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,602E3M@jG;hL05p0lhFH8R2H`783h,4*34"});
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":true,\"seqno\":0,\"dest_mmsi\":211234567,\"retransmit\":false,\"dac\":1,"
            "\"fid\":30,\"linkage\":3,\"text\":\"SAY \\\"HI\\\" \\\\ O\"}\r\n");
}

TEST(AisAddressedBinary, UnknownApplicationStaysRaw) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,6B?n;be:cbapalgc;i6?Ow4,2*4A"});
  const auto& body = std::get<AddressedBinary>(message.body);
  EXPECT_FALSE(body.structured);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(body.app));
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":6,\"repeat\":1,\"mmsi\":150834090,"
            "\"scaled\":true,\"seqno\":3,\"dest_mmsi\":313240222,\"retransmit\":false,\"dac\":669,"
            "\"fid\":11,\"data\":\"48:eb2f118f7ff1\"}\r\n");
  EXPECT_EQ(csv(message), "6|1|150834090|3|313240222|0|669|11|48:eb2f118f7ff1\r\n");
}

TEST(AisAddressedBinary, LengthRangeIs88To1008Bits) {
  Message message;
  Bits bits = binary_header(6, 1, 1);
  EXPECT_EQ(decode_message(bits, message), DecodeError::kNone);  // 88 bits, no data
  std::string out;
  append_csv(message, out);
  EXPECT_EQ(out, "6|0|235012345|0|2442101|0|1|1|0:\r\n");
  Bits short_bits;
  short_bits.put(6, 6);
  while (short_bits.size() < 87) short_bits.put(0, 1);
  EXPECT_EQ(decode_message(short_bits, message), DecodeError::kTooShort);
  while (bits.size() < 1009) bits.put(1, 1);
  EXPECT_EQ(decode_message(bits, message), DecodeError::kTooLong);
}

// ----------------------------------------------------------------- type 8

TEST(AisBroadcastBinary, MetHydroImo236) {
  const Message message = decode_lines(
      {"!AIVDO,1,1,4,B,8>jR06@0Bk3:wOli;<`WPhh<1rqVBQf2V@Pdt0J82avIM2b<<Rv1t<ot=@1,2*54"});
  const auto& met = std::get<MetHydroImo236>(std::get<BroadcastBinary>(message.body).app);
  EXPECT_EQ(met.airtemp, 742U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":992509977,"
            "\"scaled\":true,\"dac\":1,\"fid\":11,\"lat\":53.2949,\"lon\":-6.1340,"
            "\"timestamp\":\"18T17:15Z\",\"wspeed\":3,\"wgust\":6,\"wdir\":12,\"wgustdir\":15,"
            "\"humidity\":50,\"airtemp\":14.2,\"dewpoint\":12.3,\"pressure\":1024,"
            "\"pressuretend\":\"decreasing\",\"visibility\":15.3,\"waterlevel\":-8.4,"
            "\"leveltrend\":\"increasing\",\"cspeed\":10.3,\"cdir\":256,\"cspeed2\":10.4,"
            "\"cdir2\":257,\"cdepth2\":10,\"cspeed3\":12.6,\"cdir3\":203,\"cdepth3\":20,"
            "\"waveheight\":4.2,\"waveperiod\":35,\"wavedir\":25,\"swellheight\":2.3,"
            "\"swellperiod\":48,\"swelldir\":124,\"seastate\":3,\"watertemp\":12.3,"
            "\"preciptype\":6,\"preciptype_text\":\"reserved\",\"salinity\":5.3,\"ice\":0,"
            "\"ice_text\":\"no\"}\r\n");
  EXPECT_EQ(csv(message),
            "8|0|992509977|1|11|-368039|3197693|18T17:15Z|3|6|12|15|742|50|323|224|2|153|16|1|"
            "103|256|104|257|10|126|203|20|42|35|25|23|48|124|3|223|6|53|0\r\n");
}

TEST(AisBroadcastBinary, MetHydroImo289) {
  const Message message = decode_lines(
      {"!AIVDO,1,1,5,A,8>jR06@0Gwli:QQUP3en?wvlFR06EuOwgwl?wnSwe7wvlOwwsAwwnSGmwvh0,0*51"});
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":992509977,"
            "\"scaled\":true,\"dac\":1,\"fid\":31,\"lat\":53.2949,\"lon\":-6.1341,"
            "\"accuracy\":false,\"timestamp\":\"29T23:24Z\",\"wspeed\":127,\"wgust\":127,"
            "\"wdir\":360,\"wgustdir\":360,\"humidity\":101,\"airtemp\":-102.4,\"dewpoint\":50.1,"
            "\"pressure\":1310,\"pressuretend\":\"N/A\",\"visgreater\":false,\"visibility\":12.7,"
            "\"waterlevel\":30.0,\"leveltrend\":\"N/A\",\"cspeed\":25.5,\"cdir\":360,"
            "\"cspeed2\":25.5,\"cdir2\":360,\"cdepth2\":31,\"cspeed3\":25.5,\"cdir3\":360,"
            "\"cdepth3\":31,\"waveheight\":25.5,\"waveperiod\":63,\"wavedir\":360,"
            "\"swellheight\":25.5,\"swellperiod\":63,\"swelldir\":360,\"seastate\":13,"
            "\"watertemp\":50.1,\"preciptype\":\"N/A\",\"salinity\":51.0,\"ice\":\"N/A\"}\r\n");
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":992509977,"
            "\"scaled\":false,\"dac\":1,\"fid\":31,\"lat\":3197696,\"lon\":-368044,"
            "\"accuracy\":false,\"timestamp\":\"29T23:24Z\",\"wspeed\":127,\"wgust\":127,"
            "\"wdir\":360,\"wgustdir\":360,\"humidity\":101,\"airtemp\":-1024,\"dewpoint\":501,"
            "\"pressure\":511,\"pressuretend\":3,\"visgreater\":false,\"visibility\":127,"
            "\"waterlevel\":4001,\"leveltrend\":3,\"cspeed\":255,\"cdir\":360,\"cspeed2\":255,"
            "\"cdir2\":360,\"cdepth2\":31,\"cspeed3\":255,\"cdir3\":360,\"cdepth3\":31,"
            "\"waveheight\":255,\"waveperiod\":63,\"wavedir\":360,\"swellheight\":255,"
            "\"swellperiod\":63,\"swelldir\":360,\"seastate\":13,\"watertemp\":501,"
            "\"preciptype\":7,\"salinity\":510,\"ice\":3}\r\n");
  EXPECT_EQ(csv(message),
            "8|0|992509977|1|31|-368044|3197696|29T23:24Z|127|127|360|360|-1024|101|501|511|3|"
            "127|4001|3|255|360|255|360|31|255|360|31|255|63|360|255|63|360|13|501|7|510|3\r\n");
}

TEST(AisBroadcastBinary, InlandStaticVoyage) {
  const Message message = decode_lines({"!AIVDM,1,1,,B,83aDChPj2d<dL<uM=hhhI?a@6HP0,0*40"});
  const auto& ship = std::get<InlandStaticVoyage>(std::get<BroadcastBinary>(message.body).app);
  EXPECT_EQ(ship.vin.view(), "02103547");
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":244650946,"
            "\"scaled\":true,\"dac\":200,\"fid\":10,\"vin\":\"02103547\",\"length\":390,"
            "\"beam\":50,\"shiptype\":8010,\"shiptype_text\":\"Motor freighter\",\"hazard\":0,"
            "\"hazard_text\":\"0 blue cones/lights\",\"draught\":204,\"loaded\":1,"
            "\"loaded_text\":\"Unloaded\",\"speed_q\":false,\"course_q\":false,"
            "\"heading_q\":false}\r\n");
  EXPECT_EQ(csv(message), "8|0|244650946|200|10|112:xxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n");
}

TEST(AisBroadcastBinary, InlandStaticWithBadHazardStaysRaw) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,83aDChPj2d<dL<uM=hhhI?aF6HP0,0*45"});
  EXPECT_FALSE(std::get<BroadcastBinary>(message.body).structured);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":244650946,"
            "\"scaled\":true,\"dac\":200,\"fid\":10,"
            "\"data\":\"112:c32c70cf5d370c3064fa56198800\"}\r\n");
}

TEST(AisBroadcastBinary, PersonsOnBoardPrintsZeroAsGpsdDoes) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,81mg=5@0D0000002J000000000000000,0*51"});
  const auto& persons = std::get<PersonsOnBoard>(std::get<BroadcastBinary>(message.body).app);
  EXPECT_EQ(persons.persons, 77U);  // decoded, but gpsd 3.22 prints 0
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":123456789,"
            "\"scaled\":true,\"dac\":1,\"fid\":16,\"persons\":0}\r\n");
  EXPECT_EQ(csv(message), "8|0|123456789|1|16|136:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n");
}

TEST(AisBroadcastBinary, MarineTrafficSignalKeepsGpsdQuirks) {
  const Message message = decode_lines(
      {"!AIVDM,1,1,,A,802E3M@0Dh74?F5BP51CD000000000009nt5mhD8G?900000000000000000,0*0B"});
  // Degrees even unscaled, legends unescaped, no comma before nextsignal_text.
  EXPECT_EQ(json(message, false),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":false,\"dac\":1,\"fid\":19,\"linkage\":7,\"station\":\"DOVER EAST\","
            "\"lon\":1.3460,\"lat\":51.0300,\"status\":1,\"signal\":1,\"signal_text\":\"Serious "
            "emergency \xE2\x80\x93 stop or divert according to instructions.\",\"hour\":14,"
            "\"minute\":30,\"nextsignal\":9\"nextsignal_text\":\"I = \"in-bound\" only "
            "acceptable.\"}\r\n");
}

TEST(AisBroadcastBinary, SyntheticTargetsIncludeOneStartingAtEnd) {
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,802E3M@0D@00p20?T2rp:02Mg0e<7R72HIj003wwqkwwqiJ?3w,0*0A"});
  const auto& synthetic = std::get<SyntheticTargets>(std::get<BroadcastBinary>(message.body).app);
  EXPECT_EQ(synthetic.count, 3U);
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":true,\"dac\":1,\"fid\":17,\"targets\":[{\"idtype\":0,"
            "\"idtype_text\":\"mmsi\",\"mmsi\":\"235012345\",\"lat\":51.0300,\"lon\":1.3460,"
            "\"course\":45,\"second\":12,\"speed\":120},{\"idtype\":2,\"idtype_text\":\"callsign\","
            "\"callsign\":\"GBXY2\",\"lat\":-0.0017,\"lon\":-0.0033,\"course\":360,\"second\":60,"
            "\"speed\":255},{\"idtype\":0,\"idtype_text\":\"mmsi\",\"mmsi\":\"0\",\"lat\":0.0000,"
            "\"lon\":0.0000,\"course\":0,\"second\":0,\"speed\":0}]}\r\n");
}

TEST(AisBroadcastBinary, EmmaWarningKeepsGpsdStartFieldOrder) {
  const Message message =
      decode_lines({"!AIVDM,1,1,,A,802E3M@j5iRs35o@OBl0kO53aV<P0Igb1lk7l7uPj<0,2*16"});
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":true,\"dac\":200,\"fid\":23,\"start\":\"2024-11-08T15:22\","
            "\"end\":\"2024-11-23T20:45\",\"start_lon\":1.405900,\"start_lat\":51.030000,"
            "\"end_lon\":1.406000,\"end_lat\":51.030167,\"type\":1,\"type_text\":\"Wind\","
            "\"min\":-5,\"max\":12,\"class\":2,\"class_text\":\"Strong\",\"wind\":3,"
            "\"wind_text\":\"East\"}\r\n");
}

TEST(AisBroadcastBinary, TextDescription) {
  const Message message = decode_lines({"!AIVDM,1,1,,A,802E3M@0G@4>?P5>DBI00,0*71"});
  EXPECT_EQ(json(message, true),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":8,\"repeat\":0,\"mmsi\":2442101,"
            "\"scaled\":true,\"dac\":1,\"fid\":29,\"linkage\":4,\"text\":\"NO ENTRY\"}\r\n");
  EXPECT_EQ(csv(message), "8|0|002442101|1|29|70:xxxxxxxxxxxxxxxxxx\r\n");
}

TEST(AisBroadcastBinary, LengthRangeIs56To1008Bits) {
  Message message;
  Bits bits = binary_header(8, 366, 56);
  EXPECT_EQ(decode_message(bits, message), DecodeError::kNone);
  Bits short_bits;
  short_bits.put(8, 6);
  while (short_bits.size() < 55) short_bits.put(0, 1);
  EXPECT_EQ(decode_message(short_bits, message), DecodeError::kTooShort);
  while (bits.size() < 1009) bits.put(1, 1);
  EXPECT_EQ(decode_message(bits, message), DecodeError::kTooLong);
}

// ----------------------------------------------------------------- robustness

TEST(AisBinaryApplications, EveryLengthOfEveryApplicationDecodesSafely) {
  struct Application {
    std::uint32_t type, dac, fid;
  };
  constexpr Application kApplications[] = {
      {6, 200, 21}, {6, 200, 22}, {6, 200, 55}, {6, 235, 10}, {6, 250, 10}, {6, 1, 12},
      {6, 1, 14},   {6, 1, 15},   {6, 1, 16},   {6, 1, 18},   {6, 1, 20},   {6, 1, 25},
      {6, 1, 28},   {6, 1, 30},   {6, 1, 32},   {8, 1, 11},   {8, 1, 13},   {8, 1, 15},
      {8, 1, 16},   {8, 1, 17},   {8, 1, 19},   {8, 1, 27},   {8, 1, 29},   {8, 1, 31},
      {8, 200, 10}, {8, 200, 23}, {8, 200, 24}, {8, 200, 40},
  };
  for (const Application& app : kApplications) {
    for (std::uint32_t fill = 0; fill < 2; ++fill) {
      Bits bits = binary_header(app.type, app.dac, app.fid);
      while (bits.size() <= 1008) {
        Message message;
        ASSERT_EQ(decode_message(bits, message), DecodeError::kNone)
            << app.type << "/" << app.dac << "/" << app.fid << " at " << bits.size();
        std::string out;
        append_json(message, true, out);
        append_json(message, false, out);
        append_csv(message, out);
        EXPECT_EQ(out.substr(out.size() - 2), "\r\n");
        bits.put(fill, 1);
      }
    }
  }
}

}  // namespace
}  // namespace sw::ais
