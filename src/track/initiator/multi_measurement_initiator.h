#pragma once
/// MultiMeasurementInitiator: every unused detection starts a tentative track (position
/// from the measurement, velocity from a zero-mean prior); tentative tracks are tracked
/// with their own hypothesiser, associator and deleter, and a tentative track becomes
/// confirmed once `min_points` detections have updated it (Stone Soup's
/// MultiMeasurementInitiator).

#include <vector>

#include "track/data_associator/data_associator.h"
#include "track/deleter/deleter.h"
#include "track/hypothesiser/hypothesiser.h"
#include "track/initiator/initiator.h"
#include "track/predictor/predictor.h"
#include "track/updater/updater.h"

namespace sw::track {

/// Settings of the multi-measurement initiator.
struct MultiMeasurementInitiatorSettings {
  std::uint32_t min_points = 3;  ///< detections (including the first) to confirm
  double velocity_sigma = 10.0;  ///< prior velocity N(0, sigma^2) per axis, m/s
};

/// Tentative-track logic of Stone Soup's MultiMeasurementInitiator.
class MultiMeasurementInitiator final : public Initiator {
 public:
  MultiMeasurementInitiator(const Predictor& predictor, const Updater& updater,
                            Hypothesiser& hypothesiser, DataAssociator& associator,
                            const Deleter& deleter, MultiMeasurementInitiatorSettings settings);

  void initiate(std::span<const Detection> detections, TimeNs time,
                std::vector<Track>& confirmed) override;
  std::size_t tentative_count() const override { return holding_.size(); }

  /// The tentative track a lone detection starts.
  Track start_track(const Detection& detection) const;

 private:
  const Predictor* predictor_;
  const Updater* updater_;
  Hypothesiser* hypothesiser_;
  DataAssociator* associator_;
  const Deleter* deleter_;
  MultiMeasurementInitiatorSettings settings_;

  std::vector<Track> holding_;
  std::vector<TrackState> predictions_;
  std::vector<Hypothesis> hypotheses_;
  Associations associations_;
  std::vector<WeightedDetection> weighted_;
};

}  // namespace sw::track
