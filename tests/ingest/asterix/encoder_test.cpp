#include "ingest/asterix/encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "asterix_bytes.h"
#include "ingest/asterix/decoder.h"
#include "ingest/asterix/test_pattern.h"

namespace sw::asterix {
namespace {

using test::block;
using test::Bytes;

/// The record of test::cat010_track_record() as a struct.
Cat010Record hand_made_track() {
  Cat010Record record;
  record.data_source = DataSourceId{1, 2};
  record.message_type = Cat010MessageType::kTargetReport;
  record.descriptor = TargetReportDescriptor{};
  record.time_of_day_s = 3600.5;
  record.position_polar = PolarPosition{5000.0, 90.0};
  record.position_cartesian = CartesianPosition{-1000.0, 250.0};
  record.track_number = 291;
  record.track_status = TrackStatus{};
  record.track_status->mah = true;
  record.track_status->tcc = true;
  record.track_status->sth = true;
  record.track_status->tom = 3;
  record.track_status->dou = 2;
  record.track_status->mrs = 1;
  record.target_size = TargetSize{12.0, 45.0, 4.0};
  record.position_deviation = PositionDeviation{10.0, 5.5, -12.5};
  return record;
}

std::vector<Cat010Record> decode_cat010(const Bytes& bytes) {
  Decoder decoder;
  const auto& records = decoder.decode_datagram(bytes);
  EXPECT_EQ(decoder.stats().rejected(), 0U);
  return records.cat010;
}

TEST(AsterixEncoderTest, WritesTheHandMadeBytesExactly) {
  const std::vector<Cat010Record> records = {hand_made_track()};
  EXPECT_EQ(encode_cat010_block(records), block(10, test::cat010_track_record()));
  Cat034Record north;
  north.data_source = DataSourceId{1, 2};
  north.message_type = Cat034MessageType::kNorthMarker;
  north.time_of_day_s = 43200.0;
  north.antenna_rotation_period_s = 4.0;
  EXPECT_EQ(encode_cat034_block(std::span(&north, 1)),
            block(34, test::cat034_north_marker_record()));
}

TEST(AsterixEncoderTest, TestPatternRoundTripsExactly) {
  const auto cat010 = cat010_test_pattern();
  const auto cat034 = cat034_test_pattern();
  Bytes stream = encode_cat034_block(cat034);
  const Bytes tracks = encode_cat010_block(cat010);
  stream.insert(stream.end(), tracks.begin(), tracks.end());
  Decoder decoder;
  const auto& records = decoder.decode_datagram(stream);
  EXPECT_EQ(decoder.stats().rejected(), 0U);
  ASSERT_EQ(records.cat010.size(), cat010.size());
  for (std::size_t record_idx = 0; record_idx < cat010.size(); ++record_idx) {
    EXPECT_EQ(records.cat010[record_idx], cat010[record_idx]) << record_idx;
  }
  EXPECT_EQ(records.cat034, cat034);
}

TEST(AsterixEncoderTest, ValuesAreRoundedToTheLsbAndClampedToTheRange) {
  Cat010Record record;
  record.time_of_day_s = 86400.0 + 1.0 / 128.0;           // wraps past midnight
  record.position_polar = PolarPosition{70000.0, -90.0};  // range clamps, azimuth wraps
  record.position_cartesian = CartesianPosition{1e9, -1e9};
  record.velocity_cartesian = CartesianVelocity{0.3, std::numeric_limits<double>::quiet_NaN()};
  record.velocity_polar = PolarVelocity{-1.0, 720.0 + 1.0};
  record.track_number = 5000;
  record.target_address = 0x12345678;
  record.position_wgs84 = LatLon{95.0, 180.0};
  record.position_deviation = PositionDeviation{100.0, -3.0, 1e6};
  record.target_size = TargetSize{500.0, 362.8125, -4.0};
  record.target_identification = "dover-1 too long";
  record.track_status = TrackStatus{};
  record.track_status->dou = 200;
  const auto decoded = decode_cat010(encode_cat010_block(std::span(&record, 1)));
  ASSERT_EQ(decoded.size(), 1U);
  const Cat010Record& out = decoded[0];
  EXPECT_EQ(out.time_of_day_s, 1.0 / 128.0);
  EXPECT_EQ(out.position_polar->range_m, 65535.0);
  EXPECT_EQ(out.position_polar->azimuth_deg, 270.0);
  EXPECT_EQ(out.position_cartesian->x_m, 32767.0);
  EXPECT_EQ(out.position_cartesian->y_m, -32768.0);
  EXPECT_EQ(out.velocity_cartesian->vx_mps, 0.25);
  EXPECT_EQ(out.velocity_cartesian->vy_mps, 0.0);
  EXPECT_EQ(out.velocity_polar->ground_speed_nm_per_s, 0.0);
  EXPECT_NEAR(out.velocity_polar->track_angle_deg, 1.0, 360.0 / 65536.0);
  EXPECT_EQ(out.track_number, 4095);
  EXPECT_EQ(out.target_address, 0xFFFFFFU);
  EXPECT_EQ(out.position_wgs84->lat, 90.0);
  EXPECT_EQ(out.position_wgs84->lon, -180.0);
  EXPECT_EQ(out.position_deviation->sigma_x_m, 63.75);
  EXPECT_EQ(out.position_deviation->sigma_y_m, 0.0);
  EXPECT_EQ(out.position_deviation->covariance_xy_m2, 8191.75);
  EXPECT_EQ(out.target_size->length_m, 127.0);
  EXPECT_EQ(out.target_size->orientation_deg, 2.8125);
  EXPECT_EQ(out.target_size->width_m, 0.0);
  EXPECT_EQ(out.target_identification, "DOVER 1");  // '-' is not in the ICAO set: space
  EXPECT_EQ(out.track_status->dou, 7);
}

TEST(AsterixEncoderTest, IdentificationKeepsInnerSpacesAndCutsTrailingOnes) {
  Cat010Record record;
  record.target_identification = "AB 1";
  const auto decoded = decode_cat010(encode_cat010_block(std::span(&record, 1)));
  EXPECT_EQ(decoded.at(0).target_identification, "AB 1");
}

TEST(AsterixEncoderTest, ExtensibleItemsUseAsFewExtentsAsTheValuesNeed) {
  Cat010Record record;
  record.descriptor = TargetReportDescriptor{};
  const Bytes plain = encode_cat010_block(std::span(&record, 1));
  EXPECT_EQ(plain, (Bytes{0x0A, 0x00, 0x05, 0x20, 0x60}));
  record.descriptor->tot = 1;
  EXPECT_EQ(encode_cat010_block(std::span(&record, 1)),
            (Bytes{0x0A, 0x00, 0x06, 0x20, 0x61, 0x02}));
  record.descriptor->spi = true;
  EXPECT_EQ(encode_cat010_block(std::span(&record, 1)),
            (Bytes{0x0A, 0x00, 0x07, 0x20, 0x61, 0x03, 0x80}));
}

TEST(AsterixEncoderTest, RawItemsOfModelledOrRepeatedFrnsAreNotWritten) {
  Cat010Record record;
  record.data_source = DataSourceId{3, 4};
  record.other_items = {RawItem{1, {0x09, 0x09}}, RawItem{24, {0x11}}, RawItem{24, {0x22}},
                        RawItem{26, {0x00}}, RawItem{40, {0x00}}};
  const auto decoded = decode_cat010(encode_cat010_block(std::span(&record, 1)));
  ASSERT_EQ(decoded.size(), 1U);
  EXPECT_EQ(decoded[0].data_source, (DataSourceId{3, 4}));
  ASSERT_EQ(decoded[0].other_items.size(), 1U);
  EXPECT_EQ(decoded[0].other_items[0], (RawItem{24, {0x11}}));
}

TEST(AsterixEncoderTest, SplitsRecordsIntoBlocksUnderTheLimit) {
  std::vector<Cat010Record> records(100, hand_made_track());
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    records[record_idx].track_number = static_cast<std::uint16_t>(record_idx);
  }
  const Bytes bytes = encode_cat010_block(records, 200);
  std::size_t offset = 0;
  std::size_t blocks = 0;
  while (offset < bytes.size()) {
    const std::size_t length =
        (static_cast<std::size_t>(bytes[offset + 1]) << 8U) | bytes[offset + 2];
    EXPECT_LE(length, 200U);
    EXPECT_EQ(bytes[offset], 10);
    offset += length;
    ++blocks;
  }
  EXPECT_EQ(offset, bytes.size());
  EXPECT_EQ(blocks, 17U);  // 30-byte records, six per 200-byte block
  const auto decoded = decode_cat010(bytes);
  ASSERT_EQ(decoded.size(), 100U);
  EXPECT_EQ(decoded[99].track_number, 99);
  EXPECT_TRUE(encode_cat010_block({}).empty());
}

TEST(AsterixEncoderTest, OversizedRecordsAreLeftOut) {
  Cat010Record huge;
  huge.other_items.push_back(RawItem{27, Bytes(70000, 0x01)});
  Cat010Record small;
  small.track_number = 5;
  const std::vector<Cat010Record> records = {huge, small};
  const auto decoded = decode_cat010(encode_cat010_block(records));
  ASSERT_EQ(decoded.size(), 1U);
  EXPECT_EQ(decoded[0].track_number, 5);
}

TEST(AsterixEncoderTest, Cat034ValuesWrapAndClamp) {
  Cat034Record record;
  record.sector_azimuth_deg = 360.0;
  record.antenna_rotation_period_s = 1000.0;
  record.source_position = SourcePosition{-40000.0, LatLon{-91.0, 181.0}};
  Decoder decoder;
  const auto& decoded = decoder.decode_datagram(encode_cat034_block(std::span(&record, 1)));
  ASSERT_EQ(decoded.cat034.size(), 1U);
  EXPECT_EQ(decoded.cat034[0].sector_azimuth_deg, 0.0);
  EXPECT_EQ(decoded.cat034[0].antenna_rotation_period_s, 65535.0 / 128.0);
  EXPECT_EQ(decoded.cat034[0].source_position->height_m, -32768.0);
  EXPECT_EQ(decoded.cat034[0].source_position->position.lat, -90.0);
  EXPECT_NEAR(decoded.cat034[0].source_position->position.lon, -179.0, 180.0 / 8388608.0);
}

}  // namespace
}  // namespace sw::asterix
