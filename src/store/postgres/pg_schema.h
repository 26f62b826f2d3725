#pragma once
/// The PostgreSQL/PostGIS history schema and its migrations. The version is the single
/// row of schema_version; start-up takes an advisory lock, creates PostGIS if needed and
/// applies the missing migrations, each in its own transaction, so two nodes starting on
/// one database do not race and a crash leaves the schema at one version or the next.
///
///   1  sources, tracks, track_positions, observations, counters, alert_revisions and
///      schema_version. Texts are bytea: the store keeps the bytes it is given (as the
///      SQLite store does; a name need not be UTF-8) and sorts them byte by byte. Each
///      position has geom (geometry(Point, 4326)) and validity (int8range [time, next
///      position's time), unbounded for the latest), with one GiST index over both: "which
///      tracks were where at time T" is one index search. Alert revisions have geom and
///      search_area (geometry(MultiPolygon, 4326), the widest drift search area of the
///      alert's JSON, or NULL), GiST-indexed.

#include "core/result.h"
#include "store/postgres/pg_connection.h"

namespace sw::store {

inline constexpr int kLatestPostgresSchemaVersion = 1;

/// Creates PostGIS (if missing) and migrates the schema to the latest version; returns
/// it. Error codes: "postgis_unavailable" (the extension cannot be created: not installed
/// on the server, or no right to create it), "not_a_store" (the database holds tables
/// of another application), "schema_too_new", and PgConnection's.
Result<int> migrate_postgres_schema(PgConnection& connection);

}  // namespace sw::store
