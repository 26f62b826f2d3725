#include "eval/tracking_score.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <variant>

#include "core/geo.h"
#include "eval/sim_pipeline.h"
#include "sim/world.h"
#include "track/metrics/gospa.h"

namespace sw::eval {
namespace {

enum class Group : std::uint8_t { kSmallBoat, kShip, kOther };

Group group_of(sim::EntityKind kind) {
  switch (kind) {
    case sim::EntityKind::kSmallBoat: return Group::kSmallBoat;
    case sim::EntityKind::kMerchant:
    case sim::EntityKind::kFerry: return Group::kShip;
    default: return Group::kOther;
  }
}

struct TruthPoint {
  TimeNs time = 0;
  LatLon position;
};

/// What is known of one true vessel.
struct Vessel {
  Group group = Group::kOther;
  std::deque<TruthPoint> recent;  ///< the last minute of truth
  std::optional<TimeNs> first_report;
  TimeNs last_report = 0;
  std::optional<TimeNs> first_covered;
  std::uint64_t last_track = 0;
  bool counted = false;
};

TimeNs seconds_ns(double seconds) {
  return static_cast<TimeNs>(std::llround(seconds * static_cast<double>(kNsPerSecond)));
}

}  // namespace

double GroupTracking::completeness() const {
  return samples > 0 ? static_cast<double>(covered) / static_cast<double>(samples) : 0.0;
}

double GroupTracking::completeness_in_sight() const {
  return samples_in_sight > 0
             ? static_cast<double>(covered_in_sight) / static_cast<double>(samples_in_sight)
             : 0.0;
}

double GroupTracking::completeness_after_detection() const {
  return samples_after_detection > 0 ? static_cast<double>(covered_after_detection) /
                                           static_cast<double>(samples_after_detection)
                                     : 0.0;
}

struct TrackingScoring::State {
  State(SimPipeline& run_in, TrackingOptions options_in)
      : run(run_in),
        options(options_in),
        metric(options.cutoff_m, 2.0),
        frame(sim::kStraitOrigin) {}

  GroupTracking& group(Group which) {
    return which == Group::kSmallBoat ? result.small_boats
           : which == Group::kShip    ? result.ships
                                      : result.others;
  }

  void truth(const sim::TruthRecord& record) {
    if (!sim::is_surface(record.kind)) return;
    Vessel& vessel = vessels[record.id];
    vessel.group = group_of(record.kind);
    vessel.recent.push_back({record.time, record.position});
    while (vessel.recent.size() > 1 && vessel.recent.front().time < record.time - seconds_ns(60)) {
      vessel.recent.pop_front();
    }
  }

  void report(const sim::Report& report) {
    sim::EntityId id = 0;
    TimeNs time = 0;
    if (const auto* plot = std::get_if<sim::RadarPlot>(&report)) {
      id = plot->truth_id;
      time = plot->time;
    } else if (const auto* sighting = std::get_if<sim::SightingReport>(&report)) {
      id = sighting->truth_id;
      time = sighting->time;
    } else if (const auto* ais = std::get_if<sim::AisReport>(&report)) {
      id = ais->truth_id;
      time = ais->time;
    }
    if (id == 0) return;
    const auto found = vessels.find(id);
    if (found == vessels.end()) return;  // not a surface vessel
    if (!found->second.first_report || time < *found->second.first_report) {
      found->second.first_report = time;
    }
    found->second.last_report = std::max(found->second.last_report, time);
  }

