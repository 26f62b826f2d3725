#include "sim/entity.h"

#include <cmath>

#include "core/units.h"

namespace sw::sim {

const char* to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::kMerchant: return "merchant";
    case EntityKind::kFerry: return "ferry";
    case EntityKind::kFishing: return "fishing";
    case EntityKind::kPleasure: return "pleasure";
    case EntityKind::kSmallBoat: return "small_boat";
    case EntityKind::kPatrol: return "patrol";
    case EntityKind::kAircraft: return "aircraft";
    case EntityKind::kDrone: return "drone";
  }
  return "unknown";
}

bool is_surface(EntityKind kind) {
  return kind != EntityKind::kAircraft && kind != EntityKind::kDrone;
}

const char* to_string(Activity activity) {
  switch (activity) {
    case Activity::kWaiting: return "waiting";
    case Activity::kUnderWay: return "under_way";
    case Activity::kFishing: return "fishing";
    case Activity::kMoored: return "moored";
    case Activity::kDrifting: return "drifting";
    case Activity::kReturning: return "returning";
    case Activity::kGone: return "gone";
  }
  return "unknown";
}

EastNorth Kinematics::velocity() const {
  const double course_rad = units::deg_to_rad(course_deg);
  return {speed_mps * std::sin(course_rad), speed_mps * std::cos(course_rad)};
}

}  // namespace sw::sim
