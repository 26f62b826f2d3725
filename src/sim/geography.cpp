#include "sim/geography.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sw::sim {
namespace {

using nlohmann::json;

Error geo_error(const std::string& detail) { return Error{"bad_geography", detail}; }

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string string_member(const json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool read_position(const json& coordinates, LatLon& out) {
  if (!coordinates.is_array() || coordinates.size() < 2 || !coordinates[0].is_number() ||
      !coordinates[1].is_number()) {
    return false;
  }
  out.lon = coordinates[0].get<double>();
  out.lat = coordinates[1].get<double>();
  return std::isfinite(out.lat) && std::isfinite(out.lon) && std::fabs(out.lat) <= 90 &&
         std::fabs(out.lon) <= 180;
}

bool read_ring(const json& geometry, GeoRing& ring) {
  if (string_member(geometry, "type") != "Polygon") return false;
  const auto coordinates = geometry.find("coordinates");
  if (coordinates == geometry.end() || !coordinates->is_array() || coordinates->empty()) {
    return false;
  }
  const json& outer = (*coordinates)[0];
  if (!outer.is_array() || outer.size() < 4) return false;
  for (const json& vertex : outer) {
    LatLon position;
    if (!read_position(vertex, position)) return false;
    ring.push_back(position);
  }
  if (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon) {
    ring.push_back(ring.front());
  }
  return true;
}

Result<Lane> read_lane(const json& properties, const json& geometry) {
  Lane lane;
  lane.name = string_member(properties, "name");
  const auto direction = properties.find("direction_deg");
  if (direction == properties.end() || !direction->is_number()) {
    return geo_error("lane '" + lane.name + "' has no numeric direction_deg");
  }
  lane.direction_deg = direction->get<double>();
  if (!read_ring(geometry, lane.ring)) {
    return geo_error("lane '" + lane.name + "' is not a valid Polygon");
  }
  const std::size_t distinct = lane.ring.size() - 1;
  if (distinct < 4 || distinct % 2 != 0) {
    return geo_error("lane '" + lane.name + "' needs an even number (>= 4) of vertices");
  }
  for (std::size_t vertex_idx = 0; vertex_idx < distinct / 2; ++vertex_idx) {
    lane.sections.emplace_back(lane.ring[vertex_idx], lane.ring[distinct - 1 - vertex_idx]);
  }
  auto middle = [](const std::pair<LatLon, LatLon>& section) {
    return LatLon{(section.first.lat + section.second.lat) / 2,
                  (section.first.lon + section.second.lon) / 2};
  };
  // Order the sections along the direction of traffic.
  const double axis =
      geodesic_bearing_deg(middle(lane.sections.front()), middle(lane.sections.back()));
  double difference = std::fabs(std::remainder(axis - lane.direction_deg, 360.0));
  if (difference > 90) {
    std::reverse(lane.sections.begin(), lane.sections.end());
  }
  // Left edge first, looking along the direction of traffic.
  for (auto& section : lane.sections) {
    const double across = geodesic_bearing_deg(section.first, section.second);
    difference = std::remainder(across - lane.direction_deg, 360.0);
    if (difference < 0) std::swap(section.first, section.second);
  }
  return lane;
}

}  // namespace

bool ring_contains(const GeoRing& ring, LatLon point) {
  bool inside = false;
  for (std::size_t vertex_idx = 0, previous_idx = ring.size() - 1; vertex_idx < ring.size();
       previous_idx = vertex_idx++) {
    const LatLon& a = ring[vertex_idx];
    const LatLon& b = ring[previous_idx];
    if ((a.lat > point.lat) != (b.lat > point.lat) &&
        point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

Result<const NamedPoint*> Geography::find_point(std::string_view name,
                                                std::string_view kind) const {
  const std::string wanted = lower(name);
  std::vector<const NamedPoint*> partial;
  for (const NamedPoint& point : points) {
    if (!kind.empty() && point.kind != kind) continue;
    const std::string candidate = lower(point.name);
    if (candidate == wanted) return &point;
    if (candidate.find(wanted) != std::string::npos) partial.push_back(&point);
  }
  const std::string what =
      std::string(kind.empty() ? "place" : kind) + " '" + std::string(name) + "'";
  if (partial.empty()) return Error{"unknown_place", "no " + what + " in the geography"};
  if (partial.size() > 1) {
    std::string names;
    for (const NamedPoint* point : partial) names += (names.empty() ? "" : ", ") + point->name;
    return Error{"ambiguous_place", what + " matches several: " + names};
  }
  return partial.front();
}

std::vector<const NamedPoint*> Geography::points_of_kind(std::string_view kind) const {
  std::vector<const NamedPoint*> found;
  for (const NamedPoint& point : points) {
    if (point.kind == kind) found.push_back(&point);
  }
  return found;
}

std::vector<const Zone*> Geography::zones_of_kind(std::string_view kind) const {
  std::vector<const Zone*> found;
  for (const Zone& zone : zones) {
    if (zone.kind == kind) found.push_back(&zone);
  }
  return found;
}

Result<Geography> parse_geography(std::string_view geojson) {
  const json document = json::parse(geojson, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return geo_error("not valid JSON");
  const auto features = document.find("features");
  if (string_member(document, "type") != "FeatureCollection" || features == document.end() ||
      !features->is_array()) {
    return geo_error("not a GeoJSON FeatureCollection");
  }
  Geography geography;
  for (const json& feature : *features) {
    if (!feature.is_object()) return geo_error("a feature is not an object");
    const auto properties = feature.find("properties");
    const auto geometry = feature.find("geometry");
    if (properties == feature.end() || !properties->is_object() || geometry == feature.end() ||
        !geometry->is_object()) {
      return geo_error("a feature lacks properties or geometry");
    }
    const std::string kind = string_member(*properties, "kind");
    const std::string name = string_member(*properties, "name");
    if (kind == "tss_lane") {
      auto lane = read_lane(*properties, *geometry);
      if (!lane) return lane.error();
      geography.lanes.push_back(std::move(*lane));
    } else if (kind == "tss_separation_zone" || kind == "inshore_traffic_zone" || kind == "srr") {
      Zone zone{kind, name, string_member(*properties, "country"), {}};
      if (!read_ring(*geometry, zone.ring))
        return geo_error(kind + " '" + name + "' is not a Polygon");
      geography.zones.push_back(std::move(zone));
    } else if (kind == "port" || kind == "landmark" || kind == "launch_area" ||
               kind == "rescue_centre") {
      NamedPoint point{kind, name, string_member(*properties, "country"), {}, 0.0};
      const auto coordinates = geometry->find("coordinates");
      if (string_member(*geometry, "type") != "Point" || coordinates == geometry->end() ||
          !read_position(*coordinates, point.position)) {
        return geo_error(kind + " '" + name + "' is not a valid Point");
      }
      const auto accuracy = properties->find("accuracy_m");
      if (accuracy != properties->end() && accuracy->is_number()) {
        point.accuracy_m = accuracy->get<double>();
      }
      geography.points.push_back(std::move(point));
    }
    // Other kinds (e.g. the SRR boundary line) are not used by the simulator.
  }
  if (geography.lanes.empty()) return geo_error("no tss_lane feature");
  return geography;
}

Result<Geography> load_geography(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"io", "cannot read geography " + path};
  std::stringstream text;
  text << file.rdbuf();
  auto geography = parse_geography(text.str());
  if (!geography) return Error{geography.error().code, path + ": " + geography.error().detail};
  return geography;
}

}  // namespace sw::sim
