#include "server/federated_items.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

namespace sw::server {
namespace {

using Json = nlohmann::json;

/// Items a partner may send are bounded: a body past these is refused, not stored.
constexpr std::size_t kMaxList = 256;
constexpr std::size_t kMaxText = 1024;
constexpr std::size_t kMaxRingPoints = 4096;

struct Malformed {
  std::string what;
};

const Json& need(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) throw Malformed{std::string("missing ") + key};
  return *found;
}

double number(const Json& object, const char* key) {
  const Json& value = need(object, key);
  if (!value.is_number()) throw Malformed{std::string(key) + " is not a number"};
  const double result = value.get<double>();
  if (!std::isfinite(result)) throw Malformed{std::string(key) + " is not finite"};
  return result;
}

template <typename Integer>
Integer integer(const Json& object, const char* key, Integer low, Integer high) {
  const Json& value = need(object, key);
  const auto in_range = [&](auto raw) {
    if (std::cmp_less(raw, low) || std::cmp_greater(raw, high)) {
      throw Malformed{std::string(key) + " is out of range"};
    }
    return static_cast<Integer>(raw);
  };
  if (value.is_number_unsigned()) return in_range(value.get<std::uint64_t>());
  if (value.is_number_integer()) return in_range(value.get<std::int64_t>());
  throw Malformed{std::string(key) + " is not an integer"};
}

std::string text(const Json& value, const char* what) {
  if (!value.is_string()) throw Malformed{std::string(what) + " is not text"};
  auto result = value.get<std::string>();
  if (result.size() > kMaxText) throw Malformed{std::string(what) + " is too long"};
  return result;
}

std::string field_text(const Json& object, const char* key) { return text(need(object, key), key); }

const Json& list(const Json& object, const char* key, std::size_t most = kMaxList) {
  const Json& value = need(object, key);
  if (!value.is_array() || value.size() > most)
    throw Malformed{std::string(key) + " is not a list"};
  return value;
}

std::vector<std::string> texts(const Json& object, const char* key) {
  std::vector<std::string> result;
  for (const Json& entry : list(object, key)) result.push_back(text(entry, key));
  return result;
}

LatLon position(const Json& pair, const char* what) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number()) {
    throw Malformed{std::string(what) + " is not [lat, lon]"};
  }
  const LatLon result{pair[0].get<double>(), pair[1].get<double>()};
  if (!(std::abs(result.lat) <= 90.0) || !(std::abs(result.lon) <= 180.0)) {
    throw Malformed{std::string(what) + " is not on the Earth"};
  }
  return result;
}

Json pairs_json(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Json result = Json::array();
  for (const auto& [key, value] : pairs) result.push_back(Json::array({key, value}));
  return result;
}

std::vector<std::pair<std::string, std::string>> pairs(const Json& object, const char* key) {
  std::vector<std::pair<std::string, std::string>> result;
  for (const Json& entry : list(object, key)) {
    if (!entry.is_array() || entry.size() != 2) throw Malformed{std::string(key) + " entry"};
    result.emplace_back(text(entry[0], key), text(entry[1], key));
  }
  return result;
}

Json covariance_json(const Covariance2& covariance) {
  return Json::array({covariance.ee, covariance.en, covariance.nn});
}

Covariance2 covariance(const Json& object, const char* key) {
  const Json& value = list(object, key, 3);
  if (value.size() != 3 || !value[0].is_number() || !value[1].is_number() ||
      !value[2].is_number()) {
    throw Malformed{std::string(key) + " is not [ee, en, nn]"};
  }
  const Covariance2 result{value[0].get<double>(), value[1].get<double>(), value[2].get<double>()};
  if (!(result.ee >= 0.0) || !(result.nn >= 0.0) || !std::isfinite(result.en) ||
      !std::isfinite(result.ee) || !std::isfinite(result.nn)) {
    throw Malformed{std::string(key) + " is not a covariance"};
  }
  return result;
}

Json multipolygon_json(const std::vector<drift::Polygon>& polygons) {
  Json result = Json::array();
  for (const drift::Polygon& polygon : polygons) {
    Json rings = Json::array();
    for (const drift::Ring& ring : polygon) {
      Json points = Json::array();
      for (const LatLon& point : ring) points.push_back(Json::array({point.lat, point.lon}));
      rings.push_back(std::move(points));
    }
    result.push_back(std::move(rings));
  }
  return result;
}

