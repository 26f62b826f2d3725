#include "server/views.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/units.h"
#include "risk/alert.h"

namespace sw::server {

const char* class_name(track::TrackClass track_class) {
  switch (track_class) {
    case track::TrackClass::kCooperative: return "cooperative";
    case track::TrackClass::kDark: return "dark";
    case track::TrackClass::kOwnAsset: return "own_asset";
  }
  return "dark";
}

namespace {

const char* stored_class_name(store::TrackClass track_class) {
  switch (track_class) {
    case store::TrackClass::kCooperative: return "cooperative";
    case store::TrackClass::kDark: return "dark";
    case store::TrackClass::kAsset: return "own_asset";
  }
  return "dark";
}

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

Json track_properties(const track::FusedTrack& track) {
  Json details = Json::object();
  for (const auto& [key, value] : track.details) details[key] = value;
  Json body{{"id", track.id},
            {"class", class_name(track.track_class)},
            {"status", track::to_string(track.status)},
            {"time", risk::time_json(track.time)},
            {"lat", rounded(track.position.lat, 1e6)},
            {"lon", rounded(track.position.lon, 1e6)},
            {"sog_kn", rounded(speed_knots(track.velocity), 10.0)},
            {"cog_deg", rounded(course_degrees(track.velocity), 10.0)},
            {"sigma_m", rounded(mean_sigma(track.covariance), 1.0)},
            {"mmsi", track.mmsi ? Json(*track.mmsi) : Json()},
            {"name", track.detail("shipname")},
            {"callsign", track.callsign},
            {"asset_id", track.asset_id},
            {"details", std::move(details)},
            {"sources", track.sources},
            {"updates", track.updates},
            {"label", risk::label_json(track.label)}};
  if (!track.node.empty()) body["node"] = track.node;
  return body;
}

Json trail_json(std::span<const TrailPoint> points) {
  Json trail = Json::array();
  for (const TrailPoint& point : points) {
    trail.push_back(Json::array(
        {rounded(point.position.lon, 1e6), rounded(point.position.lat, 1e6), point.time}));
  }
  return trail;
}

}  // namespace

double speed_knots(const Velocity& velocity) {
  return units::mps_to_knots(std::hypot(velocity.east, velocity.north));
}

double course_degrees(const Velocity& velocity) {
  const double degrees = units::rad_to_deg(std::atan2(velocity.east, velocity.north));
  return degrees < 0.0 ? degrees + 360.0 : degrees;
}

Json track_json(const LiveTrack& live) {
  Json body = track_properties(live.track);
  body["trail"] = trail_json(live.trail);
  return body;
}

std::string track_change_text(const LiveTrack& live, std::size_t trail_added) {
  Json body = track_properties(live.track);
  const std::size_t added = std::min(trail_added, live.trail.size());
  body["trail_add"] = trail_json(std::span(live.trail).last(added));
  return to_text(body);
}

Json track_feature(const LiveTrack& live) {
  return Json{{"type", "Feature"},
              {"id", live.track.id},
              {"geometry",
               {{"type", "Point"},
                {"coordinates", Json::array({rounded(live.track.position.lon, 1e6),
                                             rounded(live.track.position.lat, 1e6)})}}},
              {"properties", track_properties(live.track)}};
}

Json search_job_json(const SearchJob& job) {
  Json areas = Json::array();
  for (const risk::AttachedSearchArea& area : job.areas) {
    areas.push_back(Json{{"hours", area.hours},
                         {"r50_m", rounded(area.r50_m, 1.0)},
                         {"r90_m", rounded(area.r90_m, 1.0)},
                         {"area50_km2", rounded(area.area50_km2, 100.0)},
                         {"area90_km2", rounded(area.area90_km2, 100.0)},
                         {"centroid", Json::array({area.centroid.lat, area.centroid.lon})},
                         {"object_class", area.object_class},
                         {"particles", area.particles},
                         {"seed", area.seed}});
  }
  return Json{{"id", job.id},
              {"state", to_string(job.state)},
              {"progress", rounded(job.progress, 100.0)},
              {"subject", job.subject},
              {"position", Json::array({job.position.lat, job.position.lon})},
              {"radius_m", rounded(job.radius_m, 1.0)},
              {"time", risk::time_json(job.time)},
              {"requested_by", job.requested_by},
              {"requested_at", risk::time_json(job.requested_at)},
              {"label", risk::label_json(job.label)},
              {"areas", std::move(areas)},
              {"error", job.error}};
}

Json search_geojson(const SearchJob& job) {
  Json features = Json::array();
  for (const risk::AttachedSearchArea& area : job.areas) {
    const Json full = risk::search_area_json(area);
    for (const auto& [level, key, km2] :
         {std::tuple{0.5, "p50_multipolygon_lonlat", area.area50_km2},
          std::tuple{0.9, "p90_multipolygon_lonlat", area.area90_km2}}) {
      features.push_back(Json{{"type", "Feature"},
                              {"geometry", {{"type", "MultiPolygon"}, {"coordinates", full[key]}}},
                              {"properties",
                               {{"hours", area.hours},
                                {"level", level},
                                {"r50_m", rounded(area.r50_m, 1.0)},
                                {"r90_m", rounded(area.r90_m, 1.0)},
                                {"area_km2", rounded(km2, 100.0)}}}});
    }
  }
  return Json{{"type", "FeatureCollection"},
              {"features", std::move(features)},
              {"job", search_job_json(job)}};
}

Json source_json(const SourceStatus& source) {
  Json rejects = Json::object();
  for (const auto& [reason, count] : source.rejects) rejects[reason] = count;
  return Json{{"id", source.id},
              {"format", source.format},
              {"transport", source.transport},
              {"received", source.received},
              {"received_bytes", source.received_bytes},
              {"journaled", source.journaled},
              {"decoded", source.decoded},
              {"observations", source.observations},
              {"dropped_queue", source.dropped_queue},
              {"late", source.late},
              {"future", source.future},
              {"transport_errors", source.transport_errors},
              {"rejects", std::move(rejects)},
              {"label", risk::label_json(source.label)}};
}

Json history_point_json(const store::TrackPosition& position) {
  return Json::array({rounded(position.position.lon, 1e6), rounded(position.position.lat, 1e6),
                      position.time, rounded(speed_knots(position.velocity), 10.0),
                      rounded(course_degrees(position.velocity), 10.0)});
}

Json stored_track_json(const store::TrackRecord& record) {
  return Json{{"id", record.track_id},
              {"class", stored_class_name(record.track_class)},
              {"status", store::to_string(record.position.status)},
              {"time", risk::time_json(record.position.time)},
              {"lat", rounded(record.position.position.lat, 1e6)},
              {"lon", rounded(record.position.position.lon, 1e6)},
              {"sog_kn", rounded(speed_knots(record.position.velocity), 10.0)},
              {"cog_deg", rounded(course_degrees(record.position.velocity), 10.0)},
              {"mmsi", record.identity.mmsi ? Json(*record.identity.mmsi) : Json()},
              {"name", record.identity.name},
              {"callsign", record.identity.callsign},
              {"asset_id", record.identity.asset_id},
              {"label", risk::label_json(record.label)}};
}

}  // namespace sw::server
