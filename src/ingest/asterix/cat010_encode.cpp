#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ingest/asterix/bytes.h"
#include "ingest/asterix/encoder.h"
#include "ingest/asterix/record_decode.h"
#include "ingest/asterix/record_encode.h"
#include "ingest/asterix/scales.h"

namespace sw::asterix {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::int64_t kInt16Min = std::numeric_limits<std::int16_t>::min();
constexpr std::int64_t kInt16Max = std::numeric_limits<std::int16_t>::max();
constexpr std::uint32_t kTicksPerDay = 86400U * 128U;

/// FRNs of the items Cat010Record models; raw items with these FRNs are not written.
constexpr bool is_modelled(std::uint8_t frn) {
  return (frn >= 1 && frn <= 14) || frn == 19 || frn == 20 || frn == 22;
}

std::uint8_t flag(bool value, std::uint8_t mask) { return value ? mask : 0; }

std::uint8_t field(std::uint8_t value, std::uint8_t width, unsigned shift) {
  const auto max = static_cast<std::uint8_t>((1U << width) - 1U);
  return static_cast<std::uint8_t>(std::min(value, max) << shift);
}

void write_signed16(Bytes& out, double value, double lsb) {
  bytes::write(out, static_cast<std::uint32_t>(bytes::quantize(value, lsb, kInt16Min, kInt16Max)),
               2);
}

void write_unsigned(Bytes& out, double value, double lsb, std::size_t octets) {
  const std::int64_t max = (static_cast<std::int64_t>(1) << (8 * octets)) - 1;
  bytes::write(out, static_cast<std::uint32_t>(bytes::quantize(value, lsb, 0, max)), octets);
}

void write_angle16(Bytes& out, double degrees) {
  bytes::write(out, bytes::quantize_cyclic(degrees, scales::kAngle16Deg, 65536U), 2);
}

/// Octets of an extensible item: the first always, later ones while any value needs them.
void write_extended(Bytes& out, std::initializer_list<std::uint8_t> octets, std::size_t count) {
  std::size_t written = 0;
  for (const std::uint8_t octet : octets) {
    if (written == count) break;
    ++written;
    out.push_back(static_cast<std::uint8_t>((octet & 0xFEU) | (written < count ? 0x01U : 0x00U)));
  }
}

void write_descriptor(Bytes& out, const TargetReportDescriptor& descriptor) {
  const auto first = static_cast<std::uint8_t>(
      field(static_cast<std::uint8_t>(descriptor.typ), 3, 5) | flag(descriptor.dcr, 0x10) |
      flag(descriptor.chn, 0x08) | flag(descriptor.gbs, 0x04) | flag(descriptor.crt, 0x02));
  const auto second = static_cast<std::uint8_t>(
      flag(descriptor.sim, 0x80) | flag(descriptor.tst, 0x40) | flag(descriptor.rab, 0x20) |
      field(descriptor.lop, 2, 3) | field(descriptor.tot, 2, 1));
  const std::uint8_t third = flag(descriptor.spi, 0x80);
  const std::size_t count = third != 0 ? 3 : (second != 0 ? 2 : 1);
  write_extended(out, {first, second, third}, count);
}

void write_track_status(Bytes& out, const TrackStatus& status) {
  const auto first = static_cast<std::uint8_t>(flag(status.cnf, 0x80) | flag(status.tre, 0x40) |
                                               field(status.cst, 2, 4) | flag(status.mah, 0x08) |
                                               flag(status.tcc, 0x04) | flag(status.sth, 0x02));
  const auto second = static_cast<std::uint8_t>(field(status.tom, 2, 6) | field(status.dou, 3, 3) |
                                                field(status.mrs, 2, 1));
  const std::uint8_t third = flag(status.gho, 0x80);
  const std::size_t count = third != 0 ? 3 : (second != 0 ? 2 : 1);
  write_extended(out, {first, second, third}, count);
}

void write_target_size(Bytes& out, const TargetSize& size) {
  const auto length = static_cast<std::uint8_t>(bytes::quantize(size.length_m, 1.0, 0, 127) << 1U);
  const auto orientation = static_cast<std::uint8_t>(
      bytes::quantize_cyclic(size.orientation_deg.value_or(0.0), scales::kOrientationDeg, 128U)
      << 1U);
  const auto width =
      static_cast<std::uint8_t>(bytes::quantize(size.width_m.value_or(0.0), 1.0, 0, 127) << 1U);
  const std::size_t count = size.width_m ? 3 : (size.orientation_deg ? 2 : 1);
  write_extended(out, {length, orientation, width}, count);
}

void write_identification(Bytes& out, std::uint8_t sti, const std::string& text) {
  out.push_back(static_cast<std::uint8_t>(std::min<std::uint8_t>(sti, 3) << 6U));
  std::uint64_t chars = 0;
  for (std::size_t char_idx = 0; char_idx < 8; ++char_idx) {
    const std::uint8_t code = char_idx < text.size() ? icao_six_bit_code(text[char_idx]) : 32;
    chars = (chars << 6U) | code;
  }
  bytes::write(out, static_cast<std::uint32_t>(chars >> 32U), 2);
  bytes::write(out, static_cast<std::uint32_t>(chars), 4);
}

void write_wgs84(Bytes& out, const LatLon& position) {
  const std::int64_t lat_raw = bytes::quantize(std::clamp(position.lat, -90.0, 90.0),
                                               scales::kWgs84Deg, INT32_MIN, INT32_MAX);
  // Longitude wraps into [-180, 180): 180 deg is sent as -180 deg.
  double lon = std::isfinite(position.lon) ? std::fmod(position.lon, 360.0) : 0.0;
  if (lon >= 180.0) lon -= 360.0;
  if (lon < -180.0) lon += 360.0;
  constexpr std::int64_t kHalfTurn = static_cast<std::int64_t>(1) << 31;
  std::int64_t lon_raw = bytes::quantize(lon, scales::kWgs84Deg, -kHalfTurn, kHalfTurn);
  if (lon_raw == kHalfTurn) lon_raw = -kHalfTurn;
  bytes::write(out, static_cast<std::uint32_t>(lat_raw), 4);
  bytes::write(out, static_cast<std::uint32_t>(lon_raw), 4);
}

}  // namespace

