#pragma once
/// Deleter: decides when a track ends (Stone Soup's role of the same name).

#include "track/state.h"

namespace sw::track {

/// Says whether a track should be deleted at sensor time `now`.
class Deleter {
 public:
  virtual ~Deleter() = default;
  virtual bool should_delete(const Track& track, TimeNs now) const = 0;
};

}  // namespace sw::track
