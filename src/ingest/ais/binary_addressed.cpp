// Type 6: addressed binary message (ITU-R M.1371-5 3.6) and the applications gpsd
// decodes from it: inland AIS (DAC 200), GLA AtoN monitoring (DAC 235/250) and the
// IMO SN.1/Circ.236 and 289 messages (DAC 1). Other DAC/FI stay raw bits.

#include "ingest/ais/binary_common.h"
#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kHeaderBits = 88;  // application data starts here
constexpr std::size_t kMaxBits = 1008;

// Legends (wording from gpsd 3.22, BSD-2-Clause).
constexpr const char* kRaconStatus[] = {"No RACON installed", "RACON not monitored",
                                        "RACON operational", "RACON ERROR"};
constexpr const char* kLightStatus[] = {"No light or no monitoring", "Light ON", "Light OFF",
                                        "Light ERROR"};
constexpr const char* kRtaStatus[] = {"Operational", "Limited operation", "Out of order", "N/A"};
constexpr const char* kMooringPosition[] = {
    "Not available", "Port-side to", "Starboard-side to",       "Mediterranean (end-on) mooring",
    "Mooring buoy",  "Anchorage",    "Reserved for future use", "Reserved for future use",
};
constexpr const char* kBerthServiceNames[kBerthServiceCount] = {
    "agent",       "fuel",           "chandler", "stevedore",  "electrical", "water",
    "customs",     "cartage",        "crane",    "lift",       "medical",    "navrepair",
    "provisions",  "shiprepair",     "surveyor", "steam",      "tugs",       "solidwaste",
    "liquidwaste", "hazardouswaste", "ballast",  "additional", "regional1",  "regional2",
    "future1",     "future2",
};

// ---------------------------------------------------------------------------
// Decoding, one function per application.

void read_inland_location(const Bits& bits, InlandLocation& where) {
  read_sixbit(bits, 88, 2, where.country);
  read_sixbit(bits, 100, 3, where.locode);
  read_sixbit(bits, 118, 5, where.section);
  read_sixbit(bits, 148, 5, where.terminal);
  read_sixbit(bits, 178, 5, where.hectometre);
}

AddressedApplication decode_inland(const Bits& bits, std::uint32_t fid) {
  switch (fid) {
    case 21: {
      if (bits.size() != 248) break;
      InlandEta eta;
      read_inland_location(bits, eta.where);
      eta.month = bits.u(208, 4);
      eta.day = bits.u(212, 5);
      eta.hour = bits.u(217, 5);
      eta.minute = bits.u(222, 6);
      eta.tugs = bits.u(228, 3);
      eta.airdraught = bits.u(231, 12);
      return eta;
    }
    case 22: {
      if (bits.size() != 232) break;
      InlandRta rta;
      read_inland_location(bits, rta.where);
      rta.month = bits.u(208, 4);
      rta.day = bits.u(212, 5);
      rta.hour = bits.u(217, 5);
      rta.minute = bits.u(222, 6);
      rta.status = bits.u(228, 2);
      return rta;
    }
    case 55: {
      if (bits.size() != 168) break;
      InlandPersonsOnBoard persons;
      persons.crew = bits.u(88, 8);
      persons.passengers = bits.u(96, 13);
      persons.personnel = bits.u(109, 8);
      return persons;
    }
    default: break;
  }
  return std::monostate{};
}

AddressedApplication decode_aton_monitoring(const Bits& bits, std::uint32_t fid) {
  if (fid != 10 || bits.size() != 136) return std::monostate{};
  AtonMonitoring aton;
  aton.ana_int = bits.u(88, 10);
  aton.ana_ext1 = bits.u(98, 10);
  aton.ana_ext2 = bits.u(108, 10);
  aton.racon = bits.u(118, 2);
  aton.light = bits.u(120, 2);
  aton.alarm = bits.flag(122);
  aton.stat_ext = bits.u(123, 8);
  aton.off_pos = bits.flag(131);
  return aton;
}

