#pragma once
/// DistressAssessor: a distress report (phone call relayed, NGO alert) becomes an alert at
/// once, with the tracks near the reported position that could be the caller (small
/// craft first, by distance scaled by the report's uncertainty) and the nearest own assets
/// with their time to reach it. A report stays until an operator closes it; later reports
/// with the same id update it.

#include <map>
#include <string>

#include "risk/assessor.h"
#include "risk/risk_settings.h"

namespace sw::risk {

class DistressAssessor final : public Assessor {
 public:
  explicit DistressAssessor(DistressSettings settings) : settings_(settings) {}
  AlertKind kind() const override { return AlertKind::kDistress; }
  void assess(const AssessmentContext& context, std::vector<Finding>& out) override;
  void observe(const Observation& observation) override;

 private:
  DistressSettings settings_;
  std::map<std::string, Observation> reports_;  ///< latest report of each id
};

}  // namespace sw::risk
