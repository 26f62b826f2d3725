// Type 22: channel management and type 23: group assignment command (ITU-R M.1371-5
// Annex 8, 3.19 and 3.20). Type 22 is either a broadcast for a rectangular area or
// addressed to one or two stations; type 23 always names an area. Area corners are
// in 1/10 minute.

#include <string>
#include <utility>

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

/// Area corners, printed scaled by gpsd as quoted "%f" degrees, raw otherwise.
void json_area_corners(JsonOut& json, std::int32_t ne_lon, std::int32_t ne_lat, std::int32_t sw_lon,
                       std::int32_t sw_lat, bool scaled) {
  const std::pair<const char*, std::int32_t> corners[] = {
      {"ne_lon", ne_lon}, {"ne_lat", ne_lat}, {"sw_lon", sw_lon}, {"sw_lat", sw_lat}};
  for (const auto& [name, value] : corners) {
    if (scaled) {
      TextBuffer& out = json.value_of(name);
      out.push_back('"');
      append_fixed(out, value / 600.0, 6);
      out.push_back('"');
    } else {
      json.i(name, value);
    }
  }
}

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, ChannelManagement& body) {
  if (auto error = require_at_least(bits, 168); error != DecodeError::kNone) return error;
  body.channel_a = bits.u(40, 12);
  body.channel_b = bits.u(52, 12);
  body.txrx = bits.u(64, 4);
  body.power = bits.flag(68);
  body.addressed = bits.flag(139);
  if (body.addressed) {
    body.dest1 = bits.u(69, 30);
    body.dest2 = bits.u(104, 30);
  } else {
    body.ne_lon = bits.s(69, 18);
    body.ne_lat = bits.s(87, 17);
    body.sw_lon = bits.s(104, 18);
    body.sw_lat = bits.s(122, 17);
  }
  body.band_a = bits.flag(140);
  body.band_b = bits.flag(141);
  body.zonesize = bits.u(142, 3);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const ChannelManagement& body, bool scaled,
                JsonOut& json) {
  json.u("channel_a", body.channel_a);
  json.u("channel_b", body.channel_b);
  json.u("txrx", body.txrx);
  json.b("power", body.power);
  if (body.addressed) {
    json.u("dest1", body.dest1);
    json.u("dest2", body.dest2);
  } else {
    json_area_corners(json, body.ne_lon, body.ne_lat, body.sw_lon, body.sw_lat, scaled);
  }
  json.b("addressed", body.addressed);
  json.b("band_a", body.band_a);
  json.b("band_b", body.band_b);
  json.u("zonesize", body.zonesize);
}

void write_csv(const Message& /*header*/, const ChannelManagement& body, CsvOut& csv) {
  csv.u(body.channel_a).u(body.channel_b).u(body.txrx).u(body.power);
  if (body.addressed) {
    csv.u(body.dest1).u(body.dest2);
  } else {
    csv.i(body.ne_lon).i(body.ne_lat).i(body.sw_lon).i(body.sw_lat);
  }
  csv.u(body.addressed).u(body.band_a).u(body.band_b).u(body.zonesize);
}

DecodeError decode_body(const Bits& bits, Message& /*header*/, GroupAssignment& body) {
  if (auto error = require_at_least(bits, 160); error != DecodeError::kNone) return error;
  body.ne_lon = bits.s(40, 18);
  body.ne_lat = bits.s(58, 17);
  body.sw_lon = bits.s(75, 18);
  body.sw_lat = bits.s(93, 17);
  body.stationtype = bits.u(110, 4);
  body.shiptype = bits.u(114, 8);
  // The Tx/Rx mode is 2 bits in M.1371; gpsd reads 4 (overlapping the interval),
  // and we keep its value for identical output.
  body.txrx = bits.u(144, 4);
  body.interval = bits.u(146, 4);
  body.quiet = bits.u(150, 4);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const GroupAssignment& body, bool scaled,
                JsonOut& json) {
  json_area_corners(json, body.ne_lon, body.ne_lat, body.sw_lon, body.sw_lat, scaled);
  json.u("stationtype", body.stationtype);
  json.str("stationtype_text", station_type_text(body.stationtype));
  json_ship_type(json, body.shiptype);
  // gpsd's JSON leaves out txrx (its CSV has it).
  json.u("interval", body.interval);
  json.u("quiet", body.quiet);
}

void write_csv(const Message& /*header*/, const GroupAssignment& body, CsvOut& csv) {
  csv.i(body.ne_lon).i(body.ne_lat).i(body.sw_lon).i(body.sw_lat);
  csv.u(body.stationtype).u(body.shiptype).u(body.txrx).u(body.interval).u(body.quiet);
}

}  // namespace sw::ais
