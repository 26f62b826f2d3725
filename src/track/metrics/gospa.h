#pragma once
/// GOSPA and OSPA between a truth set and a track set of 2D points (Stone Soup's
/// GOSPAMetric / OSPAMetric). GOSPA uses alpha = 2 (Rahmathullah, Garcia-Fernandez,
/// Svensson 2017); both are solved exactly on the sparse graph of pairs closer than the
/// cut-off c (pairs at >= c cost the same as leaving both points unassigned).

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "track/data_associator/jonker_volgenant.h"
#include "track/hypothesiser/grid_index.h"

namespace sw::track {

/// One scan's metric values and the optimal truth-to-track assignment.
struct GospaResult {
  double gospa = 0.0;                        ///< (loc + c^p/2 (missed + false))^(1/p)
  double localisation = 0.0;                 ///< sum over assigned pairs of d^p (not rooted)
  std::size_t missed = 0;                    ///< truth points without a track within c
  std::size_t false_tracks = 0;              ///< track points without a truth within c
  double ospa = 0.0;                         ///< OSPA of order p with cut-off c
  std::vector<std::int32_t> truth_to_track;  ///< index into tracks, or -1
};

/// GOSPA/OSPA calculator with reusable buffers.
class GospaMetric {
 public:
  GospaMetric(double cutoff, double order) : cutoff_(cutoff), order_(order) {}

  void compute(std::span<const Eigen::Vector2d> truth, std::span<const Eigen::Vector2d> tracks,
               GospaResult& result);

 private:
  double cutoff_;
  double order_;
  GridIndex grid_;
  std::vector<Box> boxes_;
  std::vector<std::uint32_t> row_offsets_;
  std::vector<JonkerVolgenantSolver::Edge> edges_;
  std::vector<double> missed_costs_;
  JonkerVolgenantSolver solver_;
};

}  // namespace sw::track
