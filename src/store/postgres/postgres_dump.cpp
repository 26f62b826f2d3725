// PostgresStore::dump_canonical: every table sorted by key in one snapshot, written by the
// shared CanonicalDumpWriter, so the bytes equal SqliteStore's for the same data. bytea
// sorts byte by byte and NULL track ids sort first, as in SQLite.

#include <string>

#include "store/canonical_dump.h"
#include "store/postgres/postgres_store.h"
#include "store/record_columns.h"

namespace sw::store {
namespace {

/// Runs `sql` and calls `write_row` for each row.
template <typename WriteRow>
Status dump_rows(PgConnection& connection, const std::string& sql, WriteRow write_row) {
  auto result = connection.query(sql);
  if (!result) return result.error();
  for (int row = 0; row < result->rows(); ++row) write_row(result->row(row));
  return Ok{};
}

}  // namespace

Status PostgresStore::dump_canonical(std::ostream& out) {
  if (Status connected = ensure_connected(); !connected) return connected;
  if (Status begun = connection_.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      !begun) {
    return begun;
  }
  const auto finish = [&](Status status) {
    const Status ended = connection_.execute(status ? "COMMIT" : "ROLLBACK");
    if (!status) return status;
    return ended;
  };
  CanonicalDumpWriter writer(out);

  writer.begin_sources();
  Status dumped = dump_rows(
      connection_,
      "SELECT source_id, format, description, label_owner, label_releasable_to, label_purposes, "
      "label_sensitivity, label_personal_data, label_retention_s FROM sources ORDER BY source_id",
      [&](const PgRow& row) { writer.source(read_source(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_tracks();
  dumped = dump_rows(connection_,
                     "SELECT " + std::string(kTrackColumns) + " FROM tracks t ORDER BY t.track_id",
                     [&](const PgRow& row) { writer.track(read_track_row(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_positions();
  dumped = dump_rows(connection_,
                     "SELECT " + std::string(kPositionColumns) +
                         " FROM track_positions p ORDER BY p.track_id, p.time_ns",
                     [&](const PgRow& row) { writer.position(read_position(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_observations();
  dumped = dump_rows(connection_,
                     "SELECT " + std::string(kObservationColumns) +
                         " FROM observations ORDER BY time_ns, source_id, journal_sequence, kind, "
                         "track_id NULLS FIRST",
                     [&](const PgRow& row) { writer.observation(read_observation(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_counters();
  dumped = dump_rows(connection_,
                     "SELECT source_id, name, value, time_ns FROM counters "
                     "ORDER BY source_id, name, time_ns",
                     [&](const PgRow& row) {
                       writer.counter(CounterSample{row.column_text(0), row.column_text(1),
                                                    row.column_int64(2), row.column_int64(3)});
                     });
  if (!dumped) return finish(dumped);

  writer.begin_alerts();
  dumped = dump_rows(connection_,
                     "SELECT " + std::string(kAlertColumns) +
                         " FROM alert_revisions a ORDER BY a.alert_id, a.revision",
                     [&](const PgRow& row) { writer.alert(read_alert(row, 0)); });
  return finish(dumped);
}

}  // namespace sw::store
