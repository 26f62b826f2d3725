#pragma once
/// GeoJSON (RFC 7946) of a search area: the 50 % and 90 % regions as MultiPolygons, the
/// centroid as a Point with r50/r90, and the run's settings (including the seed).

#include <string>

#include "drift/search_area.h"

namespace sw::drift {

/// Run facts recorded with a search area.
struct SearchAreaRun {
  std::string object_class;  ///< "1 PIW-1"
  std::string forcing;
  std::string start_time, end_time;  ///< ISO 8601 UTC
  bool backtrack = false;
  std::size_t particles = 0;
  std::uint64_t seed = 0;
  std::size_t missing_forcing = 0, stranded = 0;
};

/// The FeatureCollection as text.
std::string search_area_geojson(const SearchArea& area, const CloudStats& stats,
                                const SearchAreaRun& run);

}  // namespace sw::drift
