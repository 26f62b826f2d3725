#pragma once
/// JonkerVolgenantSolver: optimal rectangular assignment on a sparse cost graph, by the
/// shortest-augmenting-path phase of Jonker & Volgenant (1987) with column potentials
/// (Dijkstra on reduced costs). Each row may stay unassigned at its own "missed" cost,
/// which is modelled as a private dummy column, so a full assignment always exists.

#include <cstdint>
#include <span>
#include <vector>

namespace sw::track {

/// Minimum-cost assignment of rows to columns over the given edges.
class JonkerVolgenantSolver {
 public:
  /// An edge of a row: its column and cost (any finite value).
  struct Edge {
    std::uint32_t column = 0;
    double cost = 0.0;
  };

  /// Row r's edges are edges[row_offsets[r] .. row_offsets[r+1]); a column appears at most
  /// once per row. Fills row_to_column (-1 = missed) and returns the total cost (edge
  /// costs of assigned rows plus missed costs of the others).
  double solve(std::span<const std::uint32_t> row_offsets, std::span<const Edge> edges,
               std::span<const double> missed_costs, std::uint32_t column_count,
               std::vector<std::int32_t>& row_to_column);

 private:
  void relax(std::uint32_t row, double base, std::span<const std::uint32_t> row_offsets,
             std::span<const Edge> edges, std::span<const double> missed_costs,
             std::uint32_t column_count);

  std::vector<double> potential_;
  std::vector<double> distance_;
  std::vector<double> predecessor_cost_;
  std::vector<std::int32_t> owner_;
  std::vector<std::uint32_t> predecessor_row_;
  std::vector<std::uint8_t> state_;  // 0 untouched, 1 frontier, 2 scanned
  std::vector<std::uint32_t> frontier_;
  std::vector<std::uint32_t> scanned_;
  std::vector<double> assigned_cost_;
  std::vector<std::uint32_t> assigned_column_;
};

}  // namespace sw::track
