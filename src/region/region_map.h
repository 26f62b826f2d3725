#pragma once
/// RegionMap: the regions' core polygons in the local east-north frame (Boost.Geometry),
/// answering which region owns a position and whether a region fuses it (its core plus the
/// overlap margin).

#include <optional>
#include <string>
#include <vector>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

#include "core/geo.h"
#include "core/result.h"
#include "region/region_plan.h"

namespace sw::region {

class RegionMap {
 public:
  /// Errors "region_value" for a polygon that is not a simple ring.
  static Result<RegionMap> create(const RegionPlan& plan, LatLon origin);

  std::size_t size() const { return regions_.size(); }
  const std::string& name(std::size_t region) const { return regions_[region].name; }
  /// The first region whose core holds `position`; none outside every core.
  std::optional<std::size_t> owner(LatLon position) const;
  /// Whether `position` lies in the core of `region` or within its margin of it.
  bool covers(std::size_t region, LatLon position) const;

 private:
  using Point = boost::geometry::model::d2::point_xy<double>;
  using Polygon = boost::geometry::model::polygon<Point>;
  struct Core {
    std::string name;
    Polygon polygon;
    boost::geometry::model::box<Point> bounds;  ///< grown by the margin
    double margin_m = 0;
  };
  explicit RegionMap(LatLon origin) : frame_(origin) {}
  Point project(LatLon position) const;

  LocalFrame frame_;
  std::vector<Core> regions_;
};

}  // namespace sw::region
