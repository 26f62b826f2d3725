// Type 24: Class B static data report, part A (name) and part B (type, vendor,
// callsign, dimensions) (ITU-R M.1371-5 3.23). Merging A with B is done by the
// Decoder, which holds the per-stream cache of recent parts A.

#include "ingest/ais/families.h"

namespace sw::ais {

bool is_auxiliary_mmsi(std::uint32_t mmsi) { return mmsi / 10000000 == 98; }

DecodeError decode_body(const Bits& bits, Message& header, StaticDataReport& body) {
  switch (bits.u(38, 2)) {
    case 0:
      if (auto error = require_range(bits, 160, 168); error != DecodeError::kNone) return error;
      body.part = StaticDataReport::Part::kA;
      read_sixbit(bits, 40, 20, body.shipname);
      return DecodeError::kNone;
    case 1:
      if (auto error = require_at_least(bits, 168); error != DecodeError::kNone) return error;
      body.part = StaticDataReport::Part::kB;
      body.shiptype = bits.u(40, 8);
      // ITU-R M.1371-4 carved model and serial out of the vendor id: unpack both
      // ways, as gpsd does, so either generation of transponder reads sensibly.
      read_sixbit(bits, 48, 7, body.vendorid);
      body.model = bits.u(66, 4);
      body.serial = bits.u(70, 20);
      read_sixbit(bits, 90, 7, body.callsign);
      body.auxiliary = is_auxiliary_mmsi(header.mmsi);
      if (body.auxiliary) {
        body.mothership_mmsi = bits.u(132, 30);
      } else {
        body.to_bow = bits.u(132, 9);
        body.to_stern = bits.u(141, 9);
        body.to_port = bits.u(150, 6);
        body.to_starboard = bits.u(156, 6);
      }
      return DecodeError::kNone;
    default: return DecodeError::kUnknownSubtype;
  }
}

void write_json(const Message& /*header*/, const StaticDataReport& body, bool /*scaled*/,
                JsonOut& json) {
  using Part = StaticDataReport::Part;
  if (body.part != Part::kBoth) json.str("part", body.part == Part::kA ? "A" : "B");
  if (body.part != Part::kB) json.str("shipname", body.shipname.view());
  if (body.part == Part::kA) return;
  json_ship_type(json, body.shiptype);
  json.str("vendorid", body.vendorid.view());
  json.u("model", body.model);
  json.u("serial", body.serial);
  json.str("callsign", body.callsign.view());
  if (body.auxiliary) {
    json.u("mothership_mmsi", body.mothership_mmsi);
  } else {
    json_dimensions(json, body.to_bow, body.to_stern, body.to_port, body.to_starboard);
  }
}

void write_csv(const Message& /*header*/, const StaticDataReport& body, CsvOut& csv) {
  csv.str(body.shipname.view()).u(body.shiptype).str(body.vendorid.view()).u(body.model);
  csv.u(body.serial).str(body.callsign.view());
  if (body.auxiliary) {
    csv.u(body.mothership_mmsi);
  } else {
    csv.u(body.to_bow).u(body.to_stern).u(body.to_port).u(body.to_starboard);
  }
}

}  // namespace sw::ais
