#pragma once
/// The SQLite history schema and its migrations. The version is PRAGMA user_version;
/// PRAGMA application_id marks the file as a straitwatch store. Each migration runs in
/// its own transaction, so a crash leaves the file at one version or the next.
///
///   1  sources, tracks, track_positions (with valid_until_ns: the next position's time),
///      observations (journal index), counters
///   2  position_rtree: an R*Tree over (lon, lat, [time, valid_until]) of every position
///      that has a successor (each track's latest position is found through
///      tracks_by_last_seen instead, so an in-order append costs one R*Tree insert);
///      kept in step by the store and a delete trigger; backfilled
///   3  alert_revisions: one row per (alert_id, revision), subjects as a text list, the
///      alert's label in the six label columns; indexed by time

#include <cstdint>

#include "core/result.h"
#include "store/sqlite/sqlite_handle.h"

namespace sw::store {

inline constexpr int kLatestSchemaVersion = 3;
/// "SWST"
inline constexpr std::int64_t kStoreApplicationId = 0x53575354;

/// Creates or migrates the schema up to `target_version` (at most kLatestSchemaVersion).
/// Error codes: "not_a_store" (another application's database), "schema_too_new".
Status migrate_schema(Database& database, int target_version = kLatestSchemaVersion);

/// The schema version of an open database.
Result<int> schema_version(Database& database);

}  // namespace sw::store
