#pragma once
/// HandoverAssessor: a contact (a small craft, or any dark contact) whose present motion
/// takes it from one search-and-rescue region into another within the horizon, with the
/// estimated time and place of the crossing. The alert is addressed to the rescue centres
/// of both regions, and stays for a while after the crossing so the receiving centre has it.

#include <cstdint>
#include <map>
#include <string>

#include "risk/assessor.h"
#include "risk/risk_settings.h"

namespace sw::risk {

/// When and where a straight-line motion leaves its present region.
struct BoundaryCrossing {
  const SarRegion* from = nullptr;
  const SarRegion* to = nullptr;
  double after_s = 0;
  LatLon position;
};

class HandoverAssessor final : public Assessor {
 public:
  explicit HandoverAssessor(HandoverSettings settings) : settings_(settings) {}
  AlertKind kind() const override { return AlertKind::kSarHandover; }
  void assess(const AssessmentContext& context, std::vector<Finding>& out) override;

 private:
  struct Crossed {
    std::string from, to, from_centre, to_centre;
    TimeNs at = 0;
    LatLon position;
  };
  HandoverSettings settings_;
  std::map<std::uint64_t, Crossed> crossed_;  ///< contacts that crossed, by track id
  std::map<std::uint64_t, const SarRegion*> last_region_;
  std::map<std::uint64_t, TimeNs> predicted_since_;  ///< track id -> first predicted crossing
};

/// The first crossing of a region boundary by `track` within `horizon_s` of `now`, found
/// at `step_s` and refined by bisection to a second; nullopt when it stays in one region.
std::optional<BoundaryCrossing> predict_crossing(const RiskTrack& track, TimeNs now,
                                                 const RiskPicture& picture,
                                                 const RiskGeography& geography, double horizon_s,
                                                 double step_s);

}  // namespace sw::risk
