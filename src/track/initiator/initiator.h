#pragma once
/// Initiator: starts tracks from detections no confirmed track used (Stone Soup's role of
/// the same name).

#include <span>
#include <vector>

#include "track/state.h"

namespace sw::track {

/// Consumes the unused detections of a step; appends tracks that became confirmed.
class Initiator {
 public:
  virtual ~Initiator() = default;
  virtual void initiate(std::span<const Detection> detections, TimeNs time,
                        std::vector<Track>& confirmed) = 0;
  /// Tracks still held as tentative (for statistics).
  virtual std::size_t tentative_count() const = 0;
};

}  // namespace sw::track
