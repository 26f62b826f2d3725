// IMO meteorological and hydrological data broadcast in AIS type 8, DAC 1: FI 11
// (IMO SN.1/Circ.236) and FI 31 (IMO SN.1/Circ.289). Field layouts and output formats
// follow gpsd 3.22 so that the JSON/CSV is byte-identical to gpsdecode's.

#include "ingest/ais/binary_met_hydro.h"

#include "ingest/ais/binary_common.h"

namespace sw::ais {
namespace {

// Legends (wording from gpsd 3.22, BSD-2-Clause).
constexpr const char* kTrend[] = {"steady", "increasing", "decreasing", "N/A"};
constexpr const char* kPrecipitation[] = {"reserved",  "rain", "thunderstorm", "freezing rain",
                                          "mixed/ice", "snow", "reserved",     "N/A"};
constexpr const char* kIce[] = {"no", "yes", "reserved", "N/A"};

/// "timestamp":"DDTHH:MMZ"
void write_day_time(JsonOut& json, std::uint32_t day, std::uint32_t hour, std::uint32_t minute) {
  TextBuffer& out = json.value_of("timestamp");
  out.push_back('"');
  append_uint_padded(out, day, 2);
  out.push_back('T');
  append_uint_padded(out, hour, 2);
  out.push_back(':');
  append_uint_padded(out, minute, 2);
  out.append("Z\"");
}

}  // namespace

MetHydroImo236 decode_met_hydro_236(const Bits& bits) {
  MetHydroImo236 met;
  met.lat = bits.s(56, 24);
  met.lon = bits.s(80, 25);
  met.day = bits.u(105, 5);
  met.hour = bits.u(110, 5);
  met.minute = bits.u(115, 6);
  met.wspeed = bits.u(121, 7);
  met.wgust = bits.u(128, 7);
  met.wdir = bits.u(135, 9);
  met.wgustdir = bits.u(144, 9);
  met.airtemp = bits.u(153, 11);
  met.humidity = bits.u(164, 7);
  met.dewpoint = bits.u(171, 10);
  met.pressure = bits.u(181, 9);
  met.pressuretend = bits.u(190, 2);
  met.visibility = bits.u(192, 8);
  met.waterlevel = bits.u(200, 9);
  met.leveltrend = bits.u(209, 2);
  met.cspeed = bits.u(211, 8);
  met.cdir = bits.u(219, 9);
  met.cspeed2 = bits.u(228, 8);
  met.cdir2 = bits.u(236, 9);
  met.cdepth2 = bits.u(245, 5);
  met.cspeed3 = bits.u(250, 8);
  met.cdir3 = bits.u(258, 9);
  met.cdepth3 = bits.u(267, 5);
  met.waveheight = bits.u(272, 8);
  met.waveperiod = bits.u(280, 6);
  met.wavedir = bits.u(286, 9);
  met.swellheight = bits.u(295, 8);
  met.swellperiod = bits.u(303, 6);
  met.swelldir = bits.u(309, 9);
  met.seastate = bits.u(318, 4);
  met.watertemp = bits.u(322, 10);
  met.preciptype = bits.u(332, 3);
  met.salinity = bits.u(335, 9);
  met.ice = bits.u(344, 2);
  return met;
}

MetHydroImo289 decode_met_hydro_289(const Bits& bits) {
  MetHydroImo289 met;
  met.lon = bits.s(56, 25);
  met.lat = bits.s(81, 24);
  met.accuracy = bits.flag(105);
  met.day = bits.u(106, 5);
  met.hour = bits.u(111, 5);
  met.minute = bits.u(116, 6);
  met.wspeed = bits.u(122, 7);
  met.wgust = bits.u(129, 7);
  met.wdir = bits.u(136, 9);
  met.wgustdir = bits.u(145, 9);
  met.airtemp = bits.s(154, 11);
  met.humidity = bits.u(165, 7);
  met.dewpoint = bits.s(172, 10);
  met.pressure = bits.u(182, 9);
  met.pressuretend = bits.u(191, 2);
  met.visgreater = bits.flag(193);
  met.visibility = bits.u(194, 7);
  met.waterlevel = static_cast<std::int32_t>(bits.u(201, 12));
  met.leveltrend = bits.u(213, 2);
  met.cspeed = bits.u(215, 8);
  met.cdir = bits.u(223, 9);
  met.cspeed2 = bits.u(232, 8);
  met.cdir2 = bits.u(240, 9);
  met.cdepth2 = bits.u(249, 5);
  met.cspeed3 = bits.u(254, 8);
  met.cdir3 = bits.u(262, 9);
  met.cdepth3 = bits.u(271, 5);
  met.waveheight = bits.u(276, 8);
  met.waveperiod = bits.u(284, 6);
  met.wavedir = bits.u(290, 9);
  met.swellheight = bits.u(299, 8);
  met.swellperiod = bits.u(307, 6);
  met.swelldir = bits.u(313, 9);
  met.seastate = bits.u(322, 4);
  met.watertemp = bits.s(326, 10);
  met.preciptype = bits.u(336, 3);
  met.salinity = bits.u(339, 9);
  met.ice = bits.u(348, 2);
  return met;
}

void write_met_hydro_json(JsonOut& json, bool scaled, const MetHydroImo236& met) {
  const auto tenths = [&](std::string_view name, std::int64_t value) { json.tenths(name, value); };
  json_milli_minutes(json, "lat", met.lat, scaled);
  json_milli_minutes(json, "lon", met.lon, scaled);
  write_day_time(json, met.day, met.hour, met.minute);
  json.u("wspeed", met.wspeed);
  json.u("wgust", met.wgust);
  json.u("wdir", met.wdir);
  json.u("wgustdir", met.wgustdir);
  json.u("humidity", met.humidity);
  if (scaled) {
    // Offset-coded: air temperature +60 C, dew point +20 C, pressure -800 hPa,
    // water level +10 m, water temperature +10 C.
    tenths("airtemp", static_cast<std::int32_t>(met.airtemp) - 600);
    tenths("dewpoint", static_cast<std::int32_t>(met.dewpoint) - 200);
    json.u("pressure", static_cast<std::uint32_t>(met.pressure + 800));
    json.str("pressuretend", kTrend[met.pressuretend & 3U]);
    tenths("visibility", met.visibility);
    tenths("waterlevel", static_cast<std::int32_t>(met.waterlevel) - 100);
    json.str("leveltrend", kTrend[met.leveltrend & 3U]);
    tenths("cspeed", met.cspeed);
    json.u("cdir", met.cdir);
    tenths("cspeed2", met.cspeed2);
    json.u("cdir2", met.cdir2);
    json.u("cdepth2", met.cdepth2);
    tenths("cspeed3", met.cspeed3);
    json.u("cdir3", met.cdir3);
    json.u("cdepth3", met.cdepth3);
    tenths("waveheight", met.waveheight);
    json.u("waveperiod", met.waveperiod);
    json.u("wavedir", met.wavedir);
    tenths("swellheight", met.swellheight);
    json.u("swellperiod", met.swellperiod);
    json.u("swelldir", met.swelldir);
    json.u("seastate", met.seastate);
    tenths("watertemp", static_cast<std::int32_t>(met.watertemp) - 100);
    json.u("preciptype", met.preciptype);
    json.str("preciptype_text", kPrecipitation[met.preciptype & 7U]);
    tenths("salinity", met.salinity);
    json.u("ice", met.ice);
    json.str("ice_text", kIce[met.ice & 3U]);
    return;
  }
  json.u("airtemp", met.airtemp);
  json.u("dewpoint", met.dewpoint);
  json.u("pressure", met.pressure);
  json.u("pressuretend", met.pressuretend);
  json.u("visibility", met.visibility);
  json.u("waterlevel", met.waterlevel);
  json.u("leveltrend", met.leveltrend);
  json.u("cspeed", met.cspeed);
  json.u("cdir", met.cdir);
  json.u("cspeed2", met.cspeed2);
  json.u("cdir2", met.cdir2);
  json.u("cdepth2", met.cdepth2);
  json.u("cspeed3", met.cspeed3);
  json.u("cdir3", met.cdir3);
  json.u("cdepth3", met.cdepth3);
  json.u("waveheight", met.waveheight);
  json.u("waveperiod", met.waveperiod);
  json.u("wavedir", met.wavedir);
  json.u("swellheight", met.swellheight);
  json.u("swellperiod", met.swellperiod);
  json.u("swelldir", met.swelldir);
  json.u("seastate", met.seastate);
  json.u("watertemp", met.watertemp);
  json.u("preciptype", met.preciptype);
  json.str("preciptype_text", kPrecipitation[met.preciptype & 7U]);
  json.u("salinity", met.salinity);
  json.u("ice", met.ice);
  json.str("ice_text", kIce[met.ice & 3U]);
}

void write_met_hydro_json(JsonOut& json, bool scaled, const MetHydroImo289& met) {
  const auto tenths = [&](std::string_view name, std::int64_t value) { json.tenths(name, value); };
  json_milli_minutes(json, "lat", met.lat, scaled);
  json_milli_minutes(json, "lon", met.lon, scaled);
  json.b("accuracy", met.accuracy);
  write_day_time(json, met.day, met.hour, met.minute);
  json.u("wspeed", met.wspeed);
  json.u("wgust", met.wgust);
  json.u("wdir", met.wdir);
  json.u("wgustdir", met.wgustdir);
  json.u("humidity", met.humidity);
  if (scaled) {
    tenths("airtemp", met.airtemp);
    tenths("dewpoint", met.dewpoint);
    json.u("pressure", static_cast<std::uint32_t>(met.pressure + 799));  // -799 hPa offset
    json.str("pressuretend", kTrend[met.pressuretend & 3U]);
    json.b("visgreater", met.visgreater);
    tenths("visibility", met.visibility);
    // gpsd subtracts the +10 m offset in unsigned arithmetic: levels below the
    // offset wrap around, kept for identical output.
    const std::uint32_t level = static_cast<std::uint32_t>(met.waterlevel) - 1000U;
    json.fixed("waterlevel", level / 100.0, 1);
    json.str("leveltrend", kTrend[met.leveltrend & 3U]);
    tenths("cspeed", met.cspeed);
    json.u("cdir", met.cdir);
    tenths("cspeed2", met.cspeed2);
    json.u("cdir2", met.cdir2);
    json.u("cdepth2", met.cdepth2);
    tenths("cspeed3", met.cspeed3);
    json.u("cdir3", met.cdir3);
    json.u("cdepth3", met.cdepth3);
    tenths("waveheight", met.waveheight);
    json.u("waveperiod", met.waveperiod);
    json.u("wavedir", met.wavedir);
    tenths("swellheight", met.swellheight);
    json.u("swellperiod", met.swellperiod);
    json.u("swelldir", met.swelldir);
    json.u("seastate", met.seastate);
    tenths("watertemp", met.watertemp);
    json.str("preciptype", kPrecipitation[met.preciptype & 7U]);
    tenths("salinity", met.salinity);
    json.str("ice", kIce[met.ice & 3U]);
    return;
  }
  json.i("airtemp", met.airtemp);
  json.i("dewpoint", met.dewpoint);
  json.u("pressure", met.pressure);
  json.u("pressuretend", met.pressuretend);
  json.b("visgreater", met.visgreater);
  json.u("visibility", met.visibility);
  json.i("waterlevel", met.waterlevel);
  json.u("leveltrend", met.leveltrend);
  json.u("cspeed", met.cspeed);
  json.u("cdir", met.cdir);
  json.u("cspeed2", met.cspeed2);
  json.u("cdir2", met.cdir2);
  json.u("cdepth2", met.cdepth2);
  json.u("cspeed3", met.cspeed3);
  json.u("cdir3", met.cdir3);
  json.u("cdepth3", met.cdepth3);
  json.u("waveheight", met.waveheight);
  json.u("waveperiod", met.waveperiod);
  json.u("wavedir", met.wavedir);
  json.u("swellheight", met.swellheight);
  json.u("swellperiod", met.swellperiod);
  json.u("swelldir", met.swelldir);
  json.u("seastate", met.seastate);
  json.i("watertemp", met.watertemp);
  json.u("preciptype", met.preciptype);
  json.u("salinity", met.salinity);
  json.u("ice", met.ice);
}

void csv_met_hydro(CsvOut& csv, const MetHydroImo236& met) {
  csv.i(met.lon).i(met.lat);
  TextBuffer& out = csv.buffer();
  append_uint_padded(out, met.day, 2);
  out.push_back('T');
  append_uint_padded(out, met.hour, 2);
  out.push_back(':');
  append_uint_padded(out, met.minute, 2);
  out.push_back('Z');
  csv.u(met.wspeed).u(met.wgust).u(met.wdir).u(met.wgustdir).u(met.airtemp).u(met.humidity);
  csv.u(met.dewpoint).u(met.pressure).u(met.pressuretend).u(met.visibility).u(met.waterlevel);
  csv.u(met.leveltrend).u(met.cspeed).u(met.cdir).u(met.cspeed2).u(met.cdir2).u(met.cdepth2);
  csv.u(met.cspeed3).u(met.cdir3).u(met.cdepth3).u(met.waveheight).u(met.waveperiod);
  csv.u(met.wavedir).u(met.swellheight).u(met.swellperiod).u(met.swelldir).u(met.seastate);
  csv.u(met.watertemp).u(met.preciptype).u(met.salinity).u(met.ice);
}

void csv_met_hydro(CsvOut& csv, const MetHydroImo289& met) {
  csv.i(met.lon).i(met.lat);
  TextBuffer& out = csv.buffer();
  append_uint_padded(out, met.day, 2);
  out.push_back('T');
  append_uint_padded(out, met.hour, 2);
  out.push_back(':');
  append_uint_padded(out, met.minute, 2);
  out.push_back('Z');
  csv.u(met.wspeed).u(met.wgust).u(met.wdir).u(met.wgustdir).i(met.airtemp).u(met.humidity);
  csv.i(met.dewpoint).u(met.pressure).u(met.pressuretend).u(met.visibility).i(met.waterlevel);
  csv.u(met.leveltrend).u(met.cspeed).u(met.cdir).u(met.cspeed2).u(met.cdir2).u(met.cdepth2);
  csv.u(met.cspeed3).u(met.cdir3).u(met.cdepth3).u(met.waveheight).u(met.waveperiod);
  csv.u(met.wavedir).u(met.swellheight).u(met.swellperiod).u(met.swelldir).u(met.seastate);
  csv.i(met.watertemp).u(met.preciptype).u(met.salinity).u(met.ice);
}

}  // namespace sw::ais
