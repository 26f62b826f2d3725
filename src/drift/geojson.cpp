#include "drift/geojson.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace sw::drift {
namespace {

// 1e-6 degree is about 0.1 m: ample for 100 m cells.
double rounded(double value) { return std::round(value * 1e6) / 1e6; }

nlohmann::json multipolygon(const ProbabilityRegion& region) {
  nlohmann::json polygons = nlohmann::json::array();
  for (const Polygon& polygon : region.polygons) {
    nlohmann::json rings = nlohmann::json::array();
    for (const Ring& ring : polygon) {
      nlohmann::json coordinates = nlohmann::json::array();
      for (const LatLon& vertex : ring) {
        coordinates.push_back({rounded(vertex.lon), rounded(vertex.lat)});
      }
      rings.push_back(std::move(coordinates));
    }
    polygons.push_back(std::move(rings));
  }
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

}  // namespace

std::string search_area_geojson(const SearchArea& area, const CloudStats& stats,
                                const SearchAreaRun& run) {
  const nlohmann::json run_properties = {{"object_class", run.object_class},
                                         {"forcing", run.forcing},
                                         {"start_time", run.start_time},
                                         {"end_time", run.end_time},
                                         {"backtrack", run.backtrack},
                                         {"particles", run.particles},
                                         {"seed", run.seed},
                                         {"active", stats.active},
                                         {"missing_forcing", run.missing_forcing},
                                         {"stranded", run.stranded},
                                         {"cell_m", area.cell_m}};
  nlohmann::json features = nlohmann::json::array();
  for (const ProbabilityRegion* region : {&area.p90, &area.p50}) {
    features.push_back({{"type", "Feature"},
                        {"geometry", multipolygon(*region)},
                        {"properties",
                         {{"kind", "probability_region"},
                          {"level", region->level},
                          {"probability", rounded(region->probability)},
                          {"area_km2", std::round(region->area_km2 * 1000) / 1000}}}});
  }
  features.push_back(
      {{"type", "Feature"},
       {"geometry",
        {{"type", "Point"},
         {"coordinates", {rounded(stats.centroid.lon), rounded(stats.centroid.lat)}}}},
       {"properties",
        {{"kind", "centroid"},
         {"r50_m", std::round(stats.r50_m)},
         {"r90_m", std::round(stats.r90_m)}}}});
  const nlohmann::json collection = {
      {"type", "FeatureCollection"}, {"properties", run_properties}, {"features", features}};
  return collection.dump() + "\n";
}

}  // namespace sw::drift
