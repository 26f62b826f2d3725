#include "ingest/distress/distress_json.h"

#include <algorithm>
#include <cmath>

#include "ingest/distress/distress_time.h"

namespace sw::distress {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxIdBytes = 128;
constexpr std::size_t kMaxShortTextBytes = 256;  ///< source, vessel type and colour
constexpr int kMaxPersonsOnBoard = 10'000;
constexpr double kMaxUncertaintyM = 1'000'000.0;
constexpr double kMaxVesselLengthM = 500.0;

Error error(const char* code, const char* detail) { return Error{code, detail}; }

/// A member that is absent or null.
const json* member(const json& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end() || found->is_null()) return nullptr;
  return &*found;
}

/// An optional string member; false when present but not a string or longer than `limit`.
bool optional_string(const json& object, const char* name, std::size_t limit, std::string& out) {
  const json* value = member(object, name);
  if (value == nullptr) return true;
  if (!value->is_string()) return false;
  const auto& text = value->get_ref<const json::string_t&>();
  if (text.size() > limit) return false;
  out = text;
  return true;
}

bool finite_number(const json* value, double& out) {
  if (value == nullptr || !value->is_number()) return false;
  out = value->get<double>();
  return std::isfinite(out);
}

Result<VesselDescription> vessel_from_json(const json& value) {
  if (!value.is_object()) return error("bad_vessel", "vessel is not an object");
  VesselDescription vessel;
  const char* colour_name = member(value, "colour") != nullptr ? "colour" : "color";
  if (!optional_string(value, "type", kMaxShortTextBytes, vessel.type) ||
      !optional_string(value, colour_name, kMaxShortTextBytes, vessel.colour) ||
      !optional_string(value, "description", kMaxReportBytes, vessel.description)) {
    return error("bad_vessel", "type, colour or description is not a short string");
  }
  if (const json* length = member(value, "length_m")) {
    double metres = 0.0;
    if (!finite_number(length, metres) || metres <= 0.0 || metres > kMaxVesselLengthM) {
      return error("bad_vessel", "length_m is not a number in (0, 500]");
    }
    vessel.length_m = metres;
  }
  return vessel;
}

Result<Ok> position_from_json(const json& object, DistressReport& report) {
  const json* position = member(object, "position");
  if (position == nullptr) return error("missing_position", "");
  if (!position->is_object()) return error("bad_position", "position is not an object");
  double lat = 0.0;
  double lon = 0.0;
  if (!finite_number(member(*position, "lat"), lat) ||
      !finite_number(member(*position, "lon"), lon)) {
    return error("bad_position", "lat or lon missing or not a number");
  }
  if (lat < -90.0 || lat > 90.0) return error("lat_out_of_range", "");
  if (lon < -180.0 || lon > 180.0) return error("lon_out_of_range", "");
  report.position = LatLon{lat, lon};
  if (const json* uncertainty = member(*position, "uncertainty_m")) {
    double metres = 0.0;
    if (!finite_number(uncertainty, metres) || metres <= 0.0 || metres > kMaxUncertaintyM) {
      return error("bad_uncertainty", "uncertainty_m is not a number in (0, 1e6]");
    }
    report.uncertainty_m = metres;
  }
  return Ok{};
}

}  // namespace

int json_nesting_depth(std::string_view text, int stop_above) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > stop_above) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<DistressReport> report_from_json(const json& value) {
  if (!value.is_object()) return error("not_object", "a report is a JSON object");
  DistressReport report;

  const json* id = member(value, "id");
  if (id == nullptr) return error("missing_id", "");
  if (!id->is_string() || id->get_ref<const json::string_t&>().empty() ||
      id->get_ref<const json::string_t&>().size() > kMaxIdBytes) {
    return error("bad_id", "id is not a non-empty string of at most 128 bytes");
  }
  report.id = id->get<std::string>();

  const json* time = member(value, "time");
  if (time == nullptr) return error("missing_time", "");
  if (!time->is_string()) return error("bad_time", "time is not a string");
  auto parsed_time = parse_iso_time(time->get_ref<const json::string_t&>());
  if (!parsed_time.ok()) return parsed_time.error();
  report.time = *parsed_time;

  auto position = position_from_json(value, report);
  if (!position.ok()) return position.error();

  if (const json* persons = member(value, "persons_on_board")) {
    double count = -1.0;
    if (!finite_number(persons, count) || count < 0.0 || count > kMaxPersonsOnBoard ||
        count != std::floor(count)) {
      return error("bad_persons_on_board", "not an integer 0-10000");
    }
    report.persons_on_board = static_cast<int>(count);
  }
  if (!optional_string(value, "source", kMaxShortTextBytes, report.source)) {
    return error("bad_source", "source is not a short string");
  }
  if (const json* vessel = member(value, "vessel")) {
    auto description = vessel_from_json(*vessel);
    if (!description.ok()) return description.error();
    report.vessel = *description;
  }
  if (!optional_string(value, "text", kMaxReportBytes, report.text)) {
    return error("bad_text", "text is not a string");
  }
  if (!optional_string(value, "reporter", kMaxShortTextBytes, report.reporter)) {
    return error("bad_reporter", "reporter is not a short string");
  }
  return report;
}

bool DistressReport::operator==(const DistressReport& other) const {
  return id == other.id && time == other.time && position.lat == other.position.lat &&
         position.lon == other.position.lon && uncertainty_m == other.uncertainty_m &&
         persons_on_board == other.persons_on_board && source == other.source &&
         vessel == other.vessel && text == other.text && reporter == other.reporter;
}

std::string encode_distress_json(const DistressReport& report) {
  json out = json::object();
  out["id"] = report.id;
  out["time"] = format_iso_time(report.time);
  json position = {{"lat", report.position.lat}, {"lon", report.position.lon}};
  if (report.uncertainty_m) position["uncertainty_m"] = *report.uncertainty_m;
  out["position"] = position;
  if (report.persons_on_board) out["persons_on_board"] = *report.persons_on_board;
  if (!report.source.empty()) out["source"] = report.source;
  if (report.vessel) {
    json vessel = json::object();
    if (!report.vessel->type.empty()) vessel["type"] = report.vessel->type;
    if (!report.vessel->colour.empty()) vessel["colour"] = report.vessel->colour;
    if (report.vessel->length_m) vessel["length_m"] = *report.vessel->length_m;
    if (!report.vessel->description.empty()) vessel["description"] = report.vessel->description;
    out["vessel"] = vessel;
  }
  if (!report.text.empty()) out["text"] = report.text;
  if (!report.reporter.empty()) out["reporter"] = report.reporter;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace sw::distress
