#include "track/data_associator/jpda_associator.h"

#include <algorithm>
#include <cmath>

namespace sw::track {

void JpdaAssociator::enumerate(std::size_t row, double weight) {
  const std::size_t row_count = layout_.row_offsets().size() - 1;
  if (row == row_count) {
    total_weight_ += weight;
    return;
  }
  // The event weight is only known at the leaves; accumulate marginals on the way back
  // by recursion: each branch adds its subtree's total to the chosen option.
  const double before_missed = total_weight_;
  enumerate(row + 1, weight * missed_likelihood_);
  missed_marginal_[row] += total_weight_ - before_missed;
  for (std::uint32_t option_idx = layout_.row_offsets()[row];
       option_idx < layout_.row_offsets()[row + 1]; ++option_idx) {
    const Option& option = options_[option_idx];
    if (detection_taken_[option.local_detection] != 0) continue;
    detection_taken_[option.local_detection] = 1;
    const double before = total_weight_;
    enumerate(row + 1, weight * option.likelihood_ratio);
    option_weight_[option_idx] += total_weight_ - before;
    detection_taken_[option.local_detection] = 0;
  }
}

void JpdaAssociator::approximate() {
  // Cheap JPDA (Fitzgerald 1985): beta_tj = L_tj / (S_t + S_j - L_tj + B), with S_t and S_j
  // the row and column sums of likelihood ratios and B the missed-detection term.
  const std::size_t row_count = layout_.row_offsets().size() - 1;
  std::vector<double> column_sum(layout_.detection_of_local().size(), 0.0);
  for (const Option& option : options_)
    column_sum[option.local_detection] += option.likelihood_ratio;
  for (std::size_t row = 0; row < row_count; ++row) {
    double row_sum = 0.0;
    for (std::uint32_t option_idx = layout_.row_offsets()[row];
         option_idx < layout_.row_offsets()[row + 1]; ++option_idx) {
      row_sum += options_[option_idx].likelihood_ratio;
    }
    double total = missed_likelihood_;
    missed_marginal_[row] = missed_likelihood_;
    for (std::uint32_t option_idx = layout_.row_offsets()[row];
         option_idx < layout_.row_offsets()[row + 1]; ++option_idx) {
      const Option& option = options_[option_idx];
      const double weight =
          option.likelihood_ratio / (row_sum + column_sum[option.local_detection] -
                                     option.likelihood_ratio + missed_likelihood_);
      option_weight_[option_idx] = weight;
      total += weight;
    }
    // Normalise per track, scaled so the caller's division by total_weight_ is a no-op.
    missed_marginal_[row] /= total;
    for (std::uint32_t option_idx = layout_.row_offsets()[row];
         option_idx < layout_.row_offsets()[row + 1]; ++option_idx) {
      option_weight_[option_idx] /= total;
    }
  }
  total_weight_ = 1.0;
}

void JpdaAssociator::associate(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                               std::size_t detection_count, Associations& associations) {
  associations.reset(track_count, detection_count);
  clusterer_.cluster(hypotheses, track_count, detection_count, clusters_);
  associations.clusters = clusters_.size();
  layout_.reset(detection_count);
  missed_likelihood_ = 1.0 - parameters_.detection_probability * parameters_.gate_probability;
  const double log_ratio_offset =
      std::log(parameters_.detection_probability / parameters_.clutter_density);

  for (std::size_t cluster_idx = 0; cluster_idx < clusters_.size(); ++cluster_idx) {
    const std::uint32_t first_track = clusters_.track_offsets[cluster_idx];
    const std::uint32_t row_count = clusters_.track_offsets[cluster_idx + 1] - first_track;
    layout_.build(clusters_, cluster_idx, hypotheses);
    options_.clear();
    for (const ClusterLayout::Entry& entry : layout_.entries()) {
      options_.push_back(
          {entry.local_detection,
           std::exp(hypotheses[entry.hypothesis].log_likelihood + log_ratio_offset)});
    }
    double event_bound = 1.0;
    for (std::uint32_t local_row = 0; local_row < row_count; ++local_row) {
      event_bound *=
          1.0 + (layout_.row_offsets()[local_row + 1] - layout_.row_offsets()[local_row]);
    }

    option_weight_.assign(options_.size(), 0.0);
    missed_marginal_.assign(row_count, 0.0);
    detection_taken_.assign(layout_.detection_of_local().size(), 0);
    total_weight_ = 0.0;
    if (event_bound <= static_cast<double>(parameters_.max_joint_events)) {
      enumerate(0, 1.0);
    } else {
      approximate();
      ++associations.approximated_clusters;
    }

    for (std::uint32_t local_row = 0; local_row < row_count; ++local_row) {
      const std::uint32_t track_idx = clusters_.tracks[first_track + local_row];
      associations.missed_weight[track_idx] = missed_marginal_[local_row] / total_weight_;
      for (std::uint32_t option_idx = layout_.row_offsets()[local_row];
           option_idx < layout_.row_offsets()[local_row + 1]; ++option_idx) {
        const std::uint32_t detection_idx =
            layout_.detection_of_local()[options_[option_idx].local_detection];
        associations.entries.push_back(
            {track_idx, detection_idx, option_weight_[option_idx] / total_weight_});
        associations.detection_used[detection_idx] = 1;
      }
    }
    layout_.release();
  }
  std::stable_sort(associations.entries.begin(), associations.entries.end(),
                   [](const AssociationEntry& lhs, const AssociationEntry& rhs) {
                     return lhs.track < rhs.track;
                   });
}

}  // namespace sw::track
