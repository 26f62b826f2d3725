#pragma once
/// Hypothesiser: pairs predicted tracks with the detections they may have produced
/// (gating; Stone Soup's role of the same name).

#include <cstdint>
#include <span>
#include <vector>

#include "track/state.h"

namespace sw::track {

/// "Track `track` produced detection `detection`": indices into the step's prediction and
/// detection arrays, the Mahalanobis distance squared, and the measurement log-likelihood.
struct Hypothesis {
  std::uint32_t track = 0;
  std::uint32_t detection = 0;
  double distance_squared = 0.0;
  double log_likelihood = 0.0;
};

/// Gating of detections against predicted track states.
class Hypothesiser {
 public:
  virtual ~Hypothesiser() = default;
  /// Replaces `hypotheses` with every gated (track, detection) pair, ordered by detection
  /// then track (deterministic).
  virtual void hypothesise(std::span<const TrackState> predictions,
                           std::span<const Detection> detections,
                           std::vector<Hypothesis>& hypotheses) = 0;
};

}  // namespace sw::track
