#pragma once
/// Predictor: moves a track state to a later time (Stone Soup's role of the same name).

#include "track/state.h"

namespace sw::track {

/// Predicts a prior TrackState to `time`.
class Predictor {
 public:
  virtual ~Predictor() = default;
  virtual TrackState predict(const TrackState& prior, TimeNs time) const = 0;
};

}  // namespace sw::track
