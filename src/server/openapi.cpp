#include "server/api.h"

namespace sw::server {
namespace {

Json operation(const std::string& summary, const std::vector<std::string>& parameters = {},
               bool body = false) {
  Json op{{"summary", summary},
          {"security", Json::array({Json{{"bearer", Json::array()}}})},
          {"responses",
           {{"200", {{"description", "OK"}}},
            {"400", {{"description", "invalid parameter or body: {error, detail}"}}},
            {"401", {{"description", "no or unknown token"}}},
            {"404", {{"description", "absent, or not released to the caller"}}}}}};
  Json params = Json::array();
  for (const std::string& name : parameters) {
    const bool in_path = name == "id";
    params.push_back(Json{{"name", name},
                          {"in", in_path ? "path" : "query"},
                          {"required", in_path},
                          {"schema", {{"type", in_path ? "integer" : "string"}}}});
  }
  if (!params.empty()) op["parameters"] = std::move(params);
  if (body) {
    op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  }
  return op;
}

Json build() {
  Json paths{
      {"/api/health", {{"get", operation("node status and the caller's principal")}}},
      {"/api/tracks", {{"get", operation("tracks now", {"bbox", "class", "ais", "format"})}}},
      {"/api/tracks/{id}",
       {{"get", operation("one track with its history", {"id", "from", "to"})}}},
      {"/api/history", {{"get", operation("tracks as stored at a past time", {"at", "bbox"})}}},
      {"/api/export",
       {{"get", operation("stored positions released to you as CSV (at most 24 h)",
                          {"from", "to", "bbox"})}}},
      {"/api/alerts", {{"get", operation("alerts, most severe and newest first", {"state"})}}},
      {"/api/alerts/{id}", {{"get", operation("one alert with its history", {"id"})}}},
      {"/api/alerts/{id}/acknowledge",
       {{"post", operation("acknowledge (journaled)", {"id"}, true)}}},
      {"/api/alerts/{id}/hand-over",
       {{"post", operation("hand over to a rescue centre {to} (journaled)", {"id"}, true)}}},
      {"/api/alerts/{id}/close", {{"post", operation("close {reason} (journaled)", {"id"}, true)}}},
      {"/api/search-areas",
       {{"get", operation("drift runs requested")},
        {"post", operation("request a drift run for {track}, {alert} or {position}", {}, true)}}},
      {"/api/search-areas/{id}",
       {{"get", operation("50 % and 90 % areas per hour as GeoJSON", {"id"})}}},
      {"/api/sources", {{"get", operation("sources and their counters")}}},
      {"/api/geography", {{"get", operation("lanes, SAR regions, coverage (GeoJSON)")}}},
      {"/api/stream",
       {{"get", operation("WebSocket: snapshot then updates; send {viewport: [W,S,E,N]}",
                          {"access_token"})}}},
      {"/metrics", {{"get", operation("Prometheus text format (admin, analyst)")}}}};
  return Json{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "straitwatch node API"},
        {"version", "1"},
        {"description",
         "The watch officer's picture of the Dover Strait: tracks, "
         "alerts, search areas. See docs/api.md."}}},
      {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"paths", std::move(paths)}};
}

}  // namespace

const std::string& openapi_json() {
  static const std::string text = build().dump(2);
  return text;
}

}  // namespace sw::server
