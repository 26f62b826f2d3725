#pragma once
/// The search area of an alert as PostGIS takes it: the alert's JSON (risk/alert.h) may
/// carry drift search areas, each with a p90 region as GeoJSON MultiPolygon coordinates
/// (lon, lat). The store keeps the widest (most hours) as a polygon column.

#include <string>
#include <string_view>

namespace sw::store {

/// The GeoJSON MultiPolygon of the p90 region of the search area with the most hours in
/// `body_json`, or "" when there is none or it is malformed (not JSON, a ring of fewer
/// than four corners or not closed, a corner off the globe). Never throws.
std::string search_area_geojson(std::string_view body_json);

}  // namespace sw::store