std::vector<drift::Polygon> multipolygon(const Json& object, const char* key) {
  std::vector<drift::Polygon> result;
  for (const Json& rings : list(object, key)) {
    if (!rings.is_array() || rings.size() > kMaxList) throw Malformed{std::string(key)};
    drift::Polygon polygon;
    for (const Json& points : rings) {
      if (!points.is_array() || points.size() > kMaxRingPoints) throw Malformed{key};
      drift::Ring ring;
      for (const Json& point : points) ring.push_back(position(point, key));
      polygon.push_back(std::move(ring));
    }
    result.push_back(std::move(polygon));
  }
  return result;
}

template <typename Read>
auto read_json(const Json& json, Read read) -> Result<decltype(read(Json()))> {
  if (!json.is_object()) return Error{"malformed", "the body is not a JSON object"};
  try {
    return read(json);
  } catch (const Malformed& malformed) {
    return Error{"malformed", malformed.what};
  } catch (const Json::exception& error) {
    return Error{"malformed", error.what()};
  }
}

template <typename Read>
auto read_body(std::string_view body, Read read) -> Result<decltype(read(Json()))> {
  return read_json(Json::parse(body, nullptr, false), read);
}

}  // namespace

std::uint64_t partner_item_id(std::size_t partner_number, std::uint64_t owner_id) {
  if (owner_id >= kPartnerIdSpan || partner_number == 0 || partner_number > 9000) return 0;
  return static_cast<std::uint64_t>(partner_number) * kPartnerIdSpan + owner_id;
}

std::uint64_t track_version(const track::FusedTrack& track) {
  const auto micros = static_cast<std::uint64_t>(std::max<TimeNs>(track.time, 0) / 1000);
  return (micros << 12U) | ((track.updates & 0x3FFU) << 2U) |
         static_cast<std::uint64_t>(track.status);
}

Json track_json(const track::FusedTrack& track) {
  return Json{{"id", track.id},
              {"class", static_cast<int>(track.track_class)},
              {"status", static_cast<int>(track.status)},
              {"time", track.time},
              {"position", Json::array({track.position.lat, track.position.lon})},
              {"velocity", Json::array({track.velocity.east, track.velocity.north})},
              {"covariance", covariance_json(track.covariance)},
              {"velocity_covariance", covariance_json(track.velocity_covariance)},
              {"mmsi", track.mmsi ? Json(*track.mmsi) : Json()},
              {"asset_id", track.asset_id},
              {"callsign", track.callsign},
              {"details", pairs_json(track.details)},
              {"sources", track.sources},
              {"merged_into", track.merged_into},
              {"updates", track.updates}};
}

