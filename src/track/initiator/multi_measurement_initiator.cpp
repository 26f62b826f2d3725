#include "track/initiator/multi_measurement_initiator.h"

#include "track/updater/apply_associations.h"

namespace sw::track {

MultiMeasurementInitiator::MultiMeasurementInitiator(
    const Predictor& predictor, const Updater& updater, Hypothesiser& hypothesiser,
    DataAssociator& associator, const Deleter& deleter, MultiMeasurementInitiatorSettings settings)
    : predictor_(&predictor),
      updater_(&updater),
      hypothesiser_(&hypothesiser),
      associator_(&associator),
      deleter_(&deleter),
      settings_(settings) {}

Track MultiMeasurementInitiator::start_track(const Detection& detection) const {
  Track track;
  const Eigen::Vector2d position = detection.model->position(detection.value);
  const MeasurementMatrix position_covariance =
      detection.model->position_covariance(detection.value);
  const double velocity_variance = settings_.velocity_sigma * settings_.velocity_sigma;
  GaussianState& estimate = track.state.estimate;
  estimate.mean << position.x(), 0.0, position.y(), 0.0;
  estimate.covariance.setZero();
  estimate.covariance(0, 0) = position_covariance(0, 0);
  estimate.covariance(0, 2) = position_covariance(0, 1);
  estimate.covariance(2, 0) = position_covariance(1, 0);
  estimate.covariance(2, 2) = position_covariance(1, 1);
  estimate.covariance(1, 1) = velocity_variance;
  estimate.covariance(3, 3) = velocity_variance;
  track.state.time = detection.time;
  track.last_update_time = detection.time;
  track.update_count = 1;
  track.status = TrackStatus::kTentative;
  return track;
}

void MultiMeasurementInitiator::initiate(std::span<const Detection> detections, TimeNs time,
                                         std::vector<Track>& confirmed) {
  associations_.reset(holding_.size(), detections.size());
  if (!holding_.empty()) {
    predictions_.resize(holding_.size());
    for (std::size_t track_idx = 0; track_idx < holding_.size(); ++track_idx) {
      predictions_[track_idx] = predictor_->predict(holding_[track_idx].state, time);
    }
    hypothesiser_->hypothesise(predictions_, detections, hypotheses_);
    associator_->associate(hypotheses_, holding_.size(), detections.size(), associations_);
    apply_associations(holding_, predictions_, detections, associations_, *updater_, weighted_);

    // Promote confirmed tracks, drop deleted ones; keep the rest in order.
    std::size_t kept = 0;
    for (std::size_t track_idx = 0; track_idx < holding_.size(); ++track_idx) {
      Track& track = holding_[track_idx];
      if (track.update_count >= settings_.min_points) {
        track.status = TrackStatus::kConfirmed;
        confirmed.push_back(track);
      } else if (!deleter_->should_delete(track, time)) {
        if (kept != track_idx) holding_[kept] = track;
        ++kept;
      }
    }
    holding_.resize(kept);
  }
  for (std::size_t detection_idx = 0; detection_idx < detections.size(); ++detection_idx) {
    if (associations_.detection_used[detection_idx] != 0) continue;
    holding_.push_back(start_track(detections[detection_idx]));
  }
}

}  // namespace sw::track
