#include "store/postgres/pg_schema.h"

#include <array>
#include <string>

namespace sw::store {
namespace {

/// pg_advisory_xact_lock key of schema migrations ("SWST").
constexpr std::int64_t kMigrationLock = 0x53575354;

constexpr const char* kLabelColumns =
    "label_owner bytea NOT NULL, label_releasable_to bytea NOT NULL, "
    "label_purposes bigint NOT NULL, label_sensitivity bigint NOT NULL, "
    "label_personal_data bigint NOT NULL, label_retention_s bigint NOT NULL";

std::string version_1() {
  const std::string label = kLabelColumns;
  return "CREATE TABLE sources (source_id bytea PRIMARY KEY, format bytea NOT NULL, "
         "description bytea NOT NULL, " +
         label +
         ");"
         "CREATE TABLE tracks (track_id bigint PRIMARY KEY, class bigint NOT NULL, "
         "mmsi bigint, name bytea NOT NULL, callsign bytea NOT NULL, ship_type bigint, "
         "length_m double precision, width_m double precision, asset_id bytea NOT NULL, "
         "first_seen_ns bigint NOT NULL, last_seen_ns bigint NOT NULL, " +
         label +
         ");"
         "CREATE INDEX tracks_by_last_seen ON tracks (last_seen_ns);"
         "CREATE TABLE track_positions (track_id bigint NOT NULL, time_ns bigint NOT NULL, "
         "lat double precision NOT NULL, lon double precision NOT NULL, "
         "vel_east double precision NOT NULL, vel_north double precision NOT NULL, "
         "cov_ee double precision NOT NULL, cov_en double precision NOT NULL, "
         "cov_nn double precision NOT NULL, status bigint NOT NULL, "
         "validity int8range NOT NULL, geom geometry(Point, 4326) NOT NULL, "
         "PRIMARY KEY (track_id, time_ns));"
         "CREATE INDEX track_positions_by_time ON track_positions (time_ns);"
         "CREATE INDEX track_positions_where_when ON track_positions USING gist (geom, validity);"
         "CREATE TABLE observations (time_ns bigint NOT NULL, source_id bytea NOT NULL, "
         "kind bigint NOT NULL, journal_sequence bigint NOT NULL, track_id bigint);"
         "CREATE INDEX observations_by_time ON observations (time_ns);"
         "CREATE INDEX observations_by_track ON observations (track_id, time_ns) "
         "WHERE track_id IS NOT NULL;"
         "CREATE INDEX observations_by_sequence ON observations (journal_sequence);"
         "CREATE TABLE counters (source_id bytea NOT NULL, name bytea NOT NULL, "
         "time_ns bigint NOT NULL, value bigint NOT NULL, PRIMARY KEY (source_id, name, time_ns));"
         "CREATE TABLE alert_revisions (alert_id bigint NOT NULL, revision bigint NOT NULL, "
         "time_ns bigint NOT NULL, kind bytea NOT NULL, state bytea NOT NULL, "
         "severity bigint NOT NULL, change bytea NOT NULL, actor bytea NOT NULL, "
         "region bytea NOT NULL, lat double precision NOT NULL, lon double precision NOT NULL, "
         "subjects bytea NOT NULL, body_json bytea NOT NULL, " +
         label +
         ", geom geometry(Point, 4326) NOT NULL, search_area geometry(MultiPolygon, 4326), "
         "PRIMARY KEY (alert_id, revision));"
         "CREATE INDEX alert_revisions_by_time ON alert_revisions (time_ns);"
         "CREATE INDEX alert_revisions_search_area ON alert_revisions USING gist (search_area);";
}

/// The schema version recorded in the database (0: none yet).
Result<int> recorded_version(PgConnection& connection) {
  auto result = connection.query("SELECT COALESCE(MAX(version), 0)::bigint FROM schema_version");
  if (!result) return result.error();
  return static_cast<int>(result->row(0).column_int64(0));
}

/// One migration step (or the check that none is needed) in its own transaction.
Result<int> migrate_step(PgConnection& connection) {
  PgParams lock;
  lock.add(kMigrationLock);
  if (auto locked = connection.query("SELECT pg_advisory_xact_lock($1)", lock); !locked) {
    return locked.error();
  }
  if (Status created = connection.execute("CREATE EXTENSION IF NOT EXISTS postgis"); !created) {
    if (created.error().code != "postgres_error") return created.error();
    return Error{"postgis_unavailable", "PostGIS cannot be created: " + created.error().detail};
  }
  auto has_version_table = connection.query(
      "SELECT (to_regclass('schema_version') IS NOT NULL), "
      "(to_regclass('tracks') IS NOT NULL)");
  if (!has_version_table) return has_version_table.error();
  if (has_version_table->row(0).column_int64(0) == 0) {
    if (has_version_table->row(0).column_int64(1) != 0) {
      return Error{"not_a_store", "database holds a tracks table but no schema_version"};
    }
    if (Status created =
            connection.execute("CREATE TABLE schema_version (version integer NOT NULL)");
        !created) {
      return created.error();
    }
  }
  auto version = recorded_version(connection);
  if (!version) return version.error();
  if (*version > kLatestPostgresSchemaVersion) {
    return Error{"schema_too_new", "store schema version " + std::to_string(*version) +
                                       " is newer than this build (" +
                                       std::to_string(kLatestPostgresSchemaVersion) + ")"};
  }
  if (*version == kLatestPostgresSchemaVersion) return *version;
  const std::array<std::string, kLatestPostgresSchemaVersion> migrations = {version_1()};
  const int next = *version + 1;
  if (Status applied = connection.execute(migrations[next - 1]); !applied) return applied.error();
  PgParams bump;
  bump.add(static_cast<std::int64_t>(next));
  if (auto bumped = connection.query("INSERT INTO schema_version VALUES ($1::int8)", bump);
      !bumped) {
    return bumped.error();
  }
  return next;
}

}  // namespace

Result<int> migrate_postgres_schema(PgConnection& connection) {
  while (true) {
    if (Status begun = connection.execute("BEGIN"); !begun) return begun.error();
    auto step = migrate_step(connection);
    if (!step) {
      (void)connection.execute("ROLLBACK");
      return step.error();
    }
    if (Status committed = connection.execute("COMMIT"); !committed) return committed.error();
    if (*step == kLatestPostgresSchemaVersion) return *step;
  }
}

}  // namespace sw::store
