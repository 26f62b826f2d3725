#include "core/geo.h"

#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <array>
#include <cmath>
#include <numbers>

namespace sw {
namespace {

const GeographicLib::AzimuthalEquidistant& projection() {
  static const GeographicLib::AzimuthalEquidistant instance(GeographicLib::Geodesic::WGS84());
  return instance;
}

/// Terms per axis of the fitted polynomials: degree 9 keeps a fit over a few degrees
/// within ten nanometres of the exact projection (tests/core/geo_test.cpp measures it;
/// degree 7 leaves 0.6 um at 4 degrees).
constexpr int kTerms = 10;

/// A smooth map of a box to the plane, interpolated at the box's Chebyshev nodes.
class Chebyshev2 {
 public:
  using Point = std::array<double, 2>;

  template <typename F>
  Chebyshev2(Point centre, Point half, F&& exact) : centre_(centre), half_(half) {
    std::array<double, kTerms> node{};
    for (int i = 0; i < kTerms; ++i) {
      node[i] = std::cos(std::numbers::pi * (i + 0.5) / kTerms);
    }
    // T_j at node i is cos(j * pi * (i + 0.5) / n).
    std::array<std::array<double, kTerms>, kTerms> basis{};
    for (int j = 0; j < kTerms; ++j) {
      for (int i = 0; i < kTerms; ++i) {
        basis[j][i] = std::cos(std::numbers::pi * j * (i + 0.5) / kTerms);
      }
    }
    std::array<std::array<Point, kTerms>, kTerms> values{};
    for (int i = 0; i < kTerms; ++i) {
      for (int l = 0; l < kTerms; ++l) {
        values[i][l] = exact(Point{centre[0] + half[0] * node[i], centre[1] + half[1] * node[l]});
      }
    }
    for (int j = 0; j < kTerms; ++j) {
      for (int k = 0; k < kTerms; ++k) {
        Point sum{0.0, 0.0};
        for (int i = 0; i < kTerms; ++i) {
          for (int l = 0; l < kTerms; ++l) {
            const double weight = basis[j][i] * basis[k][l];
            sum[0] += weight * values[i][l][0];
            sum[1] += weight * values[i][l][1];
          }
        }
        const double scale =
            (j == 0 ? 1.0 : 2.0) * (k == 0 ? 1.0 : 2.0) / static_cast<double>(kTerms * kTerms);
        coefficients_[j][k] = {sum[0] * scale, sum[1] * scale};
      }
    }
  }

  /// The interpolated value, or nothing outside the box.
  bool evaluate(Point at, Point& out) const {
    const double u = (at[0] - centre_[0]) / half_[0];
    const double v = (at[1] - centre_[1]) / half_[1];
    if (!(std::abs(u) <= 1.0) || !(std::abs(v) <= 1.0)) return false;
    std::array<double, kTerms> tu{};
    std::array<double, kTerms> tv{};
    tu[0] = tv[0] = 1.0;
    tu[1] = u;
    tv[1] = v;
    for (int j = 2; j < kTerms; ++j) {
      tu[j] = 2.0 * u * tu[j - 1] - tu[j - 2];
      tv[j] = 2.0 * v * tv[j - 1] - tv[j - 2];
    }
    Point sum{0.0, 0.0};
    for (int j = 0; j < kTerms; ++j) {
      Point row{0.0, 0.0};
      for (int k = 0; k < kTerms; ++k) {
        row[0] += coefficients_[j][k][0] * tv[k];
        row[1] += coefficients_[j][k][1] * tv[k];
      }
      sum[0] += row[0] * tu[j];
      sum[1] += row[1] * tu[j];
    }
    out = sum;
    return true;
  }

 private:
  Point centre_;
  Point half_;
  std::array<std::array<Point, kTerms>, kTerms> coefficients_{};
};

double wrapped_lon_offset(double lon, double origin_lon) {
  double offset = std::remainder(lon - origin_lon, 360.0);
  if (offset == -180.0) offset = 180.0;
  return offset;
}

}  // namespace

/// Forward over (lat offset, lon offset) in degrees; reverse over (east, north) in metres,
/// giving offsets from the origin.
struct LocalFrame::Fit {
  Chebyshev2 forward;
  Chebyshev2 reverse;
};

LocalFrame LocalFrame::for_area(LatLon origin, double half_lat_deg, double half_lon_deg) {
  LocalFrame frame(origin);
  const double metres_per_degree = std::numbers::pi * 6371008.8 / 180.0;
  const double half_north = half_lat_deg * metres_per_degree;
  const double half_east =
      half_lon_deg * metres_per_degree *
      std::cos((std::min(89.0, std::abs(origin.lat) + half_lat_deg)) * std::numbers::pi / 180.0);
  frame.fit_ = std::make_shared<const Fit>(
      Fit{Chebyshev2({0.0, 0.0}, {half_lat_deg, half_lon_deg},
                     [&frame](Chebyshev2::Point offset) {
                       const EastNorth point = frame.exact_forward(
                           {frame.origin_.lat + offset[0], frame.origin_.lon + offset[1]});
                       return Chebyshev2::Point{point.east, point.north};
                     }),
          Chebyshev2({0.0, 0.0}, {half_east, half_north}, [&frame](Chebyshev2::Point point) {
            const LatLon position = frame.exact_reverse({point[0], point[1]});
            return Chebyshev2::Point{position.lat - frame.origin_.lat,
                                     wrapped_lon_offset(position.lon, frame.origin_.lon)};
          })});
  return frame;
}

EastNorth LocalFrame::forward(LatLon position) const {
  Chebyshev2::Point out;
  if (fit_ &&
      fit_->forward.evaluate(
          {position.lat - origin_.lat, wrapped_lon_offset(position.lon, origin_.lon)}, out)) {
    return {out[0], out[1]};
  }
  return exact_forward(position);
}

LatLon LocalFrame::reverse(EastNorth point) const {
  Chebyshev2::Point out;
  if (fit_ && fit_->reverse.evaluate({point.east, point.north}, out)) {
    return {origin_.lat + out[0], std::remainder(origin_.lon + out[1], 360.0)};
  }
  return exact_reverse(point);
}

EastNorth LocalFrame::exact_forward(LatLon position) const {
  EastNorth point;
  double azimuth = 0, scale = 0;
  projection().Forward(origin_.lat, origin_.lon, position.lat, position.lon, point.east,
                       point.north, azimuth, scale);
  return point;
}

LatLon LocalFrame::exact_reverse(EastNorth point) const {
  LatLon position;
  double azimuth = 0, scale = 0;
  projection().Reverse(origin_.lat, origin_.lon, point.east, point.north, position.lat,
                       position.lon, azimuth, scale);
  return position;
}

double geodesic_distance_m(LatLon a, LatLon b) {
  double distance = 0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, distance);
  return distance;
}

double geodesic_bearing_deg(LatLon a, LatLon b) {
  double azimuth1 = 0, azimuth2 = 0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, azimuth1, azimuth2);
  return azimuth1 < 0 ? azimuth1 + 360.0 : azimuth1;
}

}  // namespace sw
