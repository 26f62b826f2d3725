#pragma once
/// PostgresStore: the HistoryStore on a PostgreSQL 15 server with PostGIS 3, for nodes
/// whose history outgrows one file or is shared by several readers.
///
/// Writes: one transaction per write(). Each table's part of the batch goes to the server
/// as array parameters (a column each, binary) of one set-based upsert: per table one
/// round trip whatever the batch size, and a cost that follows the batch, not the table. Bad
/// updates and alert revisions are counted and skipped exactly as SqliteStore does
/// (store/record_checks.h), and the canonical dump is the same bytes as SqliteStore's for the same
/// data.
///
/// Queries: tracks_in_box and the PostGIS-only tracks_in_polygon and nearest_track search
/// one GiST index over (position, validity interval). Distances are on the WGS-84
/// spheroid (geography).
///
/// Failures: an unreachable server is an error from open(); a server that goes away
/// later is an error ("postgres_unavailable") from the call that needed it, and the next
/// call tries to reconnect. Threads: a handle belongs to one thread; readers open their
/// own handle.

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace sw::store {

/// Configuration of a PostgresStore handle.
struct PostgresStoreOptions {
  TimeNs default_retention = 30LL * 86400 * kNsPerSecond;  ///< for labels with retention_s 0
};

/// Which tracks nearest_track considers.
struct NearestTrackFilter {
  std::optional<TrackClass> track_class;
  std::optional<std::string> owner;  ///< the track label's owner, exactly
  TimeNs max_age = 0;                ///< as for tracks_in_box; 0: no limit
};

/// A track and its distance from the queried point.
struct NearestTrack {
  TrackRecord track;
  double distance_m = 0.0;  ///< on the WGS-84 spheroid
};

class PostgresStore final : public HistoryStore {
 public:
  /// Connects with a libpq conninfo ("host=127.0.0.1 port=5432 dbname=straitwatch") and
  /// migrates the schema. Error codes: "postgres_unavailable", "postgres_error",
  /// "postgis_unavailable", "not_a_store", "schema_too_new".
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& conninfo,
                                                     PostgresStoreOptions options = {});
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

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

  /// Tracks whose latest position at `at` lies inside or on the boundary of the polygon
  /// `ring` (at least three corners, closed or not; no antimeridian wrap), by track id;
  /// which positions count is as for tracks_in_box. Error "bad_polygon" for fewer than
  /// three corners, a corner off the globe, or a self-intersecting ring.
  Result<std::vector<TrackRecord>> tracks_in_polygon(std::span<const LatLon> ring, TimeNs at,
                                                     TimeNs max_age = 0);
  /// The track nearest to `point` at `at` among those the filter admits (not deleted),
  /// or nothing. Ties go to the lower track id.
  Result<std::optional<NearestTrack>> nearest_track(LatLon point, TimeNs at,
                                                    const NearestTrackFilter& filter = {});
  /// Alert revisions with from <= time <= to whose search area covers `point`, by time,
  /// then alert id, then revision.
  Result<std::vector<AlertRecord>> alerts_searching(LatLon point, TimeNs from, TimeNs to);

  /// Deletes every record, keeping the schema: a node that rebuilds its history from its
  /// journal (after a crash) starts from an empty store, as with a new SQLite file.
  Status clear();

  int schema_version() const { return schema_version_; }
  /// The underlying connection (tests, diagnostics).
  PgConnection& connection() { return connection_; }

 private:
  PostgresStore(PgConnection connection, PostgresStoreOptions options, int schema_version);
  /// Reconnects if the server went away.
  Status ensure_connected();
  /// The writes of one batch inside its transaction.
  Status write_in_transaction(const WriteBatch& batch,
                              std::map<std::string, std::uint64_t>& rejected,
                              std::uint64_t& accepted,
                              std::map<std::string, std::uint64_t>& rejected_alerts,
                              std::uint64_t& accepted_alerts);
  Status write_sources(std::span<const SourceRecord> sources);
  Status write_tracks(std::span<const TrackUpdate> updates,
                      std::map<std::string, std::uint64_t>& rejected, std::uint64_t& accepted);
  Status write_observations(std::span<const ObservationRecord> observations);
  Status write_counters(std::span<const CounterSample> counters);
  Status write_alerts(std::span<const AlertRecord> alerts,
                      std::map<std::string, std::uint64_t>& rejected, std::uint64_t& accepted);
  /// Runs a query and reads each row with `read`.
  template <typename Record, typename Read>
  Result<std::vector<Record>> read_rows(std::string_view sql, const PgParams& params, Read read);

  PgConnection connection_;
  PostgresStoreOptions options_;
  int schema_version_;
  StoreStats stats_;
};

template <typename Record, typename Read>
Result<std::vector<Record>> PostgresStore::read_rows(std::string_view sql, const PgParams& params,
                                                     Read read) {
  if (Status connected = ensure_connected(); !connected) return connected.error();
  auto result = connection_.query(sql, params);
  if (!result) return result.error();
  std::vector<Record> records;
  records.reserve(static_cast<std::size_t>(result->rows()));
  for (int row = 0; row < result->rows(); ++row) records.push_back(read(result->row(row)));
  return records;
}

}  // namespace sw::store
