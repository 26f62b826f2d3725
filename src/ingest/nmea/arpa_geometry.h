#pragma once
/// Geometry and time of radar targets: polar (range, bearing) covariance in east/north,
/// course and speed as a velocity, and hhmmss time stamps made full UTC times.

#include "core/clock.h"
#include "core/observation.h"

namespace sw::nmea {

/// The instant nearest to `reference` whose UTC time of day is `seconds_of_day`: a report
/// stamped 23:59:58 and received at 00:00:01 belongs to the day before (midnight
/// rollover). `reference` must be a real time (> 0).
TimeNs resolve_time_of_day(double seconds_of_day, TimeNs reference);

/// East/north covariance (m^2) of a point at `range_m` along true `bearing_deg` from an
/// exactly known origin, from independent range and bearing errors (first-order:
/// J diag(sr^2, sb^2) J^T with J the Jacobian of (r sin b, r cos b)).
Covariance2 polar_covariance(double range_m, double bearing_deg, double range_sigma_m,
                             double bearing_sigma_deg);

/// Velocity (m/s east and north) of `speed_mps` along true `course_deg`.
Velocity course_velocity(double speed_mps, double course_deg);

}  // namespace sw::nmea
