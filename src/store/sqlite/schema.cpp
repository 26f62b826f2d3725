#include "store/sqlite/schema.h"

#include <array>
#include <string>

namespace sw::store {
namespace {

constexpr const char* kLabelColumns =
    "label_owner TEXT NOT NULL, label_releasable_to TEXT NOT NULL, "
    "label_purposes INTEGER NOT NULL, label_sensitivity INTEGER NOT NULL, "
    "label_personal_data INTEGER NOT NULL, label_retention_s INTEGER NOT NULL";

std::string version_1() {
  const std::string label = kLabelColumns;
  return "CREATE TABLE sources (source_id TEXT PRIMARY KEY, format TEXT NOT NULL, "
         "description TEXT NOT NULL, " +
         label +
         ");"
         "CREATE TABLE tracks (track_id INTEGER PRIMARY KEY, class INTEGER NOT NULL, "
         "mmsi INTEGER, name TEXT NOT NULL, callsign TEXT NOT NULL, ship_type INTEGER, "
         "length_m REAL, width_m REAL, asset_id TEXT NOT NULL, "
         "first_seen_ns INTEGER NOT NULL, last_seen_ns INTEGER NOT NULL, " +
         label +
         ");"
         "CREATE TABLE track_positions (track_id INTEGER NOT NULL, time_ns INTEGER NOT NULL, "
         "lat REAL NOT NULL, lon REAL NOT NULL, vel_east REAL NOT NULL, vel_north REAL NOT NULL, "
         "cov_ee REAL NOT NULL, cov_en REAL NOT NULL, cov_nn REAL NOT NULL, "
         "status INTEGER NOT NULL, valid_until_ns INTEGER, UNIQUE (track_id, time_ns));"
         "CREATE INDEX track_positions_by_time ON track_positions (time_ns);"
         "CREATE TABLE observations (time_ns INTEGER NOT NULL, source_id TEXT NOT NULL, "
         "kind INTEGER NOT NULL, journal_sequence INTEGER NOT NULL, track_id INTEGER);"
         "CREATE INDEX observations_by_time ON observations (time_ns);"
         "CREATE INDEX observations_by_track ON observations (track_id, time_ns) "
         "WHERE track_id IS NOT NULL;"
         "CREATE INDEX observations_by_sequence ON observations (journal_sequence);"
         "CREATE TABLE counters (source_id TEXT NOT NULL, name TEXT NOT NULL, "
         "time_ns INTEGER NOT NULL, value INTEGER NOT NULL, "
         "PRIMARY KEY (source_id, name, time_ns)) WITHOUT ROWID;";
}

std::string version_2() {
  return "CREATE VIRTUAL TABLE position_rtree USING rtree (id, min_lon, max_lon, min_lat, "
         "max_lat, min_t, max_t);"
         "INSERT INTO position_rtree SELECT rowid, lon, lon, lat, lat, time_ns / 1e9, "
         "valid_until_ns / 1e9 FROM track_positions WHERE valid_until_ns IS NOT NULL;"
         "CREATE TRIGGER track_positions_delete_rtree AFTER DELETE ON track_positions BEGIN "
         "DELETE FROM position_rtree WHERE id = old.rowid; END;"
         "CREATE INDEX tracks_by_last_seen ON tracks (last_seen_ns);";
}

std::string version_3() {
  const std::string label = kLabelColumns;
  return "CREATE TABLE alert_revisions (alert_id INTEGER NOT NULL, revision INTEGER NOT NULL, "
         "time_ns INTEGER NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL, "
         "severity INTEGER NOT NULL, change TEXT NOT NULL, actor TEXT NOT NULL, "
         "region TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, subjects TEXT NOT NULL, "
         "body_json TEXT NOT NULL, " +
         label +
         ", UNIQUE (alert_id, revision));"
         "CREATE INDEX alert_revisions_by_time ON alert_revisions (time_ns);";
}

}  // namespace

Result<int> schema_version(Database& database) {
  auto version = database.query_int("PRAGMA user_version");
  if (!version) return version.error();
  return static_cast<int>(*version);
}

Status migrate_schema(Database& database, int target_version) {
  auto application_id = database.query_int("PRAGMA application_id");
  if (!application_id) return application_id.error();
  auto version = schema_version(database);
  if (!version) return version.error();
  if (*application_id != kStoreApplicationId && (*application_id != 0 || *version != 0)) {
    return Error{"not_a_store", "database belongs to another application"};
  }
  if (*application_id == 0) {
    auto objects = database.query_int("SELECT count(*) FROM sqlite_schema");
    if (!objects) return objects.error();
    if (*objects != 0) return Error{"not_a_store", "database already holds other tables"};
  }
  if (*version > kLatestSchemaVersion) {
    return Error{"schema_too_new", "store schema version " + std::to_string(*version) +
                                       " is newer than this build (" +
                                       std::to_string(kLatestSchemaVersion) + ")"};
  }
  const std::array<std::string, kLatestSchemaVersion> migrations = {version_1(), version_2(),
                                                                    version_3()};
  for (int next = *version + 1; next <= target_version; ++next) {
    Transaction transaction(database);
    if (Status begun = transaction.begin(); !begun) return begun;
    if (Status applied = database.execute(migrations[next - 1]); !applied) return applied;
    const std::string bump = "PRAGMA user_version = " + std::to_string(next) +
                             "; PRAGMA application_id = " + std::to_string(kStoreApplicationId);
    if (Status bumped = database.execute(bump); !bumped) return bumped;
    if (Status committed = transaction.commit(); !committed) return committed;
  }
  return Ok{};
}

}  // namespace sw::store
