// Type 8: binary broadcast message (ITU-R M.1371-5 3.8) and the applications gpsd
// decodes from it: IMO SN.1/Circ.236 and 289 messages (DAC 1) and inland AIS
// (DAC 200). Other DAC/FI stay raw bits.

#include "ingest/ais/binary_common.h"
#include "ingest/ais/binary_met_hydro.h"
#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kHeaderBits = 56;  // application data starts here
constexpr std::size_t kMaxBits = 1008;

// Legends (wording from gpsd 3.22, BSD-2-Clause).
constexpr const char* kTargetIdType[] = {"mmsi", "imo", "callsign", "other"};
constexpr const char* kTrafficSignal[] = {
    "N/A",
    "Serious emergency \u2013 stop or divert according to instructions.",
    "Vessels shall not proceed.",
    "Vessels may proceed. One way traffic.",
    "Vessels may proceed. Two way traffic.",
    "Vessels shall proceed on specific orders only.",
    "Vessels in main channel shall not proceed.",
    "Vessels in main channel shall proceed on specific orders only.",
    "Vessels in main channel shall proceed on specific orders only.",
    "I = \"in-bound\" only acceptable.",
    "O = \"out-bound\" only acceptable.",
    "F = both \"in- and out-bound\" acceptable.",
    "XI = Code will shift to \"I\" in due time.",
    "XO = Code will shift to \"O\" in due time.",
    "X = Vessels shall proceed only on direction.",
};

