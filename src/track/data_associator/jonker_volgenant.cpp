#include "track/data_associator/jonker_volgenant.h"

#include <limits>

namespace sw::track {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::uint8_t kUntouched = 0;
constexpr std::uint8_t kFrontier = 1;
constexpr std::uint8_t kScanned = 2;
}  // namespace

void JonkerVolgenantSolver::relax(std::uint32_t row, double base,
                                  std::span<const std::uint32_t> row_offsets,
                                  std::span<const Edge> edges, std::span<const double> missed_costs,
                                  std::uint32_t column_count) {
  auto visit = [&](std::uint32_t column, double cost) {
    if (state_[column] == kScanned) return;
    const double candidate = base + cost - potential_[column];
    if (state_[column] == kUntouched) {
      state_[column] = kFrontier;
      frontier_.push_back(column);
    } else if (candidate >= distance_[column]) {
      return;
    }
    distance_[column] = candidate;
    predecessor_row_[column] = row;
    predecessor_cost_[column] = cost;
  };
  for (std::uint32_t edge_idx = row_offsets[row]; edge_idx < row_offsets[row + 1]; ++edge_idx) {
    visit(edges[edge_idx].column, edges[edge_idx].cost);
  }
  visit(column_count + row, missed_costs[row]);
}

double JonkerVolgenantSolver::solve(std::span<const std::uint32_t> row_offsets,
                                    std::span<const Edge> edges,
                                    std::span<const double> missed_costs,
                                    std::uint32_t column_count,
                                    std::vector<std::int32_t>& row_to_column) {
  const auto row_count = static_cast<std::uint32_t>(missed_costs.size());
  const std::uint32_t all_columns = column_count + row_count;
  potential_.assign(all_columns, 0.0);
  distance_.assign(all_columns, kInfinity);
  predecessor_cost_.assign(all_columns, 0.0);
  predecessor_row_.assign(all_columns, 0);
  owner_.assign(all_columns, -1);
  state_.assign(all_columns, kUntouched);
  assigned_cost_.assign(row_count, 0.0);
  assigned_column_.assign(row_count, 0);

  for (std::uint32_t start = 0; start < row_count; ++start) {
    frontier_.clear();
    scanned_.clear();
    relax(start, 0.0, row_offsets, edges, missed_costs, column_count);
    std::uint32_t end_column = 0;
    for (;;) {
      // Closest frontier column (first in frontier order on ties: deterministic).
      std::size_t best_slot = 0;
      for (std::size_t slot = 1; slot < frontier_.size(); ++slot) {
        if (distance_[frontier_[slot]] < distance_[frontier_[best_slot]]) best_slot = slot;
      }
      const std::uint32_t column = frontier_[best_slot];
      frontier_[best_slot] = frontier_.back();
      frontier_.pop_back();
      state_[column] = kScanned;
      scanned_.push_back(column);
      if (owner_[column] < 0) {
        end_column = column;
        break;
      }
      const auto row = static_cast<std::uint32_t>(owner_[column]);
      // Reduced distance through row's current assignment.
      const double row_dual = assigned_cost_[row] - potential_[column];
      relax(row, distance_[column] - row_dual, row_offsets, edges, missed_costs, column_count);
    }

    const double end_distance = distance_[end_column];
    for (const std::uint32_t column : scanned_) {
      potential_[column] += distance_[column] - end_distance;
    }
    // Augment along the predecessor chain back to the start row.
    std::uint32_t column = end_column;
    for (;;) {
      const std::uint32_t row = predecessor_row_[column];
      const std::uint32_t previous = assigned_column_[row];
      const bool was_assigned = row != start;
      owner_[column] = static_cast<std::int32_t>(row);
      assigned_column_[row] = column;
      assigned_cost_[row] = predecessor_cost_[column];
      if (!was_assigned) break;
      column = previous;
    }
    for (const std::uint32_t touched : scanned_) {
      state_[touched] = kUntouched;
      distance_[touched] = kInfinity;
    }
    for (const std::uint32_t touched : frontier_) {
      state_[touched] = kUntouched;
      distance_[touched] = kInfinity;
    }
  }

  row_to_column.assign(row_count, -1);
  double total = 0.0;
  for (std::uint32_t row = 0; row < row_count; ++row) {
    total += assigned_cost_[row];
    if (assigned_column_[row] < column_count) {
      row_to_column[row] = static_cast<std::int32_t>(assigned_column_[row]);
    }
  }
  return total;
}

}  // namespace sw::track
