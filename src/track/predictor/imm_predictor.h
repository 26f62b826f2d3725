#pragma once
/// ImmPredictor: interacting-multiple-model prediction (mixing, then one Kalman
/// prediction per motion model), as Stone Soup's IMMPredictor.

#include <Eigen/Core>
#include <vector>

#include "track/models/transition_model.h"
#include "track/predictor/predictor.h"

namespace sw::track {

/// IMM prediction over up to kMaxModes transition models with a Markov switching matrix.
class ImmPredictor final : public Predictor {
 public:
  /// `switching(i, j)` = P(model j at k+1 | model i at k) per step; rows sum to 1.
  /// `initial_probabilities` are used for a prior that has no modes yet.
  ImmPredictor(std::vector<const TransitionModel*> models, Eigen::MatrixXd switching,
               std::vector<double> initial_probabilities);

  TrackState predict(const TrackState& prior, TimeNs time) const override;
  int mode_count() const { return static_cast<int>(models_.size()); }

 private:
  std::vector<const TransitionModel*> models_;
  Eigen::MatrixXd switching_;
  std::vector<double> initial_probabilities_;
};

/// Combined (moment-matched) estimate of a TrackState's modes.
GaussianState combine_modes(const TrackState& state);

}  // namespace sw::track
