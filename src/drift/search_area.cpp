#include "drift/search_area.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>

#include "drift/local_step.h"

namespace sw::drift {
namespace {

constexpr int kMaxGridCells = 1500;  // per side

double percentile(std::vector<double>& values, double fraction) {
  if (values.empty()) return 0;
  const double rank = fraction * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(rank));
  const std::size_t high = std::min(low + 1, values.size() - 1);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(low), values.end());
  const double low_value = values[low];
  if (high == low) return low_value;
  const double high_value =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(low) + 1, values.end());
  return low_value + (rank - static_cast<double>(low)) * (high_value - low_value);
}

/// East/north metres about an origin using the metric at the mid-latitude, and back.
struct PlaneMap {
  LatLon origin;
  const GeodesicStepper& stepper = GeodesicStepper::instance();

  EastNorth forward(double lat, double lon) const {
    const auto metres = stepper.metres_per_degree(0.5 * (lat + origin.lat));
    return {(lon - origin.lon) * metres[1], (lat - origin.lat) * metres[0]};
  }
  LatLon reverse(EastNorth point) const {
    double lat = origin.lat;
    for (int iteration = 0; iteration < 4; ++iteration) {
      const auto metres = stepper.metres_per_degree(0.5 * (lat + origin.lat));
      lat = origin.lat + point.north / metres[0];
    }
    const auto metres = stepper.metres_per_degree(0.5 * (lat + origin.lat));
    return {lat, origin.lon + point.east / metres[1]};
  }
};

void gaussian_blur(std::vector<double>& grid, int columns, int rows, double sigma) {
  if (sigma <= 0) return;
  const int half = static_cast<int>(std::ceil(3 * sigma));
  std::vector<double> kernel(static_cast<std::size_t>(2 * half + 1));
  for (int offset = -half; offset <= half; ++offset) {
    kernel[static_cast<std::size_t>(offset + half)] =
        std::exp(-0.5 * offset * offset / (sigma * sigma));
  }
  const double total = std::accumulate(kernel.begin(), kernel.end(), 0.0);
  for (double& weight : kernel) weight /= total;
  std::vector<double> scratch(grid.size());
  auto pass = [&](bool along_rows) {
    for (int row = 0; row < rows; ++row) {
      for (int column = 0; column < columns; ++column) {
        double sum = 0;
        for (int offset = -half; offset <= half; ++offset) {
          const int c = along_rows ? column + offset : column;
          const int r = along_rows ? row : row + offset;
          if (c < 0 || r < 0 || c >= columns || r >= rows) continue;
          sum += kernel[static_cast<std::size_t>(offset + half)] *
                 grid[static_cast<std::size_t>(r) * columns + c];
        }
        scratch[static_cast<std::size_t>(row) * columns + column] = sum;
      }
    }
    grid.swap(scratch);
  };
  pass(true);
  pass(false);
}

using Vertex = std::pair<int, int>;  // grid corner (column, row)

// Boundary rings of the cells marked in `inside`, interior on the left (outer rings
// counter-clockwise, holes clockwise); at a corner shared by two diagonal cells the trace
// turns left so rings never touch themselves.
std::vector<std::vector<Vertex>> trace_rings(const std::vector<std::uint8_t>& inside, int columns,
                                             int rows) {
  auto in = [&](int column, int row) {
    return column >= 0 && row >= 0 && column < columns && row < rows &&
           inside[static_cast<std::size_t>(row) * columns + column] != 0;
  };
  std::multimap<Vertex, Vertex> edges;  // start -> end
  for (int row = 0; row < rows; ++row) {
    for (int column = 0; column < columns; ++column) {
      if (!in(column, row)) continue;
      if (!in(column, row - 1)) edges.insert({{column, row}, {column + 1, row}});
      if (!in(column + 1, row)) edges.insert({{column + 1, row}, {column + 1, row + 1}});
      if (!in(column, row + 1)) edges.insert({{column + 1, row + 1}, {column, row + 1}});
      if (!in(column - 1, row)) edges.insert({{column, row + 1}, {column, row}});
    }
  }
  std::vector<std::vector<Vertex>> rings;
  while (!edges.empty()) {
    auto edge = edges.begin();
    const Vertex start = edge->first;
    std::vector<Vertex> ring{start};
    Vertex previous = start, current = edge->second;
    edges.erase(edge);
    while (current != start) {
      ring.push_back(current);
      auto [first, last] = edges.equal_range(current);
      if (first == last) break;  // cannot happen for a closed boundary
      auto chosen = first;
      if (std::next(first) != last) {
        // Prefer the left turn: cross product of incoming and outgoing directions > 0.
        const int in_dx = current.first - previous.first, in_dy = current.second - previous.second;
        for (auto candidate = first; candidate != last; ++candidate) {
          const int out_dx = candidate->second.first - current.first;
          const int out_dy = candidate->second.second - current.second;
          if (in_dx * out_dy - in_dy * out_dx > 0) chosen = candidate;
        }
      }
      previous = current;
      current = chosen->second;
      edges.erase(chosen);
    }
    // Drop collinear vertices.
    std::vector<Vertex> simplified;
    const std::size_t count = ring.size();
    for (std::size_t idx = 0; idx < count; ++idx) {
      const Vertex& before = ring[(idx + count - 1) % count];
      const Vertex& here = ring[idx];
      const Vertex& after = ring[(idx + 1) % count];
      const long cross =
          static_cast<long>(here.first - before.first) * (after.second - here.second) -
          static_cast<long>(here.second - before.second) * (after.first - here.first);
      if (cross != 0) simplified.push_back(here);
    }
    if (simplified.size() >= 3) rings.push_back(std::move(simplified));
  }
  return rings;
}

