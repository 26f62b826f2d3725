#include "track/data_associator/clustering.h"

#include <algorithm>

#include <numeric>

namespace sw::track {

std::uint32_t Clusterer::find(std::uint32_t node) {
  while (parent_[node] != node) {
    parent_[node] = parent_[parent_[node]];
    node = parent_[node];
  }
  return node;
}

void Clusterer::cluster(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                        std::size_t detection_count, Clusters& clusters) {
  const std::size_t nodes = track_count + detection_count;
  parent_.resize(nodes);
  std::iota(parent_.begin(), parent_.end(), 0U);
  for (const Hypothesis& hypothesis : hypotheses) {
    const std::uint32_t track_root = find(hypothesis.track);
    const auto detection_root =
        find(static_cast<std::uint32_t>(track_count + hypothesis.detection));
    if (track_root == detection_root) continue;
    // The smaller root survives, so a cluster's root is its lowest track.
    if (track_root < detection_root) {
      parent_[detection_root] = track_root;
    } else {
      parent_[track_root] = detection_root;
    }
  }

  constexpr std::uint32_t kNoCluster = 0xffffffffU;
  cluster_of_root_.assign(nodes, -1);
  cluster_of_track_.assign(track_count, kNoCluster);
  std::uint32_t cluster_count = 0;
  // Tracks with hypotheses, in index order: the lowest track of a cluster opens it.
  for (const Hypothesis& hypothesis : hypotheses) {
    if (cluster_of_track_[hypothesis.track] != kNoCluster) continue;
    cluster_of_track_[hypothesis.track] = 0;  // mark: has hypotheses
  }
  for (std::uint32_t track_idx = 0; track_idx < track_count; ++track_idx) {
    if (cluster_of_track_[track_idx] == kNoCluster) continue;
    const std::uint32_t root = find(track_idx);
    if (cluster_of_root_[root] < 0) {
      cluster_of_root_[root] = static_cast<std::int32_t>(cluster_count++);
    }
    cluster_of_track_[track_idx] = static_cast<std::uint32_t>(cluster_of_root_[root]);
  }

  // Counting sort of tracks and hypotheses by cluster.
  clusters.track_offsets.assign(cluster_count + 1, 0);
  clusters.hypothesis_offsets.assign(cluster_count + 1, 0);
  for (std::uint32_t track_idx = 0; track_idx < track_count; ++track_idx) {
    if (cluster_of_track_[track_idx] != kNoCluster) {
      ++clusters.track_offsets[cluster_of_track_[track_idx] + 1];
    }
  }
  for (const Hypothesis& hypothesis : hypotheses) {
    ++clusters.hypothesis_offsets[cluster_of_track_[hypothesis.track] + 1];
  }
  for (std::uint32_t cluster_idx = 0; cluster_idx < cluster_count; ++cluster_idx) {
    clusters.track_offsets[cluster_idx + 1] += clusters.track_offsets[cluster_idx];
    clusters.hypothesis_offsets[cluster_idx + 1] += clusters.hypothesis_offsets[cluster_idx];
  }
  clusters.tracks.resize(clusters.track_offsets.back());
  clusters.hypotheses.resize(hypotheses.size());
  std::vector<std::uint32_t> cursor(clusters.track_offsets.begin(),
                                    clusters.track_offsets.end() - 1);
  for (std::uint32_t track_idx = 0; track_idx < track_count; ++track_idx) {
    if (cluster_of_track_[track_idx] != kNoCluster) {
      clusters.tracks[cursor[cluster_of_track_[track_idx]]++] = track_idx;
    }
  }
  cursor.assign(clusters.hypothesis_offsets.begin(), clusters.hypothesis_offsets.end() - 1);
  for (std::uint32_t hypothesis_idx = 0; hypothesis_idx < hypotheses.size(); ++hypothesis_idx) {
    const std::uint32_t cluster_idx = cluster_of_track_[hypotheses[hypothesis_idx].track];
    clusters.hypotheses[cursor[cluster_idx]++] = hypothesis_idx;
  }
}

void ClusterLayout::build(const Clusters& clusters, std::size_t cluster_idx,
                          std::span<const Hypothesis> hypotheses) {
  const std::uint32_t first_track = clusters.track_offsets[cluster_idx];
  const std::uint32_t row_count = clusters.track_offsets[cluster_idx + 1] - first_track;
  order_.assign(clusters.hypotheses.begin() + clusters.hypothesis_offsets[cluster_idx],
                clusters.hypotheses.begin() + clusters.hypothesis_offsets[cluster_idx + 1]);
  std::sort(order_.begin(), order_.end(), [&](std::uint32_t lhs, std::uint32_t rhs) {
    const Hypothesis& left = hypotheses[lhs];
    const Hypothesis& right = hypotheses[rhs];
    return left.track != right.track ? left.track < right.track : left.detection < right.detection;
  });
  detection_of_local_.clear();
  row_offsets_.assign(row_count + 1, 0);
  entries_.clear();
  std::uint32_t row = 0;
  for (const std::uint32_t hypothesis_idx : order_) {
    const Hypothesis& hypothesis = hypotheses[hypothesis_idx];
    while (clusters.tracks[first_track + row] != hypothesis.track) {
      row_offsets_[++row] = static_cast<std::uint32_t>(entries_.size());
    }
    if (local_of_detection_[hypothesis.detection] < 0) {
      local_of_detection_[hypothesis.detection] =
          static_cast<std::int32_t>(detection_of_local_.size());
      detection_of_local_.push_back(hypothesis.detection);
    }
    entries_.push_back(
        {static_cast<std::uint32_t>(local_of_detection_[hypothesis.detection]), hypothesis_idx});
  }
  while (row < row_count) row_offsets_[++row] = static_cast<std::uint32_t>(entries_.size());
}

void ClusterLayout::release() {
  for (const std::uint32_t detection_idx : detection_of_local_) {
    local_of_detection_[detection_idx] = -1;
  }
}

}  // namespace sw::track
