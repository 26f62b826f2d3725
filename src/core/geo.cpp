#include "core/geo.h"

#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <cmath>

namespace sw {

EastNorth LocalFrame::forward(LatLon position) const {
  static const GeographicLib::AzimuthalEquidistant projection(GeographicLib::Geodesic::WGS84());
  EastNorth point;
  double azimuth = 0, scale = 0;
  projection.Forward(origin_.lat, origin_.lon, position.lat, position.lon, point.east, point.north,
                     azimuth, scale);
  return point;
}

LatLon LocalFrame::reverse(EastNorth point) const {
  static const GeographicLib::AzimuthalEquidistant projection(GeographicLib::Geodesic::WGS84());
  LatLon position;
  double azimuth = 0, scale = 0;
  projection.Reverse(origin_.lat, origin_.lon, point.east, point.north, position.lat, position.lon,
                     azimuth, scale);
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
