#pragma once
/// LandMask: coastline polygons (GeoJSON Polygon/MultiPolygon, lon/lat) that strand
/// drifting particles, with an R-tree over polygon boxes so each test is cheap.

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sw::drift {

/// Land areas a particle cannot enter.
class LandMask {
 public:
  /// Parse a GeoJSON FeatureCollection, Feature or geometry of (Multi)Polygons.
  static Result<std::shared_ptr<const LandMask>> from_geojson(std::string_view text);
  static Result<std::shared_ptr<const LandMask>> load(const std::string& path);
  ~LandMask();
  LandMask(const LandMask&) = delete;
  LandMask& operator=(const LandMask&) = delete;

  /// Whether a position (degrees) is on land.
  bool contains(double lat_deg, double lon_deg) const;
  std::size_t polygon_count() const;

 private:
  struct Impl;
  explicit LandMask(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sw::drift
