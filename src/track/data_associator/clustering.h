#pragma once
/// Clustering: splits gated hypotheses into independent clusters (tracks that share
/// detections, transitively), so each cluster is associated on its own.

#include <cstdint>
#include <span>
#include <vector>

#include "track/hypothesiser/hypothesiser.h"

namespace sw::track {

/// Clusters as compressed lists: cluster k has tracks tracks[track_offsets[k] ..
/// track_offsets[k+1]) (ascending) and hypotheses hypotheses[hypothesis_offsets[k] ..).
struct Clusters {
  std::vector<std::uint32_t> track_offsets;
  std::vector<std::uint32_t> tracks;
  std::vector<std::uint32_t> hypothesis_offsets;
  std::vector<std::uint32_t> hypotheses;  ///< indices into the hypothesis span

  std::size_t size() const { return track_offsets.empty() ? 0 : track_offsets.size() - 1; }
};

/// Union-find clustering with reusable buffers. Clusters are numbered in order of their
/// lowest track index (deterministic).
class Clusterer {
 public:
  void cluster(std::span<const Hypothesis> hypotheses, std::size_t track_count,
               std::size_t detection_count, Clusters& clusters);

 private:
  std::uint32_t find(std::uint32_t node);

  std::vector<std::uint32_t> parent_;
  std::vector<std::int32_t> cluster_of_root_;
  std::vector<std::uint32_t> cluster_of_track_;
};

}  // namespace sw::track
