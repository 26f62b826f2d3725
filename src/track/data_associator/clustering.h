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

/// One cluster laid out as a sparse matrix: rows are its tracks (ascending), columns its
/// gated detections in first-seen order, and entries its hypotheses sorted by (track,
/// detection); row r's entries are entries()[row_offsets()[r] .. row_offsets()[r+1]).
/// Shared by the associators so each only turns entries into its own costs.
class ClusterLayout {
 public:
  /// One entry: the local column of the hypothesis' detection and the hypothesis index.
  struct Entry {
    std::uint32_t local_detection;
    std::uint32_t hypothesis;
  };

  /// Prepare for a scan with `detection_count` detections.
  void reset(std::size_t detection_count) { local_of_detection_.assign(detection_count, -1); }
  /// Lay out cluster `cluster_idx` (a previous cluster must have been released).
  void build(const Clusters& clusters, std::size_t cluster_idx,
             std::span<const Hypothesis> hypotheses);
  /// Forget the current cluster's detections, ready for the next build().
  void release();

  std::size_t row_count() const { return row_offsets_.size() - 1; }
  const std::vector<std::uint32_t>& row_offsets() const { return row_offsets_; }
  const std::vector<Entry>& entries() const { return entries_; }
  /// Global detection index of each local column.
  const std::vector<std::uint32_t>& detection_of_local() const { return detection_of_local_; }

 private:
  std::vector<std::uint32_t> order_;
  std::vector<std::int32_t> local_of_detection_;
  std::vector<std::uint32_t> detection_of_local_;
  std::vector<std::uint32_t> row_offsets_;
  std::vector<Entry> entries_;
};

}  // namespace sw::track
