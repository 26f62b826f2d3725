#pragma once
/// Views: the JSON and GeoJSON the server sends for tracks, search jobs, sources and the
/// stored history (docs/api.md). Alerts use risk::alert_to_json.

#include <nlohmann/json.hpp>

#include "server/live_picture.h"
#include "store/history_records.h"
#include "store/track_update.h"

namespace sw::server {

using Json = nlohmann::ordered_json;

/// JSON text; bytes that are not UTF-8 (outside text passed through) become U+FFFD instead
/// of an exception.
inline std::string to_text(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// A live track: identity, class, state, speed and course, label and trail.
Json track_json(const LiveTrack& live);
/// The same for a stream client that already holds the track: no "trail", but
/// "trail_add", the `trail_added` newest trail points it does not have yet.
std::string track_change_text(const LiveTrack& live, std::size_t trail_added);
/// The same as a GeoJSON Point feature (properties: the track JSON without trail).
Json track_feature(const LiveTrack& live);
/// A search job: state, progress, subject, and for each hour its radii and areas.
Json search_job_json(const SearchJob& job);
/// A search job's 50 % and 90 % regions as a GeoJSON FeatureCollection (one MultiPolygon
/// per hour and level) with the job in "job".
Json search_geojson(const SearchJob& job);
/// One source and its counters.
Json source_json(const SourceStatus& source);
/// A stored position (history) as [lon, lat, ns, sog_kn, cog_deg].
Json history_point_json(const store::TrackPosition& position);
/// A stored track at a past time (replay).
Json stored_track_json(const store::TrackRecord& record);

/// "cooperative", "dark" or "own_asset" (the API's name of a track class).
const char* class_name(track::TrackClass track_class);

/// Speed over ground (knots) and course (degrees true, 0..360) of a velocity.
double speed_knots(const Velocity& velocity);
double course_degrees(const Velocity& velocity);

}  // namespace sw::server