DangerousCargoImo236 decode_dangerous_cargo_236(const Bits& bits) {
  DangerousCargoImo236 cargo;
  read_sixbit(bits, 88, 5, cargo.lastport);
  cargo.lmonth = bits.u(118, 4);
  cargo.lday = bits.u(122, 5);
  cargo.lhour = bits.u(127, 5);
  cargo.lminute = bits.u(132, 6);
  read_sixbit(bits, 138, 5, cargo.nextport);
  cargo.nmonth = bits.u(168, 4);
  cargo.nday = bits.u(172, 5);
  cargo.nhour = bits.u(177, 5);
  cargo.nminute = bits.u(182, 6);
  read_sixbit(bits, 188, 20, cargo.dangerous);
  read_sixbit(bits, 308, 4, cargo.imdcat);
  cargo.unid = bits.u(332, 13);
  cargo.amount = bits.u(345, 10);
  cargo.unit = bits.u(355, 2);
  return cargo;
}

/// Tidal window entries start at bit 97; like gpsd we also take an entry that starts
/// exactly at the end of the payload (it reads as zeros).
TidalWindow decode_tidal_window(const Bits& bits, bool imo236_layout) {
  constexpr std::size_t kFirstEntry = 97;
  const std::size_t entry_bits = imo236_layout ? 93 : 88;
  TidalWindow window;
  window.month = bits.u(88, 4);
  window.day = bits.u(92, 5);
  for (std::size_t entry_idx = 0;
       entry_idx < kMaxTidalEntries && kFirstEntry + entry_bits * entry_idx <= bits.size();
       ++entry_idx) {
    const std::size_t at = kFirstEntry + entry_bits * entry_idx;
    TidalWindowEntry& entry = window.tidals[entry_idx];
    if (imo236_layout) {
      entry.lat = bits.s(at, 27);
      entry.lon = bits.s(at + 27, 28);
      entry.from_hour = bits.u(at + 55, 5);
      entry.from_min = bits.u(at + 60, 6);
      entry.to_hour = bits.u(at + 66, 5);
      entry.to_min = bits.u(at + 71, 6);
      entry.cdir = bits.u(at + 77, 9);
      entry.cspeed = bits.u(at + 86, 7);
    } else {
      entry.lon = bits.s(at, 25);
      entry.lat = bits.s(at + 25, 24);
      entry.from_hour = bits.u(at + 49, 5);
      entry.from_min = bits.u(at + 54, 6);
      entry.to_hour = bits.u(at + 60, 5);
      entry.to_min = bits.u(at + 65, 6);
      entry.cdir = bits.u(at + 71, 9);
      entry.cspeed = bits.u(at + 80, 8);
    }
    window.count = static_cast<std::uint32_t>(entry_idx + 1);
  }
  return window;
}

ClearanceTime decode_clearance_time(const Bits& bits) {
  ClearanceTime clearance;
  clearance.linkage = bits.u(88, 10);
  clearance.month = bits.u(98, 4);
  clearance.day = bits.u(102, 5);
  clearance.hour = bits.u(107, 5);
  clearance.minute = bits.u(112, 6);
  read_sixbit(bits, 118, 20, clearance.portname);
  read_sixbit(bits, 238, 5, clearance.destination);
  clearance.lon = bits.s(268, 25);
  clearance.lat = bits.s(293, 24);
  return clearance;
}

BerthingData decode_berthing_data(const Bits& bits) {
  constexpr std::size_t kFirstService = 139;
  BerthingData berth;
  berth.linkage = bits.u(88, 10);
  berth.berth_length = bits.u(98, 9);
  berth.berth_depth = bits.u(107, 8);
  berth.position = bits.u(115, 3);
  berth.month = bits.u(118, 4);
  berth.day = bits.u(122, 5);
  berth.hour = bits.u(127, 5);
  berth.minute = bits.u(132, 6);
  berth.availability = bits.u(138, 1);
  for (std::size_t service_idx = 0; service_idx < kBerthServiceCount; ++service_idx) {
    berth.services[service_idx] =
        static_cast<std::uint8_t>(bits.u(kFirstService + 2 * service_idx, 2));
  }
  read_sixbit(bits, 191, 20, berth.berth_name);
  berth.berth_lon = bits.s(311, 25);
  berth.berth_lat = bits.s(336, 24);
  return berth;
}

