#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ingest/asterix/bytes.h"
#include "ingest/asterix/encoder.h"
#include "ingest/asterix/record_encode.h"
#include "ingest/asterix/scales.h"

namespace sw::asterix {
namespace {

constexpr std::uint32_t kTicksPerDay = 86400U * 128U;
constexpr std::int64_t kInt24Min = -(static_cast<std::int64_t>(1) << 23);
constexpr std::int64_t kInt24Max = (static_cast<std::int64_t>(1) << 23) - 1;

/// FRNs of the items Cat034Record models; raw items with these FRNs are not written.
constexpr bool is_modelled(std::uint8_t frn) { return (frn >= 1 && frn <= 5) || frn == 11; }

void write_source_position(std::vector<std::uint8_t>& out, const SourcePosition& source) {
  const std::int64_t height =
      bytes::quantize(source.height_m, 1.0, std::numeric_limits<std::int16_t>::min(),
                      std::numeric_limits<std::int16_t>::max());
  const std::int64_t lat = bytes::quantize(std::clamp(source.position.lat, -90.0, 90.0),
                                           scales::kSourcePositionDeg, kInt24Min, kInt24Max);
  double lon = std::isfinite(source.position.lon) ? std::fmod(source.position.lon, 360.0) : 0.0;
  if (lon >= 180.0) lon -= 360.0;
  if (lon < -180.0) lon += 360.0;
  std::int64_t lon_raw = bytes::quantize(lon, scales::kSourcePositionDeg, kInt24Min, kInt24Max + 1);
  if (lon_raw == kInt24Max + 1) lon_raw = kInt24Min;
  bytes::write(out, static_cast<std::uint32_t>(height), 2);
  bytes::write(out, static_cast<std::uint32_t>(lat), 3);
  bytes::write(out, static_cast<std::uint32_t>(lon_raw), 3);
}

}  // namespace

void append_cat034_record(const Cat034Record& record, std::vector<std::uint8_t>& out) {
  RecordBuilder builder(cat034_uap());
  if (record.data_source) {
    auto& item = builder.item(1);
    item.push_back(record.data_source->sac);
    item.push_back(record.data_source->sic);
  }
  if (record.message_type)
    builder.item(2).push_back(static_cast<std::uint8_t>(*record.message_type));
  if (record.time_of_day_s) {
    bytes::write(builder.item(3),
                 bytes::quantize_cyclic(*record.time_of_day_s, scales::kTimeOfDayS, kTicksPerDay),
                 3);
  }
  if (record.sector_azimuth_deg) {
    builder.item(4).push_back(static_cast<std::uint8_t>(
        bytes::quantize_cyclic(*record.sector_azimuth_deg, scales::kSectorDeg, 256U)));
  }
  if (record.antenna_rotation_period_s) {
    bytes::write(builder.item(5),
                 static_cast<std::uint32_t>(bytes::quantize(*record.antenna_rotation_period_s,
                                                            scales::kRotationPeriodS, 0, 65535)),
                 2);
  }
  if (record.source_position) write_source_position(builder.item(11), *record.source_position);
  for (const RawItem& raw : record.other_items) {
    if (!is_modelled(raw.frn)) builder.add_raw(raw);
  }
  builder.append_to(out);
}

}  // namespace sw::asterix
