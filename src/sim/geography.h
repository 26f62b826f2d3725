#pragma once
/// Geography: the reference features of the Strait that the simulator uses (traffic lanes,
/// separation zone, inshore zones, SAR regions, ports, landmarks, launch areas), read from
/// the project's GeoJSON (RFC 7946, [lon, lat]). Approximate, NOT FOR NAVIGATION.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/geo.h"
#include "core/result.h"

namespace sw::sim {

/// A closed polygon ring of WGS-84 vertices (first vertex repeated last).
using GeoRing = std::vector<LatLon>;

/// True when `point` lies inside `ring` (even-odd rule, planar in degrees: adequate for
/// the few tens of kilometres of the Strait).
bool ring_contains(const GeoRing& ring, LatLon point);

/// A traffic lane of the separation scheme.
struct Lane {
  std::string name;
  double direction_deg = 0.0;  ///< general direction of traffic, degrees true
  GeoRing ring;
  /// Cross-sections of the lane from entry to exit (in the direction of traffic): the two
  /// edge points of each, left then right as seen looking along the direction.
  std::vector<std::pair<LatLon, LatLon>> sections;
};

/// A named polygon (separation or inshore zone, SAR region).
struct Zone {
  std::string kind;  ///< "tss_separation_zone", "inshore_traffic_zone", "srr"
  std::string name;
  std::string country;  ///< "GB", "FR" where given
  GeoRing ring;
};

/// A named point (port, landmark, launch area, rescue centre).
struct NamedPoint {
  std::string kind;  ///< "port", "landmark", "launch_area", "rescue_centre"
  std::string name;
  std::string country;
  LatLon position;
  double accuracy_m = 0.0;
};

/// Everything the simulator reads from the geography file.
struct Geography {
  std::vector<Lane> lanes;
  std::vector<Zone> zones;
  std::vector<NamedPoint> points;

  /// The point of `kind` (any kind when empty) whose name equals `name`, or else the one
  /// whose name contains it (case-insensitive). Errors when none or several match.
  Result<const NamedPoint*> find_point(std::string_view name, std::string_view kind = {}) const;
  /// All points of a kind, in file order.
  std::vector<const NamedPoint*> points_of_kind(std::string_view kind) const;
  /// All zones of a kind, in file order.
  std::vector<const Zone*> zones_of_kind(std::string_view kind) const;
};

/// Parse the GeoJSON text. Lanes need `direction_deg` and a ring of an even number of
/// distinct vertices: one edge, then the other edge back (vertex i faces vertex n-1-i).
Result<Geography> parse_geography(std::string_view geojson);

/// Read and parse a GeoJSON file.
Result<Geography> load_geography(const std::string& path);

}  // namespace sw::sim
