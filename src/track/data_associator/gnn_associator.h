#pragma once
/// GnnAssociator: global nearest neighbour. Hypotheses are split into independent
/// clusters, and each cluster is solved optimally with the sparse Jonker-Volgenant
/// solver (Stone Soup's GNNWith2DAssignment, per cluster).

#include <vector>

#include "track/data_associator/clustering.h"
#include "track/data_associator/data_associator.h"
#include "track/data_associator/jonker_volgenant.h"

namespace sw::track {

/// Minimises the sum of Mahalanobis distances squared of assigned pairs plus
/// `missed_cost` for every track left without a detection.
class GnnAssociator final : public DataAssociator {
 public:
  explicit GnnAssociator(double missed_cost) : missed_cost_(missed_cost) {}

  void associate(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                 std::size_t detection_count, Associations& associations) override;

 private:
  double missed_cost_;
  Clusterer clusterer_;
  Clusters clusters_;
  JonkerVolgenantSolver solver_;
  ClusterLayout layout_;
  std::vector<JonkerVolgenantSolver::Edge> edges_;
  std::vector<double> missed_costs_;
  std::vector<std::int32_t> row_to_column_;
};

}  // namespace sw::track
