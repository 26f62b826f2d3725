#pragma once
/// SqliteStore: the embedded HistoryStore on one SQLite file in WAL mode.
///
/// Writes: one transaction per write(), prepared statements reused across batches.
/// Each position that has a successor is in an R*Tree over (lon, lat, [time, next
/// position's time]), and each track's latest position is reached through an index on
/// tracks.last_seen_ns, so "which tracks were inside this box at time T" is two index
/// lookups; the R*Tree's 32-bit float bounds are rounded outwards by SQLite and every
/// candidate is checked exactly against track_positions. Positions may arrive out of time
/// order: the neighbours' intervals are fixed up. Without max_age, the latest-position half
/// of a box query reads every track last seen before the queried time. Alert revisions
/// (schema 3) are rows keyed by (alert_id, revision) with an index on time.
///
/// A writing handle remembers each track's latest position (row, time, place), so an
/// update newer than it (nearly all) needs no look-up of its neighbours; the memory is
/// dropped when a batch fails and when retention deletes rows. A batch upserts each
/// track's identity row once, from its latest update (the same row as one upsert per
/// update would leave).
///
/// Threads: a handle belongs to one thread. Readers open their own handle (read_only) on
/// the same file and see committed batches only, never a half-written one.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_handle.h"
#include "store/store.h"

namespace sw::store {

/// Configuration of a SqliteStore handle.
struct SqliteStoreOptions {
  TimeNs default_retention = 30LL * 86400 * kNsPerSecond;  ///< for labels with retention_s 0
  bool read_only = false;
  int busy_timeout_ms = 5000;
  /// PRAGMA synchronous=FULL instead of NORMAL. NORMAL in WAL mode never corrupts the file
  /// but may lose the last transactions on power loss; the journal can replay them.
  bool synchronous_full = false;
  /// Schema version to create or migrate to (tests of migration only).
  int schema_version = kLatestSchemaVersion;
};

class SqliteStore final : public HistoryStore {
 public:
  /// Opens or creates the store at `path`, migrating the schema. Error codes:
  /// "sqlite_error", "sqlite_busy", "not_a_store", "schema_too_new", "schema_outdated"
  /// (read-only handle on a store a writer has not migrated yet), "wal_unavailable".
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   SqliteStoreOptions options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  using HistoryStore::write;
  Status write(const WriteBatch& batch) override;
  Result<std::vector<TrackPosition>> track_history(std::uint64_t track_id, TimeNs from,
                                                   TimeNs to) override;
  Result<std::vector<TrackRecord>> tracks_in_box(const BoundingBox& box, TimeNs at,
                                                 TimeNs max_age = 0) override;
  Result<std::vector<TrackRecord>> list_tracks() override;
  Result<std::vector<ObservationRecord>> observations(TimeNs from, TimeNs to) override;
  Result<std::vector<SourceRecord>> sources() override;
  Result<std::vector<CounterSample>> counter_history(const std::string& source_id,
                                                     const std::string& name) override;
  Result<std::vector<AlertRecord>> alert_revisions(TimeNs from, TimeNs to) override;
  Result<std::vector<AlertRecord>> alert_history(std::uint64_t alert_id) override;
  Result<std::vector<AlertRecord>> open_alerts(TimeNs at) override;
  Result<RetentionReport> apply_retention(TimeNs now) override;
  Status dump_canonical(std::ostream& out) override;
  const StoreStats& stats() const override { return stats_; }

  /// The schema version of the file (kLatestSchemaVersion after open unless a test
  /// asked for an older one).
  int schema_version() const { return schema_version_; }
  /// PRAGMA journal_mode, "wal" for a file store.
  Result<std::string> journal_mode();
  /// The underlying connection (tests, diagnostics).
  Database& database() { return database_; }

 private:
  struct Statements;

  SqliteStore(Database database, SqliteStoreOptions options, int schema_version);
  Status prepare_statements();
  Status write_source(const SourceRecord& source);
  Status write_batch(const WriteBatch& batch);
  /// The identity row from the batch's latest update of the track, first seen `first_seen`.
  Status write_track(const TrackUpdate& update, TimeNs first_seen);
  Status write_position(const TrackUpdate& update);
  /// A stored position: its row, time and place.
  struct Position {
    std::int64_t rowid = 0;
    TimeNs time = 0;
    LatLon position;
  };
  /// The track's stored positions just before and just after the update's time.
  Status find_neighbours(const TrackUpdate& update, std::optional<Position>& predecessor,
                         std::optional<TimeNs>& successor);
  /// Inserts or replaces the position row; its rowid.
  Result<std::int64_t> store_position(const TrackUpdate& update, std::optional<TimeNs> valid_until);
  /// Puts a position with a successor into the R*Tree (insert or replace).
  /// `first_time`: the position is known not to be indexed yet (a plain insert).
  Status index_interval(std::int64_t rowid, LatLon position, TimeNs from, TimeNs until,
                        bool first_time = false);
  Status write_observation(const ObservationRecord& observation);
  Status write_counter(const CounterSample& sample);
  Status write_alert(const AlertRecord& alert);
  /// Runs a prepared alert query (parameters bound) and reads every row.
  Result<std::vector<AlertRecord>> read_alerts(Statement& statement);

  Database database_;
  SqliteStoreOptions options_;
  int schema_version_;
  std::unique_ptr<Statements> statements_;
  StoreStats stats_;
  /// Each track's latest stored position: the predecessor of any newer update.
  std::unordered_map<std::uint64_t, Position> latest_;
};

}  // namespace sw::store
