#include "server/api.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "drift/time_text.h"
#include "risk/alert.h"

namespace sw::server {
namespace {

constexpr TimeNs kDefaultHistory = 3600 * kNsPerSecond;
constexpr std::size_t kMaxHistoryPoints = 20000;

ApiResponse json_response(const Json& body, unsigned status = 200) {
  return ApiResponse{status, "application/json", to_text(body)};
}

int hex_value(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char character = text[index];
    if (character == '+') {
      out.push_back(' ');
    } else if (character == '%') {
      if (index + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[index + 1]);
      const int low = hex_value(text[index + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      index += 2;
    } else {
      out.push_back(character);
    }
  }
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> parse_id(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

/// The value of a query parameter as a time (ISO 8601 UTC).
Result<std::optional<TimeNs>> query_time(const Target& target, const char* key) {
  const auto found = target.query.find(key);
  if (found == target.query.end()) return std::optional<TimeNs>();
  Result<TimeNs> time = drift::parse_utc_time(found->second);
  if (!time) return Error{"bad_parameter", std::string(key) + ": " + time.error().detail};
  return std::optional<TimeNs>(*time);
}

/// The `bbox` query parameter as a viewport (everything when absent).
Result<Viewport> query_viewport(const Target& target) {
  const auto found = target.query.find("bbox");
  if (found == target.query.end()) return Viewport{};
  return parse_viewport(found->second);
}

bool visible(const Principal& who, const Label& label) {
  return share::may_release(label, who.recipient);
}

ApiResponse not_found(const std::string& what) {
  return error_response(404, "not_found", what + " does not exist or is not released to you");
}

ApiResponse forbidden(const std::string& what) {
  return error_response(403, "forbidden", "your roles do not allow " + what);
}

unsigned status_for(const Error& error) {
  if (error.code == "alert_unknown") return 404;
  if (error.code == "alert_closed" || error.code == "alert_state") return 409;
  if (error.code == "engine_busy" || error.code == "busy") return 503;
  if (error.code == "timeout") return 504;
  if (error.code == "no_risk") return 404;
  return 400;
}

}  // namespace

std::optional<Target> parse_target(std::string_view target) {
  Target parsed;
  const std::size_t question = target.find('?');
  auto path = percent_decode(target.substr(0, question));
  if (!path) return std::nullopt;
  parsed.path = std::move(*path);
  if (question == std::string_view::npos) return parsed;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    auto key = percent_decode(pair.substr(0, equals));
    auto value = percent_decode(equals == std::string_view::npos ? std::string_view()
                                                                 : pair.substr(equals + 1));
    if (!key || !value) return std::nullopt;
    parsed.query[*key] = std::move(*value);
  }
  return parsed;
}

std::string request_token(const Request& request, const Target& target) {
  const auto header = request.find(http::field::authorization);
  if (header != request.end()) {
    const std::string_view value(header->value().data(), header->value().size());
    constexpr std::string_view kBearer = "Bearer ";
    if (value.size() > kBearer.size() && value.substr(0, kBearer.size()) == kBearer) {
      return std::string(value.substr(kBearer.size()));
    }
    return {};
  }
  const auto found = target.query.find("access_token");
  return found == target.query.end() ? std::string() : found->second;
}

Result<Viewport> parse_viewport(std::string_view text) {
  std::array<double, 4> values{};
  std::size_t count = 0;
  bool more = true;
  while (more) {
    const std::size_t comma = text.find(',');
    const auto value = parse_number(text.substr(0, comma));
    if (!value || count == 4) return Error{"bad_parameter", "bbox: four numbers W,S,E,N"};
    values[count++] = *value;
    more = comma != std::string_view::npos;
    if (more) text = text.substr(comma + 1);
  }
  if (count != 4) return Error{"bad_parameter", "bbox: four numbers W,S,E,N"};
  return make_viewport({values[0], values[1], values[2], values[3]});
}

Result<Viewport> make_viewport(const Viewport& box) {
  if (!(box.west >= -180 && box.east <= 180 && box.south >= -90 && box.north <= 90 &&
        box.west <= box.east && box.south <= box.north)) {
    return Error{"bad_parameter", "bbox: W <= E within -180..180, S <= N within -90..90"};
  }
  return box;
}

ApiResponse error_response(unsigned status, const std::string& code, const std::string& detail) {
  return json_response(Json{{"error", code}, {"detail", detail}}, status);
}

const Principal* Api::authenticate(const Request& request, const Target& target) const {
  return services_.principals->authenticate(request_token(request, target));
}

void Api::handle(const Request& request, const Respond& respond) {
  const auto target =
      parse_target(std::string_view(request.target().data(), request.target().size()));
  if (!target) return respond(error_response(400, "bad_target", "malformed percent-escape"));
  const std::string& path = target->path;
  if (path == "/api/openapi.json") {
    return respond(ApiResponse{200, "application/json", openapi_json()});
  }
  const std::string what = std::string(request.method_string()) + " " + path;
  const Principal* who = authenticate(request, *target);
  if (who == nullptr) {
    audit({"refusal", "", "api", what, "unauthorized", "no valid token"});
    return respond(error_response(401, "unauthorized", "a valid bearer token is required"));
  }
  // Every answer is recorded with its status (an operator action answers later).
  route(request, *target, *who, [this, respond, what, name = who->name()](ApiResponse response) {
    audit({"access", name, "api", what, response.status < 400 ? "released" : "refused",
           "status " + std::to_string(response.status)});
    respond(std::move(response));
  });
}

void Api::audit(const share::AuditEntry& entry) const {
  if (services_.audit != nullptr) services_.audit->record(entry);
}

void Api::route(const Request& request, const Target& target, const Principal& who,
                const Respond& respond) {
  const std::string& path = target.path;
  const bool get = request.method() == http::verb::get;
  const bool post = request.method() == http::verb::post;
  // Path segments after /api/.
  std::vector<std::string_view> parts;
  if (path.rfind("/api/", 0) == 0) {
    std::string_view rest = std::string_view(path).substr(5);
    while (!rest.empty()) {
      const std::size_t slash = rest.find('/');
      parts.push_back(rest.substr(0, slash));
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }
  const auto method_not_allowed = [&] {
    respond(error_response(405, "method_not_allowed",
                           "not with " + std::string(request.method_string())));
  };
  if (path == "/metrics") {
    if (!get) return method_not_allowed();
    if (!who.has_any(kRoleAdmin | kRoleAnalyst)) return respond(forbidden("metrics"));
    return respond(ApiResponse{200, "text/plain; version=0.0.4",
                               services_.metrics ? services_.metrics() : std::string()});
  }
  if (parts.empty()) return respond(not_found("this path"));
  const std::string_view head = parts[0];
  if (parts.size() == 1) {
    if (head == "search-areas" && post) return respond(request_search(who, request.body()));
    if (!get) return method_not_allowed();
    if (head == "health") return respond(health(who));
    if (head == "tracks") return respond(tracks(who, target));
    if (head == "history") return respond(history(who, target));
    if (head == "export") return respond(export_history(who, target));
    if (head == "alerts") return respond(alerts(who, target));
    if (head == "search-areas") return respond(searches(who));
    if (head == "sources") return respond(sources(who));
    if (head == "geography") {
      return respond(ApiResponse{200, "application/geo+json", services_.geography_json});
    }
    return respond(not_found("this path"));
  }
  const auto id = parse_id(parts[1]);
  if (!id) return respond(error_response(400, "bad_id", "an id is a non-negative integer"));
  if (parts.size() == 2) {
    if (!get) return method_not_allowed();
    if (head == "tracks") return respond(one_track(who, *id, target));
    if (head == "alerts") return respond(one_alert(who, *id));
    if (head == "search-areas") return respond(one_search(who, *id));
    return respond(not_found("this path"));
  }
  if (parts.size() == 3 && head == "alerts") {
    static const std::map<std::string_view, std::string> actions{
        {"acknowledge", "acknowledge"}, {"hand-over", "hand_over"}, {"close", "close"}};
    const auto action = actions.find(parts[2]);
    if (action == actions.end()) return respond(not_found("this action"));
    if (!post) return method_not_allowed();
    return alert_action(who, *id, action->second, request.body(), respond);
  }
  return respond(not_found("this path"));
}

ApiResponse Api::health(const Principal& who) const {
  std::size_t tracks = 0;
  for (const auto& live : services_.picture->tracks()) tracks += visible(who, live->track.label);
  std::size_t open = 0;
  for (const auto& alert : services_.picture->alerts()) {
    open += alert->state != risk::AlertState::kClosed && visible(who, alert->label);
  }
  return json_response(Json{{"status", "ok"},
                            {"time", risk::time_json(services_.picture->time())},
                            {"tracks", tracks},
                            {"alerts_open", open},
                            {"principal",
                             {{"name", who.name()},
                              {"nation", who.recipient.nation},
                              {"agency", who.recipient.agency},
                              {"roles", role_names(who.roles)}}}});
}

ApiResponse Api::tracks(const Principal& who, const Target& target) const {
  auto box = query_viewport(target);
  if (!box) return error_response(400, box.error().code, box.error().detail);
  std::set<std::string> classes;
  if (const auto found = target.query.find("class"); found != target.query.end()) {
    std::string_view rest = found->second;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string name(rest.substr(0, comma));
      if (name != "cooperative" && name != "dark" && name != "own_asset") {
        return error_response(400, "bad_parameter",
                              "class: cooperative, dark, own_asset (comma-separated)");
      }
      classes.insert(name);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  std::optional<bool> ais;
  if (const auto found = target.query.find("ais"); found != target.query.end()) {
    if (found->second != "true" && found->second != "false") {
      return error_response(400, "bad_parameter", "ais: true or false");
    }
    ais = found->second == "true";
  }
  bool geojson = false;
  if (const auto found = target.query.find("format"); found != target.query.end()) {
    if (found->second != "geojson" && found->second != "json") {
      return error_response(400, "bad_parameter", "format: json or geojson");
    }
    geojson = found->second == "geojson";
  }
  Json items = Json::array();
  for (const auto& live : services_.picture->tracks()) {
    const track::FusedTrack& track = live->track;
    if (!box->contains(track.position) || !visible(who, track.label)) continue;
    if (!classes.empty() && classes.count(class_name(track.track_class)) == 0) continue;
    if (ais && *ais != track.mmsi.has_value()) continue;
    items.push_back(geojson ? track_feature(*live) : track_json(*live));
  }
  if (geojson) return json_response(Json{{"type", "FeatureCollection"}, {"features", items}});
  return json_response(
      Json{{"time", risk::time_json(services_.picture->time())}, {"tracks", std::move(items)}});
}

ApiResponse Api::one_track(const Principal& who, std::uint64_t id, const Target& target) {
  const auto live = services_.picture->track(id);
  if (!live || !visible(who, live->track.label)) return not_found("track " + std::to_string(id));
  auto from = query_time(target, "from");
  auto to = query_time(target, "to");
  if (!from) return error_response(400, from.error().code, from.error().detail);
  if (!to) return error_response(400, to.error().code, to.error().detail);
  const TimeNs end = to->value_or(services_.picture->time());
  const TimeNs begin = from->value_or(end - kDefaultHistory);
  if (begin > end) return error_response(400, "bad_parameter", "from is after to");
  Json body = track_json(*live);
  Json points = Json::array();
  bool truncated = false;
  if (services_.history != nullptr) {
    std::lock_guard lock(history_mutex_);
    auto stored = services_.history->track_history(id, begin, end);
    if (!stored) return error_response(500, stored.error().code, stored.error().detail);
    // Evenly thinned when the range holds more than the cap.
    const std::size_t step = stored->size() / kMaxHistoryPoints + 1;
    truncated = step > 1;
    for (std::size_t index = 0; index < stored->size(); index += step) {
      points.push_back(history_point_json((*stored)[index]));
    }
  }
  body["history"] = {{"from", risk::time_json(begin)},
                     {"to", risk::time_json(end)},
                     {"thinned", truncated},
                     {"points", std::move(points)}};
  return json_response(body);
}

ApiResponse Api::history(const Principal& who, const Target& target) {
  auto at = query_time(target, "at");
  if (!at) return error_response(400, at.error().code, at.error().detail);
  if (!at->has_value()) return error_response(400, "bad_parameter", "at: an ISO 8601 UTC time");
  auto box = query_viewport(target);
  if (!box) return error_response(400, box.error().code, box.error().detail);
  if (services_.history == nullptr) return error_response(404, "no_history", "no store");
  std::lock_guard lock(history_mutex_);
  auto stored = services_.history->tracks_in_box(
      store::BoundingBox{box->south, box->west, box->north, box->east}, **at);
  if (!stored) return error_response(500, stored.error().code, stored.error().detail);
  Json items = Json::array();
  for (const store::TrackRecord& record : *stored) {
    if (visible(who, record.label)) items.push_back(stored_track_json(record));
  }
  return json_response(Json{{"at", risk::time_json(**at)}, {"tracks", std::move(items)}});
}

ApiResponse Api::export_history(const Principal& who, const Target& target) {
  constexpr TimeNs kMaxRange = 24 * 3600 * kNsPerSecond;
  constexpr std::size_t kMaxRows = 1'000'000;
  auto from = query_time(target, "from");
  auto to = query_time(target, "to");
  if (!from) return error_response(400, from.error().code, from.error().detail);
  if (!to) return error_response(400, to.error().code, to.error().detail);
  if (!from->has_value() || !to->has_value() || **to < **from || **to - **from > kMaxRange) {
    return error_response(400, "bad_parameter",
                          "from and to: ISO 8601 UTC times, from <= to, at most 24 h apart");
  }
  auto box = query_viewport(target);
  if (!box) return error_response(400, box.error().code, box.error().detail);
  if (services_.history == nullptr) return error_response(404, "no_history", "no store");
  std::lock_guard lock(history_mutex_);
  auto tracks = services_.history->list_tracks();
  if (!tracks) return error_response(500, tracks.error().code, tracks.error().detail);
  std::string csv =
      "track_id,time_utc,time_ns,lat,lon,sog_kn,cog_deg,class,mmsi,name,callsign,owner\n";
  // Names are outside text: quoted, with quotes doubled, so a comma stays in its field.
  const auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::size_t rows = 0;
  std::size_t released = 0;
  std::size_t withheld = 0;
  for (const store::TrackRecord& record : *tracks) {
    if (record.last_seen < **from || record.first_seen > **to) continue;
    if (!visible(who, record.label)) {
      ++withheld;
      continue;
    }
    auto positions = services_.history->track_history(record.track_id, **from, **to);
    if (!positions) return error_response(500, positions.error().code, positions.error().detail);
    bool any = false;
    for (const store::TrackPosition& point : *positions) {
      if (!box->contains(point.position)) continue;
      if (++rows > kMaxRows) {
        return error_response(413, "too_large", "more than 1,000,000 rows: a narrower range");
      }
      any = true;
      csv += fmt::format("{},{},{},{:.6f},{:.6f},{:.1f},{:.1f},{},{},{},{},{}\n", record.track_id,
                         drift::format_utc_time(point.time), point.time, point.position.lat,
                         point.position.lon, speed_knots(point.velocity),
                         course_degrees(point.velocity), store::to_string(record.track_class),
                         record.identity.mmsi ? std::to_string(*record.identity.mmsi) : "",
                         quoted(record.identity.name), quoted(record.identity.callsign),
                         quoted(record.label.owner));
    }
    released += any;
  }
  audit({"release", who.name(), "export", "history", "released",
         fmt::format("{} positions of {} tracks; {} tracks withheld by their labels", rows,
                     released, withheld)});
  return ApiResponse{200, "text/csv; charset=utf-8", std::move(csv)};
}

ApiResponse Api::alerts(const Principal& who, const Target& target) const {
  bool all = false;
  if (const auto found = target.query.find("state"); found != target.query.end()) {
    if (found->second != "open" && found->second != "all") {
      return error_response(400, "bad_parameter", "state: open or all");
    }
    all = found->second == "all";
  }
  std::vector<std::shared_ptr<const risk::Alert>> shown;
  for (auto& alert : services_.picture->alerts()) {
    if ((all || alert->state != risk::AlertState::kClosed) && visible(who, alert->label)) {
      shown.push_back(std::move(alert));
    }
  }
  std::sort(shown.begin(), shown.end(), [](const auto& left, const auto& right) {
    if (left->severity != right->severity) return left->severity > right->severity;
    return left->updated_at > right->updated_at;
  });
  Json items = Json::array();
  for (const auto& alert : shown) items.push_back(risk::alert_to_json(*alert));
  return json_response(
      Json{{"time", risk::time_json(services_.picture->time())}, {"alerts", std::move(items)}});
}

ApiResponse Api::one_alert(const Principal& who, std::uint64_t id) {
  const auto alert = services_.picture->alert(id);
  if (!alert || !visible(who, alert->label)) return not_found("alert " + std::to_string(id));
  return json_response(risk::alert_to_json(*alert));
}

void Api::alert_action(const Principal& who, std::uint64_t id, const std::string& action,
                       const std::string& body, const Respond& respond) {
  if (!who.has_any(kOperatorRoles)) return respond(forbidden("acting on alerts"));
  const auto alert = services_.picture->alert(id);
  if (!alert || !visible(who, alert->label) || services_.desk == nullptr) {
    return respond(not_found("alert " + std::to_string(id)));
  }
  const Json parsed = body.empty() ? Json::object() : Json::parse(body, nullptr, false);
  if (!parsed.is_object()) return respond(error_response(400, "bad_body", "a JSON object"));
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto found = parsed.find(key);
    if (found == parsed.end()) return std::string();
    if (!found->is_string() || found->get_ref<const std::string&>().size() > 500) {
      return std::nullopt;
    }
    return found->get<std::string>();
  };
  const auto to = text("to");
  const auto reason = text("reason");
  const auto note = text("note");
  if (!to || !reason || !note) {
    return respond(error_response(400, "bad_body", "to, reason and note are strings (<= 500)"));
  }
  if (action == "hand_over" && to->empty()) {
    return respond(error_response(400, "bad_body", "hand-over needs \"to\": the rescue centre"));
  }
  const std::string actor = who.name() + " (" + who.recipient.agency + ")";
  LivePicture* picture = services_.picture;
  services_.desk->act(
      action, id, actor, *to, reason->empty() ? *note : *reason,
      [respond, picture, id](const Status& status) {
        if (!status.ok()) {
          return respond(error_response(status_for(status.error()), status.error().code,
                                        status.error().detail));
        }
        const auto updated = picture->alert(id);
        respond(updated ? json_response(risk::alert_to_json(*updated))
                        : error_response(500, "lost", "alert vanished"));
      });
}

ApiResponse Api::request_search(const Principal& who, const std::string& body) {
  if (!who.has_any(kOperatorRoles)) return forbidden("requesting drift runs");
  if (services_.search == nullptr) {
    return error_response(404, "no_drift", "this node has no drift model configured");
  }
  const Json parsed = Json::parse(body, nullptr, false);
  if (!parsed.is_object()) return error_response(400, "bad_body", "a JSON object");
  SearchJob job;
  job.requested_by = who.name();
  job.requested_at = services_.clock != nullptr ? services_.clock->now() : 0;
  const auto field_id = [&](const char* key) -> std::optional<std::uint64_t> {
    const auto found = parsed.find(key);
    if (found == parsed.end() || !found->is_number_unsigned()) return std::nullopt;
    return found->get<std::uint64_t>();
  };
  if (parsed.contains("track")) {
    const auto id = field_id("track");
    if (!id) return error_response(400, "bad_body", "track: a track id");
    const auto live = services_.picture->track(*id);
    if (!live || !visible(who, live->track.label)) return not_found("track " + std::to_string(*id));
    job.subject = "track:" + std::to_string(*id);
    job.position = live->track.position;
    job.radius_m = mean_sigma(live->track.covariance);
    job.time = live->track.time;
    job.label = live->track.label;
  } else if (parsed.contains("alert")) {
    const auto id = field_id("alert");
    if (!id) return error_response(400, "bad_body", "alert: an alert id");
    const auto alert = services_.picture->alert(*id);
    if (!alert || !visible(who, alert->label)) return not_found("alert " + std::to_string(*id));
    job.subject = "alert:" + std::to_string(*id);
    job.position = alert->position;
    job.radius_m = 200.0;
    job.time = alert->updated_at;
    job.label = alert->label;
  } else if (parsed.contains("position")) {
    const Json& position = parsed["position"];
    if (!position.is_object() || !position.contains("lat") || !position.contains("lon") ||
        !position["lat"].is_number() || !position["lon"].is_number()) {
      return error_response(400, "bad_body", "position: {\"lat\": .., \"lon\": ..}");
    }
    job.position = {position["lat"].get<double>(), position["lon"].get<double>()};
    if (!(std::abs(job.position.lat) <= 90.0) || !(std::abs(job.position.lon) <= 180.0)) {
      return error_response(400, "bad_body", "position out of range");
    }
    job.subject = "position";
    job.radius_m = 200.0;
    job.time = services_.picture->time();
    job.label.owner = who.recipient.agency;
    job.label.releasable_to = {who.recipient.nation};
  } else {
    return error_response(400, "bad_body", "name a track, an alert or a position");
  }
  if (parsed.contains("radius_m")) {
    if (!parsed["radius_m"].is_number() || !(parsed["radius_m"].get<double>() >= 0.0) ||
        parsed["radius_m"].get<double>() > 100000.0) {
      return error_response(400, "bad_body", "radius_m: 0 .. 100000");
    }
    job.radius_m = parsed["radius_m"].get<double>();
  }
  auto submitted = services_.search->submit(std::move(job));
  if (!submitted) return error_response(503, submitted.error().code, submitted.error().detail);
  return json_response(search_job_json(*submitted), 202);
}

ApiResponse Api::searches(const Principal& who) const {
  Json items = Json::array();
  for (const auto& job : services_.picture->searches()) {
    if (visible(who, job->label)) items.push_back(search_job_json(*job));
  }
  return json_response(Json{{"search_areas", std::move(items)}});
}

ApiResponse Api::one_search(const Principal& who, std::uint64_t id) const {
  const auto job = services_.picture->search(id);
  if (!job || !visible(who, job->label)) return not_found("search area " + std::to_string(id));
  return ApiResponse{200, "application/geo+json", to_text(search_geojson(*job))};
}

ApiResponse Api::sources(const Principal& who) const {
  Json items = Json::array();
  for (const SourceStatus& source : services_.picture->sources()) {
    if (visible(who, source.label)) items.push_back(source_json(source));
  }
  return json_response(Json{{"sources", std::move(items)}});
}

}  // namespace sw::server
