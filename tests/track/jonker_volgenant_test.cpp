#include "track/data_associator/jonker_volgenant.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "core/rng.h"

namespace sw::track {
namespace {

using Edge = JonkerVolgenantSolver::Edge;

/// Exhaustive minimum over every assignment (rows take an edge or their missed cost).
double brute_force(const std::vector<std::vector<Edge>>& rows, const std::vector<double>& missed,
                   std::size_t row, std::vector<bool>& taken) {
  if (row == rows.size()) return 0.0;
  double best = missed[row] + brute_force(rows, missed, row + 1, taken);
  for (const Edge& edge : rows[row]) {
    if (taken[edge.column]) continue;
    taken[edge.column] = true;
    best = std::min(best, edge.cost + brute_force(rows, missed, row + 1, taken));
    taken[edge.column] = false;
  }
  return best;
}

TEST(JonkerVolgenantSolver, MatchesExhaustiveSearchOnRandomSparseProblems) {
  Rng rng(7);
  JonkerVolgenantSolver solver;
  for (int trial = 0; trial < 300; ++trial) {
    const auto row_count = static_cast<std::size_t>(1 + rng.next() % 6);
    const auto column_count = static_cast<std::uint32_t>(1 + rng.next() % 6);
    std::vector<std::vector<Edge>> rows(row_count);
    std::vector<std::uint32_t> offsets{0};
    std::vector<Edge> edges;
    std::vector<double> missed(row_count);
    for (std::size_t row = 0; row < row_count; ++row) {
      for (std::uint32_t column = 0; column < column_count; ++column) {
        if (rng.uniform() < 0.5) rows[row].push_back({column, rng.uniform(-5.0, 10.0)});
      }
      missed[row] = rng.uniform(0.0, 9.0);
      edges.insert(edges.end(), rows[row].begin(), rows[row].end());
      offsets.push_back(static_cast<std::uint32_t>(edges.size()));
    }
    std::vector<std::int32_t> assignment;
    const double total = solver.solve(offsets, edges, missed, column_count, assignment);
    std::vector<bool> taken(column_count, false);
    EXPECT_NEAR(total, brute_force(rows, missed, 0, taken), 1e-9) << "trial " << trial;
    // The assignment is feasible and costs what the solver says.
    std::vector<int> uses(column_count, 0);
    double recomputed = 0.0;
    for (std::size_t row = 0; row < row_count; ++row) {
      if (assignment[row] < 0) {
        recomputed += missed[row];
        continue;
      }
      ++uses[assignment[row]];
      const auto found = std::find_if(rows[row].begin(), rows[row].end(), [&](const Edge& edge) {
        return edge.column == static_cast<std::uint32_t>(assignment[row]);
      });
      ASSERT_NE(found, rows[row].end());
      recomputed += found->cost;
    }
    EXPECT_NEAR(recomputed, total, 1e-9);
    for (const int use : uses) EXPECT_LE(use, 1);
  }
}

TEST(JonkerVolgenantSolver, CrossingPairTakesTheGloballyCheaperAssignment) {
  // Row 0 prefers column 0 (1 < 2), but then row 1 would pay 10: optimal is 0->1, 1->0.
  const std::vector<std::uint32_t> offsets{0, 2, 3};
  const std::vector<Edge> edges{{0, 1.0}, {1, 2.0}, {0, 1.5}};
  const std::vector<double> missed{9.0, 9.0};
  JonkerVolgenantSolver solver;
  std::vector<std::int32_t> assignment;
  EXPECT_DOUBLE_EQ(solver.solve(offsets, edges, missed, 2, assignment), 3.5);
  EXPECT_EQ(assignment, (std::vector<std::int32_t>{1, 0}));
}

}  // namespace
}  // namespace sw::track
