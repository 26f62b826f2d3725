#pragma once
/// CollisionAssessor: every small craft against every ship that could reach it within the
/// horizon (found through the spatial index), with the CPA and TCPA of their present
/// straight-line motion and the probability of passing closer than the threshold given
/// both tracks' covariances. Severity grows with a closer CPA, a shorter TCPA and a
/// larger ship.

#include "risk/assessor.h"
#include "risk/risk_settings.h"

namespace sw::risk {

class CollisionAssessor final : public Assessor {
 public:
  CollisionAssessor(CollisionSettings settings, std::uint64_t seed)
      : settings_(settings), seed_(seed) {}
  AlertKind kind() const override { return AlertKind::kCollision; }
  void assess(const AssessmentContext& context, std::vector<Finding>& out) override;

 private:
  CollisionSettings settings_;
  std::uint64_t seed_;
};

/// Severity of an approach by the settings' rules.
Severity collision_severity(const CollisionSettings& settings, double cpa_m, double tcpa_s,
                            double ship_length_m);

}  // namespace sw::risk
