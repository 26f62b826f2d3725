// Type 5: static and voyage related data (ITU-R M.1371-5 3.4).

#include "ingest/ais/families.h"

namespace sw::ais {

DecodeError decode_body(const Bits& bits, Message& /*header*/, StaticVoyageData& body) {
  // Many transmitters in the wild send 420 or 422 bits instead of 424: recoverable.
  if (bits.size() < 420) return DecodeError::kTooShort;
  body.ais_version = bits.u(38, 2);
  body.imo = bits.u(40, 30);
  read_sixbit(bits, 70, 7, body.callsign);
  read_sixbit(bits, 112, 20, body.shipname);
  body.shiptype = bits.u(232, 8);
  body.to_bow = bits.u(240, 9);
  body.to_stern = bits.u(249, 9);
  body.to_port = bits.u(258, 6);
  body.to_starboard = bits.u(264, 6);
  body.epfd = bits.u(270, 4);
  body.month = bits.u(274, 4);
  body.day = bits.u(278, 5);
  body.hour = bits.u(283, 5);
  body.minute = bits.u(288, 6);
  body.draught = bits.u(294, 8);
  read_sixbit(bits, 302, 20, body.destination);
  body.dte = bits.size() >= 423 ? bits.u(422, 1) : 0;
  return DecodeError::kNone;
}

namespace {

/// ETA as "%02u-%02uT%02u:%02uZ".
void append_eta(TextBuffer& out, const StaticVoyageData& body) {
  append_stamp(out, -1, body.month, body.day, body.hour, body.minute, -1);
}

}  // namespace

void write_json(const Message& /*header*/, const StaticVoyageData& body, bool scaled,
                JsonOut& json) {
  json.u("imo", body.imo);
  json.u("ais_version", body.ais_version);
  json.str("callsign", body.callsign.view());
  json.str("shipname", body.shipname.view());
  json_ship_type(json, body.shiptype);
  json_dimensions(json, body.to_bow, body.to_stern, body.to_port, body.to_starboard);
  json_epfd(json, body.epfd);
  TextBuffer& out = json.value_of("eta");
  out.push_back('"');
  append_eta(out, body);
  out.push_back('"');
  if (scaled) {
    json.tenths("draught", body.draught);
  } else {
    json.u("draught", body.draught);
  }
  json.str("destination", body.destination.view());
  json.u("dte", body.dte);
}

void write_csv(const Message& /*header*/, const StaticVoyageData& body, CsvOut& csv) {
  csv.u(body.imo).u(body.ais_version).str(body.callsign.view()).str(body.shipname.view());
  csv.u(body.shiptype).u(body.to_bow).u(body.to_stern).u(body.to_port).u(body.to_starboard);
  csv.u(body.epfd);
  append_eta(csv.buffer(), body);
  csv.u(body.draught).str(body.destination.view()).u(body.dte);
}

}  // namespace sw::ais
