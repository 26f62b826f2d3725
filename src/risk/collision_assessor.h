#pragma once
/// CollisionAssessor: every small craft against every ship that could reach it within the
/// horizon (found through the spatial index), with the CPA and TCPA of their present
/// straight-line motion and the probability of passing closer than the threshold given
/// both tracks' covariances. Severity grows with a closer CPA, a shorter TCPA and a
/// larger ship.

#include <map>
#include <utility>

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
  struct Run {
    TimeNs first = 0;  ///< first evaluation of the present run of predicted approaches
    TimeNs last = 0;   ///< latest evaluation that predicted it
  };
  /// (small craft, ship) -> the run of evaluations predicting the approach.
  std::map<std::pair<std::uint64_t, std::uint64_t>, Run> runs_;
};

/// The track with the velocity fitted to its measured positions over `window_s` when that
/// is better known than the tracker's filtered velocity.
RiskTrack with_best_velocity(const RiskTrack& track, const RiskPicture& picture, TimeNs now,
                             double window_s);

/// Severity of an approach by the settings' rules.
Severity collision_severity(const CollisionSettings& settings, double cpa_m, double tcpa_s,
                            double ship_length_m);

}  // namespace sw::risk
