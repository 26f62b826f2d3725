#pragma once
/// Unit conversions used across contexts (SI inside, nautical units at the edges).

namespace sw::units {

constexpr double kMetresPerNauticalMile = 1852.0;
constexpr double kSecondsPerHour = 3600.0;
constexpr double kMpsPerKnot = kMetresPerNauticalMile / kSecondsPerHour;
constexpr double kPi = 3.14159265358979323846;

constexpr double knots_to_mps(double knots) { return knots * kMpsPerKnot; }
constexpr double mps_to_knots(double mps) { return mps / kMpsPerKnot; }
constexpr double deg_to_rad(double deg) { return deg * kPi / 180.0; }
constexpr double rad_to_deg(double rad) { return rad * 180.0 / kPi; }

}  // namespace sw::units