void append_cat010_record(const Cat010Record& record, std::vector<std::uint8_t>& out) {
  RecordBuilder builder(cat010_uap());
  if (record.data_source) {
    auto& item = builder.item(1);
    item.push_back(record.data_source->sac);
    item.push_back(record.data_source->sic);
  }
  if (record.message_type)
    builder.item(2).push_back(static_cast<std::uint8_t>(*record.message_type));
  if (record.descriptor) write_descriptor(builder.item(3), *record.descriptor);
  if (record.time_of_day_s) {
    bytes::write(builder.item(4),
                 bytes::quantize_cyclic(*record.time_of_day_s, scales::kTimeOfDayS, kTicksPerDay),
                 3);
  }
  if (record.position_wgs84) write_wgs84(builder.item(5), *record.position_wgs84);
  if (record.position_polar) {
    auto& item = builder.item(6);
    write_unsigned(item, record.position_polar->range_m, scales::kRangeM, 2);
    write_angle16(item, record.position_polar->azimuth_deg);
  }
  if (record.position_cartesian) {
    auto& item = builder.item(7);
    write_signed16(item, record.position_cartesian->x_m, scales::kCartesianM);
    write_signed16(item, record.position_cartesian->y_m, scales::kCartesianM);
  }
  if (record.velocity_polar) {
    auto& item = builder.item(8);
    write_unsigned(item, record.velocity_polar->ground_speed_nm_per_s, scales::kGroundSpeedNmPerS,
                   2);
    write_angle16(item, record.velocity_polar->track_angle_deg);
  }
  if (record.velocity_cartesian) {
    auto& item = builder.item(9);
    write_signed16(item, record.velocity_cartesian->vx_mps, scales::kVelocityMps);
    write_signed16(item, record.velocity_cartesian->vy_mps, scales::kVelocityMps);
  }
  if (record.track_number) {
    bytes::write(builder.item(10), std::min<std::uint32_t>(*record.track_number, 0x0FFFU), 2);
  }
  if (record.track_status) write_track_status(builder.item(11), *record.track_status);
  if (record.mode3a) {
    const Mode3aCode& mode3a = *record.mode3a;
    const std::uint32_t value =
        (mode3a.not_validated ? 0x8000U : 0U) | (mode3a.garbled ? 0x4000U : 0U) |
        (mode3a.not_from_last_scan ? 0x2000U : 0U) | std::min<std::uint32_t>(mode3a.code, 0x0FFFU);
    bytes::write(builder.item(12), value, 2);
  }
  if (record.target_address) {
    bytes::write(builder.item(13), std::min<std::uint32_t>(*record.target_address, 0xFFFFFFU), 3);
  }
  if (record.target_identification) {
    write_identification(builder.item(14), record.target_identification_sti.value_or(0),
                         *record.target_identification);
  }
  if (record.target_size) write_target_size(builder.item(19), *record.target_size);
  if (record.system_status) {
    const SystemStatus& status = *record.system_status;
    builder.item(20).push_back(static_cast<std::uint8_t>(
        field(status.nogo, 2, 6) | flag(status.ovl, 0x20) | flag(status.tsv, 0x10) |
        flag(status.div, 0x08) | flag(status.ttf, 0x04)));
  }
  if (record.position_deviation) {
    auto& item = builder.item(22);
    write_unsigned(item, record.position_deviation->sigma_x_m, scales::kDeviationM, 1);
    write_unsigned(item, record.position_deviation->sigma_y_m, scales::kDeviationM, 1);
    write_signed16(item, record.position_deviation->covariance_xy_m2, scales::kCovarianceM2);
  }
  for (const RawItem& raw : record.other_items) {
    if (!is_modelled(raw.frn)) builder.add_raw(raw);
  }
  builder.append_to(out);
}

}  // namespace sw::asterix
