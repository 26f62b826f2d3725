#include "store/postgres/search_area_geojson.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace sw::store {
namespace {

using Json = nlohmann::json;

bool valid_corner(const Json& corner) {
  if (!corner.is_array() || corner.size() < 2 || !corner[0].is_number() || !corner[1].is_number()) {
    return false;
  }
  const double lon = corner[0].get<double>();
  const double lat = corner[1].get<double>();
  return std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 180.0 &&
         std::abs(lat) <= 90.0;
}

bool valid_multipolygon(const Json& coordinates) {
  if (!coordinates.is_array() || coordinates.empty()) return false;
  for (const Json& polygon : coordinates) {
    if (!polygon.is_array() || polygon.empty()) return false;
    for (const Json& ring : polygon) {
      if (!ring.is_array() || ring.size() < 4) return false;
      for (const Json& corner : ring) {
        if (!valid_corner(corner)) return false;
      }
      if (ring.front()[0] != ring.back()[0] || ring.front()[1] != ring.back()[1]) return false;
    }
  }
  return true;
}

}  // namespace

std::string search_area_geojson(std::string_view body_json) {
  const Json body = Json::parse(body_json.begin(), body_json.end(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return {};
  const auto areas = body.find("search_areas");
  if (areas == body.end() || !areas->is_array()) return {};
  const Json* widest = nullptr;
  double widest_hours = -1.0;
  for (const Json& area : *areas) {
    if (!area.is_object()) continue;
    const auto hours = area.find("hours");
    const auto region = area.find("p90_multipolygon_lonlat");
    if (hours == area.end() || !hours->is_number() || region == area.end()) continue;
    if (hours->get<double>() > widest_hours) {
      widest_hours = hours->get<double>();
      widest = &*region;
    }
  }
  if (widest == nullptr || !valid_multipolygon(*widest)) return {};
  Json geometry = Json::object();
  geometry["type"] = "MultiPolygon";
  geometry["coordinates"] = *widest;
  return geometry.dump();
}

}  // namespace sw::store
