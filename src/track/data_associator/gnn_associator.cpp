#include "track/data_associator/gnn_associator.h"

#include <algorithm>

namespace sw::track {

void GnnAssociator::associate(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                              std::size_t detection_count, Associations& associations) {
  associations.reset(track_count, detection_count);
  clusterer_.cluster(hypotheses, track_count, detection_count, clusters_);
  associations.clusters = clusters_.size();
  layout_.reset(detection_count);

  for (std::size_t cluster_idx = 0; cluster_idx < clusters_.size(); ++cluster_idx) {
    const std::uint32_t first_track = clusters_.track_offsets[cluster_idx];
    const std::uint32_t track_end = clusters_.track_offsets[cluster_idx + 1];
    const std::uint32_t first_hypothesis = clusters_.hypothesis_offsets[cluster_idx];
    const std::uint32_t hypothesis_end = clusters_.hypothesis_offsets[cluster_idx + 1];

    if (track_end - first_track == 1) {  // one track: its nearest gated detection
      const Hypothesis* best = nullptr;
      for (std::uint32_t slot = first_hypothesis; slot < hypothesis_end; ++slot) {
        const Hypothesis& hypothesis = hypotheses[clusters_.hypotheses[slot]];
        if (best == nullptr || hypothesis.distance_squared < best->distance_squared) {
          best = &hypothesis;
        }
      }
      if (best != nullptr && best->distance_squared < missed_cost_) {
        associations.entries.push_back({best->track, best->detection, 1.0});
        associations.missed_weight[best->track] = 0.0;
        associations.detection_used[best->detection] = 1;
      }
      continue;
    }

    // Local rows (tracks, ascending) and columns (detections in first-seen order).
    layout_.build(clusters_, cluster_idx, hypotheses);
    const std::uint32_t row_count = track_end - first_track;
    edges_.clear();
    for (const ClusterLayout::Entry& entry : layout_.entries()) {
      edges_.push_back({entry.local_detection, hypotheses[entry.hypothesis].distance_squared});
    }
    missed_costs_.assign(row_count, missed_cost_);
    solver_.solve(layout_.row_offsets(), edges_, missed_costs_,
                  static_cast<std::uint32_t>(layout_.detection_of_local().size()), row_to_column_);
    for (std::uint32_t local_row = 0; local_row < row_count; ++local_row) {
      if (row_to_column_[local_row] < 0) continue;
      const std::uint32_t track_idx = clusters_.tracks[first_track + local_row];
      const std::uint32_t detection_idx = layout_.detection_of_local()[row_to_column_[local_row]];
      associations.entries.push_back({track_idx, detection_idx, 1.0});
      associations.missed_weight[track_idx] = 0.0;
      associations.detection_used[detection_idx] = 1;
    }
    layout_.release();
  }
  std::sort(associations.entries.begin(), associations.entries.end(),
            [](const AssociationEntry& lhs, const AssociationEntry& rhs) {
              return lhs.track < rhs.track;
            });
}

}  // namespace sw::track
