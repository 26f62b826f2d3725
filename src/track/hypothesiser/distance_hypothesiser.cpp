#include "track/hypothesiser/distance_hypothesiser.h"

#include <algorithm>
#include <cmath>

namespace sw::track {

void DistanceHypothesiser::hypothesise(std::span<const TrackState> predictions,
                                       std::span<const Detection> detections,
                                       std::vector<Hypothesis>& hypotheses) {
  hypotheses.clear();
  pair_tests_ = 0;
  if (predictions.empty() || detections.empty()) return;

  // Detection positions and the largest position noise among them bound every gate box.
  detection_positions_.resize(detections.size());
  double noise_x = 0.0;
  double noise_y = 0.0;
  for (std::size_t det_idx = 0; det_idx < detections.size(); ++det_idx) {
    const Detection& detection = detections[det_idx];
    detection_positions_[det_idx] = detection.model->position(detection.value);
    const MeasurementMatrix noise = detection.model->position_covariance(detection.value);
    noise_x = std::max(noise_x, noise(0, 0));
    noise_y = std::max(noise_y, noise(1, 1));
  }

  // Predicted measurements for the first detection's model (the usual single-sensor
  // batch); pairs with another model are predicted on demand.
  const MeasurementModel* batch_model = detections.front().model;
  measurement_predictions_.resize(predictions.size());
  boxes_.resize(predictions.size());
  double half_width_sum = 0.0;
  constexpr double kNonlinearMargin = 1.1;  // slack for models linearised at the prediction
  for (std::size_t track_idx = 0; track_idx < predictions.size(); ++track_idx) {
    const GaussianState& estimate = predictions[track_idx].estimate;
    measurement_predictions_[track_idx] =
        updater_->predict_measurement(predictions[track_idx], *batch_model);
    const double half_x = kNonlinearMargin * gate_ * std::sqrt(estimate.covariance(0, 0) + noise_x);
    const double half_y = kNonlinearMargin * gate_ * std::sqrt(estimate.covariance(2, 2) + noise_y);
    boxes_[track_idx] = {estimate.mean(0) - half_x, estimate.mean(2) - half_y,
                         estimate.mean(0) + half_x, estimate.mean(2) + half_y};
    half_width_sum += std::max(half_x, half_y);
  }
  const double cell_size =
      cell_size_ > 0.0 ? cell_size_
                       : std::max(1.0, 2.0 * half_width_sum / static_cast<double>(boxes_.size()));
  grid_.build(boxes_, cell_size);

  const double gate_squared = gate_ * gate_;
  for (std::uint32_t det_idx = 0; det_idx < detections.size(); ++det_idx) {
    const Detection& detection = detections[det_idx];
    const Eigen::Vector2d& position = detection_positions_[det_idx];
    grid_.query(position.x(), position.y(), [&](std::uint32_t track_idx) {
      const Box& box = boxes_[track_idx];
      if (position.x() < box.min_x || position.x() > box.max_x || position.y() < box.min_y ||
          position.y() > box.max_y) {
        return;
      }
      ++pair_tests_;
      MeasurementPrediction on_demand;
      const MeasurementPrediction* prediction = &measurement_predictions_[track_idx];
      if (detection.model != batch_model) {
        on_demand = updater_->predict_measurement(predictions[track_idx], *detection.model);
        prediction = &on_demand;
      }
      const double distance_squared =
          mahalanobis_squared(*prediction, *detection.model, detection.value);
      if (distance_squared <= gate_squared) {
        hypotheses.push_back({track_idx, det_idx, distance_squared,
                              -0.5 * distance_squared - prediction->log_normaliser});
      }
    });
  }
}

}  // namespace sw::track
