#pragma once
/// The AIS message model: one struct per ITU-R M.1371-5 message family, raw field
/// values as transmitted (scaling happens at output). Field names follow gpsd's
/// JSON names, the de-facto AIS vocabulary.

#include <cstdint>
#include <variant>

#include "ingest/ais/binary_messages.h"
#include "ingest/ais/text.h"

namespace sw::ais {

/// "Not available" sentinels of ITU-R M.1371 (raw units).
constexpr std::int32_t kLonNotAvailable = 181 * 600000;  // 0x6791AC0
constexpr std::int32_t kLatNotAvailable = 91 * 600000;   // 0x3412140
constexpr std::uint32_t kSpeedNotAvailable = 1023;       // 102.3 kn
constexpr std::uint32_t kSpeedFastMover = 1022;          // >= 102.2 kn
constexpr std::uint32_t kCourseNotAvailable = 3600;      // 360.0 deg
constexpr std::uint32_t kHeadingNotAvailable = 511;
constexpr std::int32_t kTurnNotAvailable = -128;

/// Types 1, 2, 3: Class A position report.
struct PositionReport {
  std::uint32_t status = 0;
  std::int32_t turn = kTurnNotAvailable;
  std::uint32_t speed = kSpeedNotAvailable;  ///< 1/10 kn
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;  ///< 1/10000 min
  std::int32_t lat = kLatNotAvailable;
  std::uint32_t course = kCourseNotAvailable;  ///< 1/10 deg
  std::uint32_t heading = kHeadingNotAvailable;
  std::uint32_t second = 60;
  std::uint32_t maneuver = 0;
  bool raim = false;
  std::uint32_t radio = 0;
};

/// Types 4 and 11: base station report / UTC and date response.
struct BaseStationReport {
  std::uint32_t year = 0, month = 0, day = 0, hour = 24, minute = 60, second = 60;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint32_t epfd = 0;
  bool raim = false;
  std::uint32_t radio = 0;
};

/// Type 5: static and voyage related data.
struct StaticVoyageData {
  std::uint32_t ais_version = 0;
  std::uint32_t imo = 0;
  FixedText<7> callsign;
  FixedText<20> shipname;
  std::uint32_t shiptype = 0;
  std::uint32_t to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
  std::uint32_t epfd = 0;
  std::uint32_t month = 0, day = 0, hour = 24, minute = 60;
  std::uint32_t draught = 0;  ///< 1/10 m
  FixedText<20> destination;
  std::uint32_t dte = 0;
};

/// Types 7 and 13: binary / safety acknowledge (up to four destinations).
struct Acknowledge {
  std::uint32_t mmsi[4] = {0, 0, 0, 0};
  std::uint32_t seqno[4] = {0, 0, 0, 0};
  std::uint8_t count = 0;
};

/// Type 9: standard SAR aircraft position report.
struct SarAircraftPosition {
  std::uint32_t alt = 4095;                  ///< metres
  std::uint32_t speed = kSpeedNotAvailable;  ///< knots (not tenths)
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint32_t course = kCourseNotAvailable;
  std::uint32_t second = 60;
  std::uint32_t regional = 0;
  std::uint32_t dte = 0;
  bool assigned = false;
  bool raim = false;
  std::uint32_t radio = 0;
};

/// Type 10: UTC and date inquiry.
struct UtcInquiry {
  std::uint32_t dest_mmsi = 0;
};

/// Type 12: addressed safety related message.
struct SafetyAddressed {
  std::uint32_t seqno = 0;
  std::uint32_t dest_mmsi = 0;
  bool retransmit = false;
  FixedText<160> text;
};

/// Type 14: safety related broadcast message.
struct SafetyBroadcast {
  FixedText<164> text;
};

/// Type 15: interrogation.
struct Interrogation {
  std::uint32_t mmsi1 = 0, type1_1 = 0, offset1_1 = 0, type1_2 = 0, offset1_2 = 0;
  std::uint32_t mmsi2 = 0, type2_1 = 0, offset2_1 = 0;
};

/// Type 16: assigned mode command.
struct AssignedModeCommand {
  std::uint32_t mmsi1 = 0, offset1 = 0, increment1 = 0;
  std::uint32_t mmsi2 = 0, offset2 = 0, increment2 = 0;
};

/// Type 17: GNSS broadcast binary message (DGNSS corrections).
struct DgnssBroadcast {
  std::int32_t lon = 0;  ///< 1/10 min
  std::int32_t lat = 0;
  BitData<736> data;
};

/// Type 18: standard Class B position report.
struct ClassBPosition {
  std::uint32_t reserved = 0;
  std::uint32_t speed = kSpeedNotAvailable;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint32_t course = kCourseNotAvailable;
  std::uint32_t heading = kHeadingNotAvailable;
  std::uint32_t second = 60;
  std::uint32_t regional = 0;
  bool cs = false, display = false, dsc = false, band = false, msg22 = false, assigned = false;
  bool raim = false;
  std::uint32_t radio = 0;
};

/// Type 19: extended Class B position report.
struct ClassBExtended {
  std::uint32_t reserved = 0;
  std::uint32_t speed = kSpeedNotAvailable;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint32_t course = kCourseNotAvailable;
  std::uint32_t heading = kHeadingNotAvailable;
  std::uint32_t second = 60;
  std::uint32_t regional = 0;
  FixedText<20> shipname;
  std::uint32_t shiptype = 0;
  std::uint32_t to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
  std::uint32_t epfd = 0;
  bool raim = false;
  std::uint32_t dte = 0;
  bool assigned = false;
};

/// Type 20: data link management (up to four reservations).
struct DataLinkManagement {
  std::uint32_t offset[4] = {}, number[4] = {}, timeout[4] = {}, increment[4] = {};
  std::uint8_t count = 0;
};

/// Type 21: aid-to-navigation report.
struct AidToNavigation {
  std::uint32_t aid_type = 0;
  /// 20 characters plus up to 16 of name extension (trailing spaces trimmed).
  FixedText<36> name;
  /// Characters decoded before trimming: gpsd 3.22 keeps the name in a 35-byte
  /// field, so a 35- or 36-character name spills into the fields after it; the
  /// output layer reproduces that (see aid_to_navigation.cpp).
  std::uint8_t name_untrimmed_length = 0;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint32_t to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
  std::uint32_t epfd = 0;
  std::uint32_t second = 60;
  bool off_position = false;
  std::uint32_t regional = 0;
  bool raim = false;
  bool virtual_aid = false;
  bool assigned = false;
};

/// Type 22: channel management.
struct ChannelManagement {
  std::uint32_t channel_a = 0, channel_b = 0, txrx = 0;
  bool power = false;
  std::int32_t ne_lon = 0, ne_lat = 0, sw_lon = 0, sw_lat = 0;  ///< 1/10 min, when broadcast
  std::uint32_t dest1 = 0, dest2 = 0;                           ///< when addressed
  bool addressed = false;
  bool band_a = false, band_b = false;
  std::uint32_t zonesize = 0;
};

/// Type 23: group assignment command.
struct GroupAssignment {
  std::int32_t ne_lon = 0, ne_lat = 0, sw_lon = 0, sw_lat = 0;  ///< 1/10 min
  std::uint32_t stationtype = 0, shiptype = 0, txrx = 0, interval = 0, quiet = 0;
};

/// Type 24: Class B static data report, part A, part B, or both merged.
struct StaticDataReport {
  enum class Part : std::uint8_t { kBoth, kA, kB };
  Part part = Part::kBoth;
  FixedText<20> shipname;
  std::uint32_t shiptype = 0;
  FixedText<7> vendorid;
  std::uint32_t model = 0, serial = 0;
  FixedText<7> callsign;
  bool auxiliary = false;  ///< MMSI 98XXXYYYY: mothership MMSI instead of dimensions
  std::uint32_t mothership_mmsi = 0;
  std::uint32_t to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
};

/// Types 25 and 26: single / multiple slot binary message.
struct SlotBinary {
  bool addressed = false;
  bool structured = false;
  std::uint32_t dest_mmsi = 0;
  std::uint32_t app_id = 0;
  BitData<1004> data;
  std::uint32_t radio = 0;  ///< type 26 only
};

/// Type 27: long range AIS broadcast.
struct LongRangePosition {
  bool accuracy = false;
  bool raim = false;
  std::uint32_t status = 0;
  std::int32_t lon = 181 * 600;  ///< 1/10 min
  std::int32_t lat = 91 * 600;
  std::uint32_t speed = 63;    ///< knots
  std::uint32_t course = 511;  ///< degrees
  bool gnss = false;
};

using MessageBody =
    std::variant<std::monostate, PositionReport, BaseStationReport, StaticVoyageData,
                 AddressedBinary, Acknowledge, BroadcastBinary, SarAircraftPosition, UtcInquiry,
                 SafetyAddressed, SafetyBroadcast, Interrogation, AssignedModeCommand,
                 DgnssBroadcast, ClassBPosition, ClassBExtended, DataLinkManagement,
                 AidToNavigation, ChannelManagement, GroupAssignment, StaticDataReport, SlotBinary,
                 LongRangePosition>;

/// One decoded AIS message.
struct Message {
  std::uint32_t type = 0;
  std::uint32_t repeat = 0;
  std::uint32_t mmsi = 0;
  MessageBody body;
};

}  // namespace sw::ais
