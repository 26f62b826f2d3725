#pragma once
/// DistanceHypothesiser: Mahalanobis gate around each predicted measurement, with a
/// uniform-grid index over predicted track gates so that only nearby pairs are tested.

#include <vector>

#include "track/hypothesiser/grid_index.h"
#include "track/hypothesiser/hypothesiser.h"
#include "track/updater/updater.h"

namespace sw::track {

/// Gates pairs with Mahalanobis distance <= `gate` (not squared, as Stone Soup's
/// DistanceHypothesiser missed_distance with the Mahalanobis measure).
class DistanceHypothesiser final : public Hypothesiser {
 public:
  /// `cell_size` <= 0 picks a cell size from the gate sizes of each step.
  DistanceHypothesiser(const Updater& updater, double gate, double cell_size = 0.0)
      : updater_(&updater), gate_(gate), cell_size_(cell_size) {}

  void hypothesise(std::span<const TrackState> predictions, std::span<const Detection> detections,
                   std::vector<Hypothesis>& hypotheses) override;

  double gate() const { return gate_; }
  /// Pairs whose Mahalanobis distance was computed in the last step (for tests).
  std::size_t last_pair_tests() const { return pair_tests_; }

 private:
  const Updater* updater_;
  double gate_;
  double cell_size_;
  std::size_t pair_tests_ = 0;
  GridIndex grid_;
  std::vector<Box> boxes_;
  std::vector<MeasurementPrediction> measurement_predictions_;
  std::vector<Eigen::Vector2d> detection_positions_;
};

}  // namespace sw::track
