#pragma once
/// Whether a point lies in a search area's region (polygons with holes).

#include <algorithm>
#include <vector>

#include "core/geo.h"
#include "drift/search_area.h"
#include "sim/geography.h"

namespace sw::eval {

inline bool polygon_contains(const drift::Polygon& polygon, LatLon point) {
  if (polygon.empty() || !sim::ring_contains(polygon.front(), point)) return false;
  for (std::size_t hole = 1; hole < polygon.size(); ++hole) {
    if (sim::ring_contains(polygon[hole], point)) return false;
  }
  return true;
}

inline bool region_contains(const std::vector<drift::Polygon>& region, LatLon point) {
  return std::any_of(region.begin(), region.end(), [point](const drift::Polygon& polygon) {
    return polygon_contains(polygon, point);
  });
}

}  // namespace sw::eval
