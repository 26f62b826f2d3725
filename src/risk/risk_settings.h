#pragma once
/// Settings of the risk assessment, with defaults chosen for small boats crossing the
/// Dover Strait (see each field). Read from the engine configuration's [risk] table.

#include <string>
#include <vector>

#include "core/geo.h"
#include "core/observation.h"
#include "risk/alert_book.h"
#include "risk/risk_picture.h"

namespace sw::risk {

/// Collision course of a small craft with a ship.
struct CollisionSettings {
  double cpa_m = 500.0;       ///< raise when the predicted CPA is below this
  double keep_cpa_m = 750.0;  ///< an open alert stays while the CPA is below this
  double horizon_s = 1800.0;  ///< ... and the CPA is at most this far ahead
  double keep_horizon_s = 2400.0;
  /// The horizon for small craft with AIS (yachts, small fishing boats): they manoeuvre
  /// freely and keep a lookout, so a straight line far ahead says little about them.
  double cooperative_horizon_s = 900.0;
  double urgent_cpa_m = 200.0;  ///< urgent below this CPA within urgent_tcpa_s
  double urgent_tcpa_s = 900.0;
  double critical_tcpa_s = 300.0;  ///< critical below urgent_cpa_m within this
  double large_ship_m = 150.0;     ///< a ship this long (or longer) raises severity a level
  int probability_samples = 256;
  double min_relative_speed_mps = 0.5;  ///< vessels moving together are not closing
  /// A dark contact this close to a ship is taken for the ship's own radar echo (the
  /// correlator's to link) unless an alert is already open.
  double same_vessel_m = 250.0;
  /// The predicted approach must hold for tcpa / 10, at most this long, before it alerts.
  double confirm_max_s = 120.0;
  double confirm_gap_s = 30.0;  ///< a run survives evaluations without the approach this long
  /// A small craft's velocity is fitted to its measured positions over this window when
  /// that is better known than the tracker's (boats seen now and then).
  double fit_window_s = 180.0;
  int min_points = 4;  ///< the small craft was measured at least this often in that window
};

/// A small craft stopped or drifting.
struct DriftingSettings {
  double max_water_speed_mps = 0.5;  ///< speed through the water (ground minus current) below
  double drift_match_mps = 0.25;     ///< or within this of the expected wind+current drift
  double keep_water_speed_mps = 0.7;
  double window_s = 180.0;               ///< speed fitted to the positions measured in this window
  double min_span_s = 100.0;             ///< ... spanning at least this long
  int min_points = 4;                    ///< ... at least this many
  double max_velocity_sigma_mps = 0.25;  ///< ... giving the speed at least this well
  double min_duration_s = 60.0;          ///< and the fit has shown it for this long
  double leeway_fraction = 0.035;        ///< expected leeway of a small boat, fraction of wind
};

/// A small craft inside a traffic lane.
struct LaneSettings {
  double window_s = 300.0;            ///< course and speed fitted to this window's positions
  int min_points = 4;                 ///< ... at least this many (a clutter track has fewer)
  double traffic_range_m = 15000.0;   ///< ships in the lane within this are "the traffic"
  double proper_crossing_deg = 60.0;  ///< a crossing angle below this is not "at right angles"
};

/// A contact about to pass between SAR regions.
struct HandoverSettings {
  double horizon_s = 1800.0;
  double keep_horizon_s = 2400.0;
  double step_s = 30.0;        ///< prediction step before the crossing is refined
  double min_speed_mps = 0.3;  ///< slower contacts are not predicted to cross
  double window_s = 300.0;     ///< velocity fitted to the positions of this window
  int min_points = 4;
  double max_velocity_sigma_mps = 0.5;
  double confirm_s = 60.0;          ///< the predicted crossing must hold this long before it alerts
  double after_crossing_s = 600.0;  ///< the alert stays this long after the crossing
};

/// Distress reports.
struct DistressSettings {
  double match_radius_m = 3000.0;  ///< tracks within this (plus 3 sigma) may be the caller
  int max_matches = 3;
  int max_assets = 3;
  double asset_nominal_speed_mps = 10.0;  ///< when an asset's own speed is lower
  double report_lifetime_s = 6 * 3600.0;
};

/// Wind and current the assessments and drift runs use (uniform over the area).
struct Environment {
  Velocity wind_to;  ///< m/s, the direction the wind blows towards
  Velocity current;  ///< m/s
};

/// Drift runs attached to drifting and distress alerts.
struct SearchSettings {
  bool enabled = true;
  std::string leeway_class = "LIFE-RAFT-DB-10";  ///< an overloaded inflatable: see README
  std::size_t particles = 500;
  std::vector<double> hours{1.0, 3.0, 6.0};
  double min_radius_m = 100.0;
  /// Forecast uncertainty, as an ensemble: the particles are split between this many
  /// members, each drifting in its own wind and current drawn about the configured ones
  /// with the standard deviations below (1 member or every sigma 0: the forecast as given).
  /// Without it the areas are too small for a forecast that is not exact (see the
  /// evaluation report's calibration).
  int forcing_members = 500;
  double wind_speed_sigma_mps = 1.0;
  double wind_from_sigma_deg = 20.0;
  double current_sigma_mps = 0.1;  ///< per axis
};

/// Everything the risk engine needs.
struct RiskSettings {
  double evaluation_interval_s = 10.0;
  /// After the first data, only distress reports alert for this long: moored vessels send
  /// AIS every 3 minutes and static data every 6, so until then the picture shows ships as
  /// dark contacts (and small craft) that are nothing of the kind.
  double warmup_s = 360.0;
  LatLon origin{51.0, 1.45};  ///< centre of the assessment plane
  std::uint64_t seed = 1;     ///< of the CPA probability and drift runs (recorded in alerts)
  AlertBookSettings book;
  RoleSettings roles;
  CollisionSettings collision;
  DriftingSettings drifting;
  LaneSettings lanes;
  HandoverSettings handover;
  DistressSettings distress;
  SearchSettings search;
  Environment environment;
};

}  // namespace sw::risk
