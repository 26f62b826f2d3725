#pragma once
/// `straitwatch track` (multi-target tracking of a detections CSV) and `straitwatch score`
/// (GOSPA/OSPA and track-to-truth counts of a tracks CSV against a truth CSV).

#include <cstdint>
#include <string>

#include "core/result.h"
#include "track/metrics/track_to_truth.h"
#include "track/tracker/tracker_assembly.h"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Options of `straitwatch track`.
struct TrackOptions {
  std::string detections_path;
  std::string tracks_path;
  std::string timing_path;   ///< optional per-scan timing CSV
  double sigma = 10.0;       ///< Cartesian measurement noise per axis, m
  double lag_seconds = 0.0;  ///< reordering window
  track::TrackerSettings settings;
};

/// What `straitwatch track` did.
struct TrackSummary {
  std::uint64_t lines = 0;
  std::uint64_t bad_lines = 0;
  std::uint64_t detections = 0;
  std::uint64_t dropped_late = 0;
  std::uint64_t scans = 0;
  std::uint64_t track_rows = 0;
  std::uint64_t tracks_confirmed = 0;
  std::uint64_t approximated_clusters = 0;
  double median_step_ms = 0.0;  ///< median tracker step time after scan 5
  double total_step_ms = 0.0;
};

/// Runs the tracker over a detections CSV and writes `time,track_id,x,y` rows.
Result<TrackSummary> run_track(const TrackOptions& options);

/// Options of `straitwatch score` (as gospa.py's).
struct ScoreOptions {
  std::string truth_path;
  std::string tracks_path;
  double cutoff = 100.0;
  double order = 2.0;
  int skip = 0;
  int scans = -1;  ///< -1 = all
};

/// Scenario means (over truth scans) and totals.
struct ScoreSummary {
  std::size_t scans = 0;
  double mean_gospa = 0.0;
  double mean_localisation = 0.0;  ///< mean of (sum d^p)^(1/p)
  double mean_missed = 0.0;
  double mean_false = 0.0;
  double mean_ospa = 0.0;
  track::TrackToTruthCounts counts;
  std::uint64_t bad_lines = 0;
};

/// Scores a tracks CSV against a truth CSV.
Result<ScoreSummary> run_score(const ScoreOptions& options);

/// Register `track` and `score` on the root app.
void add_track_commands(CLI::App& app);

}  // namespace sw::cli
