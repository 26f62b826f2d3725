#include "track/fusion/picture.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/LU>

namespace sw::track {
namespace {

constexpr double kGridCellM = 2000.0;

std::int64_t grid_key(double east, double north) {
  const auto column = static_cast<std::int64_t>(std::floor(east / kGridCellM));
  const auto row = static_cast<std::int64_t>(std::floor(north / kGridCellM));
  return (row << 32) ^ (column & 0xffffffff);
}

}  // namespace

TrackerSettings PictureSettings::default_sensor_tracker() {
  TrackerSettings settings;
  settings.association = AssociationMethod::kGnn;
  settings.imm = true;
  settings.noise_diffusion = 0.05;
  settings.imm_high_noise_diffusion = 2.0;
  settings.gate = 3.0;
  settings.min_points = 3;
  settings.velocity_sigma = 10.0;
  settings.tentative_max_age_s = 10.0;  // about three radar scans
  settings.confirmed_max_age_s = 60.0;
  return settings;
}

Picture::Picture(PictureSettings settings)
    : settings_(std::move(settings)),
      frame_(LocalFrame::for_area(settings_.origin, settings_.area_half_lat_deg,
                                  settings_.area_half_lon_deg)),
      identity_model_(settings_.identity_noise_diffusion),
      identity_predictor_(identity_model_),
      tracker_(std::make_unique<TrackerAssembly>(settings_.sensor_tracker)),
      correlator_(settings_.correlation) {}

Picture::~Picture() = default;

MeasurementMatrix Picture::measurement_covariance(const Observation& observation) const {
  const double floor = settings_.min_sigma_m * settings_.min_sigma_m;
  MeasurementMatrix covariance;
  covariance << std::max(observation.position_covariance.ee, floor),
      observation.position_covariance.en, observation.position_covariance.en,
      std::max(observation.position_covariance.nn, floor);
  // A covariance from outside may not be positive definite: drop the correlation then.
  if (covariance(0, 0) * covariance(1, 1) <= covariance(0, 1) * covariance(0, 1)) {
    covariance(0, 1) = covariance(1, 0) = 0.0;
  }
  return covariance;
}

void Picture::fill_from_state(FusedTrack& item, const TrackState& state) const {
  const StateVector& mean = state.estimate.mean;
  const StateMatrix& covariance = state.estimate.covariance;
  item.time = state.time;
  item.position = frame_.reverse({mean(0), mean(2)});
  item.velocity = {mean(1), mean(3)};
  item.covariance = {covariance(0, 0), covariance(0, 2), covariance(2, 2)};
  item.velocity_covariance = {covariance(1, 1), covariance(1, 3), covariance(3, 3)};
}

void Picture::add(const Observation& observation) {
  ++stats_.observations;
  advance(observation.time);
  const bool has_position = observation.position && std::isfinite(observation.position->lat) &&
                            std::isfinite(observation.position->lon) &&
                            std::abs(observation.position->lat) <= 90.0 &&
                            std::abs(observation.position->lon) <= 180.0;
  switch (observation.kind) {
    case ObservationKind::kAisPosition: {
      const std::string* ais_class = find_attribute(observation, "class");
      if (!has_position || !observation.identity.mmsi ||
          (ais_class != nullptr && *ais_class == "aid_to_navigation")) {
        ++stats_.not_tracked;
        return;
      }
      update_identity(observation, "mmsi:" + std::to_string(*observation.identity.mmsi),
                      TrackClass::kCooperative);
      return;
    }
    case ObservationKind::kAisStatic: add_static(observation); return;
    case ObservationKind::kAssetPosition: {
      const std::string& id = observation.identity.asset_id.empty() ? observation.identity.callsign
                                                                    : observation.identity.asset_id;
      if (!has_position || id.empty()) {
        ++stats_.not_tracked;
        return;
      }
      update_identity(observation, "asset:" + id, TrackClass::kOwnAsset);
      return;
    }
    case ObservationKind::kRadarPlot:
    case ObservationKind::kRadarTrack:
    case ObservationKind::kSighting:
      if (!has_position) {
        ++stats_.not_tracked;
        return;
      }
      add_detection(observation);
      return;
    case ObservationKind::kDistressReport: ++stats_.not_tracked; return;
  }
}

void Picture::update_identity(const Observation& observation, const std::string& key,
                              TrackClass track_class) {
  const EastNorth position = frame_.forward(*observation.position);
  const MeasurementMatrix noise = measurement_covariance(observation);
  auto [found, inserted] = identities_.try_emplace(key);
  IdentityTrack& track = found->second;
  if (inserted) {
    track.item.id = next_id_++;
    track.item.track_class = track_class;
    track.item.mmsi = observation.identity.mmsi;
    track.item.asset_id = observation.identity.asset_id;
    identity_key_[track.item.id] = key;
    TrackState& state = track.state;
    state.time = observation.time;
    const double velocity_variance = observation.velocity ? 0.25
                                                          : settings_.identity_velocity_sigma *
                                                                settings_.identity_velocity_sigma;
    state.estimate.mean << position.east, observation.velocity ? observation.velocity->east : 0.0,
        position.north, observation.velocity ? observation.velocity->north : 0.0;
    state.estimate.covariance = StateMatrix::Zero();
    state.estimate.covariance(0, 0) = noise(0, 0);
    state.estimate.covariance(0, 2) = state.estimate.covariance(2, 0) = noise(0, 1);
    state.estimate.covariance(2, 2) = noise(1, 1);
    state.estimate.covariance(1, 1) = state.estimate.covariance(3, 3) = velocity_variance;
    if (observation.identity.mmsi) {
      const auto statics = statics_.find(*observation.identity.mmsi);
      if (statics != statics_.end()) {
        for (const auto& [name, value] : statics->second) {
          if (name == "callsign") {
            track.item.callsign = value;
          } else {
            track.item.set_detail(name, value);
          }
        }
      }
    }
  } else {
    if (observation.time < track.state.time) {
      ++stats_.stale;
      return;
    }
    const CartesianPositionModel model(noise);
    Detection detection;
    detection.time = observation.time;
    detection.value << position.east, position.north;
    detection.model = &model;
    track.state =
        updater_.update(identity_predictor_.predict(track.state, observation.time), detection);
  }
  ++stats_.identity_updates;
  track.last_update = observation.time;
  FusedTrack& item = track.item;
  ++item.updates;
  item.status = PictureStatus::kConfirmed;
  item.label = observation.label;
  item.add_source(observation.source_id);
  if (!observation.identity.callsign.empty()) item.callsign = observation.identity.callsign;
  for (const auto& [name, value] : observation.attributes) item.set_detail(name, value);
  fill_from_state(item, track.state);
  emit(item);
}

void Picture::add_static(const Observation& observation) {
  if (!observation.identity.mmsi) {
    ++stats_.not_tracked;
    return;
  }
  ++stats_.static_reports;
  auto& details = statics_[*observation.identity.mmsi];
  auto merge = [&details](const std::string& name, const std::string& value) {
    for (auto& [existing_name, existing_value] : details) {
      if (existing_name == name) {
        const bool changed = existing_value != value;
        existing_value = value;
        return changed;
      }
    }
    details.emplace_back(name, value);
    return true;
  };
  bool changed = false;
  for (const auto& [name, value] : observation.attributes) changed |= merge(name, value);
  if (!observation.identity.callsign.empty()) {
    changed |= merge("callsign", observation.identity.callsign);
  }
  const auto track = identities_.find("mmsi:" + std::to_string(*observation.identity.mmsi));
  if (!changed || track == identities_.end()) return;
  FusedTrack& item = track->second.item;
  for (const auto& [name, value] : details) {
    if (name == "callsign") {
      item.callsign = value;
    } else {
      item.set_detail(name, value);
    }
  }
  item.add_source(observation.source_id);
  emit(item);
}

void Picture::add_detection(const Observation& observation) {
  Batch& batch = batches_[observation.source_id];
  if (!batch.detections.empty() &&
      observation.time - batch.start >
          static_cast<TimeNs>(settings_.batch_window_s * kNsPerSecond)) {
    flush_batch(observation.source_id, batch);
  }
  if (batch.detections.empty()) {
    batch.start = observation.time;
    batch.end = observation.time;
  }
  batch.end = std::max(batch.end, observation.time);
  batch.label = observation.label;
  batch.detections.push_back(
      {frame_.forward(*observation.position), measurement_covariance(observation)});
  ++stats_.sensor_detections;
}

void Picture::flush_batch(const std::string& source, Batch& batch) {
  if (batch.detections.empty()) return;
  // Steps never go back in time: a batch that ends before another source's last step is
  // stepped at that time.
  const TimeNs time = std::max(batch.end, last_step_);
  step_models_.clear();
  step_models_.reserve(batch.detections.size());
  for (const PendingDetection& pending : batch.detections) {
    step_models_.emplace_back(pending.covariance);
  }
  step_detections_.clear();
  for (std::size_t detection_idx = 0; detection_idx < batch.detections.size(); ++detection_idx) {
    Detection detection;
    detection.time = time;
    detection.value << batch.detections[detection_idx].position.east,
        batch.detections[detection_idx].position.north;
    detection.model = &step_models_[detection_idx];
    step_detections_.push_back(detection);
  }
  tracker_->tracker().step(time, step_detections_);
  ++stats_.tracker_steps;
  last_step_ = time;
  step_source_ = source;
  step_label_ = batch.label;
  publish_sensor_tracks(time);
  batch.detections.clear();
}

void Picture::rebuild_grid(TimeNs time) {
  grid_.clear();
  for (const auto& [key, track] : identities_) {
    const StateVector& mean = track.state.estimate.mean;
    grid_[grid_key(mean(0), mean(2))].push_back(&track);
  }
  grid_time_ = time;
}

std::uint64_t Picture::nearest_identity(const TrackState& state) const {
  const double east = state.estimate.mean(0);
  const double north = state.estimate.mean(2);
  const double extra = settings_.correlation.extra_sigma_m * settings_.correlation.extra_sigma_m;
  double best = settings_.correlation.gate_squared;
  std::uint64_t best_id = 0;
  for (int row_offset = -1; row_offset <= 1; ++row_offset) {
    for (int column_offset = -1; column_offset <= 1; ++column_offset) {
      const auto cell =
          grid_.find(grid_key(east + column_offset * kGridCellM, north + row_offset * kGridCellM));
      if (cell == grid_.end()) continue;
      for (const IdentityTrack* identity : cell->second) {
        const TrackState predicted = identity->state.time < state.time
                                         ? identity_predictor_.predict(identity->state, state.time)
                                         : identity->state;
        const StateVector& mean = predicted.estimate.mean;
        const StateMatrix& covariance = predicted.estimate.covariance;
        Eigen::Vector2d difference(mean(0) - east, mean(2) - north);
        Eigen::Matrix2d combined;
        combined << covariance(0, 0) + state.estimate.covariance(0, 0) + extra,
            covariance(0, 2) + state.estimate.covariance(0, 2),
            covariance(2, 0) + state.estimate.covariance(2, 0),
            covariance(2, 2) + state.estimate.covariance(2, 2) + extra;
        const double distance = difference.dot(combined.inverse() * difference);
        if (distance < best || (distance == best && identity->item.id < best_id)) {
          best = distance;
          best_id = identity->item.id;
        }
      }
    }
  }
  return best_id;
}

void Picture::publish_sensor_tracks(TimeNs time) {
  if (time - grid_time_ >= kNsPerSecond || grid_time_ < 0) rebuild_grid(time);
  std::vector<std::uint64_t> alive;
  alive.reserve(tracker_->tracker().tracks().size());
  for (const Track& track : tracker_->tracker().tracks()) {
    alive.push_back(track.id);
    auto [found, inserted] = sensor_tracks_.try_emplace(track.id);
    SensorTrack& sensor_track = found->second;
    FusedTrack& item = sensor_track.item;
    if (inserted) {
      item.id = next_id_++;
      item.track_class = TrackClass::kDark;
    }
    const bool updated = track.last_update_time == time;
    const PictureStatus status = track.status == TrackStatus::kCoasting ? PictureStatus::kCoasting
                                                                        : PictureStatus::kConfirmed;
    const bool status_changed = status != item.status;
    item.status = status;
    fill_from_state(item, track.state);
    std::uint64_t linked = correlator_.linked(track.id);
    if (updated) {
      ++item.updates;
      item.add_source(step_source_);
      item.label = step_label_;
      linked = correlator_.observe(track.id, nearest_identity(track.state));
    }
    if (linked != 0) {
      const auto key = identity_key_.find(linked);
      if (key != identity_key_.end() && updated) {
        identities_[key->second].item.add_source(step_source_);
      }
      if (sensor_track.linked != linked) {
        sensor_track.linked = linked;
        ++stats_.links;
        FusedTrack merged = item;
        merged.status = PictureStatus::kMerged;
        merged.merged_into = linked;
        emit(merged);
      }
      continue;
    }
    const bool reappeared = sensor_track.linked != 0;
    sensor_track.linked = 0;
    if (updated || status_changed || reappeared || inserted) emit(item);
  }
  std::sort(alive.begin(), alive.end());
  for (auto sensor_track = sensor_tracks_.begin(); sensor_track != sensor_tracks_.end();) {
    if (std::binary_search(alive.begin(), alive.end(), sensor_track->first)) {
      ++sensor_track;
      continue;
    }
    if (sensor_track->second.linked == 0) {
      FusedTrack lost = sensor_track->second.item;
      lost.status = PictureStatus::kLost;
      emit(lost);
    }
    correlator_.forget(sensor_track->first);
    sensor_track = sensor_tracks_.erase(sensor_track);
  }
}

void Picture::age_identities(TimeNs now) {
  const auto coasting_after = static_cast<TimeNs>(settings_.coasting_after_s * kNsPerSecond);
  const auto lost_after = static_cast<TimeNs>(settings_.lost_after_s * kNsPerSecond);
  bool removed = false;
  for (auto identity = identities_.begin(); identity != identities_.end();) {
    IdentityTrack& track = identity->second;
    const TimeNs silence = now - track.last_update;
    if (silence > lost_after) {
      track.item.status = PictureStatus::kLost;
      emit(track.item);
      identity_key_.erase(track.item.id);
      identity = identities_.erase(identity);
      removed = true;
      continue;
    }
    if (silence > coasting_after && track.item.status == PictureStatus::kConfirmed) {
      track.item.status = PictureStatus::kCoasting;
      emit(track.item);
    }
    ++identity;
  }
  if (removed) grid_time_ = -1;  // the grid holds pointers to erased tracks
}

void Picture::advance(TimeNs now) {
  // Flush every batch whose window has passed, oldest end first (deterministic).
  const auto window = static_cast<TimeNs>(settings_.batch_window_s * kNsPerSecond);
  bool pending = false;
  for (;;) {
    std::map<std::string, Batch>::iterator due = batches_.end();
    pending = false;
    for (auto batch = batches_.begin(); batch != batches_.end(); ++batch) {
      if (batch->second.detections.empty()) continue;
      pending = true;
      if (now - batch->second.start <= window) continue;
      if (due == batches_.end() || batch->second.end < due->second.end) due = batch;
    }
    if (due == batches_.end()) break;
    flush_batch(due->first, due->second);
  }
  if (now - last_aged_ >= kNsPerSecond) {
    age_identities(now);
    last_aged_ = now;
  }
  // Without detections the tracker never steps; step it empty so stale tracks coast and go.
  if (last_step_ != 0 && !pending && now - last_step_ >= 5 * kNsPerSecond) {
    tracker_->tracker().step(now, {});
    ++stats_.tracker_steps;
    last_step_ = now;
    step_source_.clear();
    publish_sensor_tracks(now);
  }
}

std::vector<FusedTrack> Picture::take_updates() {
  std::vector<FusedTrack> updates;
  updates.swap(updates_);
  return updates;
}

std::vector<FusedTrack> Picture::current() const {
  std::vector<FusedTrack> tracks;
  for (const auto& [key, track] : identities_) tracks.push_back(track.item);
  for (const auto& [id, sensor_track] : sensor_tracks_) {
    if (sensor_track.linked == 0) tracks.push_back(sensor_track.item);
  }
  std::sort(tracks.begin(), tracks.end(),
            [](const FusedTrack& lhs, const FusedTrack& rhs) { return lhs.id < rhs.id; });
  return tracks;
}

}  // namespace sw::track
