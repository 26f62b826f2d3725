#pragma once
/// Picture: fuses time-ordered Observations of every sensor into one picture of tracks.
/// AIS positions and own-asset positions update identity tracks (one per MMSI or asset
/// id); radar plots and tracks and aircraft sightings go through the multi-target tracker
/// in a local east-north frame; a TrackCorrelator links sensor tracks to AIS tracks, and
/// a sensor track that no AIS explains is a dark contact. AIS static data enriches the
/// identity track. Single-threaded: the engine's fusion thread owns it.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geo.h"
#include "core/observation.h"
#include "track/fusion/fused_track.h"
#include "track/fusion/track_correlator.h"
#include "track/models/constant_velocity.h"
#include "track/models/measurement_model.h"
#include "track/predictor/kalman_predictor.h"
#include "track/tracker/tracker_assembly.h"
#include "track/updater/extended_kalman_updater.h"

namespace sw::track {

/// Parameters of the picture; the defaults suit the Dover Strait.
struct PictureSettings {
  LatLon origin{51.0, 1.45};  ///< centre of the local east-north frame
  /// The frame is fitted within these of the origin (positions beyond are exact).
  double area_half_lat_deg = kPictureHalfLatDeg;
  double area_half_lon_deg = kPictureHalfLonDeg;
  TrackerSettings sensor_tracker = default_sensor_tracker();
  double identity_noise_diffusion = 0.5;  ///< CV q of AIS / asset tracks, m^2/s^3
  double identity_velocity_sigma = 10.0;  ///< m/s, when the first report has no velocity
  double coasting_after_s = 60.0;         ///< identity track without update: coasting
  double lost_after_s = 600.0;            ///< identity track without update: lost
  /// Detections of one source within this window are one tracker step (at the batch's
  /// last time; a radar's plots of a third of a scan). Each source batches on its own, so
  /// two radars' plots of one boat never compete in one step.
  double batch_window_s = 1.0;
  double min_sigma_m = 5.0;  ///< floor of any measurement standard deviation
  CorrelationSettings correlation;

  /// IMM (quiet and manoeuvring CV), GNN, 3 points to confirm, deletion by age.
  static TrackerSettings default_sensor_tracker();
};

/// Counters of the picture since construction.
struct PictureStats {
  std::uint64_t observations = 0;
  std::uint64_t identity_updates = 0;
  std::uint64_t sensor_detections = 0;
  std::uint64_t tracker_steps = 0;
  std::uint64_t static_reports = 0;
  std::uint64_t stale = 0;        ///< older than the identity track they would update
  std::uint64_t not_tracked = 0;  ///< no position, aids to navigation, distress reports
  std::uint64_t links = 0;        ///< dark contacts found to be AIS vessels
};

/// The fused picture. Feed add() in sensor-time order; call advance() as sensor time
/// passes; take_updates() returns every track change since the last call, in order.
class Picture {
 public:
  explicit Picture(PictureSettings settings = {});
  ~Picture();
  Picture(const Picture&) = delete;
  Picture& operator=(const Picture&) = delete;

  void add(const Observation& observation);
  /// Sensor time has reached `now`: flushes a finished detection batch and ages tracks.
  void advance(TimeNs now);
  /// Every FusedTrack emitted since the last call (the history to store and serve).
  std::vector<FusedTrack> take_updates();
  /// The current picture: every track not lost or merged, by picture id.
  std::vector<FusedTrack> current() const;

  const PictureStats& stats() const { return stats_; }
  const LocalFrame& frame() const { return frame_; }

 private:
  struct IdentityTrack {
    FusedTrack item;
    TrackState state;
    TimeNs last_update = 0;
  };
  struct SensorTrack {
    FusedTrack item;
    std::uint64_t linked = 0;  ///< identity picture id while merged
  };

  void update_identity(const Observation& observation, const std::string& key,
                       TrackClass track_class);
  void add_static(const Observation& observation);
  struct PendingDetection {
    EastNorth position;
    MeasurementMatrix covariance;
  };
  /// The detection batch of one source (one tracker step).
  struct Batch {
    TimeNs start = 0;
    TimeNs end = 0;
    Label label;
    std::vector<PendingDetection> detections;
  };

  void add_detection(const Observation& observation);
  void flush_batch(const std::string& source, Batch& batch);
  void publish_sensor_tracks(TimeNs time);
  std::uint64_t nearest_identity(const TrackState& state) const;
  void rebuild_grid(TimeNs time);
  void fill_from_state(FusedTrack& item, const TrackState& state) const;
  void age_identities(TimeNs now);
  MeasurementMatrix measurement_covariance(const Observation& observation) const;
  void emit(const FusedTrack& item) { updates_.push_back(item); }

  PictureSettings settings_;
  LocalFrame frame_;
  ConstantVelocity identity_model_;
  KalmanPredictor identity_predictor_;
  ExtendedKalmanUpdater updater_;
  std::unique_ptr<TrackerAssembly> tracker_;
  TrackCorrelator correlator_;
  std::uint64_t next_id_ = 1;

  std::map<std::string, IdentityTrack> identities_;              ///< by "mmsi:N" / "asset:uid"
  std::unordered_map<std::uint64_t, std::string> identity_key_;  ///< picture id -> key
  std::map<std::uint32_t, std::vector<std::pair<std::string, std::string>>> statics_;
  std::map<std::uint64_t, SensorTrack> sensor_tracks_;  ///< by the tracker's track id

  std::map<std::string, Batch> batches_;  ///< by source id
  std::string step_source_;               ///< source of the step being published
  Label step_label_;
  std::vector<CartesianPositionModel> step_models_;
  std::vector<Detection> step_detections_;

  // Identity positions by grid cell, for correlation.
  std::unordered_map<std::int64_t, std::vector<const IdentityTrack*>> grid_;
  TimeNs grid_time_ = -1;
  TimeNs last_aged_ = 0;
  TimeNs last_step_ = 0;

  std::vector<FusedTrack> updates_;
  PictureStats stats_;
};

}  // namespace sw::track
