#pragma once
/// RiskPicture: the tracks as the assessors see them — each picture track with its role
/// (small craft at risk, ship that endangers it, own asset, other), its position in a
/// local plane, and a spatial grid so an assessor asks "who is near" instead of looping
/// over every pair. Fed with the picture's track updates; lost and merged tracks leave.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "core/observation.h"
#include "track/fusion/fused_track.h"

namespace sw::risk {

/// What a track is to the assessors.
enum class VesselRole : std::uint8_t {
  kSmallCraft,  ///< at risk: dark contacts, small or pleasure AIS targets
  kShip,        ///< large enough to run a small craft down
  kOwnAsset,    ///< patrol, rescue and law-enforcement units (never a collision threat)
  kOther,       ///< neither (e.g. a fishing vessel of unknown size)
};

const char* to_string(VesselRole role);

/// How tracks are given roles.
struct RoleSettings {
  double small_craft_max_length_m = 20.0;  ///< AIS length below this: small craft
  /// Dark contacts faster than this are not small boats in distress terms (a ship with
  /// its AIS off): they count as ships.
  double dark_ship_min_speed_mps = 7.0;
  double dark_ship_max_sigma_mps = 1.0;  ///< ... with its speed known this well
  /// A dark contact this close to an AIS or own-asset track is taken for that vessel's own
  /// radar echo (not yet linked by the correlator): it is no small craft of its own.
  double echo_radius_m = 400.0;
  double echo_max_speed_difference_mps = 2.0;  ///< ... and moving with it
};

/// One track as the assessors use it.
struct RiskTrack {
  std::uint64_t id = 0;
  VesselRole role = VesselRole::kOther;
  VesselRole base_role = VesselRole::kOther;  ///< the role from the track alone
  std::uint64_t echo_of = 0;  ///< the identified vessel a dark contact is taken to be (0: none)
  track::TrackClass track_class = track::TrackClass::kDark;
  bool coasting = false;
  TimeNs time = 0;
  LatLon position;
  EastNorth plane;  ///< position in the picture plane at `time`
  Velocity velocity;
  Covariance2 covariance;
  Covariance2 velocity_covariance;
  double length_m = 0;  ///< 0: unknown
  std::string name;
  std::optional<std::uint32_t> mmsi;
  std::string asset_id;
  Label label;

  double speed_mps() const;
  /// Position in the plane at `at` (constant velocity from `time`).
  EastNorth plane_at(TimeNs at) const;
  /// "dark contact 17", "CMA CGM TIGRIS (MMSI 228000001)", ...
  std::string describe() const;
};

/// Velocity fitted by least squares to a track's measured positions over a time window:
/// independent of the tracker's motion model, so a boat seen only now and then still gets
/// a speed once enough positions span the window.
struct FittedVelocity {
  Velocity velocity;
  double sigma_mps = 0;  ///< standard error of each component, from the fit's residuals
  double span_s = 0;     ///< time between the first and last position used
  int points = 0;
};

/// Role of a picture track.
VesselRole role_of(const track::FusedTrack& fused, const RoleSettings& settings);

class RiskPicture {
 public:
  explicit RiskPicture(LatLon origin, RoleSettings settings = {});

  /// Applies track updates in order: new and changed tracks enter, lost and merged leave.
  void apply(std::span<const track::FusedTrack> updates);
  /// Rebuilds the spatial index at `now` (positions extrapolated to `now`) and marks dark
  /// contacts that lie on an identified vessel as its echo (role kOther, echo_of set).
  void index(TimeNs now);
  /// Tracks whose indexed position is within `radius_m` of `point`, by id.
  std::vector<const RiskTrack*> near(EastNorth point, double radius_m) const;

  const std::map<std::uint64_t, RiskTrack>& tracks() const { return tracks_; }
  const RiskTrack* find(std::uint64_t id) const;
  const LocalFrame& frame() const { return frame_; }
  /// Velocity fitted to the track's updated positions within `window_s` before `now`;
  /// nullopt with fewer than 3 positions.
  std::optional<FittedVelocity> fitted_velocity(std::uint64_t id, TimeNs now,
                                                double window_s) const;

 private:
  static constexpr double kCellM = 4000.0;
  static std::int64_t cell_key(std::int64_t column, std::int64_t row);

  LocalFrame frame_;
  RoleSettings settings_;
  struct Fix {
    TimeNs time;
    EastNorth plane;
  };
  static constexpr double kHistoryS = 900.0;

  std::map<std::uint64_t, RiskTrack> tracks_;
  std::unordered_map<std::uint64_t, std::vector<Fix>> history_;  ///< updated positions
  std::unordered_map<std::int64_t, std::vector<const RiskTrack*>> grid_;
  std::unordered_map<std::uint64_t, EastNorth> indexed_;
};

}  // namespace sw::risk
