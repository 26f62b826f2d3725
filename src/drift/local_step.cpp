#include "drift/local_step.h"

#include <cmath>

namespace sw::drift {
namespace {

constexpr double kSemiMajorM = 6378137.0;
constexpr double kFlattening = 1.0 / 298.257223563;
constexpr double kEccentricitySq = kFlattening * (2.0 - kFlattening);
constexpr double kDegPerRad = 57.295779513082320876798;

}  // namespace

GeodesicStepper::GeodesicStepper() {
  const auto count = static_cast<std::size_t>(std::lround(180.0 / kStepDeg)) + 2;
  table_.resize(count);
  for (std::size_t idx = 0; idx < count; ++idx) {
    const double lat = (-90.0 + static_cast<double>(idx) * kStepDeg) / kDegPerRad;
    const double sin_lat = std::sin(lat), cos_lat = std::max(std::cos(lat), 1e-12);
    const double denominator = 1.0 - kEccentricitySq * sin_lat * sin_lat;
    const double prime_vertical = kSemiMajorM / std::sqrt(denominator);  // N
    const double meridional =
        kSemiMajorM * (1.0 - kEccentricitySq) / std::pow(denominator, 1.5);  // M
    const double tan_lat = sin_lat / cos_lat;
    table_[idx] = {kDegPerRad / meridional, kDegPerRad / (prime_vertical * cos_lat),
                   tan_lat / prime_vertical, tan_lat / meridional};
  }
}

const GeodesicStepper& GeodesicStepper::instance() {
  static const GeodesicStepper stepper;
  return stepper;
}

double GeodesicStepper::distance_m(double lat1_deg, double lon1_deg, double lat2_deg,
                                   double lon2_deg) const {
  const Terms terms = at(0.5 * (lat1_deg + lat2_deg));
  const double north = (lat2_deg - lat1_deg) / terms.deg_per_m_north;
  const double east = (lon2_deg - lon1_deg) / terms.deg_per_m_east;
  return std::sqrt(north * north + east * east);
}

}  // namespace sw::drift
