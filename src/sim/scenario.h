#pragma once
/// Scenario: everything a simulation run is made of, with defaults that give a realistic
/// hour in the Dover Strait. Read from TOML (see data/sim/dover_default.toml for every key);
/// every key is optional, an unknown key is an error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/result.h"
#include "sim/entity.h"

namespace sw::sim {

/// A closed interval [low, high] that values are drawn from uniformly.
struct Interval {
  double low = 0.0;
  double high = 0.0;
};

/// A place: a position, or the name of a point of the geography.
struct Place {
  std::optional<LatLon> position;
  std::string site;  ///< name (or part of a name) of a geography point
};

/// Weather and sea.
struct EnvironmentConfig {
  int sea_state = 2;  ///< Douglas sea state 0..9
  double wind_from_deg = 240.0;
  double wind_speed_kn = 12.0;
  double current_to_deg = 40.0;
  double current_speed_kn = 0.8;
  /// Forcing error of a boat adrift: when its engine fails, the simulator draws the wind
  /// and current that boat really drifts in from these standard deviations about the values
  /// above (constant for the drift; on top of the 0.05 m/s wander). A drift prediction only
  /// knows the values above, so its search areas are scored against a truth that is not its
  /// own model. 0 (the default): every boat drifts in exactly the configured forcing.
  double drift_wind_speed_sigma_kn = 0.0;
  double drift_wind_from_sigma_deg = 0.0;
  double drift_current_sigma_kn = 0.0;  ///< per axis (east, north)
  double drift_leeway_fraction_sigma = 0.0;
};

/// Merchant ships transiting the traffic separation scheme.
struct MerchantConfig {
  int initial = 36;                 ///< already in the lanes at the start (split between lanes)
  double arrivals_per_hour = 16.0;  ///< entering the lanes, all lanes together
  Interval speed_kn{10.0, 20.0};
  double lane_use = 0.6;  ///< largest offset from the lane axis, as a fraction of half a lane
};

/// Cross-Channel ferries shuttling between Dover and the French ports.
struct FerryConfig {
  int dover_calais = 4;
  int dover_dunkirk = 2;
  Interval speed_kn{17.0, 21.0};
  double turnaround_min = 50.0;
};

/// Fishing boats working the inshore zones.
struct FishingConfig {
  int count = 8;
  Interval speed_kn{2.5, 5.0};
  double class_b_fraction = 0.3;
};

/// Pleasure craft (Class B AIS).
struct PleasureConfig {
  int count = 6;
  Interval speed_kn{4.0, 7.0};
};

/// Small inflatable boats crossing from the French beaches without AIS.
struct SmallBoatConfig {
  int count = 6;
  double launch_window_s = 1800.0;  ///< launches spread over this time from the start
  Interval persons{40, 60};
  Interval speed_kn{3.0, 6.0};
  double engine_failure_probability = 0.3;
  Interval failure_after_min{10, 30};
  double turn_back_probability = 0.15;
  Interval turn_back_after_min{15, 40};
  double leeway_fraction = 0.035;  ///< drift speed as a fraction of the wind speed
};

/// A patrol vessel of one nation: AIS and/or Cursor-on-Target own-asset positions.
struct PatrolConfig {
  std::string name;
  std::string callsign;
  std::string nation;  ///< "GB", "FR", ...
  std::uint32_t mmsi = 0;
  bool ais = true;
  bool cot = false;
  double cot_interval_s = 10.0;
  double speed_kn = 10.0;
  std::vector<LatLon> route;  ///< patrolled in a loop
};

/// Flight pattern of an aircraft or drone.
enum class FlightPattern : std::uint8_t { kRacetrack, kLawnmower };

/// A surveillance aircraft or drone with a sensor footprint under it.
struct AircraftConfig {
  std::string name;
  std::string callsign;
  std::string nation;
  bool drone = false;
  FlightPattern pattern = FlightPattern::kRacetrack;
  LatLon centre;
  double length_m = 30000.0;
  double width_m = 8000.0;
  double heading_deg = 40.0;      ///< direction of the long legs
  double leg_spacing_m = 1500.0;  ///< lawnmower
  double altitude_m = 450.0;
  double speed_kn = 140.0;
  double footprint_radius_m = 5000.0;
  double look_interval_s = 10.0;
  double detection_probability = 0.8;
  double position_sigma_m = 50.0;
  double position_interval_s = 5.0;  ///< own-asset CoT position
  std::vector<std::string> releasable_to{"GBR", "FRA"};
  std::optional<TimeNs> on_station_from;   ///< default: the scenario start
  std::optional<TimeNs> on_station_until;  ///< leaves then; default: never
};

/// A shore radar.
struct RadarConfig {
  std::string id;
  std::uint8_t sac = 0;
  std::uint8_t sic = 0;
  Place place;
  double height_m = 60.0;
  double range_m = 44000.0;
  double rotation_s = 2.5;
  double range_sigma_m = 20.0;
  double azimuth_sigma_deg = 0.15;
  /// Range at which a 1 m^2 target in a calm sea is detected half the time.
  double range_50_m = 14000.0;
  double pd_slope = 4.0;               ///< steepness of the detection curve in range
  double sea_state_factor = 0.1;       ///< range_50 shrinks by exp(-factor * sea state)
  double clutter_per_scan = 4.0;       ///< mean false plots per scan at sea state 0
  double clutter_per_sea_state = 2.0;  ///< extra mean false plots per scan per sea state
  double clutter_range_m = 12000.0;
  /// Clutter falls in this sector, clockwise from `low` to `high` degrees (the sea side;
  /// low > high wraps through north).
  Interval clutter_sector_deg{0.0, 360.0};
  double min_range_m = 150.0;
  /// Send tracks (CAT010 with track number, status and velocity, as a VTS radar's own
  /// tracker would; no clutter) instead of plots.
  bool tracks = false;
  double track_velocity_sigma_mps = 0.5;
  /// Out of service (no north markers, no plots) from down_from until down_until.
  std::optional<TimeNs> down_from;
  std::optional<TimeNs> down_until;

