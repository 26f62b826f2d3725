#include <string>

#include "ingest/asterix/bytes.h"
#include "ingest/asterix/record_decode.h"
#include "ingest/asterix/scales.h"

namespace sw::asterix {
namespace {

using Item = std::span<const std::uint8_t>;

bool bit(std::uint8_t octet, std::uint8_t mask) { return (octet & mask) != 0; }

TargetReportDescriptor descriptor_of(Item item) {
  TargetReportDescriptor descriptor;
  descriptor.typ = static_cast<Cat010DetectionType>(item[0] >> 5U);
  descriptor.dcr = bit(item[0], 0x10);
  descriptor.chn = bit(item[0], 0x08);
  descriptor.gbs = bit(item[0], 0x04);
  descriptor.crt = bit(item[0], 0x02);
  if (item.size() > 1) {
    descriptor.sim = bit(item[1], 0x80);
    descriptor.tst = bit(item[1], 0x40);
    descriptor.rab = bit(item[1], 0x20);
    descriptor.lop = static_cast<std::uint8_t>((item[1] >> 3U) & 0x03U);
    descriptor.tot = static_cast<std::uint8_t>((item[1] >> 1U) & 0x03U);
  }
  if (item.size() > 2) descriptor.spi = bit(item[2], 0x80);
  return descriptor;
}

TrackStatus track_status_of(Item item) {
  TrackStatus status;
  status.cnf = bit(item[0], 0x80);
  status.tre = bit(item[0], 0x40);
  status.cst = static_cast<std::uint8_t>((item[0] >> 4U) & 0x03U);
  status.mah = bit(item[0], 0x08);
  status.tcc = bit(item[0], 0x04);
  status.sth = bit(item[0], 0x02);
  if (item.size() > 1) {
    status.tom = static_cast<std::uint8_t>(item[1] >> 6U);
    status.dou = static_cast<std::uint8_t>((item[1] >> 3U) & 0x07U);
    status.mrs = static_cast<std::uint8_t>((item[1] >> 1U) & 0x03U);
  }
  if (item.size() > 2) status.gho = bit(item[2], 0x80);
  return status;
}

TargetSize target_size_of(Item item) {
  TargetSize size;
  size.length_m = static_cast<double>(item[0] >> 1U);
  if (item.size() > 1) size.orientation_deg = (item[1] >> 1U) * scales::kOrientationDeg;
  if (item.size() > 2) size.width_m = static_cast<double>(item[2] >> 1U);
  return size;
}

std::string identification_of(Item item) {
  const std::uint64_t chars =
      (static_cast<std::uint64_t>(bytes::read_unsigned(item, 1, 2)) << 32U) |
      bytes::read_unsigned(item, 3, 4);
  std::string text;
  for (int char_idx = 7; char_idx >= 0; --char_idx) {
    const auto code =
        static_cast<std::uint8_t>((chars >> (6U * static_cast<unsigned>(char_idx))) & 0x3FU);
    text.push_back(icao_six_bit_char(code));
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

void decode_item(std::uint8_t frn, Item item, Cat010Record& record) {
  switch (frn) {
    case 1: record.data_source = DataSourceId{item[0], item[1]}; break;
    case 2: record.message_type = static_cast<Cat010MessageType>(item[0]); break;
    case 3: record.descriptor = descriptor_of(item); break;
    case 4: record.time_of_day_s = bytes::read_unsigned(item, 0, 3) * scales::kTimeOfDayS; break;
    case 5:
      record.position_wgs84 = LatLon{bytes::read_signed(item, 0, 4) * scales::kWgs84Deg,
                                     bytes::read_signed(item, 4, 4) * scales::kWgs84Deg};
      break;
    case 6:
      record.position_polar = PolarPosition{bytes::read_unsigned(item, 0, 2) * scales::kRangeM,
                                            bytes::read_unsigned(item, 2, 2) * scales::kAngle16Deg};
      break;
    case 7:
      record.position_cartesian =
          CartesianPosition{bytes::read_signed(item, 0, 2) * scales::kCartesianM,
                            bytes::read_signed(item, 2, 2) * scales::kCartesianM};
      break;
    case 8:
      record.velocity_polar =
          PolarVelocity{bytes::read_unsigned(item, 0, 2) * scales::kGroundSpeedNmPerS,
                        bytes::read_unsigned(item, 2, 2) * scales::kAngle16Deg};
      break;
    case 9:
      record.velocity_cartesian =
          CartesianVelocity{bytes::read_signed(item, 0, 2) * scales::kVelocityMps,
                            bytes::read_signed(item, 2, 2) * scales::kVelocityMps};
      break;
    case 10:
      record.track_number = static_cast<std::uint16_t>(bytes::read_unsigned(item, 0, 2) & 0x0FFFU);
      break;
    case 11: record.track_status = track_status_of(item); break;
    case 12: {
      const std::uint32_t value = bytes::read_unsigned(item, 0, 2);
      record.mode3a =
          Mode3aCode{(value & 0x8000U) != 0, (value & 0x4000U) != 0, (value & 0x2000U) != 0,
                     static_cast<std::uint16_t>(value & 0x0FFFU)};
      break;
    }
    case 13: record.target_address = bytes::read_unsigned(item, 0, 3); break;
    case 14:
      record.target_identification_sti = static_cast<std::uint8_t>(item[0] >> 6U);
      record.target_identification = identification_of(item);
      break;
    case 19: record.target_size = target_size_of(item); break;
    case 20:
      record.system_status =
          SystemStatus{static_cast<std::uint8_t>(item[0] >> 6U), bit(item[0], 0x20),
                       bit(item[0], 0x10), bit(item[0], 0x08), bit(item[0], 0x04)};
      break;
    case 22:
      record.position_deviation =
          PositionDeviation{item[0] * scales::kDeviationM, item[1] * scales::kDeviationM,
                            bytes::read_signed(item, 2, 2) * scales::kCovarianceM2};
      break;
    default: record.other_items.push_back(RawItem{frn, {item.begin(), item.end()}}); break;
  }
}

}  // namespace

ReadLength decode_cat010_record(std::span<const std::uint8_t> data, Cat010Record& record) {
  record = Cat010Record{};
  return walk_record(data, cat010_uap(),
                     [&record](std::uint8_t frn, Item item) { decode_item(frn, item, record); });
}

}  // namespace sw::asterix
