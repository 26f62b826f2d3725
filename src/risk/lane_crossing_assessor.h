#pragma once
/// LaneCrossingAssessor: a small craft inside a traffic lane of the separation scheme, with
/// its crossing angle (Rule 10 asks for a heading as near as practicable at right angles
/// to the direction of traffic) and the ships in that lane it must cross.

#include "risk/assessor.h"
#include "risk/risk_settings.h"

namespace sw::risk {

class LaneCrossingAssessor final : public Assessor {
 public:
  explicit LaneCrossingAssessor(LaneSettings settings) : settings_(settings) {}
  AlertKind kind() const override { return AlertKind::kLaneCrossing; }
  void assess(const AssessmentContext& context, std::vector<Finding>& out) override;

 private:
  LaneSettings settings_;
};

/// Angle in [0, 90] degrees between a course and a lane's direction of traffic (90: at
/// right angles, 0: along the lane either way).
double crossing_angle_deg(double course_deg, double lane_direction_deg);

}  // namespace sw::risk