/// Cargo entries of 17 bits from bit 100, as many as start before the end.
DangerousCargo decode_dangerous_cargo(const Bits& bits) {
  constexpr std::size_t kFirstEntry = 100;
  constexpr std::size_t kEntryBits = 17;
  DangerousCargo cargo;
  cargo.unit = bits.u(88, 2);
  cargo.amount = bits.u(90, 10);
  for (std::size_t entry_idx = 0;
       entry_idx < kMaxCargoEntries && kFirstEntry + kEntryBits * entry_idx < bits.size();
       ++entry_idx) {
    const std::size_t at = kFirstEntry + kEntryBits * entry_idx;
    cargo.cargos[entry_idx].code = bits.u(at, 4);
    cargo.cargos[entry_idx].subtype = bits.u(at + 4, 13);
    cargo.count = static_cast<std::uint32_t>(entry_idx + 1);
  }
  return cargo;
}

AddressedApplication decode_international(const Bits& bits, std::uint32_t fid) {
  switch (fid) {
    case 12: return decode_dangerous_cargo_236(bits);
    case 14: return decode_tidal_window(bits, true);
    case 15: {
      // gpsd reads the IMO236 air draught from bit 56 (inside the destination MMSI);
      // kept for identical output.
      AirDraught draught;
      draught.airdraught = bits.u(56, 11);
      return draught;
    }
    case 16: {
      // IMO289 layout for a 136-bit application, else IMO236's (gpsd's offsets).
      PersonsOnBoard persons;
      persons.persons = bits.size() - kHeaderBits == 136 ? bits.u(88, 13) : bits.u(55, 13);
      return persons;
    }
    case 18: return decode_clearance_time(bits);
    case 20: return decode_berthing_data(bits);
    case 25: return decode_dangerous_cargo(bits);
    case 28: {
      RouteInfo route;
      read_route_info(bits, 88, route);
      return route;
    }
    case 30: {
      TextDescription text;
      read_text_description(bits, 88, text);
      return text;
    }
    case 32: return decode_tidal_window(bits, false);
    default: return std::monostate{};
  }
}

AddressedApplication decode_application(const Bits& bits, std::uint32_t dac, std::uint32_t fid) {
  switch (dac) {
    case 1: return decode_international(bits, fid);
    case 200: return decode_inland(bits, fid);
    case 235:
    case 250: return decode_aton_monitoring(bits, fid);
    default: return std::monostate{};
  }
}

// ---------------------------------------------------------------------------
// JSON, one overload per application.

struct AppJsonWriter {
  JsonOut& json;
  bool scaled;

  void operator()(const std::monostate&) const {}

  void write_location(const InlandLocation& where) const {
    json_verbatim(json, "country", where.country.view());
    json_verbatim(json, "locode", where.locode.view());
    json_verbatim(json, "section", where.section.view());
    json_verbatim(json, "terminal", where.terminal.view());
    json_verbatim(json, "hectometre", where.hectometre.view());
  }

  void operator()(const InlandEta& eta) const {
    write_location(eta.where);
    append_quoted_stamp(json.value_of("eta"), eta.month, eta.day, eta.hour, eta.minute,
                        StampStyle::kBare);
    json.u("tugs", eta.tugs);
    json.u("airdraught", eta.airdraught);
  }

  void operator()(const InlandRta& rta) const {
    write_location(rta.where);
    append_quoted_stamp(json.value_of("eta"), rta.month, rta.day, rta.hour, rta.minute,
                        StampStyle::kBare);
    json.u("status", rta.status);
    json.str("status_text", kRtaStatus[rta.status & 3U]);
  }

  void operator()(const InlandPersonsOnBoard& persons) const {
    json.u("crew", persons.crew);
    json.u("passengers", persons.passengers);
    json.u("personnel", persons.personnel);
  }

  /// Analogue voltages print "%.2f" volts when scaled and non-zero, else raw.
  void write_voltage(std::string_view name, std::uint32_t raw) const {
    if (scaled && raw != 0) {
      json.fixed(name, raw * 0.05, 2);
    } else {
      json.u(name, raw);
    }
  }