  void sample(TimeNs now) {
    const TimeNs start = run.simulator().start_time();
    if ((now - start) % seconds_ns(options.sample_interval_s) != 0) return;
    const TimeNs at = now - seconds_ns(options.lag_s);
    if (at < start) return;
    // Truth at `at`.
    truth_ids.clear();
    truth_points.clear();
    for (auto& [id, vessel] : vessels) {
      const auto point = std::find_if(vessel.recent.begin(), vessel.recent.end(),
                                      [at](const TruthPoint& truth) { return truth.time == at; });
      if (point == vessel.recent.end()) continue;
      const EastNorth plane = frame.forward(point->position);
      truth_ids.push_back(static_cast<std::int64_t>(id));
      truth_points.emplace_back(plane.east, plane.north);
    }
    // The picture, extrapolated to `at`.
    track_ids.clear();
    track_points.clear();
    for (const track::FusedTrack& track : run.pipeline().picture().current()) {
      if (track.track_class == track::TrackClass::kOwnAsset) continue;
      const double dt = static_cast<double>(at - track.time) / static_cast<double>(kNsPerSecond);
      const EastNorth plane = frame.forward(track.position);
      track_ids.push_back(static_cast<std::int64_t>(track.id));
      track_points.emplace_back(plane.east + track.velocity.east * dt,
                                plane.north + track.velocity.north * dt);
      seen_tracks.insert(track.id);
    }
    metric.compute(truth_points, track_points, gospa);

    const auto bin_index = static_cast<std::size_t>(static_cast<double>(at - start) /
                                                    static_cast<double>(seconds_ns(options.bin_s)));
    if (result.bins.size() <= bin_index) {
      result.bins.resize(bin_index + 1);
      for (std::size_t index = 0; index < result.bins.size(); ++index) {
        result.bins[index].start_h = static_cast<double>(index) * options.bin_s / 3600.0;
      }
    }
    TrackingBin& bin = result.bins[bin_index];
    bin.gospa_sum += gospa.gospa;
    ++bin.scans;
    ++scans;
    gospa_sum += gospa.gospa;
    missed_sum += static_cast<double>(gospa.missed);
    false_sum += static_cast<double>(gospa.false_tracks);
    localisation_sum += gospa.localisation;

    for (std::size_t index = 0; index < truth_ids.size(); ++index) {
      Vessel& vessel = vessels[static_cast<sim::EntityId>(truth_ids[index])];
      GroupTracking& scores = group(vessel.group);
      if (!vessel.counted) {
        vessel.counted = true;
        ++scores.vessels;
      }
      const std::int32_t assigned = gospa.truth_to_track[index];
      const bool covered = assigned >= 0;
      const bool detected = vessel.first_report && *vessel.first_report <= at;
      ++scores.samples;
      scores.covered += covered ? 1 : 0;
      if (detected) {
        ++scores.samples_after_detection;
        scores.covered_after_detection += covered ? 1 : 0;
      }
      if (detected && vessel.last_report >= at - seconds_ns(options.in_sight_s)) {
        ++scores.samples_in_sight;
        scores.covered_in_sight += covered ? 1 : 0;
      }
      if (vessel.group == Group::kSmallBoat) {
        ++bin.small_boat_samples;
        bin.small_boat_covered += covered ? 1 : 0;
      } else if (vessel.group == Group::kShip) {
        ++bin.ship_samples;
        bin.ship_covered += covered ? 1 : 0;
      }
      if (!covered) continue;
      ++assigned_pairs;
      const auto track_id =
          static_cast<std::uint64_t>(track_ids[static_cast<std::size_t>(assigned)]);
      assigned_tracks.insert(track_id);
      if (vessel.last_track != 0 && vessel.last_track != track_id) ++scores.id_switches;
      vessel.last_track = track_id;
      if (detected && !vessel.first_covered) {
        vessel.first_covered = at;
        ++scores.tracked;
        scores.time_to_track_s.push_back(
            std::max(0.0, static_cast<double>(at - *vessel.first_report) / 1e9));
      }
    }
  }

  TrackingEvaluation finish() {
    const sim::Simulator& simulator = run.simulator();
    result.hours = static_cast<double>(simulator.end_time() - simulator.start_time()) / 3.6e12;
    for (const auto& [id, vessel] : vessels) {
      if (vessel.counted && vessel.first_report) ++group(vessel.group).detected;
    }
    result.picture_tracks = seen_tracks.size();
    for (const std::uint64_t id : seen_tracks)
      result.false_tracks += assigned_tracks.count(id) == 0;
    if (result.hours > 0) {
      result.false_tracks_per_hour = static_cast<double>(result.false_tracks) / result.hours;
    }
    if (scans > 0) {
      const auto count = static_cast<double>(scans);
      result.mean_gospa_m = gospa_sum / count;
      result.mean_missed = missed_sum / count;
      result.mean_false = false_sum / count;
    }
    if (assigned_pairs > 0) {
      result.rms_position_error_m =
          std::sqrt(localisation_sum / static_cast<double>(assigned_pairs));
    }
    return result;
  }

  SimPipeline& run;
  TrackingOptions options;
  track::GospaMetric metric;
  LocalFrame frame;
  std::map<sim::EntityId, Vessel> vessels;
  std::set<std::uint64_t> seen_tracks;
  std::set<std::uint64_t> assigned_tracks;
  TrackingEvaluation result;
  // Per-sample buffers.
  std::vector<std::int64_t> truth_ids, track_ids;
  std::vector<Eigen::Vector2d> truth_points, track_points;
  track::GospaResult gospa;
  std::uint64_t scans = 0;
  std::uint64_t assigned_pairs = 0;
  double gospa_sum = 0, missed_sum = 0, false_sum = 0, localisation_sum = 0;
};

TrackingScoring::TrackingScoring() = default;
TrackingScoring::~TrackingScoring() = default;

std::unique_ptr<TrackingScoring> TrackingScoring::attach(SimPipeline& run,
                                                         TrackingOptions options) {
  std::unique_ptr<TrackingScoring> scoring(new TrackingScoring());
  scoring->state_ = std::make_unique<State>(run, options);
  State& state = *scoring->state_;
  run.add_truth_observer([&state](const sim::TruthRecord& record) { state.truth(record); });
  run.add_report_observer([&state](const sim::Report& report) { state.report(report); });
  run.add_step_observer([&state](TimeNs now) { state.sample(now); });
  return scoring;
}

TrackingEvaluation TrackingScoring::finish() { return state_->finish(); }

}  // namespace sw::eval
