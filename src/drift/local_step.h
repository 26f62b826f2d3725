#pragma once
/// Fast small moves on the WGS-84 ellipsoid: a position moved by (east, north) metres
/// along the geodesic with that initial azimuth, to second order in distance, from a
/// latitude table; no trigonometric calls per move. The error is a few millimetres for
/// 2 km moves up to 70 degrees of latitude and grows as the cube of the distance. This is
/// what OpenDrift's pyproj geodesic forward step computes, at a fraction of the cost.

#include <array>
#include <vector>

namespace sw::drift {

/// Latitude-dependent metric terms, tabulated every 0.01 degree and interpolated.
class GeodesicStepper {
 public:
  /// The shared table (built once, thread-safe).
  static const GeodesicStepper& instance();

  /// Move (lat, lon) in degrees by `east_m`, `north_m` metres (signed).
  void move(double& lat_deg, double& lon_deg, double east_m, double north_m) const {
    const Terms terms = at(lat_deg);
    lat_deg += north_m * terms.deg_per_m_north -
               0.5 * east_m * east_m * terms.deg_per_m_north * terms.tan_over_n;
    lon_deg += east_m * terms.deg_per_m_east *
               (1.0 + 0.5 * north_m * (terms.tan_over_n + terms.tan_over_m));
  }

  /// Two moves in sequence (the second's east/north taken at the point the first reaches),
  /// from one table lookup: the same to second order as two move() calls.
  void move_twice(double& lat_deg, double& lon_deg, double east1_m, double north1_m, double east2_m,
                  double north2_m) const {
    const Terms terms = at(lat_deg);
    lat_deg +=
        (north1_m + north2_m) * terms.deg_per_m_north -
        0.5 * (east1_m * east1_m + east2_m * east2_m) * terms.deg_per_m_north * terms.tan_over_n;
    lon_deg += terms.deg_per_m_east * (east1_m + east2_m +
                                       0.5 * (east1_m * north1_m + east2_m * north2_m) *
                                           (terms.tan_over_n + terms.tan_over_m) +
                                       east2_m * north1_m * terms.tan_over_m);
  }

  /// Approximate geodesic distance (metres) for points up to ~100 km apart: the local
  /// metric at the mid-latitude; relative error well below 1e-5 at 50 km.
  double distance_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) const;

  /// Metres per degree of latitude and of longitude at a latitude.
  std::array<double, 2> metres_per_degree(double lat_deg) const {
    const Terms terms = at(lat_deg);
    return {1.0 / terms.deg_per_m_north, 1.0 / terms.deg_per_m_east};
  }

 private:
  struct Terms {
    double deg_per_m_north;  ///< degrees of latitude per metre north (1/M)
    double deg_per_m_east;   ///< degrees of longitude per metre east (1/(N cos lat))
    double tan_over_n;       ///< tan(lat)/N, 1/m
    double tan_over_m;       ///< tan(lat)/M, 1/m
  };
  static constexpr double kStepDeg = 0.01;
  static constexpr double kStepsPerDeg = 100.0;
  static constexpr double kMaxLatDeg = 89.9;

  GeodesicStepper();
  Terms at(double lat_deg) const {
    double clamped = lat_deg < -kMaxLatDeg ? -kMaxLatDeg : lat_deg;
    clamped = clamped > kMaxLatDeg ? kMaxLatDeg : clamped;
    const double position = (clamped + 90.0) * kStepsPerDeg;
    const auto index = static_cast<std::size_t>(position);
    const double weight = position - static_cast<double>(index);
    const Terms& low = table_[index];
    const Terms& high = table_[index + 1];
    return {low.deg_per_m_north + weight * (high.deg_per_m_north - low.deg_per_m_north),
            low.deg_per_m_east + weight * (high.deg_per_m_east - low.deg_per_m_east),
            low.tan_over_n + weight * (high.tan_over_n - low.tan_over_n),
            low.tan_over_m + weight * (high.tan_over_m - low.tan_over_m)};
  }

  std::vector<Terms> table_;
};

}  // namespace sw::drift