  void operator()(const AtonMonitoring& aton) const {
    json.b("off_pos", aton.off_pos);
    json.b("alarm", aton.alarm);
    json.u("stat_ext", aton.stat_ext);
    write_voltage("ana_int", aton.ana_int);
    write_voltage("ana_ext1", aton.ana_ext1);
    write_voltage("ana_ext2", aton.ana_ext2);
    json.u("racon", aton.racon);
    json.str("racon_text", kRaconStatus[aton.racon & 3U]);
    json.u("light", aton.light);
    json.str("light_text", kLightStatus[aton.light & 3U]);
  }

  void operator()(const DangerousCargoImo236& cargo) const {
    json.str("lastport", cargo.lastport.view());
    append_quoted_stamp(json.value_of("departure"), cargo.lmonth, cargo.lday, cargo.lhour,
                        cargo.lminute, StampStyle::kPaddedZulu);
    json.str("nextport", cargo.nextport.view());
    append_quoted_stamp(json.value_of("eta"), cargo.nmonth, cargo.nday, cargo.nhour, cargo.nminute,
                        StampStyle::kPaddedZulu);
    json.str("dangerous", cargo.dangerous.view());
    json.str("imdcat", cargo.imdcat.view());
    json.u("unid", cargo.unid);
    json.u("amount", cargo.amount);
    json.u("unit", cargo.unit);
  }

  void operator()(const TidalWindow& window) const {
    json.u("month", window.month);
    json.u("day", window.day);
    TextBuffer& out = json.value_of("tidals");
    out.push_back('[');
    for (std::size_t entry_idx = 0; entry_idx < window.count; ++entry_idx) {
      const TidalWindowEntry& entry = window.tidals[entry_idx];
      if (entry_idx > 0) out.push_back(',');
      out.push_back('{');
      // JsonOut puts a comma before each member, so the first one is written here.
      out.append("\"lon\":");
      if (scaled) {
        append_fixed(out, entry.lon / kMilliMinuteDivisor, 4);
      } else {
        append_int(out, entry.lon);
      }
      JsonOut members(out);
      json_milli_minutes(members, "lat", entry.lat, scaled);
      members.u("from_hour", entry.from_hour);
      members.u("from_min", entry.from_min);
      members.u("to_hour", entry.to_hour);
      members.u("to_min", entry.to_min);
      members.u("cdir", entry.cdir);
      if (scaled) {
        members.fixed("cspeed", entry.cspeed / 10.0, 1);
      } else {
        members.u("cspeed", entry.cspeed);
      }
      out.push_back('}');
    }
    out.push_back(']');
  }

  void operator()(const AirDraught& draught) const { json.u("airdraught", draught.airdraught); }

  void operator()(const PersonsOnBoard& persons) const { json.u("persons", persons.persons); }

  void operator()(const ClearanceTime& clearance) const {
    json.u("linkage", clearance.linkage);
    append_quoted_stamp(json.value_of("arrival"), clearance.month, clearance.day, clearance.hour,
                        clearance.minute, StampStyle::kPaddedZulu);
    json.str("portname", clearance.portname.view());
    json.str("destination", clearance.destination.view());
    json_milli_minutes(json, "lon", clearance.lon, scaled);
    json_milli_minutes(json, "lat", clearance.lat, scaled);
  }

  void operator()(const BerthingData& berth) const {
    json.u("linkage", berth.linkage);
    json.u("berth_length", berth.berth_length);
    json.u("position", berth.position);
    json.str("position_text", kMooringPosition[berth.position & 7U]);
    append_quoted_stamp(json.value_of("arrival"), berth.month, berth.day, berth.hour, berth.minute,
                        StampStyle::kBare);
    json.u("availability", berth.availability);
    for (std::size_t service_idx = 0; service_idx < kBerthServiceCount; ++service_idx) {
      json.u(kBerthServiceNames[service_idx], berth.services[service_idx]);
    }
    json.str("berth_name", berth.berth_name.view());
    json_milli_minutes(json, "berth_lon", berth.berth_lon, scaled);
    json_milli_minutes(json, "berth_lat", berth.berth_lat, scaled);
    if (scaled) {
      json.fixed("berth_depth", berth.berth_depth * 0.1, 1);
    } else {
      json.u("berth_depth", berth.berth_depth);
    }
  }

