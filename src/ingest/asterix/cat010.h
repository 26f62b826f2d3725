#pragma once
/// CAT010 records (EUROCONTROL ASTERIX Part 7, Category 010 "Transmission of Monosensor
/// Surface Movement Data", edition 1.1): what a surface-movement / coastal VTS radar sends
/// for each plot or track. Values are in physical units (metres, degrees, seconds); every
/// item is optional because any may be absent from a record.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "ingest/asterix/common.h"

namespace sw::asterix {

/// I010/000 Message Type.
enum class Cat010MessageType : std::uint8_t {
  kTargetReport = 1,
  kStartOfUpdateCycle = 2,
  kPeriodicStatus = 3,
  kEventStatus = 4,
};

/// I010/020 TYP: the kind of sensor that detected the target.
enum class Cat010DetectionType : std::uint8_t {
  kSsrMultilateration = 0,
  kModeSMultilateration = 1,
  kAdsb = 2,
  kPsr = 3,
  kMagneticLoop = 4,
  kHfMultilateration = 5,
  kNotDefined = 6,
  kOther = 7,
};

/// I010/020 Target Report Descriptor (extensible: octet 1, extensions 1 and 2).
struct TargetReportDescriptor {
  Cat010DetectionType typ = Cat010DetectionType::kPsr;
  bool dcr = false;  ///< differential correction (ADS-B)
  bool chn = false;  ///< chain 2
  bool gbs = false;  ///< transponder ground bit set
  bool crt = false;  ///< corrupted replies in multilateration
  // First extension.
  bool sim = false;      ///< simulated target report
  bool tst = false;      ///< test target
  bool rab = false;      ///< report from field monitor (fixed transponder)
  std::uint8_t lop = 0;  ///< loop status, 2 bits
  std::uint8_t tot =
      0;  ///< type of object: 0 undefined, 1 aircraft, 2 ground vehicle, 3 helicopter
  // Second extension.
  bool spi = false;  ///< special position identification

  bool operator==(const TargetReportDescriptor&) const = default;
};

/// I010/040 Measured Position in Polar Co-ordinates (range LSB 1 m, azimuth 360/2^16 deg,
/// clockwise from north).
struct PolarPosition {
  double range_m = 0.0;
  double azimuth_deg = 0.0;

  bool operator==(const PolarPosition&) const = default;
};

/// I010/042 Position in Cartesian Co-ordinates relative to the sensor (LSB 1 m, signed,
/// x towards east, y towards north).
struct CartesianPosition {
  double x_m = 0.0;
  double y_m = 0.0;

  bool operator==(const CartesianPosition&) const = default;
};

/// I010/200 Calculated Track Velocity in Polar Co-ordinates (ground speed LSB 2^-14 NM/s,
/// track angle 360/2^16 deg).
struct PolarVelocity {
  double ground_speed_nm_per_s = 0.0;
  double track_angle_deg = 0.0;

  bool operator==(const PolarVelocity&) const = default;
};

/// I010/202 Calculated Track Velocity in Cartesian Co-ordinates (LSB 0.25 m/s, signed).
struct CartesianVelocity {
  double vx_mps = 0.0;
  double vy_mps = 0.0;

  bool operator==(const CartesianVelocity&) const = default;
};

/// I010/170 Track Status (extensible: octet 1, extensions 1 and 2).
struct TrackStatus {
  bool cnf = false;      ///< true: track in initialisation phase (false: confirmed)
  bool tre = false;      ///< last report for the track
  std::uint8_t cst = 0;  ///< extrapolation, 2 bits
  bool mah = false;      ///< horizontal manoeuvre
  bool tcc = false;      ///< tracked in a 2D plane tangential at the sensor
  bool sth = false;      ///< smoothed (true) or measured position
  // First extension.
  std::uint8_t tom = 0;  ///< type of movement, 2 bits
  std::uint8_t dou = 0;  ///< doubt, 3 bits
  std::uint8_t mrs = 0;  ///< merge/split, 2 bits
  // Second extension.
  bool gho = false;  ///< ghost track

  bool operator==(const TrackStatus&) const = default;
};

/// I010/060 Mode-3/A Code in Octal Representation.
struct Mode3aCode {
  bool not_validated = false;       ///< V
  bool garbled = false;             ///< G
  bool not_from_last_scan = false;  ///< L
  std::uint16_t code = 0;           ///< 12 bits, four octal digits (e.g. 07777 octal)

  bool operator==(const Mode3aCode&) const = default;
};

/// I010/270 Target Size and Orientation (extensible: length, then orientation, then width).
struct TargetSize {
  double length_m = 0.0;                  ///< LSB 1 m, 0..127
  std::optional<double> orientation_deg;  ///< LSB 360/128 deg, from north
  std::optional<double> width_m;          ///< LSB 1 m, 0..127; only with an orientation

  bool operator==(const TargetSize&) const = default;
};

/// I010/500 Standard Deviation of Position (sigma x, sigma y LSB 0.25 m unsigned;
/// covariance xy LSB 0.25 m^2, signed 16 bits).
struct PositionDeviation {
  double sigma_x_m = 0.0;
  double sigma_y_m = 0.0;
  double covariance_xy_m2 = 0.0;

  bool operator==(const PositionDeviation&) const = default;
};

/// I010/550 System Status.
struct SystemStatus {
  std::uint8_t nogo = 0;  ///< 0 operational, 1 degraded, 2 NOGO
  bool ovl = false;       ///< overload
  bool tsv = false;       ///< time source invalid
  bool div = false;       ///< diversity degraded
  bool ttf = false;       ///< test target failure

  bool operator==(const SystemStatus&) const = default;
};

/// One CAT010 record. Items the library does not model (I010/090, 091, 131, 210, 250,
/// 280, 300, 310, SP, RE) are kept in `other_items` as raw bytes and written back by the
/// encoder in UAP order.
struct Cat010Record {
  std::optional<DataSourceId> data_source;              // I010/010
  std::optional<Cat010MessageType> message_type;        // I010/000
  std::optional<TargetReportDescriptor> descriptor;     // I010/020
  std::optional<double> time_of_day_s;                  // I010/140, UTC since midnight, LSB 1/128 s
  std::optional<LatLon> position_wgs84;                 // I010/041, LSB 180/2^31 deg
  std::optional<PolarPosition> position_polar;          // I010/040
  std::optional<CartesianPosition> position_cartesian;  // I010/042
  std::optional<PolarVelocity> velocity_polar;          // I010/200
  std::optional<CartesianVelocity> velocity_cartesian;  // I010/202
  std::optional<std::uint16_t> track_number;            // I010/161, 12 bits
  std::optional<TrackStatus> track_status;              // I010/170
  std::optional<Mode3aCode> mode3a;                     // I010/060
  std::optional<std::uint32_t> target_address;          // I010/220, 24 bits
  std::optional<std::string> target_identification;  // I010/245, up to 8 chars, trailing spaces cut
  std::optional<std::uint8_t> target_identification_sti;  // I010/245 STI (with the above)
  std::optional<TargetSize> target_size;                  // I010/270
  std::optional<SystemStatus> system_status;              // I010/550
  std::optional<PositionDeviation> position_deviation;    // I010/500
  std::vector<RawItem> other_items;  ///< unmodelled items, one per FRN, as received

  /// Every member equal (positions compared by latitude and longitude).
  bool operator==(const Cat010Record& other) const;
};

}  // namespace sw::asterix
