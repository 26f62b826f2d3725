#pragma once
/// Reports: what the simulator emits — ground truth, and every sensor's output as plain
/// structs, before any wire format. The writers (writers.h) turn them into AIS NMEA,
/// ASTERIX CAT010/034, Cursor-on-Target XML, distress JSON and truth CSV.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "ingest/ais/messages.h"
#include "sim/entity.h"

namespace sw::sim {

/// Ground truth of one entity at one time.
struct TruthRecord {
  TimeNs time = 0;
  EntityId id = 0;
  EntityKind kind = EntityKind::kMerchant;
  Activity activity = Activity::kUnderWay;
  std::string name;
  std::uint32_t mmsi = 0;  ///< 0 when it has no AIS
  LatLon position;
  double altitude_m = 0.0;
  double speed_kn = 0.0;      ///< over ground
  double course_deg = 0.0;    ///< over ground
  int persons_on_board = -1;  ///< -1: not modelled
};

/// One AIS message as received by one shore station (time: transmission, whole seconds).
struct AisReport {
  TimeNs time = 0;
  std::string receiver_id;
  char channel = 'A';
  EntityId truth_id = 0;
  ais::Message message;
};

/// The antenna of a radar passes north: a scan begins (ASTERIX CAT034 north marker).
struct RadarNorthMarker {
  TimeNs time = 0;
  std::string radar_id;
  std::uint8_t sac = 0;
  std::uint8_t sic = 0;
  std::uint32_t scan = 0;  ///< scan number from 0
  double rotation_period_s = 0.0;
  LatLon site;
  double height_m = 0.0;
};

/// One radar plot (time: when the beam crossed the target).
struct RadarPlot {
  TimeNs time = 0;
  std::string radar_id;
  std::uint8_t sac = 0;
  std::uint8_t sic = 0;
  std::uint32_t scan = 0;
  double range_m = 0.0;      ///< measured, geodesic from the site
  double azimuth_deg = 0.0;  ///< measured, degrees true
  LatLon position;           ///< the measured range and azimuth placed from the site
  double range_sigma_m = 0.0;
  double azimuth_sigma_deg = 0.0;
  EntityId truth_id = 0;  ///< 0: clutter
  LatLon truth_position;  ///< the target at `time` (clutter: the plot itself)
  /// Track reports only (radars with `tracks`): the radar's track number (1..4095; 0 for a
  /// plot), whether the track is confirmed (third detection on), and its velocity.
  std::uint16_t track_number = 0;
  bool track_confirmed = false;
  EastNorth track_velocity_mps;
};

/// A boat seen from an aircraft or drone (Cursor-on-Target "a-u-S").
struct SightingReport {
  TimeNs time = 0;
  EntityId observer_id = 0;
  std::string observer_callsign;
  std::string contact_uid;  ///< stable per observer and contact
  LatLon position;
  double position_sigma_m = 0.0;
  double course_deg = 0.0;
  double speed_mps = 0.0;
  int persons_estimate = -1;
  std::vector<std::string> releasable_to;
  EntityId truth_id = 0;
  LatLon truth_position;
};

/// An own asset's position (Cursor-on-Target "a-f-A-..." or "a-f-S-...").
struct AssetPosition {
  TimeNs time = 0;
  EntityId id = 0;
  EntityKind kind = EntityKind::kPatrol;
  std::string uid;
  std::string callsign;
  std::string nation;
  LatLon position;
  double altitude_m = 0.0;
  double course_deg = 0.0;
  double speed_mps = 0.0;
  double interval_s = 0.0;  ///< time to the next report
  std::vector<std::string> releasable_to;
};

/// A distress call about a stopped boat, as relayed to a rescue centre.
struct DistressEvent {
  TimeNs time = 0;
  std::string report_id;
  LatLon position;
  double uncertainty_m = 0.0;
  int persons_on_board = -1;
  std::string source;  ///< "phone", "ngo"
  std::string text;
  EntityId truth_id = 0;
  LatLon truth_position;
};

/// Anything the simulator emits.
using Report = std::variant<TruthRecord, AisReport, RadarNorthMarker, RadarPlot, SightingReport,
                            AssetPosition, DistressEvent>;

/// The time of any report.
TimeNs report_time(const Report& report);

}  // namespace sw::sim
