#include "track/data_associator/gnn_associator.h"

#include <algorithm>

namespace sw::track {

void GnnAssociator::associate(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                              std::size_t detection_count, Associations& associations) {
  associations.reset(track_count, detection_count);
  clusterer_.cluster(hypotheses, track_count, detection_count, clusters_);
  associations.clusters = clusters_.size();
  local_of_detection_.assign(detection_count, -1);

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
    const std::uint32_t row_count = track_end - first_track;
    order_.assign(clusters_.hypotheses.begin() + first_hypothesis,
                  clusters_.hypotheses.begin() + hypothesis_end);
    std::sort(order_.begin(), order_.end(), [&](std::uint32_t lhs, std::uint32_t rhs) {
      const Hypothesis& left = hypotheses[lhs];
      const Hypothesis& right = hypotheses[rhs];
      return left.track != right.track ? left.track < right.track
                                       : left.detection < right.detection;
    });
    detection_of_local_.clear();
    row_offsets_.assign(row_count + 1, 0);
    edges_.clear();
    std::uint32_t row = 0;
    for (const std::uint32_t hypothesis_idx : order_) {
      const Hypothesis& hypothesis = hypotheses[hypothesis_idx];
      while (clusters_.tracks[first_track + row] != hypothesis.track) {
        row_offsets_[++row] = static_cast<std::uint32_t>(edges_.size());
      }
      if (local_of_detection_[hypothesis.detection] < 0) {
        local_of_detection_[hypothesis.detection] =
            static_cast<std::int32_t>(detection_of_local_.size());
        detection_of_local_.push_back(hypothesis.detection);
      }
      edges_.push_back({static_cast<std::uint32_t>(local_of_detection_[hypothesis.detection]),
                        hypothesis.distance_squared});
    }
    while (row < row_count) row_offsets_[++row] = static_cast<std::uint32_t>(edges_.size());
    missed_costs_.assign(row_count, missed_cost_);
    solver_.solve(row_offsets_, edges_, missed_costs_,
                  static_cast<std::uint32_t>(detection_of_local_.size()), row_to_column_);
    for (std::uint32_t local_row = 0; local_row < row_count; ++local_row) {
      if (row_to_column_[local_row] < 0) continue;
      const std::uint32_t track_idx = clusters_.tracks[first_track + local_row];
      const std::uint32_t detection_idx = detection_of_local_[row_to_column_[local_row]];
      associations.entries.push_back({track_idx, detection_idx, 1.0});
      associations.missed_weight[track_idx] = 0.0;
      associations.detection_used[detection_idx] = 1;
    }
    for (const std::uint32_t detection_idx : detection_of_local_) {
      local_of_detection_[detection_idx] = -1;
    }
  }
  std::sort(associations.entries.begin(), associations.entries.end(),
            [](const AssociationEntry& lhs, const AssociationEntry& rhs) {
              return lhs.track < rhs.track;
            });
}

}  // namespace sw::track