/// An inland (ERI) ship type with the ITU ship type it maps to.
struct InlandShipType {
  std::uint32_t eri_code;
  std::uint32_t ais_code;
  const char* legend;
};
// The lookup matches either code; the zero entry ends the table.
constexpr InlandShipType kInlandShipTypes[] = {
    {8000, 99, "Vessel, type unknown"},
    {8010, 79, "Motor freighter"},
    {8020, 89, "Motor tanker"},
    {8021, 80, "Motor tanker, liquid cargo, type N"},
    {8022, 80, "Motor tanker, liquid cargo, type C"},
    {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
    {8030, 79, "Container vessel"},
    {8040, 80, "Gas tanker"},
    {8050, 79, "Motor freighter, tug"},
    {8060, 89, "Motor tanker, tug"},
    {8070, 79, "Motor freighter with one or more ships alongside"},
    {8080, 89, "Motor freighter with tanker"},
    {8090, 79, "Motor freighter pushing one or more freighters"},
    {8100, 89, "Motor freighter pushing at least one tank-ship"},
    {8110, 79, "Tug, freighter"},
    {8120, 89, "Tug, tanker"},
    {8130, 31, "Tug freighter, coupled"},
    {8140, 31, "Tug, freighter/tanker, coupled"},
    {8150, 99, "Freightbarge"},
    {8160, 99, "Tankbarge"},
    {8161, 90, "Tankbarge, liquid cargo, type N"},
    {8162, 90, "Tankbarge, liquid cargo, type C"},
    {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
    {8170, 99, "Freightbarge with containers"},
    {8180, 90, "Tankbarge, gas"},
    {8210, 79, "Pushtow, one cargo barge"},
    {8220, 79, "Pushtow, two cargo barges"},
    {8230, 79, "Pushtow, three cargo barges"},
    {8240, 79, "Pushtow, four cargo barges"},
    {8250, 79, "Pushtow, five cargo barges"},
    {8260, 79, "Pushtow, six cargo barges"},
    {8270, 79, "Pushtow, seven cargo barges"},
    {8280, 79, "Pushtow, eigth cargo barges"},
    {8290, 79, "Pushtow, nine or more barges"},
    {8310, 80, "Pushtow, one tank/gas barge"},
    {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
    {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
    {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
    {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
    {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
    {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
    {0, 0, "Illegal ship type value."},
};
constexpr const char* kHazard[] = {
    "0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights",
    "3 blue cones/lights", "4 B-Flag",          "Unknown"};
constexpr std::uint32_t kMaxHazard = 5;
constexpr const char* kLoadStatus[] = {"N/A (default)", "Unloaded", "Loaded"};
constexpr const char* kEmmaType[] = {"Not Available",
                                     "Wind",
                                     "Rain",
                                     "Snow and ice",
                                     "Thunderstorm",
                                     "Fog",
                                     "Low temperature",
                                     "High temperature",
                                     "Flood",
                                     "Forest Fire"};
constexpr const char* kEmmaClass[] = {"Slight", "Medium", "Strong"};
constexpr const char* kEmmaWind[] = {"N/A",   "North",      "North East", "East",      "South East",
                                     "South", "South West", "West",       "North West"};
constexpr const char* kSignalDirection[] = {"Unknown", "Upstream", "Downstream", "To left bank",
                                            "To right bank"};
constexpr const char* kSignalLight[] = {
    "Unknown", "No light", "White", "Yellow", "Green", "Red", "White flashing", "Yellow flashing."};

/// Legend of a code, or `fallback` past the end of the table.
template <std::size_t N>
const char* legend_or(const char* const (&table)[N], std::uint32_t code, const char* fallback) {
  return code < N ? table[code] : fallback;
}

const char* inland_ship_type_text(std::uint32_t shiptype) {
  for (const InlandShipType& entry : kInlandShipTypes) {
    if (entry.eri_code == shiptype || entry.ais_code == shiptype || entry.eri_code == 0) {
      return entry.legend;
    }
  }
  return kInlandShipTypes[std::size(kInlandShipTypes) - 1].legend;
}

// ---------------------------------------------------------------------------
// Decoding, one function per application.

FairwayClosed decode_fairway_closed(const Bits& bits) {
  FairwayClosed closed;
  read_sixbit(bits, 56, 20, closed.reason);
  read_sixbit(bits, 176, 20, closed.closefrom);
  read_sixbit(bits, 296, 20, closed.closeto);
  closed.radius = bits.u(416, 10);
  closed.extunit = bits.u(426, 2);
  closed.fday = bits.u(428, 5);
  closed.fmonth = bits.u(433, 4);
  closed.fhour = bits.u(437, 5);
  closed.fminute = bits.u(442, 6);
  closed.tday = bits.u(448, 5);
  closed.tmonth = bits.u(453, 4);
  closed.thour = bits.u(457, 5);
  closed.tminute = bits.u(462, 6);
  return closed;
}

/// Targets of 122 bits from bit 56; like gpsd we also take a target that starts
/// exactly at the end of the payload (it reads as zeros).
SyntheticTargets decode_synthetic_targets(const Bits& bits) {
  constexpr std::size_t kTargetBits = 122;
  SyntheticTargets synthetic;
  for (std::size_t target_idx = 0;
       target_idx < kMaxSyntheticTargets && kHeaderBits + kTargetBits * target_idx <= bits.size();
       ++target_idx) {
    const std::size_t at = kHeaderBits + kTargetBits * target_idx;
    SyntheticTarget& target = synthetic.targets[target_idx];
    target.idtype = bits.u(at, 2);
    if (target.idtype < 2) {
      target.id_number = low_word_of_wide_field(bits, at + 2, 42);
    } else {
      read_sixbit(bits, at + 2, 7, target.id_text);
    }
    target.lat = bits.s(at + 48, 24);
    target.lon = bits.s(at + 72, 25);
    target.course = bits.u(at + 97, 9);
    target.second = bits.u(at + 106, 6);
    target.speed = bits.u(at + 112, 10);
    synthetic.count = static_cast<std::uint32_t>(target_idx + 1);
  }
  return synthetic;
}

MarineTrafficSignal decode_traffic_signal(const Bits& bits) {
  MarineTrafficSignal signal;
  signal.linkage = bits.u(56, 10);
  read_sixbit(bits, 66, 20, signal.station);
  signal.lon = bits.s(186, 25);
  signal.lat = bits.s(211, 24);
  signal.status = bits.u(235, 2);
  signal.signal = bits.u(237, 5);
  signal.hour = bits.u(242, 5);
  signal.minute = bits.u(247, 6);
  signal.nextsignal = bits.u(253, 5);
  return signal;
}

BroadcastApplication decode_international(const Bits& bits, std::uint32_t fid) {
  const std::size_t app_bits = bits.size() - kHeaderBits;
  switch (fid) {
    case 11: return decode_met_hydro_236(bits);
    case 13: return decode_fairway_closed(bits);
    case 15: {
      AirDraught draught;
      draught.airdraught = bits.u(56, 11);
      return draught;
    }
    case 16: {
      // IMO289 (136 bits) or IMO236 (72 bits) layouts, gpsd's offsets.
      if (app_bits != 136 && app_bits != 72) break;
      PersonsOnBoard persons;
      persons.persons = app_bits == 136 ? bits.u(88, 13) : bits.u(55, 13);
      return persons;
    }
    case 17: return decode_synthetic_targets(bits);
    case 19: return decode_traffic_signal(bits);
    case 27: {
      RouteInfo route;
      read_route_info(bits, 56, route);
      return route;
    }
    case 29: {
      TextDescription text;
      read_text_description(bits, 56, text);
      return text;
    }
    case 31: return decode_met_hydro_289(bits);
    default: break;
  }
  return std::monostate{};
}

BroadcastApplication decode_inland(const Bits& bits, std::uint32_t fid) {
  switch (fid) {
    case 10: {
      if (bits.size() != 168) break;
      InlandStaticVoyage ship;
      read_sixbit(bits, 56, 8, ship.vin);
      ship.length = bits.u(104, 13);
      ship.beam = bits.u(117, 10);
      ship.shiptype = bits.u(127, 14);
      ship.hazard = bits.u(141, 3);
      ship.draught = bits.u(144, 11);
      ship.loaded = bits.u(155, 2);
      ship.speed_q = bits.flag(157);
      ship.course_q = bits.flag(158);
      ship.heading_q = bits.flag(159);
      // An out-of-range hazard code marks some other application: left raw.
      if (ship.hazard > kMaxHazard) break;
      return ship;
    }
    case 23: {
      if (bits.size() != 256) break;
      EmmaWarning emma;
      emma.start_year = bits.u(56, 8);
      emma.start_month = bits.u(64, 4);
      emma.start_day = bits.u(68, 5);
      emma.end_year = bits.u(73, 8);
      emma.end_month = bits.u(81, 4);
      emma.end_day = bits.u(85, 5);
      emma.start_hour = bits.u(90, 5);
      emma.start_minute = bits.u(95, 6);
      emma.end_hour = bits.u(101, 5);
      emma.end_minute = bits.u(106, 6);
      emma.start_lon = bits.s(112, 28);
      emma.start_lat = bits.s(140, 27);
      emma.end_lon = bits.s(167, 28);
      emma.end_lat = bits.s(195, 27);
      emma.type = bits.u(222, 4);
      emma.min = bits.s(226, 9);
      emma.max = bits.s(235, 9);
      emma.intensity = bits.u(244, 2);
      emma.wind = bits.u(246, 4);
      return emma;
    }
    case 24: {
      if (bits.size() != 168) break;
      WaterLevels levels;
      read_sixbit(bits, 56, 2, levels.country);
      for (std::size_t gauge_idx = 0; gauge_idx < levels.gauges.size(); ++gauge_idx) {
        const std::size_t at = 68 + 25 * gauge_idx;
        levels.gauges[gauge_idx].id = bits.u(at, 11);
        levels.gauges[gauge_idx].level = bits.s(at + 11, 14);
      }
      levels.count = static_cast<std::uint32_t>(levels.gauges.size());
      return levels;
    }
    case 40: {
      if (bits.size() != 168) break;
      SignalStatus signal;
      signal.lon = bits.s(56, 28);
      signal.lat = bits.s(84, 27);
      signal.form = bits.u(111, 4);
      signal.facing = bits.u(115, 9);
      signal.direction = bits.u(124, 3);
      signal.status = bits.u(127, 30);
      return signal;
    }
    default: break;
  }
  return std::monostate{};
}

// ---------------------------------------------------------------------------
// JSON, one overload per application.

struct AppJsonWriter {
  JsonOut& json;
  bool scaled;

  void operator()(const std::monostate&) const {}

  void operator()(const MetHydroImo236& met) const { write_met_hydro_json(json, scaled, met); }
  void operator()(const MetHydroImo289& met) const { write_met_hydro_json(json, scaled, met); }

  void operator()(const FairwayClosed& closed) const {
    json.str("reason", closed.reason.view());
    json.str("closefrom", closed.closefrom.view());
    json.str("closeto", closed.closeto.view());
    json.u("radius", closed.radius);
    json.u("extunit", closed.extunit);
    append_quoted_stamp(json.value_of("from"), closed.fmonth, closed.fday, closed.fhour,
                        closed.fminute, StampStyle::kPadded);
    append_quoted_stamp(json.value_of("to"), closed.tmonth, closed.tday, closed.thour,
                        closed.tminute, StampStyle::kPadded);
  }

  void operator()(const AirDraught& draught) const { json.u("airdraught", draught.airdraught); }

  void operator()(const PersonsOnBoard& /*persons*/) const {
    // gpsd 3.22 prints this member from the type 6 layout of its message union,
    // which for a type 8 message always holds zero.
    json.u("persons", 0);
  }

  void operator()(const SyntheticTargets& synthetic) const {
    TextBuffer& out = json.value_of("targets");
    out.push_back('[');
    for (std::size_t target_idx = 0; target_idx < synthetic.count; ++target_idx) {
      const SyntheticTarget& target = synthetic.targets[target_idx];
      if (target_idx > 0) out.push_back(',');
      out.append("{\"idtype\":");
      append_uint(out, target.idtype);
      JsonOut members(out);
      const char* id_name = kTargetIdType[target.idtype & 3U];
      members.str("idtype_text", id_name);
      if (target.idtype < 2) {
        TextBuffer& id = members.value_of(id_name);
        id.push_back('"');
        append_uint(id, target.id_number);
        id.push_back('"');
      } else {
        members.str(id_name, target.id_text.view());
      }
      json_milli_minutes(members, "lat", target.lat, scaled);
      json_milli_minutes(members, "lon", target.lon, scaled);
      members.u("course", target.course);
      members.u("second", target.second);
      members.u("speed", target.speed);
      out.push_back('}');
    }
    out.push_back(']');
  }

  void operator()(const MarineTrafficSignal& signal) const {
    json.u("linkage", signal.linkage);
    json.str("station", signal.station.view());
    // Always printed in degrees, and with no comma before "nextsignal_text": both
    // as gpsd 3.22 does.
    json.fixed("lon", signal.lon / kMilliMinuteDivisor, 4);
    json.fixed("lat", signal.lat / kMilliMinuteDivisor, 4);
    json.u("status", signal.status);
    json.u("signal", signal.signal);
    json_verbatim(json, "signal_text",
                  legend_or(kTrafficSignal, signal.signal, "INVALID SIGNAL TYPE"));
    json.u("hour", signal.hour);
    json.u("minute", signal.minute);
    json.u("nextsignal", signal.nextsignal);
    TextBuffer& out = json.buffer();
    out.append("\"nextsignal_text\":\"");
    out.append(legend_or(kTrafficSignal, signal.nextsignal, "INVALID SIGNAL TYPE"));
    out.push_back('"');
  }

  void operator()(const RouteInfo& route) const { write_route_info(route, scaled, json); }

  void operator()(const TextDescription& text) const { write_text_description(text, json); }

  void operator()(const InlandStaticVoyage& ship) const {
    json.str("vin", ship.vin.view());
    json.u("length", ship.length);
    json.u("beam", ship.beam);
    json.u("shiptype", ship.shiptype);
    json.str("shiptype_text", inland_ship_type_text(ship.shiptype));
    json.u("hazard", ship.hazard);
    json.str("hazard_text", legend_or(kHazard, ship.hazard, "INVALID HAZARD TYPE"));
    json.u("draught", ship.draught);
    json.u("loaded", ship.loaded);
    json.str("loaded_text", legend_or(kLoadStatus, ship.loaded, "INVALID LOAD STATUS"));
    json.b("speed_q", ship.speed_q);
    json.b("course_q", ship.course_q);
    json.b("heading_q", ship.heading_q);
  }

  /// "%4u-%02u-%02uT%02u:%02u" with a two-digit year past 2000.
  void write_emma_stamp(std::string_view name, std::uint32_t year, std::uint32_t month,
                        std::uint32_t day, std::uint32_t hour, std::uint32_t minute) const {
    TextBuffer& out = json.value_of(name);
    out.push_back('"');
    append_uint(out, year + 2000);
    out.push_back('-');
    append_uint_padded(out, month, 2);
    out.push_back('-');
    append_uint_padded(out, day, 2);
    out.push_back('T');
    append_uint_padded(out, hour, 2);
    out.push_back(':');
    append_uint_padded(out, minute, 2);
    out.push_back('"');
  }

  void operator()(const EmmaWarning& emma) const {
    // gpsd 3.22 prints the start as year-month-hour T minute:day; kept as is.
    write_emma_stamp("start", emma.start_year, emma.start_month, emma.start_hour, emma.start_minute,
                     emma.start_day);
    write_emma_stamp("end", emma.end_year, emma.end_month, emma.end_day, emma.end_hour,
                     emma.end_minute);
    json_ten_thousandth_minutes(json, "start_lon", emma.start_lon, scaled);
    json_ten_thousandth_minutes(json, "start_lat", emma.start_lat, scaled);
    json_ten_thousandth_minutes(json, "end_lon", emma.end_lon, scaled);
    json_ten_thousandth_minutes(json, "end_lat", emma.end_lat, scaled);
    json.u("type", emma.type);
    json.str("type_text", legend_or(kEmmaType, emma.type, "INVALID EMMA TYPE"));
    json.i("min", emma.min);
    json.i("max", emma.max);
    json.u("class", emma.intensity);
    json.str("class_text", legend_or(kEmmaClass, emma.intensity, "INVALID EMMA TYPE"));
    json.u("wind", emma.wind);
    json.str("wind_text", legend_or(kEmmaWind, emma.wind, "INVALID EMMA WIND DIRECTION"));
  }

  void operator()(const WaterLevels& levels) const {
    json_verbatim(json, "country", levels.country.view());
    TextBuffer& out = json.value_of("gauges");
    out.push_back('[');
    for (std::size_t gauge_idx = 0; gauge_idx < levels.count; ++gauge_idx) {
      if (gauge_idx > 0) out.push_back(',');
      out.append("{\"id\":");
      append_uint(out, levels.gauges[gauge_idx].id);
      out.append(",\"level\":");
      append_int(out, levels.gauges[gauge_idx].level);
      out.push_back('}');
    }
    out.push_back(']');
  }

  void operator()(const SignalStatus& signal) const {
    json_ten_thousandth_minutes(json, "lon", signal.lon, scaled);
    json_ten_thousandth_minutes(json, "lat", signal.lat, scaled);
    json.u("form", signal.form);
    json.u("facing", signal.facing);
    json.u("direction", signal.direction);
    json.str("direction_text", legend_or(kSignalDirection, signal.direction, "INVALID DIRECTION"));
    json.u("status", signal.status);
    json.str("status_text", legend_or(kSignalLight, signal.status, "INVALID STATUS"));
  }
};

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, BroadcastBinary& body) {
  if (auto error = require_range(bits, kHeaderBits, kMaxBits); error != DecodeError::kNone) {
    return error;
  }
  body.dac = bits.u(40, 10);
  body.fid = bits.u(50, 6);
  body.data.copy_from(bits, kHeaderBits, bits.size() - kHeaderBits);
  switch (body.dac) {
    case 1: body.app = decode_international(bits, body.fid); break;
    case 200: body.app = decode_inland(bits, body.fid); break;
    default: body.app = std::monostate{}; break;
  }
  body.structured = !std::holds_alternative<std::monostate>(body.app);
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const BroadcastBinary& body, bool scaled,
                JsonOut& json) {
  json.u("dac", body.dac);
  json.u("fid", body.fid);
  if (!body.structured) {
    json_raw_payload(json, body.data.bit_count, body.data.bytes.data());
    return;
  }
  std::visit(AppJsonWriter{json, scaled}, body.app);
}

void write_csv(const Message& /*header*/, const BroadcastBinary& body, CsvOut& csv) {
  csv.u(body.dac).u(body.fid);
  if (const auto* met = std::get_if<MetHydroImo236>(&body.app)) {
    csv_met_hydro(csv, *met);
  } else if (const auto* met289 = std::get_if<MetHydroImo289>(&body.app)) {
    csv_met_hydro(csv, *met289);
  } else {
    csv_raw_payload(csv, body.data.bit_count, body.data.bytes.data(), body.structured);
  }
}

}  // namespace sw::ais