std::string track_body(const track::FusedTrack& track) {
  return track_json(track).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<track::FusedTrack> track_from_body(std::string_view body) {
  return track_from_json(Json::parse(body, nullptr, false));
}

Result<track::FusedTrack> track_from_json(const nlohmann::json& body) {
  return read_json(body, [](const Json& json) {
    track::FusedTrack track;
    track.id = integer<std::uint64_t>(json, "id", 0, UINT64_MAX);
    track.track_class = static_cast<track::TrackClass>(integer<int>(json, "class", 0, 2));
    track.status = static_cast<track::PictureStatus>(integer<int>(json, "status", 0, 3));
    track.time = integer<TimeNs>(json, "time", 0, INT64_MAX);
    track.position = position(need(json, "position"), "position");
    const Json& velocity = list(json, "velocity", 2);
    if (velocity.size() != 2 || !velocity[0].is_number() || !velocity[1].is_number()) {
      throw Malformed{"velocity is not [east, north]"};
    }
    track.velocity = {velocity[0].get<double>(), velocity[1].get<double>()};
    if (!std::isfinite(track.velocity.east) || !std::isfinite(track.velocity.north)) {
      throw Malformed{"velocity is not finite"};
    }
    track.covariance = covariance(json, "covariance");
    track.velocity_covariance = covariance(json, "velocity_covariance");
    if (!need(json, "mmsi").is_null()) {
      track.mmsi = integer<std::uint32_t>(json, "mmsi", 0, 999'999'999U);
    }
    track.asset_id = field_text(json, "asset_id");
    track.callsign = field_text(json, "callsign");
    track.details = pairs(json, "details");
    track.sources = texts(json, "sources");
    track.merged_into = integer<std::uint64_t>(json, "merged_into", 0, UINT64_MAX);
    track.updates = integer<std::uint32_t>(json, "updates", 0, UINT32_MAX);
    return track;
  });
}

std::string alert_body(const risk::Alert& alert) {
  Json areas = Json::array();
  for (const risk::AttachedSearchArea& area : alert.search_areas) {
    areas.push_back(Json{{"hours", area.hours},
                         {"object_class", area.object_class},
                         {"seed", area.seed},
                         {"particles", area.particles},
                         {"centroid", Json::array({area.centroid.lat, area.centroid.lon})},
                         {"r50_m", area.r50_m},
                         {"r90_m", area.r90_m},
                         {"area50_km2", area.area50_km2},
                         {"area90_km2", area.area90_km2},
                         {"p50", multipolygon_json(area.p50)},
                         {"p90", multipolygon_json(area.p90)}});
  }
  Json history = Json::array();
  for (const risk::AlertChange& change : alert.history) {
    history.push_back(Json::array({change.time, change.change, change.actor, change.note}));
  }
  const Json body{{"id", alert.id},
                  {"kind", static_cast<int>(alert.kind)},
                  {"key", alert.key},
                  {"severity", static_cast<int>(alert.severity)},
                  {"state", static_cast<int>(alert.state)},
                  {"subjects", alert.subjects},
                  {"position", Json::array({alert.position.lat, alert.position.lon})},
                  {"raised_at", alert.raised_at},
                  {"updated_at", alert.updated_at},
                  {"event_time", alert.event_time},
                  {"region", alert.region},
                  {"addressed_to", alert.addressed_to},
                  {"details", pairs_json(alert.details)},
                  {"search_areas", std::move(areas)},
                  {"revision", alert.revision},
                  {"raises", alert.raises},
                  {"history", std::move(history)}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<risk::Alert> alert_from_body(std::string_view body) {
  return read_body(body, [](const Json& json) {
    risk::Alert alert;
    alert.id = integer<std::uint64_t>(json, "id", 0, UINT64_MAX);
    alert.kind = static_cast<risk::AlertKind>(
        integer<int>(json, "kind", 0, static_cast<int>(risk::kAlertKindCount) - 1));
    alert.key = field_text(json, "key");
    alert.severity = static_cast<risk::Severity>(integer<int>(json, "severity", 0, 3));
    alert.state = static_cast<risk::AlertState>(integer<int>(json, "state", 0, 3));
    for (const Json& subject : list(json, "subjects")) {
      if (!subject.is_number_unsigned()) throw Malformed{"subjects are not ids"};
      alert.subjects.push_back(subject.get<std::uint64_t>());
    }
    alert.position = position(need(json, "position"), "position");
    alert.raised_at = integer<TimeNs>(json, "raised_at", 0, INT64_MAX);
    alert.updated_at = integer<TimeNs>(json, "updated_at", 0, INT64_MAX);
    alert.event_time = integer<TimeNs>(json, "event_time", 0, INT64_MAX);
    alert.region = field_text(json, "region");
    alert.addressed_to = texts(json, "addressed_to");
    alert.details = pairs(json, "details");
    for (const Json& entry : list(json, "search_areas", 64)) {
      if (!entry.is_object()) throw Malformed{"search area is not an object"};
      risk::AttachedSearchArea area;
      area.hours = number(entry, "hours");
      area.object_class = field_text(entry, "object_class");
      area.seed = integer<std::uint64_t>(entry, "seed", 0, UINT64_MAX);
      area.particles = integer<std::size_t>(entry, "particles", 0, SIZE_MAX);
      area.centroid = position(need(entry, "centroid"), "centroid");
      area.r50_m = number(entry, "r50_m");
      area.r90_m = number(entry, "r90_m");
      area.area50_km2 = number(entry, "area50_km2");
      area.area90_km2 = number(entry, "area90_km2");
      area.p50 = multipolygon(entry, "p50");
      area.p90 = multipolygon(entry, "p90");
      alert.search_areas.push_back(std::move(area));
    }
    alert.revision = integer<std::uint32_t>(json, "revision", 0, UINT32_MAX);
    alert.raises = integer<std::uint32_t>(json, "raises", 0, UINT32_MAX);
    for (const Json& change : list(json, "history", 4096)) {
      if (!change.is_array() || change.size() != 4 || !change[0].is_number_integer()) {
        throw Malformed{"history entry is not [time, change, actor, note]"};
      }
      alert.history.push_back(risk::AlertChange{change[0].get<TimeNs>(), text(change[1], "change"),
                                                text(change[2], "actor"), text(change[3], "note")});
    }
    return alert;
  });
}

}  // namespace sw::server
