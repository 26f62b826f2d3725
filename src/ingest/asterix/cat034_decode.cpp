#include "ingest/asterix/bytes.h"
#include "ingest/asterix/record_decode.h"
#include "ingest/asterix/scales.h"

namespace sw::asterix {
namespace {

using Item = std::span<const std::uint8_t>;

void decode_item(std::uint8_t frn, Item item, Cat034Record& record) {
  switch (frn) {
    case 1: record.data_source = DataSourceId{item[0], item[1]}; break;
    case 2: record.message_type = static_cast<Cat034MessageType>(item[0]); break;
    case 3: record.time_of_day_s = bytes::read_unsigned(item, 0, 3) * scales::kTimeOfDayS; break;
    case 4: record.sector_azimuth_deg = item[0] * scales::kSectorDeg; break;
    case 5:
      record.antenna_rotation_period_s =
          bytes::read_unsigned(item, 0, 2) * scales::kRotationPeriodS;
      break;
    case 11:
      record.source_position =
          SourcePosition{static_cast<double>(bytes::read_signed(item, 0, 2)),
                         LatLon{bytes::read_signed(item, 2, 3) * scales::kSourcePositionDeg,
                                bytes::read_signed(item, 5, 3) * scales::kSourcePositionDeg}};
      break;
    default: record.other_items.push_back(RawItem{frn, {item.begin(), item.end()}}); break;
  }
}

}  // namespace

ReadLength decode_cat034_record(std::span<const std::uint8_t> data, Cat034Record& record) {
  record = Cat034Record{};
  return walk_record(data, cat034_uap(),
                     [&record](std::uint8_t frn, Item item) { decode_item(frn, item, record); });
}

}  // namespace sw::asterix
