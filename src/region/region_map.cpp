#include "region/region_map.h"

namespace sw::region {

namespace bg = boost::geometry;

RegionMap::Point RegionMap::project(LatLon position) const {
  const EastNorth point = frame_.forward(position);
  return {point.east, point.north};
}

Result<RegionMap> RegionMap::create(const RegionPlan& plan, LatLon origin) {
  RegionMap map(origin);
  for (const RegionSpec& spec : plan.regions) {
    Core core;
    core.name = spec.name;
    core.margin_m = spec.margin_m;
    for (const LatLon& vertex : spec.polygon) bg::append(core.polygon.outer(), map.project(vertex));
    bg::correct(core.polygon);  // closes the ring and orients it
    std::string why;
    if (!bg::is_valid(core.polygon, why)) {
      return Error{"region_value",
                   "region '" + spec.name + "': polygon is not simple (" + why + ")"};
    }
    bg::envelope(core.polygon, core.bounds);
    core.bounds.min_corner().x(core.bounds.min_corner().x() - spec.margin_m);
    core.bounds.min_corner().y(core.bounds.min_corner().y() - spec.margin_m);
    core.bounds.max_corner().x(core.bounds.max_corner().x() + spec.margin_m);
    core.bounds.max_corner().y(core.bounds.max_corner().y() + spec.margin_m);
    map.regions_.push_back(std::move(core));
  }
  return map;
}

std::optional<std::size_t> RegionMap::owner(LatLon position) const {
  const Point point = project(position);
  for (std::size_t region = 0; region < regions_.size(); ++region) {
    if (bg::covered_by(point, regions_[region].polygon)) return region;
  }
  return std::nullopt;
}

bool RegionMap::covers(std::size_t region, LatLon position) const {
  const Core& core = regions_[region];
  const Point point = project(position);
  if (!bg::covered_by(point, core.bounds)) return false;
  return bg::covered_by(point, core.polygon) || bg::distance(point, core.polygon) <= core.margin_m;
}

}  // namespace sw::region
