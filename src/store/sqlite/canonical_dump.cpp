// SqliteStore::dump_canonical: every table sorted by key, in the shared text form of
// store/canonical_text.h.

#include <string>

#include "core/label.h"
#include "store/canonical_text.h"
#include "store/sqlite/alert_columns.h"
#include "store/sqlite/label_columns.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/track_columns.h"

namespace sw::store {
namespace {

constexpr char kTab = '\t';

void write_label(std::ostream& out, const Label& label) {
  out << dump_text(label.owner) << kTab << dump_text(encode_releasable_to(label.releasable_to))
      << kTab << static_cast<int>(label.purposes) << kTab << to_string(label.sensitivity) << kTab
      << (label.personal_data ? 1 : 0) << kTab << label.retention_s;
}

constexpr std::string_view kLabelHeader =
    "label_owner label_releasable_to label_purposes label_sensitivity label_personal_data "
    "label_retention_s";

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

std::optional<std::int64_t> optional_integer(const Statement& statement, int column) {
  if (statement.is_null(column)) return std::nullopt;
  return statement.column_int64(column);
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
  out << kDumpHeader << '\n';

  out << "[sources] source_id format description " << kLabelHeader << '\n';
  Status dumped = dump_rows(
      database_,
      "SELECT source_id, format, description, label_owner, label_releasable_to, label_purposes, "
      "label_sensitivity, label_personal_data, label_retention_s FROM sources ORDER BY source_id",
      [&](const Statement& row) {
        out << dump_text(row.column_text(0)) << kTab << dump_text(row.column_text(1)) << kTab
            << dump_text(row.column_text(2)) << kTab;
        write_label(out, read_label(row, 3));
        out << '\n';
      });
  if (!dumped) return finish(dumped);

  out << "[tracks] track_id class mmsi name callsign ship_type length_m width_m asset_id "
         "first_seen_ns last_seen_ns "
      << kLabelHeader << '\n';
  dumped = dump_rows(
      database_, "SELECT " + std::string(kTrackColumns) + " FROM tracks t ORDER BY t.track_id",
      [&](const Statement& row) {
        out << row.column_int64(0) << kTab << to_string(track_class_from(row.column_int64(1)))
            << kTab << dump_optional_integer(optional_integer(row, 2)) << kTab
            << dump_text(row.column_text(3)) << kTab << dump_text(row.column_text(4)) << kTab
            << dump_optional_integer(optional_integer(row, 5)) << kTab
            << dump_optional_fixed(
                   row.is_null(6) ? std::nullopt : std::optional<double>(row.column_double(6)), 3)
            << kTab
            << dump_optional_fixed(
                   row.is_null(7) ? std::nullopt : std::optional<double>(row.column_double(7)), 3)
            << kTab << dump_text(row.column_text(8)) << kTab << row.column_int64(9) << kTab
            << row.column_int64(10) << kTab;
        write_label(out, read_label(row, 11));
        out << '\n';
      });
  if (!dumped) return finish(dumped);

  out << "[track_positions] track_id time_ns lat lon vel_east vel_north cov_ee cov_en cov_nn "
         "status\n";
  dumped = dump_rows(database_,
                     "SELECT " + std::string(kPositionColumns) +
                         " FROM track_positions p ORDER BY p.track_id, p.time_ns",
                     [&](const Statement& row) {
                       const TrackPosition position = read_position(row, 0);
                       out << row.column_int64(0) << kTab << position.time << kTab
                           << dump_fixed(position.position.lat, 9) << kTab
                           << dump_fixed(position.position.lon, 9) << kTab
                           << dump_fixed(position.velocity.east, 6) << kTab
                           << dump_fixed(position.velocity.north, 6) << kTab
                           << dump_fixed(position.covariance.ee, 6) << kTab
                           << dump_fixed(position.covariance.en, 6) << kTab
                           << dump_fixed(position.covariance.nn, 6) << kTab
                           << to_string(position.status) << '\n';
                     });
  if (!dumped) return finish(dumped);

  out << "[observations] time_ns source_id kind journal_sequence track_id\n";
  dumped =
      dump_rows(database_,
                "SELECT time_ns, source_id, kind, journal_sequence, track_id FROM observations "
                "ORDER BY time_ns, source_id, journal_sequence, kind, track_id",
                [&](const Statement& row) {
                  const ObservationRecord record = read_observation(row, 0);
                  out << record.time << kTab << dump_text(record.source_id) << kTab
                      << to_string(record.kind) << kTab << row.column_int64(3) << kTab
                      << dump_optional_integer(optional_integer(row, 4)) << '\n';
                });
  if (!dumped) return finish(dumped);

  out << "[counters] source_id name time_ns value\n";
  dumped = dump_rows(database_,
                     "SELECT source_id, name, time_ns, value FROM counters "
                     "ORDER BY source_id, name, time_ns",
                     [&](const Statement& row) {
                       out << dump_text(row.column_text(0)) << kTab << dump_text(row.column_text(1))
                           << kTab << row.column_int64(2) << kTab << row.column_int64(3) << '\n';
                     });
  if (!dumped) return finish(dumped);

  out << "[alerts] alert_id revision time_ns kind state severity change actor region lat lon "
         "subjects body_json "
      << kLabelHeader << '\n';
  if (schema_version_ < 3) return finish(dumped);  // no alert table yet: no rows
  dumped = dump_rows(database_,
                     "SELECT " + std::string(kAlertColumns) +
                         " FROM alert_revisions a ORDER BY a.alert_id, a.revision",
                     [&](const Statement& row) {
                       const AlertRecord alert = read_alert(row, 0);
                       out << alert.alert_id << kTab << alert.revision << kTab << alert.time << kTab
                           << dump_text(alert.kind) << kTab << dump_text(alert.state) << kTab
                           << alert.severity << kTab << dump_text(alert.change) << kTab
                           << dump_text(alert.actor) << kTab << dump_text(alert.region) << kTab
                           << dump_fixed(alert.position.lat, 9) << kTab
                           << dump_fixed(alert.position.lon, 9) << kTab
                           << encode_subjects(alert.subjects) << kTab << dump_text(alert.body_json)
                           << kTab;
                       write_label(out, alert.label);
                       out << '\n';
                     });
  return finish(dumped);
}

}  // namespace sw::store
