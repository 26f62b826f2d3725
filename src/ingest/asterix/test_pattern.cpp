#include "ingest/asterix/test_pattern.h"

#include "ingest/asterix/scales.h"

namespace sw::asterix {
namespace {

RawItem raw(std::uint8_t frn, std::vector<std::uint8_t> bytes) {
  return RawItem{frn, std::move(bytes)};
}

Cat010Record base_record(double time_of_day_s) {
  Cat010Record record;
  record.data_source = test_pattern_source();
  record.message_type = Cat010MessageType::kTargetReport;
  record.descriptor = TargetReportDescriptor{};
  record.time_of_day_s = time_of_day_s;
  return record;
}

/// A primary plot: polar position only.
Cat010Record polar_plot() {
  Cat010Record record = base_record(43200.0);
  record.position_polar = PolarPosition{12345.0, 22475 * scales::kAngle16Deg};
  record.other_items.push_back(raw(24, {0x7F}));  // I010/131 amplitude
  return record;
}

/// A confirmed track with every modelled item and a full extent chain.
Cat010Record full_track() {
  Cat010Record record = base_record(43200.5);
  record.descriptor->chn = true;
  record.descriptor->tot = 2;
  record.descriptor->spi = true;
  record.position_wgs84 = LatLon{609199354 * scales::kWgs84Deg, 17895697 * scales::kWgs84Deg};
  record.position_polar = PolarPosition{17000.0, 26761 * scales::kAngle16Deg};
  record.position_cartesian = CartesianPosition{12500.0, -14000.0};
  record.velocity_polar = PolarVelocity{0.00048828125, 45.0};
  record.velocity_cartesian = CartesianVelocity{6.25, -3.5};
  record.track_number = 4095;
  record.track_status = TrackStatus{};
  record.track_status->mah = true;
  record.track_status->sth = true;
  record.track_status->tom = 3;
  record.track_status->dou = 5;
  record.track_status->mrs = 2;
  record.track_status->gho = true;
  record.mode3a = Mode3aCode{false, true, false, 07123};
  record.target_address = 0xABCDEF;
  record.target_identification = "DOVER 42";
  record.target_identification_sti = 1;
  record.target_size = TargetSize{42.0, 90.0, 11.0};
  record.system_status = SystemStatus{1, true, false, true, false};
  record.position_deviation = PositionDeviation{7.5, 12.25, -20.5};
  return record;
}

/// A track with negative Cartesian values and the unmodelled items.
Cat010Record track_with_other_items() {
  Cat010Record record = base_record(43201.25);
  record.descriptor->typ = Cat010DetectionType::kSsrMultilateration;
  record.descriptor->sim = true;
  record.descriptor->lop = 1;
  record.position_cartesian = CartesianPosition{-32768.0, 32767.0};
  record.velocity_cartesian = CartesianVelocity{-8192.0, 8191.75};
  record.track_number = 7;
  record.track_status = TrackStatus{true, false, 1, false, true, false, 0, 0, 0, false};
  record.target_size = TargetSize{127.0, std::nullopt, std::nullopt};
  record.other_items = {
      raw(15, {0x02, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x45,  // I010/250, two MB
               0x11, 0x21, 0x31, 0x41, 0x51, 0x61, 0x71, 0x60}),
      raw(16, {0x03}),                                      // I010/300
      raw(17, {0x05, 0x50}),                                // I010/090
      raw(18, {0xFF, 0x38}),                                // I010/091
      raw(21, {0x82}),                                      // I010/310
      raw(23, {0x03, 0x01, 0xFF, 0x7F, 0x80, 0x00, 0x05}),  // I010/280
      raw(24, {0x10}),                                      // I010/131
      raw(25, {0xF0, 0x10}),                                // I010/210
      raw(27, {0x04, 0xDE, 0xAD, 0xBE}),                    // SP
      raw(28, {0x03, 0x01, 0x02}),                          // RE
  };
  return record;
}

/// A track near the far end of the ranges, just before midnight.
Cat010Record track_before_midnight() {
  Cat010Record record = base_record(86399.9921875);
  record.position_polar = PolarPosition{65535.0, 359.9945068359375};
  record.velocity_polar = PolarVelocity{3.99993896484375, 0.0};
  record.track_number = 1;
  record.position_deviation = PositionDeviation{63.75, 0.0, 8191.75};
  record.target_size = TargetSize{0.0, 357.1875, std::nullopt};
  return record;
}

/// A WGS-84 plot south-west of the site (negative-going latitude offset, west longitude).
Cat010Record wgs84_plot() {
  Cat010Record record = base_record(43202.0);
  record.descriptor->typ = Cat010DetectionType::kAdsb;
  record.position_wgs84 = LatLon{-404070523 * scales::kWgs84Deg, -1803997218 * scales::kWgs84Deg};
  return record;
}

Cat010Record start_of_update_cycle() {
  Cat010Record record;
  record.data_source = test_pattern_source();
  record.message_type = Cat010MessageType::kStartOfUpdateCycle;
  record.time_of_day_s = 43199.0;
  return record;
}

}  // namespace

DataSourceId test_pattern_source() { return DataSourceId{1, 2}; }
LatLon test_pattern_site() { return LatLon{51.1279, 1.3134}; }

std::vector<Cat010Record> cat010_test_pattern() {
  return {start_of_update_cycle(), polar_plot(), full_track(), track_with_other_items(),
          track_before_midnight(), wgs84_plot()};
}

std::vector<Cat034Record> cat034_test_pattern() {
  Cat034Record north;
  north.data_source = test_pattern_source();
  north.message_type = Cat034MessageType::kNorthMarker;
  north.time_of_day_s = 43199.5;
  north.antenna_rotation_period_s = 2.5;
  north.source_position = SourcePosition{
      85.0, LatLon{2382733 * scales::kSourcePositionDeg, 61209 * scales::kSourcePositionDeg}};
  north.other_items = {
      raw(6, {0x94, 0x40, 0x20, 0x80, 0x00}),                    // I034/050: COM, PSR, MDS
      raw(7, {0x88, 0x00, 0x40}),                                // I034/060: COM, SSR
      raw(8, {0x02, 0x08, 0x05, 0x10, 0x0A}),                    // I034/070: two counters
      raw(9, {0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x40, 0x00}),  // I034/100
      raw(10, {0x01}),                                           // I034/110
      raw(12, {0x02, 0xFE}),                                     // I034/090
      raw(13, {0x02, 0x00}),                                     // RE
      raw(14, {0x03, 0x12, 0x34}),                               // SP
  };
  Cat034Record sector;
  sector.data_source = test_pattern_source();
  sector.message_type = Cat034MessageType::kSectorCrossing;
  sector.time_of_day_s = 43200.125;
  sector.sector_azimuth_deg = 90.0;
  Cat034Record last_sector = sector;
  last_sector.time_of_day_s = 43201.875;
  last_sector.sector_azimuth_deg = 358.59375;
  return {north, sector, last_sector};
}

}  // namespace sw::asterix
