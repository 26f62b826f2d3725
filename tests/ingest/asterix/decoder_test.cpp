#include "ingest/asterix/decoder.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "asterix_bytes.h"

namespace sw::asterix {
namespace {

using test::block;
using test::Bytes;
using test::cat010_track_record;
using test::cat034_north_marker_record;
using test::concat;

TEST(AsterixDecoderTest, DecodesEveryModelledItemOfAHandMadeTrack) {
  Decoder decoder;
  const auto& records = decoder.decode_datagram(block(10, cat010_track_record()));
  ASSERT_EQ(records.cat010.size(), 1U);
  const Cat010Record& record = records.cat010[0];
  EXPECT_EQ(record.data_source, (DataSourceId{1, 2}));
  EXPECT_EQ(record.message_type, Cat010MessageType::kTargetReport);
  ASSERT_TRUE(record.descriptor);
  EXPECT_EQ(record.descriptor->typ, Cat010DetectionType::kPsr);
  EXPECT_EQ(record.time_of_day_s, 3600.5);
  ASSERT_TRUE(record.position_polar);
  EXPECT_EQ(record.position_polar->range_m, 5000.0);
  EXPECT_EQ(record.position_polar->azimuth_deg, 90.0);
  ASSERT_TRUE(record.position_cartesian);
  EXPECT_EQ(record.position_cartesian->x_m, -1000.0);
  EXPECT_EQ(record.position_cartesian->y_m, 250.0);
  EXPECT_EQ(record.track_number, 291);
  ASSERT_TRUE(record.track_status);
  EXPECT_FALSE(record.track_status->cnf);
  EXPECT_TRUE(record.track_status->mah);
  EXPECT_TRUE(record.track_status->tcc);
  EXPECT_TRUE(record.track_status->sth);
  EXPECT_EQ(record.track_status->tom, 3);
  EXPECT_EQ(record.track_status->dou, 2);
  EXPECT_EQ(record.track_status->mrs, 1);
  ASSERT_TRUE(record.target_size);
  EXPECT_EQ(record.target_size->length_m, 12.0);
  EXPECT_EQ(record.target_size->orientation_deg, 45.0);
  EXPECT_EQ(record.target_size->width_m, 4.0);
  ASSERT_TRUE(record.position_deviation);
  EXPECT_EQ(record.position_deviation->sigma_x_m, 10.0);
  EXPECT_EQ(record.position_deviation->sigma_y_m, 5.5);
  EXPECT_EQ(record.position_deviation->covariance_xy_m2, -12.5);
  EXPECT_FALSE(record.position_wgs84);
  EXPECT_FALSE(record.velocity_cartesian);
  EXPECT_TRUE(record.other_items.empty());
  EXPECT_EQ(decoder.stats().cat010_records, 1U);
  EXPECT_EQ(decoder.stats().rejected(), 0U);
}

TEST(AsterixDecoderTest, DecodesScaledAndSignedFields) {
  // FRN 5 (041) and 6 (040) in FSPEC octet 1; FRN 8 (200), 9 (202), 12 (060), 13 (220),
  // 14 (245) in octet 2.
  const Bytes record = {
      0x0D, 0xCE,                                      // FSPEC
      0xE0, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00,  // 041 lat -2^29 (-45 deg), lon 2^29
      0xFF, 0xFF, 0xFF, 0xFF,                          // 040 rho 65535 m, theta 65535 LSB
      0x00, 0x40, 0xC0, 0x00,                          // 200 GSP 64 / 16384 NM/s, TRA 270 deg
      0x80, 0x00, 0x7F, 0xFF,                          // 202 vx -32768 / 4, vy 32767 / 4
      0xEF, 0xFF,                                      // 060 V G L, code 07777
      0xAB, 0xCD, 0xEF,                                // 220 address
      0x40, 0x08, 0xC5, 0x45, 0x80, 0x6C, 0x30,        // 245 STI 1, "BLUE F00"
  };
  Decoder decoder;
  const auto& records = decoder.decode_datagram(block(10, record));
  ASSERT_EQ(records.cat010.size(), 1U) << decoder.stats().rejected();
  const Cat010Record& decoded = records.cat010[0];
  ASSERT_TRUE(decoded.position_wgs84);
  EXPECT_EQ(decoded.position_wgs84->lat, -45.0);
  EXPECT_EQ(decoded.position_wgs84->lon, 45.0);
  EXPECT_EQ(decoded.position_polar->range_m, 65535.0);
  EXPECT_EQ(decoded.position_polar->azimuth_deg, 360.0 - 360.0 / 65536.0);
  EXPECT_EQ(decoded.velocity_polar->ground_speed_nm_per_s, 64.0 / 16384.0);
  EXPECT_EQ(decoded.velocity_polar->track_angle_deg, 270.0);
  EXPECT_EQ(decoded.velocity_cartesian->vx_mps, -8192.0);
  EXPECT_EQ(decoded.velocity_cartesian->vy_mps, 8191.75);
  ASSERT_TRUE(decoded.mode3a);
  EXPECT_TRUE(decoded.mode3a->not_validated);
  EXPECT_TRUE(decoded.mode3a->garbled);
  EXPECT_TRUE(decoded.mode3a->not_from_last_scan);
  EXPECT_EQ(decoded.mode3a->code, 07777);
  EXPECT_EQ(decoded.target_address, 0xABCDEFU);
  EXPECT_EQ(decoded.target_identification_sti, 1);
  EXPECT_EQ(decoded.target_identification, "BLUE F00");
}

TEST(AsterixDecoderTest, ExtensibleItemsKeepEveryExtent) {
  const Bytes record = {
      0x21, 0x11, 0x08,  // FSPEC: FRN 3 | FRN 11 | FRN 19
      0xB3, 0xF5, 0x80,  // 020 TYP 5 DCR CRT + FX | SIM TST RAB LOP 2 TOT 2 + FX | SPI
      0xF1, 0x01, 0x80,  // 170 CNF TRE CST 3 + FX | (empty) + FX | GHO
      0x0A,              // 270 length 5 only
  };
  Decoder decoder;
  const auto& records = decoder.decode_datagram(block(10, record));
  ASSERT_EQ(records.cat010.size(), 1U);
  const TargetReportDescriptor& descriptor = *records.cat010[0].descriptor;
  EXPECT_EQ(descriptor.typ, Cat010DetectionType::kHfMultilateration);
  EXPECT_TRUE(descriptor.dcr);
  EXPECT_FALSE(descriptor.chn);
  EXPECT_TRUE(descriptor.crt);
  EXPECT_TRUE(descriptor.sim);
  EXPECT_TRUE(descriptor.tst);
  EXPECT_TRUE(descriptor.rab);
  EXPECT_EQ(descriptor.lop, 2);
  EXPECT_EQ(descriptor.tot, 2);
  EXPECT_TRUE(descriptor.spi);
  const TrackStatus& status = *records.cat010[0].track_status;
  EXPECT_TRUE(status.cnf);
  EXPECT_TRUE(status.tre);
  EXPECT_EQ(status.cst, 3);
  EXPECT_TRUE(status.gho);
  const TargetSize& size = *records.cat010[0].target_size;
  EXPECT_EQ(size.length_m, 5.0);
  EXPECT_FALSE(size.orientation_deg);
  EXPECT_FALSE(size.width_m);
}

TEST(AsterixDecoderTest, SkipsEveryUnmodelledItemByItsFormat) {
  // FRN 15 250 (repetitive 8), 16 300, 17 090, 18 091, 21 310 | 23 280 (repetitive 2),
  // 24 131, 25 210, 27 SP, 28 RE — then a second record must still be found.
  const Bytes record = {
      0x01, 0x01, 0xF3, 0x76,                       // FSPEC
      0x01, 1,    2,    3,    4,    5, 6, 7, 0x40,  // 250: one MB data
      0x05,                                         // 300
      0x01, 0x90,                                   // 090
      0xFF, 0xF0,                                   // 091
      0x81,                                         // 310
      0x02, 0x05, 0xFB, 0x00, 0x01,                 // 280: two presences
      0x33,                                         // 131
      0x10, 0xF0,                                   // 210
      0x03, 0xAA, 0xBB,                             // SP, LEN 3
      0x01,                                         // RE, LEN 1 (empty)
  };
  const Bytes second = {0x80, 0x07, 0x08};  // I010/010 only
  Decoder decoder;
  const auto& records = decoder.decode_datagram(block(10, concat({record, second})));
  ASSERT_EQ(records.cat010.size(), 2U) << decoder.stats().rejected();
  const auto& other = records.cat010[0].other_items;
  ASSERT_EQ(other.size(), 10U);
  EXPECT_EQ(other[0].frn, 15);
  EXPECT_EQ(other[0].bytes.size(), 9U);
  EXPECT_EQ(other[5].frn, 23);
  EXPECT_EQ(other[5].bytes, (Bytes{0x02, 0x05, 0xFB, 0x00, 0x01}));
  EXPECT_EQ(other[8].frn, 27);
  EXPECT_EQ(other[8].bytes, (Bytes{0x03, 0xAA, 0xBB}));
  EXPECT_EQ(other[9].bytes, (Bytes{0x01}));
  EXPECT_EQ(records.cat010[1].data_source, (DataSourceId{7, 8}));
}

TEST(AsterixDecoderTest, DecodesCat034AndSkipsItsCompoundItems) {
  const Bytes status_record = {
      0xF6,              // FSPEC: FRN 1-4, 6, 7
      0x03, 0x04,        // 010
      0x02,              // 000 sector crossing
      0x54, 0x60, 0x40,  // 030 5529664 / 128 = 43200.5 s
      0x80,              // 020 128 * 360/256 = 180 deg
      0x88, 0x40, 0x20,  // 050: COM, SSR
      0x80, 0x10,        // 060: COM
  };

  // FRN 1 (010) | FRN 11 (120), 12 (090), 13 (RE): octet 2 bits 0x10, 0x08, 0x04.
  const Bytes source_record = {
      0x81, 0x1C,                                      // FSPEC
      0x01, 0x02,                                      // 010
      0xFF, 0xFF, 0x20, 0x00, 0x00, 0xE0, 0x00, 0x00,  // 120 height -1 m, lat 45, lon -45
      0x01, 0x02,                                      // 090
      0x02, 0x77,                                      // RE
  };
  Decoder decoder;
  const auto& records = decoder.decode_datagram(
      block(34, concat({cat034_north_marker_record(), status_record, source_record})));
  ASSERT_EQ(records.cat034.size(), 3U) << decoder.stats().rejected();
  const Cat034Record& north = records.cat034[0];
  EXPECT_EQ(north.message_type, Cat034MessageType::kNorthMarker);
  EXPECT_EQ(north.time_of_day_s, 43200.0);
  EXPECT_EQ(north.antenna_rotation_period_s, 4.0);
  const Cat034Record& sector = records.cat034[1];
  EXPECT_EQ(sector.data_source, (DataSourceId{3, 4}));
  EXPECT_EQ(sector.message_type, Cat034MessageType::kSectorCrossing);
  EXPECT_EQ(sector.time_of_day_s, 43200.5);
  EXPECT_EQ(sector.sector_azimuth_deg, 180.0);
  ASSERT_EQ(sector.other_items.size(), 2U);
  EXPECT_EQ(sector.other_items[0].bytes, (Bytes{0x88, 0x40, 0x20}));
  EXPECT_EQ(sector.other_items[1].bytes, (Bytes{0x80, 0x10}));
  const Cat034Record& source = records.cat034[2];
  ASSERT_TRUE(source.source_position);
  EXPECT_EQ(source.source_position->height_m, -1.0);
  EXPECT_EQ(source.source_position->position.lat, 45.0);
  EXPECT_EQ(source.source_position->position.lon, -45.0);
  EXPECT_EQ(source.other_items.size(), 2U);
  EXPECT_EQ(records.order, (std::vector<std::uint8_t>{34, 34, 34}));
}

struct BadInput {
  const char* name;
  Bytes datagram;
  Reason reason;
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

class AsterixRejectionTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(AsterixRejectionTest, CountsTheReasonAndKeepsTheGoodBlockBefore) {
  const BadInput& input = GetParam();
  // A good block first: it must survive whatever follows.
  const Bytes datagram = concat({block(10, cat010_track_record()), input.datagram});
  Decoder decoder;
  const auto& records = decoder.decode_datagram(datagram);
  EXPECT_EQ(records.cat010.size(), 1U);
  EXPECT_EQ(decoder.stats().count(input.reason), 1U) << to_string(input.reason);
  EXPECT_EQ(decoder.stats().rejected(), input.reason == Reason::kUnknownCategory ? 0U : 1U);
}

INSTANTIATE_TEST_SUITE_P(
    BadBlocks, AsterixRejectionTest,
    ::testing::Values(
        BadInput{"short_block", {0x0A, 0x00}, Reason::kShortBlock},
        BadInput{"len_below_header", {0x0A, 0x00, 0x02, 0x80}, Reason::kBadLength},
        BadInput{"len_past_end", {0x0A, 0x00, 0x09, 0x80, 0x01, 0x02}, Reason::kBadLength},
        BadInput{"unknown_category", {0x30, 0x00, 0x05, 0x80, 0x01}, Reason::kUnknownCategory},
        BadInput{"empty_block", {0x0A, 0x00, 0x03}, Reason::kEmptyBlock},
        BadInput{"fspec_overrun", {0x0A, 0x00, 0x05, 0x81, 0x01}, Reason::kFspecOverrun},
        BadInput{"fixed_overrun", {0x0A, 0x00, 0x05, 0x80, 0x01}, Reason::kItemOverrun},
        BadInput{"extended_overrun", {0x0A, 0x00, 0x06, 0x20, 0x61, 0x01}, Reason::kItemOverrun},
        BadInput{"repetitive_overrun",
                 {0x0A, 0x00, 0x0F, 0x01, 0x01, 0x80, 0x02, 1, 2, 3, 4, 5, 6, 7, 8},
                 Reason::kItemOverrun},
        BadInput{"explicit_overrun",
                 {0x0A, 0x00, 0x08, 0x01, 0x01, 0x01, 0x04, 0x05},
                 Reason::kItemOverrun},
        BadInput{"explicit_zero",
                 {0x0A, 0x00, 0x08, 0x01, 0x01, 0x01, 0x04, 0x00},
                 Reason::kBadExplicitLength},
        BadInput{
            "spare_frn_26", {0x0A, 0x00, 0x07, 0x01, 0x01, 0x01, 0x08}, Reason::kUndefinedItem},
        BadInput{"frn_beyond_uap",
                 {0x0A, 0x00, 0x08, 0x01, 0x01, 0x01, 0x01, 0x80},
                 Reason::kUndefinedItem},
        BadInput{
            "cat034_spare_subfield", {0x22, 0x00, 0x06, 0x04, 0x40, 0x00}, Reason::kUndefinedItem},
        BadInput{
            "cat034_compound_overrun", {0x22, 0x00, 0x06, 0x04, 0x04, 0x00}, Reason::kItemOverrun}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return std::string(info.param.name); });

TEST(AsterixDecoderTest, RecordsBeforeABadRecordInTheSameBlockAreKept) {
  const Bytes bad_record = {0x80, 0x01};  // I010/010 cut short
  Decoder decoder;
  const auto& records = decoder.decode_datagram(
      block(10, concat({cat010_track_record(), cat010_track_record(), bad_record})));
  EXPECT_EQ(records.cat010.size(), 2U);
  EXPECT_EQ(decoder.stats().count(Reason::kItemOverrun), 1U);
}

TEST(AsterixDecoderTest, ZeroFspecOctetsArePaddingAndTheRecordsAfterThemAreRead) {
  Decoder decoder;
  const auto& records =
      decoder.decode_datagram(block(10, concat({Bytes{0x00, 0x00}, cat010_track_record()})));
  EXPECT_EQ(records.cat010.size(), 1U);
  EXPECT_EQ(decoder.stats().count(Reason::kEmptyRecord), 2U);
}

TEST(AsterixDecoderTest, BlocksOfSeveralCategoriesInOneDatagramKeepTheirOrder) {
  Decoder decoder;
  const auto& records = decoder.decode_datagram(
      concat({block(34, cat034_north_marker_record()), block(48, {0x80, 0x01, 0x02}),
              block(10, concat({cat010_track_record(), cat010_track_record()}))}));
  EXPECT_EQ(records.order, (std::vector<std::uint8_t>{34, 10, 10}));
  EXPECT_EQ(decoder.stats().blocks, 3U);
  EXPECT_EQ(decoder.stats().skipped_blocks, 1U);
  // The records of the previous datagram are gone after the next call.
  const auto& next = decoder.decode_datagram({});
  EXPECT_TRUE(next.empty());
  EXPECT_EQ(decoder.stats().cat010_records, 2U);
}

TEST(AsterixStreamDecoderTest, BlocksSplitAcrossReadsDecodeAsWhole) {
  const Bytes stream =
      concat({block(10, cat010_track_record()), block(34, cat034_north_marker_record()),
              block(10, cat010_track_record())});
  StreamDecoder decoder;
  std::vector<std::uint8_t> order;
  for (const std::uint8_t octet : stream) {
    const auto& records = decoder.feed(std::span<const std::uint8_t>(&octet, 1));
    order.insert(order.end(), records.order.begin(), records.order.end());
  }
  decoder.finish();
  EXPECT_EQ(order, (std::vector<std::uint8_t>{10, 34, 10}));
  EXPECT_EQ(decoder.stats().rejected(), 0U);
}

TEST(AsterixStreamDecoderTest, ResynchronisesAfterGarbage) {
  const Bytes stream =
      concat({block(10, cat010_track_record()), Bytes{0x41, 0x00, 0x00, 0x13, 0x37},
              block(10, cat010_track_record())});
  StreamDecoder decoder;
  const auto& records = decoder.feed(stream);
  EXPECT_EQ(records.cat010.size(), 2U);
  EXPECT_EQ(decoder.stats().count(Reason::kBadLength), 1U);
  EXPECT_EQ(decoder.stats().resync_bytes, 5U);
}

TEST(AsterixStreamDecoderTest, ATruncatedLastBlockIsCountedAtTheEnd) {
  Bytes stream = concat({block(10, cat010_track_record()), block(10, cat010_track_record())});
  stream.resize(stream.size() - 4);
  StreamDecoder decoder;
  EXPECT_EQ(decoder.feed(stream).cat010.size(), 1U);
  decoder.finish();
  EXPECT_EQ(decoder.stats().count(Reason::kTruncatedBlock), 1U);
  decoder.feed(Bytes{0x0A});
  decoder.finish();
  EXPECT_EQ(decoder.stats().count(Reason::kShortBlock), 1U);
}

TEST(AsterixStreamDecoderTest, AGarbageHeaderWithAHugeLengthDoesNotHideTheBlocksBehindIt) {
  const Bytes stream = concat({Bytes{0x30, 0xFF, 0xFF, 0x01}, block(10, cat010_track_record()),
                               block(34, cat034_north_marker_record())});
  StreamDecoder decoder;
  EXPECT_TRUE(decoder.feed(stream).empty());  // waiting for 65535 bytes
  const auto& recovered = decoder.finish();
  EXPECT_EQ(recovered.order, (std::vector<std::uint8_t>{10, 34}));
  EXPECT_EQ(decoder.stats().count(Reason::kTruncatedBlock), 1U);
  EXPECT_EQ(decoder.stats().resync_bytes, 4U);
}

TEST(AsterixDecoderTest, EveryTruncationOfAValidBlockIsRejectedWithoutCrashing) {
  const Bytes good = block(10, concat({cat010_track_record(), cat010_track_record()}));
  for (std::size_t length = 0; length < good.size(); ++length) {
    Bytes cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(length));
    // Keep LEN consistent with the cut so that the record walk itself meets the end.
    if (cut.size() >= 3) {
      cut[1] = static_cast<std::uint8_t>(cut.size() >> 8U);
      cut[2] = static_cast<std::uint8_t>(cut.size());
    }
    Decoder decoder;
    const auto& records = decoder.decode_datagram(cut);
    const std::size_t record_size = cat010_track_record().size();
    const std::size_t whole_records = length < 3 ? 0 : (length - 3) / record_size;
    EXPECT_EQ(records.cat010.size(), whole_records) << length;
    const bool clean_cut = length == 0 || (length > 3 && (length - 3) % record_size == 0);
    EXPECT_EQ(decoder.stats().rejected(), clean_cut ? 0U : 1U) << length;
  }
}

TEST(AsterixDecoderTest, ReasonNamesAreStableAndDistinct) {
  EXPECT_STREQ(to_string(Reason::kShortBlock), "short_block");
  EXPECT_STREQ(to_string(Reason::kBadLength), "bad_length");
  EXPECT_STREQ(to_string(Reason::kUnknownCategory), "unknown_category");
  EXPECT_STREQ(to_string(Reason::kFspecOverrun), "fspec_overrun");
  EXPECT_STREQ(to_string(Reason::kItemOverrun), "item_overrun");
  std::set<std::string> names;
  for (std::size_t reason_idx = 0; reason_idx < static_cast<std::size_t>(Reason::kCount);
       ++reason_idx) {
    names.insert(to_string(static_cast<Reason>(reason_idx)));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(Reason::kCount));
}

}  // namespace
}  // namespace sw::asterix
