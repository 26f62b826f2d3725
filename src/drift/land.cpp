#include "drift/land.h"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace sw::drift {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using Point = bg::model::d2::point_xy<double>;  // x = lon, y = lat
using Polygon = bg::model::polygon<Point>;
using Box = bg::model::box<Point>;

constexpr std::size_t kMaxVertices = 50'000'000;

}  // namespace

struct LandMask::Impl {
  std::vector<Polygon> polygons;
  bgi::rtree<std::pair<Box, std::size_t>, bgi::quadratic<16>> index;
};

LandMask::LandMask(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LandMask::~LandMask() = default;

Result<std::shared_ptr<const LandMask>> LandMask::from_geojson(std::string_view text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return Error{"bad_land", "coastline is not valid JSON"};
  auto impl = std::make_unique<Impl>();
  std::size_t vertices = 0;
  auto add_ring = [&](const nlohmann::json& ring, Polygon& polygon, bool outer) -> bool {
    if (!ring.is_array() || ring.size() < 4) return false;
    auto& target =
        outer ? polygon.outer() : (polygon.inners().emplace_back(), polygon.inners().back());
    for (const auto& coordinate : ring) {
      if (!coordinate.is_array() || coordinate.size() < 2 || !coordinate[0].is_number() ||
          !coordinate[1].is_number() || ++vertices > kMaxVertices) {
        return false;
      }
      target.emplace_back(coordinate[0].get<double>(), coordinate[1].get<double>());
    }
    return true;
  };
  auto add_polygon = [&](const nlohmann::json& rings) -> bool {
    if (!rings.is_array() || rings.empty()) return false;
    Polygon polygon;
    for (std::size_t ring_idx = 0; ring_idx < rings.size(); ++ring_idx) {
      if (!add_ring(rings[ring_idx], polygon, ring_idx == 0)) return false;
    }
    bg::correct(polygon);
    impl->polygons.push_back(std::move(polygon));
    return true;
  };
  std::vector<const nlohmann::json*> geometries;
  std::vector<const nlohmann::json*> pending{&document};
  while (!pending.empty()) {
    const nlohmann::json* item = pending.back();
    pending.pop_back();
    if (!item->is_object()) return Error{"bad_land", "unexpected GeoJSON member"};
    const std::string type = item->value("type", "");
    if (type == "FeatureCollection" && item->contains("features") &&
        (*item)["features"].is_array()) {
      for (const auto& feature : (*item)["features"]) pending.push_back(&feature);
    } else if (type == "Feature" && item->contains("geometry")) {
      if (!(*item)["geometry"].is_null()) pending.push_back(&(*item)["geometry"]);
    } else if (type == "GeometryCollection" && item->contains("geometries") &&
               (*item)["geometries"].is_array()) {
      for (const auto& geometry : (*item)["geometries"]) pending.push_back(&geometry);
    } else if (type == "Polygon" && item->contains("coordinates")) {
      if (!add_polygon((*item)["coordinates"])) return Error{"bad_land", "bad Polygon"};
    } else if (type == "MultiPolygon" && item->contains("coordinates") &&
               (*item)["coordinates"].is_array()) {
      for (const auto& rings : (*item)["coordinates"]) {
        if (!add_polygon(rings)) return Error{"bad_land", "bad MultiPolygon"};
      }
    } else {
      return Error{"bad_land",
                   "unsupported GeoJSON object '" + type + "' (Polygon/MultiPolygon only)"};
    }
  }
  if (impl->polygons.empty()) return Error{"bad_land", "no polygons in coastline file"};
  for (std::size_t polygon_idx = 0; polygon_idx < impl->polygons.size(); ++polygon_idx) {
    impl->index.insert({bg::return_envelope<Box>(impl->polygons[polygon_idx]), polygon_idx});
  }
  return std::shared_ptr<const LandMask>(new LandMask(std::move(impl)));
}

Result<std::shared_ptr<const LandMask>> LandMask::load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"io", "cannot open " + path};
  std::ostringstream text;
  text << file.rdbuf();
  return from_geojson(text.str());
}

bool LandMask::contains(double lat_deg, double lon_deg) const {
  const Point point(lon_deg, lat_deg);
  for (auto it = impl_->index.qbegin(bgi::intersects(point)); it != impl_->index.qend(); ++it) {
    if (bg::within(point, impl_->polygons[it->second])) return true;
  }
  return false;
}

std::size_t LandMask::polygon_count() const { return impl_->polygons.size(); }

}  // namespace sw::drift
