#pragma once
/// RadarModel: a rotating shore radar. Each scan starts with a north marker; every
/// surface target within range is seen when the beam crosses it, with a detection
/// probability that falls with range, rises with radar cross-section and falls with sea
/// state; measured range and azimuth carry Gaussian noise; Poisson clutter is added over
/// the sea sector near the radar.
///
/// Detection: Pd = 1 / (1 + (r / r50)^slope), where r50 = range_50_m * rcs^(1/4) *
/// exp(-sea_state_factor * sea_state) (the radar equation's fourth-root law in rcs).
///
/// A radar with `tracks` reports each detection as a track of its own tracker: a track
/// number kept per target (1..4095, then wrapping), confirmed from the third detection,
/// the measured position, and the target's velocity with noise; no clutter.

#include <functional>
#include <map>
#include <string>

#include "core/counter_rng.h"
#include "core/geo.h"
#include "sim/scenario.h"
#include "sim/sink.h"
#include "sim/snapshot.h"

namespace sw::sim {

/// Probability that a radar detects a target of `rcs_m2` at `range_m`.
double detection_probability(const RadarConfig& config, double range_m, double rcs_m2,
                             int sea_state);

/// One shore radar.
class RadarModel {
 public:
  RadarModel(RadarConfig config, LatLon site, std::size_t index, std::uint64_t seed, TimeNs start,
             const World& world);

  /// Push the north markers and plots of the scans that start in [snapshot.time, step_end).
  /// `on_scan` (optional) is called with each scan's start time before its plots.
  void tick(const Snapshot& snapshot, TimeNs step_end, ReportQueue& queue,
            const std::function<void(TimeNs)>& on_scan = {});

  const RadarConfig& config() const { return config_; }
  LatLon site() const { return site_; }

 private:
  void scan(const Snapshot& snapshot, TimeNs scan_start, ReportQueue& queue);
  void add_clutter(TimeNs scan_start, ReportQueue& queue);
  RadarPlot plot_at(TimeNs time, double range_m, double azimuth_deg) const;
  TimeNs beam_time(TimeNs scan_start, double azimuth_deg) const;

  RadarConfig config_;
  LatLon site_;
  LocalFrame frame_;      ///< centred on the site: geodesic range and azimuth
  EastNorth site_plane_;  ///< the site in the world's plane
  CounterRng rng_;
  TimeNs first_scan_;
  TimeNs period_ns_;
  std::uint32_t next_scan_ = 0;
  int sea_state_;
  struct TrackState {
    std::uint16_t number = 0;
    int detections = 0;
  };
  std::map<EntityId, TrackState> tracks_;
  std::uint16_t next_track_number_ = 1;
};

}  // namespace sw::sim