  bool down_at(TimeNs time) const {
    return down_from && time >= *down_from && (!down_until || time < *down_until);
  }
};

/// A shore AIS receiving station.
struct AisReceiverConfig {
  std::string id;
  Place place;
  double range_m = 74000.0;
  double class_b_range_factor = 0.6;
  double slot_loss = 0.05;  ///< probability of losing a message near the station
  double edge_loss = 0.3;   ///< extra loss probability at full range
};

/// Distress calls from boats that stop.
struct DistressConfig {
  double call_probability = 0.9;
  Interval delay_min{5, 20};
  double update_interval_min = 20.0;
  double position_sigma_m = 50.0;
};

/// A scripted vessel ([[vessel]]): it moves on a straight line at constant velocity (no
/// course or speed noise) through `place` at time `at`, so that encounters between scripted
/// vessels have the outcome their geometry gives (a designed CPA, a stop, an SRR crossing).
/// Optional values left empty take the defaults of the vessel's kind when it is built.
struct ScriptedVesselConfig {
  std::string name;                          ///< "" : "vessel <n>"
  EntityKind kind = EntityKind::kSmallBoat;  ///< a surface kind
  std::uint32_t mmsi = 0;                    ///< 0: no AIS (a dark boat)
  /// With an mmsi: A for merchant, ferry and patrol, B for the others, unless given.
  std::optional<AisClass> ais_class;
  std::optional<double> length_m;  ///< AIS dimensions (antenna 0.8 of the length from the stern)
  std::optional<double> beam_m;    ///< default length / 7
  std::optional<std::uint32_t> ship_type;  ///< ITU-R M.1371 type; default by kind
  /// On board; default: the middle of traffic.small_boat.persons for a small boat, else -1.
  std::optional<int> persons;
  TimeNs at = 0;  ///< reference time, when it is at `place`
  Place place;
  double course_deg = 0.0;
  double speed_kn = 0.0;
  std::optional<TimeNs> appear_at;  ///< default: the scenario start
  std::optional<TimeNs> leave_at;   ///< leaves the scene then; default: never
  std::optional<TimeNs> stop_at;    ///< engine fails then: drifts with wind and current
  double leeway_fraction = SmallBoatConfig{}.leeway_fraction;  ///< drift in the wind
};

/// What is written besides the sensor reports.
struct OutputConfig {
  double truth_interval_s = 1.0;  ///< whole seconds
  std::string truth_per_scan_of;  ///< radar id: truth at its north markers instead
};

/// One simulation run.
struct Scenario {
  std::string name = "Dover Strait";
  TimeNs start = 1723694400LL * kNsPerSecond;  // 2024-08-15T04:00:00Z
  double duration_s = 3600.0;
  std::uint64_t seed = 2;  ///< an hour with an engine failure and distress calls
  /// Geography GeoJSON; relative paths are relative to `base_dir`.
  std::string geography = "../geo/dover_strait.geojson";
  std::string base_dir;  ///< folder of the scenario file ("" for built-in defaults)
  EnvironmentConfig environment;
  MerchantConfig merchant;
  FerryConfig ferry;
  FishingConfig fishing;
  PleasureConfig pleasure;
  SmallBoatConfig small_boat;
  std::vector<PatrolConfig> patrols;
  std::vector<AircraftConfig> aircraft;
  std::vector<RadarConfig> radars;
  std::vector<AisReceiverConfig> ais_receivers;
  DistressConfig distress;
  OutputConfig output;
  /// Scripted vessels, appended after every other entity (ids continue after them).
  std::vector<ScriptedVesselConfig> vessels;

  /// The geography path with base_dir applied.
  std::string geography_path() const;
};

/// The default scenario (patrols, aircraft, radars and receivers of the Dover defaults).
Scenario default_scenario();

/// Parse TOML text; `origin` names it in errors. Keys absent keep their defaults; giving
/// any [[radar]] (or [[ais_receiver]], [[patrol]], [[aircraft]]) replaces that default list;
/// each [[vessel]] adds a scripted vessel.
/// Errors: "scenario_syntax", "scenario_unknown_key", "scenario_type", "scenario_value".
Result<Scenario> parse_scenario(std::string_view toml_text, std::string_view origin = "scenario");

/// Read and parse a scenario file (base_dir set to its folder).
Result<Scenario> load_scenario(const std::string& path);

}  // namespace sw::sim
