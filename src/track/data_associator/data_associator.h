#pragma once
/// DataAssociator: decides which detections update which tracks, from the gated
/// hypotheses (Stone Soup's role of the same name).

#include <cstdint>
#include <span>
#include <vector>

#include "track/hypothesiser/hypothesiser.h"

namespace sw::track {

/// One weighted (track, detection) pair of an association.
struct AssociationEntry {
  std::uint32_t track = 0;
  std::uint32_t detection = 0;
  double weight = 0.0;
};

/// Outcome of one association step: for each track, its weighted detections (one with
/// weight 1 for nearest-neighbour association) and its missed-detection weight.
struct Associations {
  std::vector<AssociationEntry> entries;     ///< sorted by track, then detection
  std::vector<double> missed_weight;         ///< per track; 1 when no detection is used
  std::vector<std::uint8_t> detection_used;  ///< per detection; unused ones may initiate
  std::size_t clusters = 0;                  ///< independent clusters solved (stats)
  std::size_t approximated_clusters = 0;     ///< clusters solved approximately (stats)

  void reset(std::size_t track_count, std::size_t detection_count) {
    entries.clear();
    missed_weight.assign(track_count, 1.0);
    detection_used.assign(detection_count, 0);
    clusters = 0;
    approximated_clusters = 0;
  }
};

/// Turns hypotheses into associations.
class DataAssociator {
 public:
  virtual ~DataAssociator() = default;
  virtual void associate(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                         std::size_t detection_count, Associations& associations) = 0;
};

}  // namespace sw::track
