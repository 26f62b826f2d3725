#include "track/metrics/gospa.h"

#include <algorithm>
#include <cmath>

namespace sw::track {

void GospaMetric::compute(std::span<const Eigen::Vector2d> truth,
                          std::span<const Eigen::Vector2d> tracks, GospaResult& result) {
  const double cutoff_power = std::pow(cutoff_, order_);
  boxes_.resize(tracks.size());
  for (std::size_t track_idx = 0; track_idx < tracks.size(); ++track_idx) {
    const Eigen::Vector2d& point = tracks[track_idx];
    boxes_[track_idx] = {point.x() - cutoff_, point.y() - cutoff_, point.x() + cutoff_,
                         point.y() + cutoff_};
  }
  grid_.build(boxes_, cutoff_);

  row_offsets_.assign(1, 0);
  edges_.clear();
  const double cutoff_squared = cutoff_ * cutoff_;
  for (const Eigen::Vector2d& point : truth) {
    const std::size_t row_start = edges_.size();
    grid_.query(point.x(), point.y(), [&](std::uint32_t track_idx) {
      const double distance_squared = (tracks[track_idx] - point).squaredNorm();
      if (distance_squared >= cutoff_squared) return;
      const double distance = std::sqrt(distance_squared);
      edges_.push_back({track_idx, std::pow(distance, order_) - cutoff_power});
    });
    // A track can only be listed once per query, but keep rows sorted for determinism.
    std::sort(edges_.begin() + static_cast<std::ptrdiff_t>(row_start), edges_.end(),
              [](const auto& lhs, const auto& rhs) { return lhs.column < rhs.column; });
    row_offsets_.push_back(static_cast<std::uint32_t>(edges_.size()));
  }
  missed_costs_.assign(truth.size(), 0.0);
  solver_.solve(row_offsets_, edges_, missed_costs_, static_cast<std::uint32_t>(tracks.size()),
                result.truth_to_track);

  result.localisation = 0.0;
  std::size_t assigned = 0;
  for (std::size_t truth_idx = 0; truth_idx < truth.size(); ++truth_idx) {
    const std::int32_t track_idx = result.truth_to_track[truth_idx];
    if (track_idx < 0) continue;
    ++assigned;
    result.localisation += std::pow((tracks[track_idx] - truth[truth_idx]).norm(), order_);
  }
  result.missed = truth.size() - assigned;
  result.false_tracks = tracks.size() - assigned;
  const double total =
      result.localisation +
      cutoff_power / 2.0 * static_cast<double>(result.missed + result.false_tracks);
  result.gospa = std::pow(total, 1.0 / order_);
  const std::size_t larger = std::max(truth.size(), tracks.size());
  if (larger == 0) {
    result.ospa = 0.0;
  } else {
    const double ospa_total =
        result.localisation + cutoff_power * static_cast<double>(larger - assigned);
    result.ospa = std::pow(ospa_total / static_cast<double>(larger), 1.0 / order_);
  }
}

}  // namespace sw::track
