#include "risk/alert.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "drift/time_text.h"

namespace sw::risk {
namespace {

using json = nlohmann::ordered_json;

constexpr std::array<const char*, kAlertKindCount> kKindNames = {
    "collision", "drifting", "lane_crossing", "sar_handover", "distress"};
constexpr std::array<const char*, 4> kStateNames = {"open", "acknowledged", "handed_over",
                                                    "closed"};
constexpr std::array<const char*, 4> kSeverityNames = {"info", "warning", "urgent", "critical"};

}  // namespace

json time_json(TimeNs time) { return json{{"utc", drift::format_utc_time(time)}, {"ns", time}}; }

namespace {
json position_json(LatLon position) { return json::array({position.lat, position.lon}); }

json multipolygon_json(const std::vector<drift::Polygon>& multipolygon) {
  json polygons = json::array();
  for (const drift::Polygon& polygon : multipolygon) {
    json rings = json::array();
    for (const drift::Ring& ring : polygon) {
      json points = json::array();
      for (const LatLon& point : ring) points.push_back(json::array({point.lon, point.lat}));
      rings.push_back(std::move(points));
    }
    polygons.push_back(std::move(rings));
  }
  return polygons;
}
}  // namespace

json label_json(const Label& label) {
  json purposes = json::array();
  if ((label.purposes & kPurposeSearchAndRescue) != 0) purposes.push_back("sar");
  if ((label.purposes & kPurposeBorderMonitoring) != 0) purposes.push_back("border_monitoring");
  if ((label.purposes & kPurposeLawEnforcement) != 0) purposes.push_back("law_enforcement");
  return json{{"owner", label.owner},
              {"releasable_to", label.releasable_to},
              {"purposes", purposes},
              {"sensitivity", to_string(label.sensitivity)},
              {"personal_data", label.personal_data},
              {"retention_s", label.retention_s}};
}

json search_area_json(const AttachedSearchArea& area) {
  return json{{"hours", area.hours},
              {"object_class", area.object_class},
              {"seed", area.seed},
              {"particles", area.particles},
              {"centroid", position_json(area.centroid)},
              {"r50_m", area.r50_m},
              {"r90_m", area.r90_m},
              {"area50_km2", area.area50_km2},
              {"area90_km2", area.area90_km2},
              {"p50_multipolygon_lonlat", multipolygon_json(area.p50)},
              {"p90_multipolygon_lonlat", multipolygon_json(area.p90)}};
}

namespace {

/// Whether `owner` is one of the '+'-joined owners of `owners`.
bool has_owner(const std::string& owners, const std::string& owner) {
  std::size_t start = 0;
  while (start <= owners.size()) {
    const std::size_t end = std::min(owners.find('+', start), owners.size());
    if (owners.compare(start, end - start, owner) == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

const char* to_string(AlertKind kind) { return kKindNames.at(static_cast<std::size_t>(kind)); }
const char* to_string(AlertState state) { return kStateNames.at(static_cast<std::size_t>(state)); }
const char* to_string(Severity severity) {
  return kSeverityNames.at(static_cast<std::size_t>(severity));
}

std::string Alert::detail(const std::string& name) const {
  for (const auto& [key, value] : details) {
    if (key == name) return value;
  }
  return {};
}

json alert_to_json(const Alert& alert) {
  json details = json::object();
  for (const auto& [key, value] : alert.details) details[key] = value;
  json history = json::array();
  for (const AlertChange& change : alert.history) {
    history.push_back(json{{"time", time_json(change.time)},
                           {"change", change.change},
                           {"actor", change.actor},
                           {"note", change.note}});
  }
  json areas = json::array();
  for (const AttachedSearchArea& area : alert.search_areas) areas.push_back(search_area_json(area));
  json body{{"id", alert.id},
            {"kind", to_string(alert.kind)},
            {"key", alert.key},
            {"severity", to_string(alert.severity)},
            {"state", to_string(alert.state)},
            {"subjects", alert.subjects},
            {"position", position_json(alert.position)},
            {"raised_at", time_json(alert.raised_at)},
            {"updated_at", time_json(alert.updated_at)},
            {"event_time", alert.event_time != 0 ? time_json(alert.event_time) : json()},
            {"region", alert.region},
            {"addressed_to", alert.addressed_to},
            {"details", std::move(details)},
            {"search_areas", std::move(areas)},
            {"label", label_json(alert.label)},
            {"revision", alert.revision},
            {"raises", alert.raises},
            {"history", std::move(history)}};
  if (!alert.node.empty()) body["node"] = alert.node;
  return body;
}

std::string alert_json(const Alert& alert) {
  return alert_to_json(alert).dump(-1, ' ', false, json::error_handler_t::replace);
}

Label combine_labels(const Label& first, const Label& second) {
  Label combined = first;
  if (!second.owner.empty() && !has_owner(first.owner, second.owner)) {
    combined.owner = first.owner.empty() ? second.owner : first.owner + "+" + second.owner;
  }
  combined.releasable_to.clear();
  for (const std::string& party : first.releasable_to) {
    if (std::find(second.releasable_to.begin(), second.releasable_to.end(), party) !=
        second.releasable_to.end()) {
      combined.releasable_to.push_back(party);
    }
  }
  combined.purposes = first.purposes & second.purposes;
  combined.sensitivity = std::max(first.sensitivity, second.sensitivity);
  combined.personal_data = first.personal_data || second.personal_data;
  if (second.retention_s > 0 &&
      (combined.retention_s <= 0 || second.retention_s < combined.retention_s)) {
    combined.retention_s = second.retention_s;
  }
  return combined;
}

}  // namespace sw::risk
