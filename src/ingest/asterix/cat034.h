#pragma once
/// CAT034 records (EUROCONTROL ASTERIX Part 2b, Category 034 "Transmission of Monoradar
/// Service Messages", edition 1.27+): north markers and sector crossings that frame a
/// radar's scans, and its status.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/geo.h"
#include "ingest/asterix/common.h"

namespace sw::asterix {

/// I034/000 Message Type.
enum class Cat034MessageType : std::uint8_t {
  kNorthMarker = 1,
  kSectorCrossing = 2,
  kGeographicalFiltering = 3,
  kJammingStrobe = 4,
  kSolarStorm = 5,
  kSsrJammingStrobe = 6,
  kModeSJammingStrobe = 7,
};

/// I034/120 3D-Position of Data Source (height LSB 1 m; latitude and longitude LSB
/// 180/2^23 deg).
struct SourcePosition {
  double height_m = 0.0;
  LatLon position;

  bool operator==(const SourcePosition& other) const {
    return height_m == other.height_m && position.lat == other.position.lat &&
           position.lon == other.position.lon;
  }
};

/// One CAT034 record. Items the library does not model (I034/050, 060, 070, 090, 100, 110,
/// RE, SP) are kept in `other_items` as raw bytes and written back by the encoder.
struct Cat034Record {
  std::optional<DataSourceId> data_source;          // I034/010
  std::optional<Cat034MessageType> message_type;    // I034/000
  std::optional<double> time_of_day_s;              // I034/030, UTC since midnight, LSB 1/128 s
  std::optional<double> sector_azimuth_deg;         // I034/020, LSB 360/2^8 deg
  std::optional<double> antenna_rotation_period_s;  // I034/041, LSB 1/128 s
  std::optional<SourcePosition> source_position;    // I034/120
  std::vector<RawItem> other_items;                 ///< unmodelled items, one per FRN, as received

  bool operator==(const Cat034Record&) const = default;
};

}  // namespace sw::asterix
