// The PostGIS-only queries of PostgresStore: tracks inside a polygon at a time, the
// nearest track to a point, and alerts whose search area covers a point.

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "store/postgres/postgres_store.h"
#include "store/record_checks.h"
#include "store/record_columns.h"

namespace sw::store {
namespace {

bool on_globe(LatLon point) {
  return std::isfinite(point.lat) && std::isfinite(point.lon) && std::abs(point.lat) <= 90.0 &&
         std::abs(point.lon) <= 180.0;
}

/// WKT of a closed ring with every digit a double needs to round-trip.
std::string polygon_wkt(std::span<const LatLon> ring) {
  std::string wkt = "POLYGON((";
  char corner[64];
  const auto add = [&](LatLon point, bool first) {
    std::snprintf(corner, sizeof(corner), "%s%.17g %.17g", first ? "" : ",", point.lon, point.lat);
    wkt += corner;
  };
  for (std::size_t corner_idx = 0; corner_idx < ring.size(); ++corner_idx) {
    add(ring[corner_idx], corner_idx == 0);
  }
  const LatLon& front = ring.front();
  const LatLon& back = ring.back();
  if (front.lat != back.lat || front.lon != back.lon) add(front, false);
  wkt += "))";
  return wkt;
}

TimeNs oldest_time(TimeNs at, TimeNs max_age) {
  return max_age > 0 ? saturating_minus(at, max_age) : std::numeric_limits<TimeNs>::min();
}

std::string track_and_position_columns() {
  return std::string(kTrackColumns) + ", " + std::string(kPositionColumns);
}

}  // namespace

Result<std::vector<TrackRecord>> PostgresStore::tracks_in_polygon(std::span<const LatLon> ring,
                                                                  TimeNs at, TimeNs max_age) {
  std::size_t corners = ring.size();
  if (corners > 0 && ring.front().lat == ring.back().lat && ring.front().lon == ring.back().lon) {
    --corners;  // closed ring
  }
  if (corners < 3) return Error{"bad_polygon", "a polygon needs at least three corners"};
  for (const LatLon& corner : ring) {
    if (!on_globe(corner)) return Error{"bad_polygon", "polygon corner off the globe"};
  }
  if (Status connected = ensure_connected(); !connected) return connected.error();
  PgParams check;
  check.add_text(polygon_wkt(ring));
  auto valid = connection_.query("SELECT ST_IsValid(ST_GeomFromText($1, 4326))", check);
  if (!valid) return valid.error();
  if (valid->row(0).column_int64(0) == 0) {
    return Error{"bad_polygon", "polygon ring intersects itself"};
  }
  PgParams params;
  params.add(static_cast<std::int64_t>(at));
  params.add(static_cast<std::int64_t>(oldest_time(at, max_age)));
  params.add_text(polygon_wkt(ring));
  return read_rows<TrackRecord>(
      "WITH area AS (SELECT ST_GeomFromText($3, 4326) AS shape) SELECT " +
          track_and_position_columns() +
          " FROM area, track_positions p JOIN tracks t ON t.track_id = p.track_id "
          "WHERE p.geom && area.shape AND p.validity @> $1::int8 AND p.time_ns >= $2::int8 "
          "AND p.status <> 3 AND ST_Covers(area.shape, p.geom) ORDER BY p.track_id",
      params, [](const PgRow& row) { return read_track(row, 0); });
}

Result<std::optional<NearestTrack>> PostgresStore::nearest_track(LatLon point, TimeNs at,
                                                                 const NearestTrackFilter& filter) {
  if (!on_globe(point)) return Error{"bad_position", "point off the globe"};
  PgParams params;
  params.add(static_cast<std::int64_t>(at));
  params.add(static_cast<std::int64_t>(oldest_time(at, filter.max_age)));
  params.add(point.lon);
  params.add(point.lat);
  std::string sql = "SELECT " + track_and_position_columns() +
                    ", ST_Distance(p.geom::geography, "
                    "ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography) AS distance_m "
                    "FROM track_positions p JOIN tracks t ON t.track_id = p.track_id "
                    "WHERE p.validity @> $1::int8 AND p.time_ns >= $2::int8 AND p.status <> 3";
  if (filter.track_class) {
    params.add(static_cast<std::int64_t>(*filter.track_class));
    sql += " AND t.class = $" + std::to_string(params.size());
  }
  if (filter.owner) {
    params.add_bytes(*filter.owner);
    sql += " AND t.label_owner = $" + std::to_string(params.size());
  }
  sql += " ORDER BY distance_m, p.track_id LIMIT 1";
  auto nearest = read_rows<NearestTrack>(sql, params, [](const PgRow& row) {
    return NearestTrack{read_track(row, 0), row.column_double(kTrackColumnCount + 10)};
  });
  if (!nearest) return nearest.error();
  if (nearest->empty()) return std::optional<NearestTrack>();
  return std::optional<NearestTrack>(std::move(nearest->front()));
}

Result<std::vector<AlertRecord>> PostgresStore::alerts_searching(LatLon point, TimeNs from,
                                                                 TimeNs to) {
  if (!on_globe(point)) return Error{"bad_position", "point off the globe"};
  PgParams params;
  params.add(static_cast<std::int64_t>(from));
  params.add(static_cast<std::int64_t>(to));
  params.add(point.lon);
  params.add(point.lat);
  return read_rows<AlertRecord>(
      "SELECT " + std::string(kAlertColumns) +
          " FROM alert_revisions a WHERE a.time_ns BETWEEN $1 AND $2 AND "
          "ST_Covers(a.search_area, ST_SetSRID(ST_MakePoint($3, $4), 4326)) "
          "ORDER BY a.time_ns, a.alert_id, a.revision",
      params, [](const PgRow& row) { return read_alert(row, 0); });
}

}  // namespace sw::store
