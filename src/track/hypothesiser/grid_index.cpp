#include "track/hypothesiser/grid_index.h"

#include <algorithm>
#include <cmath>

namespace sw::track {

std::int64_t GridIndex::cell_of(double coordinate) const {
  const double cell = std::floor(coordinate / cell_size_);
  // Clamp far-away or non-finite coordinates into the key range (they share edge cells).
  constexpr double kLimit = 1e9;
  if (!(cell > -kLimit)) return static_cast<std::int64_t>(-kLimit);
  if (!(cell < kLimit)) return static_cast<std::int64_t>(kLimit);
  return static_cast<std::int64_t>(cell);
}

std::uint64_t GridIndex::cell_key(double x, double y) const {
  constexpr std::int64_t kOffset = std::int64_t{1} << 31;
  const auto column = static_cast<std::uint64_t>(cell_of(x) + kOffset);
  const auto row = static_cast<std::uint64_t>(cell_of(y) + kOffset);
  return (column << 32) | (row & 0xffffffffULL);
}

void GridIndex::build(const std::vector<Box>& boxes, double cell_size) {
  cell_size_ = cell_size > 0.0 ? cell_size : 1.0;
  entries_.clear();
  oversized_.clear();
  for (std::uint32_t box_idx = 0; box_idx < boxes.size(); ++box_idx) {
    const Box& box = boxes[box_idx];
    const std::int64_t first_column = cell_of(box.min_x);
    const std::int64_t last_column = cell_of(box.max_x);
    const std::int64_t first_row = cell_of(box.min_y);
    const std::int64_t last_row = cell_of(box.max_y);
    const std::int64_t cells = (last_column - first_column + 1) * (last_row - first_row + 1);
    if (cells <= 0 || cells > kMaxCellsPerBox) {
      oversized_.push_back(box_idx);
      continue;
    }
    for (std::int64_t column = first_column; column <= last_column; ++column) {
      for (std::int64_t row = first_row; row <= last_row; ++row) {
        const double x = (static_cast<double>(column) + 0.5) * cell_size_;
        const double y = (static_cast<double>(row) + 0.5) * cell_size_;
        entries_.emplace_back(cell_key(x, y), box_idx);
      }
    }
  }
  std::sort(entries_.begin(), entries_.end());
}

}  // namespace sw::track
