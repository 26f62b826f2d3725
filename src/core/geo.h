#pragma once
/// Geodesy helpers: WGS-84 positions and a local east-north-up tangent frame.

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
class LocalFrame {
 public:
  explicit LocalFrame(LatLon origin) : origin_(origin) {}

  LatLon origin() const { return origin_; }
  EastNorth forward(LatLon position) const;
  LatLon reverse(EastNorth point) const;

 private:
  LatLon origin_;
};

/// Geodesic distance in metres between two WGS-84 positions.
double geodesic_distance_m(LatLon a, LatLon b);

/// Initial true bearing in degrees [0, 360) from a to b along the geodesic.
double geodesic_bearing_deg(LatLon a, LatLon b);

}  // namespace sw
