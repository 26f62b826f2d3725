#pragma once
/// Per-family hooks of the AIS codec. A message family (a struct in messages.h or
/// binary_messages.h) is wired in by providing, in its own source file:
///   DecodeError decode_body(const Bits&, Message& header, Family& body)
///   void write_json(const Message&, const Family&, bool scaled, JsonOut&)
///   void write_csv(const Message&, const Family&, CsvOut&)
/// and by one case in decode.cpp's type switch. The header fields (type, repeat,
/// mmsi) are decoded and printed by the dispatcher.

#include <cstdint>
#include <string_view>

#include "ingest/ais/bits.h"
#include "ingest/ais/json_out.h"
#include "ingest/ais/messages.h"

namespace sw::ais {

/// Why a reassembled payload was not decoded.
enum class DecodeError : std::uint8_t {
  kNone,
  kTooShort,        ///< payload shorter than its type requires
  kTooLong,         ///< payload longer than its type allows
  kUnknownType,     ///< type 0 or 28..63
  kUnknownSubtype,  ///< e.g. type 24 part number 2 or 3
};

const char* to_string(DecodeError error);

/// gpsd's length rules: "permissive" types accept longer payloads, "range" types
/// accept [min, max] only.
inline DecodeError require_at_least(const Bits& bits, std::size_t min_bits) {
  return bits.size() < min_bits ? DecodeError::kTooShort : DecodeError::kNone;
}
inline DecodeError require_range(const Bits& bits, std::size_t min_bits, std::size_t max_bits) {
  if (bits.size() < min_bits) return DecodeError::kTooShort;
  if (bits.size() > max_bits) return DecodeError::kTooLong;
  return DecodeError::kNone;
}

#define SW_AIS_FAMILY(Family)                                                             \
  DecodeError decode_body(const Bits& bits, Message& header, Family& body);               \
  void write_json(const Message& header, const Family& body, bool scaled, JsonOut& json); \
  void write_csv(const Message& header, const Family& body, CsvOut& csv);

SW_AIS_FAMILY(PositionReport)       // types 1-3      position_report.cpp
SW_AIS_FAMILY(BaseStationReport)    // types 4, 11    base_station.cpp
SW_AIS_FAMILY(StaticVoyageData)     // type 5         static_voyage.cpp
SW_AIS_FAMILY(AddressedBinary)      // type 6         binary_addressed.cpp
SW_AIS_FAMILY(Acknowledge)          // types 7, 13    acknowledge.cpp
SW_AIS_FAMILY(BroadcastBinary)      // type 8         binary_broadcast.cpp
SW_AIS_FAMILY(SarAircraftPosition)  // type 9         sar_aircraft.cpp
SW_AIS_FAMILY(UtcInquiry)           // type 10        utc_inquiry.cpp
SW_AIS_FAMILY(SafetyAddressed)      // type 12        safety_text.cpp
SW_AIS_FAMILY(SafetyBroadcast)      // type 14        safety_text.cpp
SW_AIS_FAMILY(Interrogation)        // type 15        interrogation.cpp
SW_AIS_FAMILY(AssignedModeCommand)  // type 16        assigned_mode.cpp
SW_AIS_FAMILY(DgnssBroadcast)       // type 17        dgnss_broadcast.cpp
SW_AIS_FAMILY(ClassBPosition)       // type 18        class_b_position.cpp
SW_AIS_FAMILY(ClassBExtended)       // type 19        class_b_extended.cpp
SW_AIS_FAMILY(DataLinkManagement)   // type 20        data_link.cpp
SW_AIS_FAMILY(AidToNavigation)      // type 21        aid_to_navigation.cpp
SW_AIS_FAMILY(ChannelManagement)    // type 22        channel_management.cpp
SW_AIS_FAMILY(GroupAssignment)      // type 23        channel_management.cpp
SW_AIS_FAMILY(StaticDataReport)   // type 24        static_data_report.cpp (decoded by the Decoder:
                                  // needs the part-A cache)
SW_AIS_FAMILY(SlotBinary)         // types 25, 26   slot_binary.cpp
SW_AIS_FAMILY(LongRangePosition)  // type 27        long_range.cpp

#undef SW_AIS_FAMILY

/// MMSI 98MIDXXXX: an auxiliary craft of a mother ship (ITU-R M.585); its type 24
/// part B carries the mother ship's MMSI instead of dimensions.
bool is_auxiliary_mmsi(std::uint32_t mmsi);

/// Bits 38-138 shared by the Class B position reports (types 18 and 19): reserved,
/// speed, accuracy, position, course, heading and UTC second.
template <typename ClassBReport>
void decode_class_b_motion(const Bits& bits, ClassBReport& body) {
  body.reserved = bits.u(38, 8);
  body.speed = bits.u(46, 10);
  body.accuracy = bits.flag(56);
  body.lon = bits.s(57, 28);
  body.lat = bits.s(85, 27);
  body.course = bits.u(112, 12);
  body.heading = bits.u(124, 9);
  body.second = bits.u(133, 6);
}

/// Shared formatting used by several families.
/// Latitude/longitude in 1/10000 minute, printed "%.6f" degrees (scaled) or raw.
void json_latlon(JsonOut& json, const char* lon_name, std::int32_t lon, const char* lat_name,
                 std::int32_t lat, bool scaled);
/// Speed over ground in 1/10 kn, printed "%.1f" (scaled) or raw.
void json_speed_tenths(JsonOut& json, std::uint32_t speed, bool scaled);
/// Course over ground in 1/10 deg, printed "%.1f" (scaled) or raw.
void json_course_tenths(JsonOut& json, std::uint32_t course, bool scaled);

/// "to_bow","to_stern","to_port","to_starboard" (metres).
void json_dimensions(JsonOut& json, std::uint32_t to_bow, std::uint32_t to_stern,
                     std::uint32_t to_port, std::uint32_t to_starboard);
/// "shiptype" and its legend "shiptype_text".
void json_ship_type(JsonOut& json, std::uint32_t shiptype);
/// "epfd" and its legend "epfd_text".
void json_epfd(JsonOut& json, std::uint32_t epfd);
/// gpsd's UTC stamps: "%04u-%02u-%02uT%02u:%02u:%02uZ" with a year, or
/// "%02u-%02uT%02u:%02uZ" (an ETA) without year and second (pass -1).
void append_stamp(TextBuffer& out, std::int64_t year, std::uint32_t month, std::uint32_t day,
                  std::uint32_t hour, std::uint32_t minute, std::int64_t second);

/// Human-readable legends (ITU-R M.1371-5 tables, with gpsd's wording for
/// byte-identical output).
std::string_view navigation_status_text(std::uint32_t status);
std::string_view epfd_text(std::uint32_t epfd);
std::string_view ship_type_text(std::uint32_t shiptype);
std::string_view station_type_text(std::uint32_t stationtype);
std::string_view navaid_type_text(std::uint32_t aid_type);

}  // namespace sw::ais
