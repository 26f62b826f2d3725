#pragma once
/// JpdaAssociator: joint probabilistic data association per independent cluster.
/// Small clusters enumerate every feasible joint event (depth-first, each detection used
/// at most once); clusters with more than `max_joint_events` candidate events use
/// Fitzgerald's "cheap JPDA" approximation and are counted.

#include <cmath>
#include <vector>

#include "track/data_associator/clustering.h"
#include "track/data_associator/data_associator.h"

namespace sw::track {

/// Parameters of the JPDA likelihood model.
struct JpdaParameters {
  double detection_probability = 0.9;  ///< Pd
  double gate_probability = 0.9889;    ///< Pg: gate_probability_2d(gate); 0.9889 at 3 sigma
  double clutter_density = 2.5e-8;     ///< false detections per square metre per scan
  std::size_t max_joint_events = 50'000;
};

/// Pg of a Mahalanobis gate on a 2-D measurement: the chi-square(2) mass inside it,
/// 1 - exp(-gate^2 / 2).
inline double gate_probability_2d(double gate) { return 1.0 - std::exp(-0.5 * gate * gate); }

/// Association probabilities beta(track, detection) and beta(track, missed).
class JpdaAssociator final : public DataAssociator {
 public:
  explicit JpdaAssociator(JpdaParameters parameters) : parameters_(parameters) {}

  void associate(std::span<const Hypothesis> hypotheses, std::size_t track_count,
                 std::size_t detection_count, Associations& associations) override;

 private:
  struct Option {
    std::uint32_t local_detection;
    double likelihood_ratio;
  };
  void enumerate(std::size_t row, double weight);
  void approximate();

  JpdaParameters parameters_;
  Clusterer clusterer_;
  Clusters clusters_;
  // Per-cluster scratch: the layout (rows, columns, option offsets), options of each
  // local track, marginals, detection use.
  ClusterLayout layout_;
  std::vector<Option> options_;
  std::vector<double> option_weight_;
  std::vector<double> missed_marginal_;
  std::vector<std::uint8_t> detection_taken_;
  double missed_likelihood_ = 0.0;
  double total_weight_ = 0.0;
};

}  // namespace sw::track
