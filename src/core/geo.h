#pragma once
/// Geodesy helpers: WGS-84 positions and a local east-north-up tangent frame.

#include <memory>

namespace sw {

/// A WGS-84 position in degrees.
struct LatLon {
  double lat = 0.0;
  double lon = 0.0;
};

/// A point in a local tangent frame, metres east and north of the frame origin.
struct EastNorth {
  double east = 0.0;
  double north = 0.0;
};

/// Local east-north plane about an origin: the azimuthal equidistant projection on
/// WGS-84 (GeographicLib, geodesic-exact), so distances and bearings from the origin are
/// true and forward/reverse round-trip to nanometres.
///
/// A frame that converts many positions of one area (a picture, a radar's coverage) is
/// made with for_area(): it interpolates the exact projection with Chebyshev polynomials
/// fitted over the area (within ten nanometres of the exact values, and many times
/// faster), and computes positions outside the area exactly.
class LocalFrame {
 public:
  explicit LocalFrame(LatLon origin) : origin_(origin) {}
  /// A frame fitted to the area within `half_lat_deg` and `half_lon_deg` of the origin.
  static LocalFrame for_area(LatLon origin, double half_lat_deg, double half_lon_deg);

  LatLon origin() const { return origin_; }
  EastNorth forward(LatLon position) const;
  LatLon reverse(EastNorth point) const;
  /// The exact projection, whether or not the frame is fitted.
  EastNorth exact_forward(LatLon position) const;
  LatLon exact_reverse(EastNorth point) const;

  struct Fit;  ///< the fitted polynomials (immutable, shared by copies)

 private:
  LatLon origin_;
  std::shared_ptr<const Fit> fit_;
};

/// The area a picture's frame is fitted over about its origin (LocalFrame::for_area): from
/// the Strait, the eastern Channel and the southern North Sea.
constexpr double kPictureHalfLatDeg = 2.0;
constexpr double kPictureHalfLonDeg = 3.0;

/// Geodesic distance in metres between two WGS-84 positions.
double geodesic_distance_m(LatLon a, LatLon b);

/// Initial true bearing in degrees [0, 360) from a to b along the geodesic.
double geodesic_bearing_deg(LatLon a, LatLon b);

}  // namespace sw
