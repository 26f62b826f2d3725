#pragma once
/// Binary application messages carried by AIS types 6 (addressed) and 8 (broadcast),
/// identified by DAC (designated area code) and FI (function identifier). Each
/// application gpsd decodes has a struct of raw field values; anything else stays
/// raw bits.

#include <array>
#include <cstdint>
#include <variant>

#include "ingest/ais/text.h"

namespace sw::ais {

// ---------------------------------------------------------------------------
// Applications shared by types 6 and 8 (DAC 1, IMO SN.1/Circ.236 and 289).

/// DAC 1 FI 15: extended ship static data (air draught only).
struct AirDraught {
  std::uint32_t airdraught = 0;
};

/// DAC 1 FI 16: number of persons on board.
struct PersonsOnBoard {
  std::uint32_t persons = 0;
};

/// One waypoint of a route, 1/10000 minute.
struct RouteWaypoint {
  std::int32_t lon = 0;
  std::int32_t lat = 0;
};

/// Most waypoints a route can announce (5-bit count).
constexpr std::size_t kMaxRouteWaypoints = 31;

/// DAC 1 FI 27 (broadcast) / FI 28 (addressed): route information.
struct RouteInfo {
  std::uint32_t linkage = 0, sender = 0, rtype = 0;
  std::uint32_t month = 0, day = 0, hour = 0, minute = 0;
  std::uint32_t duration = 0;
  std::uint32_t waycount = 0;
  std::array<RouteWaypoint, kMaxRouteWaypoints> waypoints{};
};

/// DAC 1 FI 29 (broadcast) / FI 30 (addressed): free text description.
struct TextDescription {
  std::uint32_t linkage = 0;
  FixedText<160> text;
};

// ---------------------------------------------------------------------------
// Type 6 applications.

/// Text fields common to the inland lock/bridge/terminal messages.
struct InlandLocation {
  FixedText<2> country;
  FixedText<3> locode;
  FixedText<5> section;
  FixedText<5> terminal;
  FixedText<5> hectometre;
};

/// DAC 200 FI 21: inland ETA at lock/bridge/terminal.
struct InlandEta {
  InlandLocation where;
  std::uint32_t month = 0, day = 0, hour = 0, minute = 0;
  std::uint32_t tugs = 0, airdraught = 0;
};

/// DAC 200 FI 22: inland RTA (requested time of arrival) at lock/bridge/terminal.
struct InlandRta {
  InlandLocation where;
  std::uint32_t month = 0, day = 0, hour = 0, minute = 0;
  std::uint32_t status = 0;
};

/// DAC 200 FI 55: inland number of persons on board.
struct InlandPersonsOnBoard {
  std::uint32_t crew = 0, passengers = 0, personnel = 0;
};

/// DAC 235/250 FI 10: GLA aid-to-navigation monitoring data.
struct AtonMonitoring {
  std::uint32_t ana_int = 0, ana_ext1 = 0, ana_ext2 = 0;  ///< 0.05 V
  std::uint32_t racon = 0, light = 0;
  bool alarm = false;
  std::uint32_t stat_ext = 0;
  bool off_pos = false;
};

/// DAC 1 FI 12: IMO236 dangerous cargo indication.
struct DangerousCargoImo236 {
  FixedText<5> lastport;
  std::uint32_t lmonth = 0, lday = 0, lhour = 0, lminute = 0;
  FixedText<5> nextport;
  std::uint32_t nmonth = 0, nday = 0, nhour = 0, nminute = 0;
  FixedText<20> dangerous;
  FixedText<4> imdcat;
  std::uint32_t unid = 0, amount = 0, unit = 0;
};

/// One tidal window entry; positions in 1/1000 minute.
struct TidalWindowEntry {
  std::int32_t lon = 0, lat = 0;
  std::uint32_t from_hour = 0, from_min = 0, to_hour = 0, to_min = 0;
  std::uint32_t cdir = 0, cspeed = 0;
};

/// Most tidal window entries a 1008-bit message can hold (88-bit entries from bit 97).
constexpr std::size_t kMaxTidalEntries = 11;

/// DAC 1 FI 14 (IMO236) / FI 32 (IMO289): tidal window.
struct TidalWindow {
  std::uint32_t month = 0, day = 0;
  std::uint32_t count = 0;
  std::array<TidalWindowEntry, kMaxTidalEntries> tidals{};
};

/// DAC 1 FI 18: clearance time to enter port.
struct ClearanceTime {
  std::uint32_t linkage = 0, month = 0, day = 0, hour = 0, minute = 0;
  FixedText<20> portname;
  FixedText<5> destination;
  std::int32_t lon = 0, lat = 0;  ///< 1/1000 minute
};

/// Number of two-bit service availability fields of the berthing data message.
constexpr std::size_t kBerthServiceCount = 26;

/// DAC 1 FI 20: berthing data.
struct BerthingData {
  std::uint32_t linkage = 0, berth_length = 0, berth_depth = 0, position = 0;
  std::uint32_t month = 0, day = 0, hour = 0, minute = 0;
  std::uint32_t availability = 0;
  std::array<std::uint8_t, kBerthServiceCount> services{};  ///< agent .. future2
  FixedText<20> berth_name;
  std::int32_t berth_lon = 0, berth_lat = 0;  ///< 1/1000 minute
};

/// One cargo of the IMO289 dangerous cargo indication.
struct CargoEntry {
  std::uint32_t code = 0, subtype = 0;
};

/// Most 17-bit cargo entries a 1008-bit message can hold (from bit 100).
constexpr std::size_t kMaxCargoEntries = 54;

/// DAC 1 FI 25: IMO289 dangerous cargo indication.
struct DangerousCargo {
  std::uint32_t unit = 0, amount = 0;
  std::uint32_t count = 0;
  std::array<CargoEntry, kMaxCargoEntries> cargos{};
};

/// A decoded type 6 application, or monostate when the payload stays raw.
using AddressedApplication =
    std::variant<std::monostate, InlandEta, InlandRta, InlandPersonsOnBoard, AtonMonitoring,
                 DangerousCargoImo236, TidalWindow, AirDraught, PersonsOnBoard, ClearanceTime,
                 BerthingData, DangerousCargo, RouteInfo, TextDescription>;

/// Type 6: addressed binary message.
struct AddressedBinary {
  // Declared, not defaulted: value-initialised (std::variant::emplace), the struct would
  // otherwise be zero-filled whole first, the storage of the application variant's
  // largest alternative included (a few hundred bytes per message); the members'
  // initialisers below are all it needs.
  AddressedBinary() {}  // NOLINT(modernize-use-equals-default)
  std::uint32_t seqno = 0;
  std::uint32_t dest_mmsi = 0;
  bool retransmit = false;
  std::uint32_t dac = 0;
  std::uint32_t fid = 0;
  bool structured = false;  ///< the application payload was decoded into fields
  BitData<920> data;        ///< application data after DAC/FI (always kept)
  AddressedApplication app;
};

// ---------------------------------------------------------------------------
// Type 8 applications.

/// DAC 1 FI 11: IMO236 meteorological and hydrological data (offset-coded values).
struct MetHydroImo236 {
  std::int32_t lat = 0, lon = 0;  ///< 1/1000 minute
  std::uint32_t day = 0, hour = 0, minute = 0;
  std::uint32_t wspeed = 0, wgust = 0, wdir = 0, wgustdir = 0;
  std::uint32_t airtemp = 0, humidity = 0, dewpoint = 0, pressure = 0, pressuretend = 0;
  std::uint32_t visibility = 0, waterlevel = 0, leveltrend = 0;
  std::uint32_t cspeed = 0, cdir = 0, cspeed2 = 0, cdir2 = 0, cdepth2 = 0;
  std::uint32_t cspeed3 = 0, cdir3 = 0, cdepth3 = 0;
  std::uint32_t waveheight = 0, waveperiod = 0, wavedir = 0;
  std::uint32_t swellheight = 0, swellperiod = 0, swelldir = 0;
  std::uint32_t seastate = 0, watertemp = 0, preciptype = 0, salinity = 0, ice = 0;
};

/// DAC 1 FI 13: IMO236 fairway closed.
struct FairwayClosed {
  FixedText<20> reason, closefrom, closeto;
  std::uint32_t radius = 0, extunit = 0;
  std::uint32_t fday = 0, fmonth = 0, fhour = 0, fminute = 0;
  std::uint32_t tday = 0, tmonth = 0, thour = 0, tminute = 0;
};

/// One VTS-generated (synthetic) target.
struct SyntheticTarget {
  std::uint32_t idtype = 0;
  std::uint32_t id_number = 0;    ///< MMSI or IMO (low 32 bits of the 42-bit field)
  FixedText<7> id_text;           ///< callsign or other identifier
  std::int32_t lat = 0, lon = 0;  ///< 1/1000 minute
  std::uint32_t course = 0, second = 0, speed = 0;
};

/// Most 122-bit targets a 1008-bit message can hold (from bit 56).
constexpr std::size_t kMaxSyntheticTargets = 8;

/// DAC 1 FI 17: VTS-generated/synthetic targets.
struct SyntheticTargets {
  std::uint32_t count = 0;
  std::array<SyntheticTarget, kMaxSyntheticTargets> targets{};
};

/// DAC 1 FI 19: marine traffic signal.
struct MarineTrafficSignal {
  std::uint32_t linkage = 0;
  FixedText<20> station;
  std::int32_t lon = 0, lat = 0;  ///< 1/1000 minute
  std::uint32_t status = 0, signal = 0, hour = 0, minute = 0, nextsignal = 0;
};

/// DAC 1 FI 31: IMO289 meteorological and hydrological data.
struct MetHydroImo289 {
  std::int32_t lon = 0, lat = 0;  ///< 1/1000 minute
  bool accuracy = false;
  std::uint32_t day = 0, hour = 0, minute = 0;
  std::uint32_t wspeed = 0, wgust = 0, wdir = 0, wgustdir = 0;
  std::int32_t airtemp = 0;
  std::uint32_t humidity = 0;
  std::int32_t dewpoint = 0;
  std::uint32_t pressure = 0, pressuretend = 0;
  bool visgreater = false;
  std::uint32_t visibility = 0;
  std::int32_t waterlevel = 0;
  std::uint32_t leveltrend = 0;
  std::uint32_t cspeed = 0, cdir = 0, cspeed2 = 0, cdir2 = 0, cdepth2 = 0;
  std::uint32_t cspeed3 = 0, cdir3 = 0, cdepth3 = 0;
  std::uint32_t waveheight = 0, waveperiod = 0, wavedir = 0;
  std::uint32_t swellheight = 0, swellperiod = 0, swelldir = 0;
  std::uint32_t seastate = 0;
  std::int32_t watertemp = 0;
  std::uint32_t preciptype = 0, salinity = 0, ice = 0;
};

/// DAC 200 FI 10: inland ship static and voyage related data.
struct InlandStaticVoyage {
  FixedText<8> vin;
  std::uint32_t length = 0, beam = 0, shiptype = 0, hazard = 0, draught = 0, loaded = 0;
  bool speed_q = false, course_q = false, heading_q = false;
};

/// DAC 200 FI 23: EMMA weather warning.
struct EmmaWarning {
  std::uint32_t start_year = 0, start_month = 0, start_day = 0;
  std::uint32_t end_year = 0, end_month = 0, end_day = 0;
  std::uint32_t start_hour = 0, start_minute = 0, end_hour = 0, end_minute = 0;
  std::int32_t start_lon = 0, start_lat = 0, end_lon = 0, end_lat = 0;  ///< 1/10000 minute
  std::uint32_t type = 0;
  std::int32_t min = 0, max = 0;
  std::uint32_t intensity = 0, wind = 0;
};

/// One inland water level gauge.
struct WaterGauge {
  std::uint32_t id = 0;
  std::int32_t level = 0;
};

/// DAC 200 FI 24: inland water levels (four gauges in a 168-bit message).
struct WaterLevels {
  FixedText<2> country;
  std::uint32_t count = 0;
  std::array<WaterGauge, 4> gauges{};
};

/// DAC 200 FI 40: inland signal status.
struct SignalStatus {
  std::int32_t lon = 0, lat = 0;  ///< 1/10000 minute
  std::uint32_t form = 0, facing = 0, direction = 0, status = 0;
};

/// A decoded type 8 application, or monostate when the payload stays raw.
using BroadcastApplication =
    std::variant<std::monostate, MetHydroImo236, FairwayClosed, AirDraught, PersonsOnBoard,
                 SyntheticTargets, MarineTrafficSignal, RouteInfo, TextDescription, MetHydroImo289,
                 InlandStaticVoyage, EmmaWarning, WaterLevels, SignalStatus>;

/// Type 8: binary broadcast message.
struct BroadcastBinary {
  // Declared, not defaulted: value-initialised (std::variant::emplace), the struct would
  // otherwise be zero-filled whole first, the storage of the application variant's
  // largest alternative included (a few hundred bytes per message); the members'
  // initialisers below are all it needs.
  BroadcastBinary() {}  // NOLINT(modernize-use-equals-default)
  std::uint32_t dac = 0;
  std::uint32_t fid = 0;
  bool structured = false;
  BitData<952> data;  ///< application data after DAC/FI (always kept)
  BroadcastApplication app;
};

}  // namespace sw::ais
