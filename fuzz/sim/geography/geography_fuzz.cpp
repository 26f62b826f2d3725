/// libFuzzer target for the geography reader (GeoJSON of lanes, zones, SAR regions and
/// named points), which the simulator and the risk stage read from an operator's file.
///
/// The whole input goes to parse_geography. Contracts checked (abort when broken):
/// - no exception leaves parse_geography, and a refusal has a code and a message;
/// - an accepted geography has every vertex and point on the globe with finite numbers,
///   closed rings of at least four vertices, lanes with a finite direction in [0, 360] and
///   at least one cross-section, and every cross-section's points on the globe.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "sim/geography.h"

namespace {

void require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "geography contract broken: %s\n", what);
    std::abort();
  }
}

bool on_globe(const sw::LatLon& point) {
  return std::isfinite(point.lat) && std::isfinite(point.lon) && std::abs(point.lat) <= 90.0 &&
         std::abs(point.lon) <= 180.0;
}

void check_ring(const sw::sim::GeoRing& ring) {
  require(ring.size() >= 4, "a ring has at least four vertices");
  require(ring.front().lat == ring.back().lat && ring.front().lon == ring.back().lon,
          "a ring is closed");
  for (const sw::LatLon& vertex : ring) require(on_globe(vertex), "vertex on the globe");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto geography = sw::sim::parse_geography(text);
    if (!geography) {
      require(!geography.error().code.empty() && !geography.error().detail.empty(),
              "a refusal says why");
      return 0;
    }
    for (const sw::sim::Lane& lane : geography->lanes) {
      check_ring(lane.ring);
      require(std::isfinite(lane.direction_deg) && lane.direction_deg >= 0.0 &&
                  lane.direction_deg <= 360.0,
              "lane direction in [0, 360]");
      require(!lane.sections.empty(), "a lane has cross-sections");
      for (const auto& [left, right] : lane.sections) {
        require(on_globe(left) && on_globe(right), "section points on the globe");
      }
    }
    for (const sw::sim::Zone& zone : geography->zones) check_ring(zone.ring);
    for (const sw::sim::NamedPoint& point : geography->points) {
      require(on_globe(point.position), "named point on the globe");
      require(std::isfinite(point.accuracy_m) && point.accuracy_m >= 0.0, "accuracy finite");
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "exception escaped parse_geography: %s\n", error.what());
    std::abort();
  }
  return 0;
}
