#pragma once
/// TrackingScoring: the picture of a SimPipeline run scored against the simulator's truth,
/// SIAP-style, for small boats (no AIS) and ships (merchants, ferries) apart.
///
/// Every `sample_interval_s` the picture's tracks (own assets left out), extrapolated to
/// `lag_s` before the simulation time (the picture lags by its reorder window), are
/// assigned to the true surface vessels then by GOSPA's optimal assignment (cut-off
/// `cutoff_m`; track/metrics). A vessel is covered at a sample when a track is assigned
/// to it. From these:
/// - time to track: first report of the vessel by any sensor -> first sample it is covered;
/// - completeness: covered samples / samples at sea (and the same from first detection on,
///   and over the samples at which a sensor reported the vessel within `in_sight_s`);
/// - identity switches: the track assigned to a vessel differs from the last one assigned;
/// - false tracks: picture tracks never assigned to any vessel, per hour;
/// - GOSPA (alpha 2, order 2) per sample, averaged per 10-minute bin.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/clock.h"

namespace sw::eval {

class SimPipeline;

struct TrackingOptions {
  double sample_interval_s = 5.0;
  double lag_s = 10.0;
  double cutoff_m = 500.0;
  double bin_s = 600.0;
  double in_sight_s = 30.0;
};

/// Scores of one group of vessels.
struct GroupTracking {
  std::uint64_t vessels = 0;   ///< at sea during the run
  std::uint64_t detected = 0;  ///< reported by a sensor at least once
  std::uint64_t tracked = 0;   ///< covered at least once after their first report
  /// First report -> first covered sample, seconds, per tracked vessel.
  std::vector<double> time_to_track_s;
  std::uint64_t samples = 0;
  std::uint64_t covered = 0;
  std::uint64_t samples_after_detection = 0;
  std::uint64_t covered_after_detection = 0;
  /// Samples at which a sensor had reported the vessel within the last `in_sight_s`: the
  /// tracker's own share, apart from where no sensor reaches.
  std::uint64_t samples_in_sight = 0;
  std::uint64_t covered_in_sight = 0;
  std::uint64_t id_switches = 0;

  double completeness() const;
  double completeness_in_sight() const;
  double completeness_after_detection() const;
};

/// One bin of the run (bin_s long).
struct TrackingBin {
  double start_h = 0;  ///< hours from the start of the run
  std::uint64_t small_boat_samples = 0, small_boat_covered = 0;
  std::uint64_t ship_samples = 0, ship_covered = 0;
  double gospa_sum = 0;
  std::uint64_t scans = 0;
};

struct TrackingEvaluation {
  double hours = 0;
  GroupTracking small_boats;
  GroupTracking ships;
  GroupTracking others;  ///< fishing, pleasure craft, patrols
  std::uint64_t picture_tracks = 0;
  std::uint64_t false_tracks = 0;
  double false_tracks_per_hour = 0;
  double mean_gospa_m = 0;
  double mean_missed = 0;  ///< vessels uncovered per sample
  double mean_false = 0;   ///< tracks unassigned per sample
  double rms_position_error_m = 0;
  std::vector<TrackingBin> bins;
};

class TrackingScoring {
 public:
  /// Adds its observers to `run` (before run()).
  static std::unique_ptr<TrackingScoring> attach(SimPipeline& run, TrackingOptions options = {});
  ~TrackingScoring();
  TrackingScoring(const TrackingScoring&) = delete;
  TrackingScoring& operator=(const TrackingScoring&) = delete;

  TrackingEvaluation finish();

 private:
  struct State;
  TrackingScoring();
  std::unique_ptr<State> state_;
};

}  // namespace sw::eval