  void operator()(const DangerousCargo& cargo) const {
    json.u("unit", cargo.unit);
    json.u("amount", cargo.amount);
    TextBuffer& out = json.value_of("cargos");
    out.push_back('[');
    for (std::size_t entry_idx = 0; entry_idx < cargo.count; ++entry_idx) {
      if (entry_idx > 0) out.push_back(',');
      out.append("{\"code\":");
      append_uint(out, cargo.cargos[entry_idx].code);
      out.append(",\"subtype\":");
      append_uint(out, cargo.cargos[entry_idx].subtype);
      out.push_back('}');
    }
    out.push_back(']');
  }

  void operator()(const RouteInfo& route) const { write_route_info(route, scaled, json); }

  void operator()(const TextDescription& text) const { write_text_description(text, json); }
};

/// gpsdecode's CSV for DAC 235/250 FI 10 prints the monitoring fields even when the
/// length check failed; its fields then overlay the raw payload bytes (a C union),
/// read as little-endian words. Reproduced here from the kept payload.
AtonMonitoring aton_fields_from_raw(const BitData<920>& data) {
  const auto word_at = [&data](std::size_t offset) {
    std::uint32_t word = 0;
    for (std::size_t byte_idx = 4; byte_idx-- > 0;) {
      word = (word << 8) | data.bytes[offset + byte_idx];
    }
    return word;
  };
  AtonMonitoring aton;
  aton.ana_int = word_at(0);
  aton.ana_ext1 = word_at(4);
  aton.ana_ext2 = word_at(8);
  aton.racon = word_at(12);
  aton.light = word_at(16);
  aton.stat_ext = word_at(24);
  return aton;
}

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, AddressedBinary& body) {
  if (auto error = require_range(bits, kHeaderBits, kMaxBits); error != DecodeError::kNone) {
    return error;
  }
  body.seqno = bits.u(38, 2);
  body.dest_mmsi = bits.u(40, 30);
  body.retransmit = bits.flag(70);
  body.dac = bits.u(72, 10);
  body.fid = bits.u(82, 6);
  body.data.copy_from(bits, kHeaderBits, bits.size() - kHeaderBits);
  body.app = decode_application(bits, body.dac, body.fid);
  body.structured = !std::holds_alternative<std::monostate>(body.app);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const AddressedBinary& body, bool scaled,
                JsonOut& json) {
  json.u("seqno", body.seqno);
  json.u("dest_mmsi", body.dest_mmsi);
  json.b("retransmit", body.retransmit);
  json.u("dac", body.dac);
  json.u("fid", body.fid);
  if (!body.structured) {
    json_raw_payload(json, body.data.bit_count, body.data.bytes.data());
    return;
  }
  std::visit(AppJsonWriter{json, scaled}, body.app);
}

void write_csv(const Message& /*header*/, const AddressedBinary& body, CsvOut& csv) {
  csv.u(body.seqno).u(body.dest_mmsi).u(body.retransmit).u(body.dac).u(body.fid);
  if ((body.dac == 235 || body.dac == 250) && body.fid == 10) {
    const auto* decoded = std::get_if<AtonMonitoring>(&body.app);
    if (decoded != nullptr) {
      csv.u(decoded->ana_int).u(decoded->ana_ext1).u(decoded->ana_ext2);
      csv.u(decoded->racon).u(decoded->light).u(decoded->alarm);
      csv.u(decoded->stat_ext).u(decoded->off_pos);
    } else {
      // The two flags overlay single bytes of the payload: printed as byte values.
      const AtonMonitoring overlay = aton_fields_from_raw(body.data);
      csv.u(overlay.ana_int).u(overlay.ana_ext1).u(overlay.ana_ext2);
      csv.u(overlay.racon).u(overlay.light).u(body.data.bytes[20]);
      csv.u(overlay.stat_ext).u(body.data.bytes[28]);
    }
    return;
  }
  csv_raw_payload(csv, body.data.bit_count, body.data.bytes.data(), body.structured);
}

}  // namespace sw::ais
