// SqliteStore::dump_canonical: every table sorted by key, written by the shared
// CanonicalDumpWriter (store/canonical_dump.h).

#include <string>

#include "store/canonical_dump.h"
#include "store/record_columns.h"
#include "store/sqlite/sqlite_store.h"

namespace sw::store {
namespace {

/// Runs `sql` and calls `write_row` for each row.
template <typename WriteRow>
Status dump_rows(Database& database, std::string_view sql, WriteRow write_row) {
  auto statement = database.prepare(sql);
  if (!statement) return statement.error();
  while (true) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return Ok{};
    write_row(*statement);
  }
}

}  // namespace

Status SqliteStore::dump_canonical(std::ostream& out) {
  // One read transaction: the dump is a consistent snapshot even with a writer running.
  if (Status begun = database_.execute("BEGIN"); !begun) return begun;
  const auto finish = [&](Status status) {
    const Status ended = database_.execute("COMMIT");
    if (!status) return status;
    return ended;
  };
  CanonicalDumpWriter writer(out);

  writer.begin_sources();
  Status dumped = dump_rows(
      database_,
      "SELECT source_id, format, description, label_owner, label_releasable_to, label_purposes, "
      "label_sensitivity, label_personal_data, label_retention_s FROM sources ORDER BY source_id",
      [&](const Statement& row) { writer.source(read_source(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_tracks();
  dumped = dump_rows(database_,
                     "SELECT " + std::string(kTrackColumns) + " FROM tracks t ORDER BY t.track_id",
                     [&](const Statement& row) { writer.track(read_track_row(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_positions();
  dumped = dump_rows(database_,
                     "SELECT " + std::string(kPositionColumns) +
                         " FROM track_positions p ORDER BY p.track_id, p.time_ns",
                     [&](const Statement& row) { writer.position(read_position(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_observations();
  dumped = dump_rows(database_,
                     "SELECT " + std::string(kObservationColumns) +
                         " FROM observations "
                         "ORDER BY time_ns, source_id, journal_sequence, kind, track_id",
                     [&](const Statement& row) { writer.observation(read_observation(row, 0)); });
  if (!dumped) return finish(dumped);

  writer.begin_counters();
  dumped = dump_rows(database_,
                     "SELECT source_id, name, value, time_ns FROM counters "
                     "ORDER BY source_id, name, time_ns",
                     [&](const Statement& row) {
                       writer.counter(CounterSample{row.column_text(0), row.column_text(1),
                                                    row.column_int64(2), row.column_int64(3)});
                     });
  if (!dumped) return finish(dumped);

  writer.begin_alerts();
  if (schema_version_ < 3) return finish(dumped);  // no alert table yet: no rows
  dumped = dump_rows(database_,
                     "SELECT " + std::string(kAlertColumns) +
                         " FROM alert_revisions a ORDER BY a.alert_id, a.revision",
                     [&](const Statement& row) { writer.alert(read_alert(row, 0)); });
  return finish(dumped);
}

}  // namespace sw::store
