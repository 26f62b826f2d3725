#pragma once
/// Search areas from a particle cloud: centroid and radii (as OpenDrift's benchmark
/// reports them), a probability grid, and the 50 % and 90 % highest-probability regions
/// traced into polygons.

#include <cstddef>
#include <vector>

#include "core/geo.h"
#include "drift/simulation.h"

namespace sw::drift {

/// Centre and spread of the active particles.
struct CloudStats {
  LatLon centroid;   ///< mean latitude and mean longitude of active particles
  double r50_m = 0;  ///< median geodesic distance from the centroid
  double r90_m = 0;  ///< 90th percentile of that distance
  std::size_t active = 0;
  std::size_t total = 0;
};

/// Percentiles as numpy's default (linear between order statistics).
CloudStats cloud_stats(const DriftResult& result, int threads = 2);

/// A polygon: outer ring first (counter-clockwise), then holes; closed rings of lon/lat.
using Ring = std::vector<LatLon>;
using Polygon = std::vector<Ring>;

/// The smallest set of grid cells holding at least `level` of the probability.
struct ProbabilityRegion {
  double level = 0;        ///< 0.5 or 0.9
  double probability = 0;  ///< mass actually enclosed (>= level)
  double area_km2 = 0;
  std::vector<Polygon> polygons;
};

/// Probability grid on a local east/north plane about the centroid.
struct SearchArea {
  LatLon origin;
  double cell_m = 0;
  int columns = 0, rows = 0;
  double west_m = 0, south_m = 0;  ///< offset of the grid's south-west corner from origin
  std::vector<float> probability;  ///< [row][column], sums to 1
  ProbabilityRegion p50, p90;
};

/// Grid settings: cell size (0 = automatic, 100 m or more so the grid is at most ~400
/// cells across) and Gaussian smoothing of the counts in cells (0 = none).
struct SearchAreaOptions {
  double cell_m = 0;
  double smoothing_cells = 1.5;
};

/// Build the grid and regions; fails when no particle is active.
Result<SearchArea> make_search_area(const DriftResult& result, const CloudStats& stats,
                                    const SearchAreaOptions& options = {});

}  // namespace sw::drift