double signed_area(const std::vector<Vertex>& ring) {
  double area = 0;
  for (std::size_t idx = 0; idx < ring.size(); ++idx) {
    const Vertex& a = ring[idx];
    const Vertex& b = ring[(idx + 1) % ring.size()];
    area += static_cast<double>(a.first) * b.second - static_cast<double>(b.first) * a.second;
  }
  return 0.5 * area;
}

bool ring_contains(const std::vector<Vertex>& ring, double x, double y) {
  bool inside = false;
  for (std::size_t idx = 0, prev = ring.size() - 1; idx < ring.size(); prev = idx++) {
    const double xi = ring[idx].first, yi = ring[idx].second;
    const double xj = ring[prev].first, yj = ring[prev].second;
    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

ProbabilityRegion make_region(const SearchArea& area, const std::vector<std::size_t>& order,
                              double level, const PlaneMap& plane) {
  ProbabilityRegion region;
  region.level = level;
  std::vector<std::uint8_t> inside(area.probability.size(), 0);
  double mass = 0;
  std::size_t cells = 0;
  for (std::size_t cell : order) {
    if (mass >= level) break;
    mass += area.probability[cell];
    inside[cell] = 1;
    ++cells;
  }
  region.probability = mass;
  region.area_km2 = static_cast<double>(cells) * area.cell_m * area.cell_m * 1e-6;
  const auto rings = trace_rings(inside, area.columns, area.rows);
  std::vector<const std::vector<Vertex>*> outers, holes;
  for (const auto& ring : rings) (signed_area(ring) > 0 ? outers : holes).push_back(&ring);
  auto to_lat_lon = [&](const std::vector<Vertex>& ring) {
    Ring out;
    for (const Vertex& vertex : ring) {
      out.push_back(plane.reverse(
          {area.west_m + vertex.first * area.cell_m, area.south_m + vertex.second * area.cell_m}));
    }
    out.push_back(out.front());
    return out;
  };
  std::vector<std::vector<const std::vector<Vertex>*>> holes_of(outers.size());
  for (const auto* hole : holes) {
    // A hole belongs to the smallest outer ring around one of its vertices (offset inwards).
    const double x = (*hole)[0].first + 0.5, y = (*hole)[0].second + 0.5;
    std::size_t best = outers.size();
    for (std::size_t outer_idx = 0; outer_idx < outers.size(); ++outer_idx) {
      if (ring_contains(*outers[outer_idx], x, y) &&
          (best == outers.size() || signed_area(*outers[outer_idx]) < signed_area(*outers[best]))) {
        best = outer_idx;
      }
    }
    if (best < outers.size()) holes_of[best].push_back(hole);
  }
  for (std::size_t outer_idx = 0; outer_idx < outers.size(); ++outer_idx) {
    Polygon polygon{to_lat_lon(*outers[outer_idx])};
    for (const auto* hole : holes_of[outer_idx]) polygon.push_back(to_lat_lon(*hole));
    region.polygons.push_back(std::move(polygon));
  }
  return region;
}

}  // namespace

CloudStats cloud_stats(const DriftResult& result, int threads) {
  CloudStats stats;
  stats.total = result.lat.size();
  double lat_sum = 0, lon_sum = 0;
  for (std::size_t particle = 0; particle < result.lat.size(); ++particle) {
    if (result.status[particle] != ParticleStatus::kActive) continue;
    lat_sum += result.lat[particle];
    lon_sum += result.lon[particle];
    ++stats.active;
  }
  if (stats.active == 0) return stats;
  stats.centroid = {lat_sum / static_cast<double>(stats.active),
                    lon_sum / static_cast<double>(stats.active)};
  std::vector<double> distances(result.lat.size(), -1.0);
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  auto measure = [&](std::size_t first, std::size_t last) {
    for (std::size_t particle = first; particle < last; ++particle) {
      if (result.status[particle] != ParticleStatus::kActive) continue;
      distances[particle] = stepper.distance_m(stats.centroid.lat, stats.centroid.lon,
                                               result.lat[particle], result.lon[particle]);
    }
  };
  const int thread_count = std::clamp(threads, 1, 64);
  std::vector<std::thread> workers;
  const std::size_t chunk = (distances.size() + thread_count - 1) / thread_count;
  for (int thread_idx = 1; thread_idx < thread_count; ++thread_idx) {
    workers.emplace_back(measure, std::min(distances.size(), chunk * thread_idx),
                         std::min(distances.size(), chunk * (thread_idx + 1)));
  }
  measure(0, std::min(distances.size(), chunk));
  for (auto& worker : workers) worker.join();
  distances.erase(std::remove(distances.begin(), distances.end(), -1.0), distances.end());
  stats.r50_m = percentile(distances, 0.5);
  stats.r90_m = percentile(distances, 0.9);
  return stats;
}

Result<SearchArea> make_search_area(const DriftResult& result, const CloudStats& stats,
                                    const SearchAreaOptions& options) {
  if (stats.active == 0) return Error{"no_particles", "no active particles for a search area"};
  if (!(options.cell_m >= 0) || !(options.smoothing_cells >= 0) || options.smoothing_cells > 50) {
    return Error{"bad_search_area", "cell size must be >= 0 and smoothing 0..50 cells"};
  }
  const PlaneMap plane{stats.centroid};
  double west = 0, east = 0, south = 0, north = 0;
  std::vector<EastNorth> points;
  points.reserve(stats.active);
  for (std::size_t particle = 0; particle < result.lat.size(); ++particle) {
    if (result.status[particle] != ParticleStatus::kActive) continue;
    const EastNorth point = plane.forward(result.lat[particle], result.lon[particle]);
    west = std::min(west, point.east);
    east = std::max(east, point.east);
    south = std::min(south, point.north);
    north = std::max(north, point.north);
    points.push_back(point);
  }
  const double extent = std::max({east - west, north - south, 1.0});
  double cell = options.cell_m > 0 ? options.cell_m : std::max(100.0, extent / 400.0);
  const double pad_cells = std::ceil(3 * options.smoothing_cells) + 1;
  cell = std::max(cell, extent / (kMaxGridCells - 2 * pad_cells));
  SearchArea area;
  area.origin = stats.centroid;
  area.cell_m = cell;
  area.west_m = west - pad_cells * cell;
  area.south_m = south - pad_cells * cell;
  area.columns = static_cast<int>(std::ceil((east - area.west_m) / cell + pad_cells));
  area.rows = static_cast<int>(std::ceil((north - area.south_m) / cell + pad_cells));
  std::vector<double> counts(static_cast<std::size_t>(area.columns) * area.rows, 0.0);
  for (const EastNorth& point : points) {
    const int column =
        std::clamp(static_cast<int>((point.east - area.west_m) / cell), 0, area.columns - 1);
    const int row =
        std::clamp(static_cast<int>((point.north - area.south_m) / cell), 0, area.rows - 1);
    counts[static_cast<std::size_t>(row) * area.columns + column] += 1.0;
  }
  gaussian_blur(counts, area.columns, area.rows, options.smoothing_cells);
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  area.probability.resize(counts.size());
  for (std::size_t cell_idx = 0; cell_idx < counts.size(); ++cell_idx) {
    area.probability[cell_idx] = static_cast<float>(counts[cell_idx] / total);
  }
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return area.probability[a] > area.probability[b];
  });
  area.p50 = make_region(area, order, 0.5, plane);
  area.p90 = make_region(area, order, 0.9, plane);
  return area;
}

}  // namespace sw::drift
