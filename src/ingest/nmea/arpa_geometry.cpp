#include "ingest/nmea/arpa_geometry.h"

#include <cmath>

#include "core/units.h"

namespace sw::nmea {

TimeNs resolve_time_of_day(double seconds_of_day, TimeNs reference) {
  constexpr TimeNs kDay = 86'400 * kNsPerSecond;
  const TimeNs day_start =
      reference >= 0 ? reference / kDay * kDay : (reference - kDay + 1) / kDay * kDay;
  TimeNs candidate = day_start + static_cast<TimeNs>(std::llround(seconds_of_day * 1e9));
  if (candidate - reference > kDay / 2) candidate -= kDay;
  if (reference - candidate > kDay / 2) candidate += kDay;
  return candidate;
}

Covariance2 polar_covariance(double range_m, double bearing_deg, double range_sigma_m,
                             double bearing_sigma_deg) {
  const double bearing = units::deg_to_rad(bearing_deg);
  const double sin_b = std::sin(bearing);
  const double cos_b = std::cos(bearing);
  const double range_var = range_sigma_m * range_sigma_m;
  const double cross_sigma = range_m * units::deg_to_rad(bearing_sigma_deg);
  const double cross_var = cross_sigma * cross_sigma;
  Covariance2 covariance;
  covariance.ee = sin_b * sin_b * range_var + cos_b * cos_b * cross_var;
  covariance.nn = cos_b * cos_b * range_var + sin_b * sin_b * cross_var;
  covariance.en = sin_b * cos_b * (range_var - cross_var);
  return covariance;
}

Velocity course_velocity(double speed_mps, double course_deg) {
  const double course = units::deg_to_rad(course_deg);
  return Velocity{speed_mps * std::sin(course), speed_mps * std::cos(course)};
}

}  // namespace sw::nmea
