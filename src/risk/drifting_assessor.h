#pragma once
/// DriftingAssessor: a small craft whose speed through the water (ground velocity minus
/// the current) is near zero, or whose motion matches the expected wind and current drift,
/// for longer than a threshold — an engine failure or a boat taking on water. The alert
/// asks for drift search areas (attached when it is raised).

#include <cstdint>
#include <map>

#include "risk/assessor.h"
#include "risk/risk_settings.h"

namespace sw::risk {

class DriftingAssessor final : public Assessor {
 public:
  DriftingAssessor(DriftingSettings settings, Environment environment)
      : settings_(settings), environment_(environment) {}
  AlertKind kind() const override { return AlertKind::kDrifting; }
  void assess(const AssessmentContext& context, std::vector<Finding>& out) override;

 private:
  DriftingSettings settings_;
  Environment environment_;
  std::map<std::uint64_t, TimeNs> since_;  ///< track id -> first evaluation it looked adrift
};

}  // namespace sw::risk
