#pragma once
/// Entity: one simulated vessel, aircraft or drone — who it is, what it is doing and how
/// it moves. Positions are kept in the simulator's local east-north plane (metres).

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/counter_rng.h"
#include "core/geo.h"

namespace sw::sim {

/// Stable identifier of an entity within a run (1, 2, ... in creation order).
using EntityId = std::uint32_t;

/// What an entity is.
enum class EntityKind : std::uint8_t {
  kMerchant,
  kFerry,
  kFishing,
  kPleasure,
  kSmallBoat,
  kPatrol,
  kAircraft,
  kDrone,
};

/// "merchant", "ferry", "fishing", "pleasure", "small_boat", "patrol", "aircraft", "drone".
const char* to_string(EntityKind kind);

/// True for vessels (seen by radar and AIS), false for aircraft and drones.
bool is_surface(EntityKind kind);

/// What an entity is doing.
enum class Activity : std::uint8_t {
  kWaiting,    ///< not yet in the scene (a later arrival or launch)
  kUnderWay,   ///< following its route
  kFishing,    ///< working a fishing ground
  kMoored,     ///< alongside in port (ferry turnaround)
  kDrifting,   ///< engine failed: moves with wind and current only
  kReturning,  ///< turned back towards where it came from
  kGone,       ///< left the scene (left the lanes, landed, returned)
};

/// "waiting", "under_way", "fishing", "moored", "drifting", "returning", "gone".
const char* to_string(Activity activity);

/// AIS carriage.
enum class AisClass : std::uint8_t { kNone, kA, kB };

/// Identity and particulars a vessel broadcasts over AIS.
struct VesselParticulars {
  AisClass ais_class = AisClass::kNone;
  std::uint32_t mmsi = 0;
  std::uint32_t imo = 0;
  std::string name;
  std::string callsign;
  std::string destination;
  std::uint32_t ship_type = 0;  ///< ITU-R M.1371 ship and cargo type
  std::uint32_t to_bow = 0;
  std::uint32_t to_stern = 0;
  std::uint32_t to_port = 0;
  std::uint32_t to_starboard = 0;
  double draught_m = 0.0;

  double length_m() const { return static_cast<double>(to_bow + to_stern); }
};

/// Motion state in the local plane.
struct Kinematics {
  EastNorth position;
  double speed_mps = 0.0;   ///< over ground
  double course_deg = 0.0;  ///< over ground, degrees true
  double turn_rate_deg_s = 0.0;
  double altitude_m = 0.0;

  /// Velocity over ground, metres per second east and north.
  EastNorth velocity() const;
};

/// How an entity follows its waypoints.
struct Steering {
  std::vector<EastNorth> waypoints;
  std::size_t next = 0;
  bool loop = false;
  double cruise_mps = 0.0;
  double max_turn_deg_s = 3.0;
  double speed_sigma_mps = 0.0;   ///< speed noise (Ornstein-Uhlenbeck), one sigma
  double course_sigma_deg = 0.0;  ///< course noise (Ornstein-Uhlenbeck), one sigma
  double noise_tau_s = 60.0;      ///< correlation time of both noises
  double speed_noise_mps = 0.0;
  double course_noise_deg = 0.0;
};

/// What happens to a small boat after launch.
enum class SmallBoatFate : std::uint8_t { kCrosses, kEngineFailure, kTurnsBack };

/// Per-kind plan: when the entity appears, and the events of its life.
struct Plan {
  TimeNs appear_at = 0;
  Activity on_appear = Activity::kUnderWay;  ///< activity from appear_at on
  TimeNs next_event_at = 0;                  ///< ferry departure, small boat failure / turn-back
  TimeNs stopped_at = -1;                    ///< when a small boat's engine failed (-1: never)
  SmallBoatFate fate = SmallBoatFate::kCrosses;
  EastNorth origin;  ///< launch point (small boats), home port (ferries)
  EastNorth destination;
  double dwell_s = 0.0;          ///< ferry turnaround
  std::vector<EastNorth> area;   ///< closed ring to wander in (fishing, pleasure)
  double leeway_fraction = 0.0;  ///< drifting boats
  /// Error of the forcing a drifting boat really meets, drawn when it stops: added to the
  /// leeway fraction and to the current (m/s), the wind turned and scaled (see
  /// EnvironmentConfig::drift_*_sigma).
  double leeway_fraction_error = 0.0;
  EastNorth wind_error_mps;
  EastNorth current_error_mps;
  TimeNs leave_at = -1;             ///< leaves the scene then (-1: never); aircraft off station
  std::size_t aircraft_config = 0;  ///< index into Scenario::aircraft (aircraft, drones)
};

/// One simulated entity.
struct Entity {
  EntityId id = 0;
  EntityKind kind = EntityKind::kMerchant;
  std::string name;
  std::string nation;  ///< "GB", "FR", ... where it matters (patrols, aircraft)
  VesselParticulars vessel;
  double rcs_m2 = 1.0;        ///< radar cross-section
  int persons_on_board = -1;  ///< -1: not modelled
  Activity activity = Activity::kWaiting;
  Kinematics state;
  Steering steering;
  Plan plan;
  CounterRng rng{0, 0};
  bool cot_position = false;  ///< reports its own position as a CoT own asset
  double cot_interval_s = 10.0;
  std::vector<std::string> releasable_to;

  /// In the scene: neither waiting nor gone.
  bool active() const { return activity != Activity::kWaiting && activity != Activity::kGone; }
};

}  // namespace sw::sim
