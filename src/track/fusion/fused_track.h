#pragma once
/// FusedTrack: one vessel or asset of the picture, the unit the engine stores, serves and
/// assesses. Tracks describe vessels, never persons.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "core/observation.h"

namespace sw::track {

/// What the picture knows a track to be.
enum class TrackClass : std::uint8_t {
  kCooperative,  ///< identified by AIS (an MMSI)
  kDark,         ///< seen only by radar or aircraft: no AIS correlates with it
  kOwnAsset,     ///< a patrol vessel or aircraft of the nodes' own forces (CoT uid)
};

/// Life-cycle of a picture track as served.
enum class PictureStatus : std::uint8_t {
  kConfirmed,  ///< updated recently
  kCoasting,   ///< no update for a while; position is predicted
  kLost,       ///< dropped from the picture
  kMerged,     ///< a dark contact found to be a cooperative vessel (see merged_into)
};

const char* to_string(TrackClass track_class);
const char* to_string(PictureStatus status);

/// One track of the picture at one time.
struct FusedTrack {
  std::uint64_t id = 0;  ///< picture id, stable for the track's life, deterministic
  TrackClass track_class = TrackClass::kDark;
  PictureStatus status = PictureStatus::kConfirmed;
  TimeNs time = 0;  ///< sensor time of the estimate
  LatLon position;
  Velocity velocity;
  Covariance2 covariance;           ///< position, metres^2
  Covariance2 velocity_covariance;  ///< velocity, (m/s)^2
  std::optional<std::uint32_t> mmsi;
  std::string asset_id;  ///< CoT uid of an own asset
  std::string callsign;
  std::vector<std::pair<std::string, std::string>> details;  ///< AIS static data etc.
  std::vector<std::string> sources;                          ///< contributing source ids, sorted
  std::uint64_t merged_into = 0;                             ///< kMerged: the absorbing track
  std::uint32_t updates = 0;                                 ///< observations that updated it
  Label label;       ///< label of the latest contributing observation
  std::string node;  ///< partner node that owns the track (federation); empty: this node

  /// Value of a detail (e.g. "shipname"), or empty.
  std::string detail(const std::string& key) const;
  /// Sets or replaces a detail.
  void set_detail(const std::string& key, const std::string& value);
  /// Adds a source id if it is not there yet (kept sorted).
  void add_source(const std::string& source_id);
};

}  // namespace sw::track
