#pragma once
/// TrackUpdate and TrackRecord: what the engine hands the history store for each track
/// at each step, and what the store gives back. Positions are WGS-84, velocity and
/// covariance in the local east-north frame at the track position (m/s, m^2).

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "core/observation.h"

namespace sw::store {

/// Life-cycle stage of a stored track; kDeleted is the track's last update.
enum class TrackStatus : std::uint8_t { kTentative, kConfirmed, kCoasting, kDeleted };

/// What kind of object a track is.
enum class TrackClass : std::uint8_t {
  kCooperative,  ///< identified by AIS
  kDark,         ///< seen only by radar, aircraft or reports
  kAsset,        ///< own patrol boat, aircraft or drone
};

const char* to_string(TrackStatus status);
const char* to_string(TrackClass track_class);

/// Who a track is, as far as anyone said.
struct TrackIdentity {
  std::optional<std::uint32_t> mmsi;
  std::string name;
  std::string callsign;
  std::optional<std::uint8_t> ship_type;  ///< AIS ship and cargo type
  std::optional<double> length_m;
  std::optional<double> width_m;
  std::string asset_id;  ///< own assets (CoT uid, patrol id)

  bool operator==(const TrackIdentity&) const = default;
};

/// One track at one time: written by the engine once per pipeline step.
struct TrackUpdate {
  std::uint64_t track_id = 0;
  TimeNs time = 0;
  LatLon position;
  Velocity velocity;
  Covariance2 covariance;  ///< position covariance, m^2
  TrackStatus status = TrackStatus::kTentative;
  TrackClass track_class = TrackClass::kDark;
  TrackIdentity identity;
  Label label;
};

/// One stored position of a track.
struct TrackPosition {
  std::uint64_t track_id = 0;
  TimeNs time = 0;
  LatLon position;
  Velocity velocity;
  Covariance2 covariance;
  TrackStatus status = TrackStatus::kTentative;
};

/// A track as stored: identity and label from its latest update, first and last times,
/// and one position (the latest, or the latest at the queried time).
struct TrackRecord {
  std::uint64_t track_id = 0;
  TrackClass track_class = TrackClass::kDark;
  TrackIdentity identity;
  Label label;
  TimeNs first_seen = 0;
  TimeNs last_seen = 0;
  TrackPosition position;
};

}  // namespace sw::store
