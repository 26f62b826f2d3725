#pragma once
/// GridIndex: uniform-grid spatial index of axis-aligned boxes (the gates of predicted
/// tracks), queried by point. Boxes that would cover too many cells are kept in an
/// "oversized" list that every query returns, so no box is ever missed.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace sw::track {

/// Axis-aligned box in the east-north plane, metres.
struct Box {
  double min_x = 0.0;
  double min_y = 0.0;
  double max_x = 0.0;
  double max_y = 0.0;
};

/// Point-in-boxes index over a uniform grid (a sorted cell-key table, no hashing).
class GridIndex {
 public:
  static constexpr std::uint32_t kMaxCellsPerBox = 64;

  /// Rebuilds the index over `boxes` with square cells of `cell_size` metres.
  void build(const std::vector<Box>& boxes, double cell_size);

  /// Calls visit(box_index) for every box whose cell contains (x, y) and every
  /// oversized box; a box may be returned even if the point is outside it.
  template <typename Visit>
  void query(double x, double y, Visit&& visit) const {
    const std::uint64_t key = cell_key(x, y);
    auto lower =
        std::lower_bound(entries_.begin(), entries_.end(), key,
                         [](const Entry& entry, std::uint64_t k) { return entry.first < k; });
    for (; lower != entries_.end() && lower->first == key; ++lower) visit(lower->second);
    for (const std::uint32_t box_idx : oversized_) visit(box_idx);
  }

  std::size_t oversized_count() const { return oversized_.size(); }

 private:
  using Entry = std::pair<std::uint64_t, std::uint32_t>;
  std::uint64_t cell_key(double x, double y) const;
  std::int64_t cell_of(double coordinate) const;

  double cell_size_ = 1.0;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> oversized_;
};

}  // namespace sw::track
