#include "store/postgres/postgres_store.h"

#include <limits>
#include <utility>

#include "store/postgres/pg_schema.h"
#include "store/record_checks.h"
#include "store/record_columns.h"

namespace sw::store {
namespace {

/// Positions valid at $1 (ns) and not older than $2 (ns), not deleted: the part of every
/// "where were the tracks at T" query that the GiST index over (geom, validity) serves.
constexpr std::string_view kAliveAt =
    "p.validity @> $1::int8 AND p.time_ns >= $2::int8 AND p.status <> 3";

std::string select_track_and_position() {
  return "SELECT " + std::string(kTrackColumns) + ", " + std::string(kPositionColumns) +
         " FROM track_positions p JOIN tracks t ON t.track_id = p.track_id ";
}

TimeNs oldest_time(TimeNs at, TimeNs max_age) {
  return max_age > 0 ? saturating_minus(at, max_age) : std::numeric_limits<TimeNs>::min();
}

}  // namespace

PostgresStore::PostgresStore(PgConnection connection, PostgresStoreOptions options,
                             int schema_version)
    : connection_(std::move(connection)), options_(options), schema_version_(schema_version) {}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& conninfo,
                                                           PostgresStoreOptions options) {
  auto connection = PgConnection::connect(conninfo);
  if (!connection) return connection.error();
  auto version = migrate_postgres_schema(*connection);
  if (!version) return version.error();
  return std::unique_ptr<PostgresStore>(
      new PostgresStore(std::move(*connection), options, *version));
}

Status PostgresStore::ensure_connected() {
  if (!connection_.connected() && !connection_.reset()) {
    return Error{"postgres_unavailable", "server unreachable: " + connection_.last_message()};
  }
  return Ok{};
}

Status PostgresStore::clear() {
  if (Status connected = ensure_connected(); !connected) return connected;
  return connection_.execute(
      "TRUNCATE sources, tracks, track_positions, observations, counters, alert_revisions");
}

Result<std::vector<TrackPosition>> PostgresStore::track_history(std::uint64_t track_id, TimeNs from,
                                                                TimeNs to) {
  PgParams params;
  params.add(static_cast<std::int64_t>(track_id));
  params.add(static_cast<std::int64_t>(from));
  params.add(static_cast<std::int64_t>(to));
  return read_rows<TrackPosition>(
      "SELECT " + std::string(kPositionColumns) +
          " FROM track_positions p WHERE p.track_id = $1 AND p.time_ns BETWEEN $2 AND $3 "
          "ORDER BY p.time_ns",
      params, [](const PgRow& row) { return read_position(row, 0); });
}

Result<std::vector<TrackRecord>> PostgresStore::tracks_in_box(const BoundingBox& box, TimeNs at,
                                                              TimeNs max_age) {
  if (!(box.min_lat <= box.max_lat && box.min_lon <= box.max_lon)) {
    return Error{"bad_box", "bounding box minimum above maximum (or NaN)"};
  }
  PgParams params;
  params.add(static_cast<std::int64_t>(at));
  params.add(static_cast<std::int64_t>(oldest_time(at, max_age)));
  params.add(box.min_lat);
  params.add(box.min_lon);
  params.add(box.max_lat);
  params.add(box.max_lon);
  // && finds candidates in the index (its float bounds are rounded outwards); the exact
  // test on lat/lon follows, so the box is inclusive as in every backend.
  return read_rows<TrackRecord>(
      select_track_and_position() + "WHERE p.geom && ST_MakeEnvelope($4, $3, $6, $5, 4326) AND " +
          std::string(kAliveAt) +
          " AND p.lat BETWEEN $3 AND $5 AND p.lon BETWEEN $4 AND $6 ORDER BY p.track_id",
      params, [](const PgRow& row) { return read_track(row, 0); });
}

Result<std::vector<TrackRecord>> PostgresStore::list_tracks() {
  return read_rows<TrackRecord>(
      "SELECT " + std::string(kTrackColumns) + ", " + std::string(kPositionColumns) +
          " FROM tracks t LEFT JOIN track_positions p "
          "ON p.track_id = t.track_id AND p.time_ns = t.last_seen_ns ORDER BY t.track_id",
      {}, [](const PgRow& row) { return read_track(row, 0); });
}

Result<std::vector<ObservationRecord>> PostgresStore::observations(TimeNs from, TimeNs to) {
  PgParams params;
  params.add(static_cast<std::int64_t>(from));
  params.add(static_cast<std::int64_t>(to));
  return read_rows<ObservationRecord>(
      "SELECT " + std::string(kObservationColumns) +
          " FROM observations WHERE time_ns BETWEEN $1 AND $2 "
          "ORDER BY time_ns, source_id, journal_sequence, kind, track_id NULLS FIRST",
      params, [](const PgRow& row) { return read_observation(row, 0); });
}

Result<std::vector<SourceRecord>> PostgresStore::sources() {
  return read_rows<SourceRecord>(
      "SELECT source_id, format, description, label_owner, label_releasable_to, "
      "label_purposes, label_sensitivity, label_personal_data, label_retention_s FROM sources "
      "ORDER BY source_id",
      {}, [](const PgRow& row) { return read_source(row, 0); });
}

Result<std::vector<CounterSample>> PostgresStore::counter_history(const std::string& source_id,
                                                                  const std::string& name) {
  PgParams params;
  params.add_bytes(source_id);
  params.add_bytes(name);
  return read_rows<CounterSample>(
      "SELECT source_id, name, value, time_ns FROM counters WHERE source_id = $1 AND name = $2 "
      "ORDER BY time_ns",
      params, [](const PgRow& row) {
        return CounterSample{row.column_text(0), row.column_text(1), row.column_int64(2),
                             row.column_int64(3)};
      });
}

Result<std::vector<AlertRecord>> PostgresStore::alert_revisions(TimeNs from, TimeNs to) {
  PgParams params;
  params.add(static_cast<std::int64_t>(from));
  params.add(static_cast<std::int64_t>(to));
  return read_rows<AlertRecord>("SELECT " + std::string(kAlertColumns) +
                                    " FROM alert_revisions a WHERE a.time_ns BETWEEN $1 AND $2 "
                                    "ORDER BY a.time_ns, a.alert_id, a.revision",
                                params, [](const PgRow& row) { return read_alert(row, 0); });
}

Result<std::vector<AlertRecord>> PostgresStore::alert_history(std::uint64_t alert_id) {
  PgParams params;
  params.add(static_cast<std::int64_t>(alert_id));
  return read_rows<AlertRecord>("SELECT " + std::string(kAlertColumns) +
                                    " FROM alert_revisions a WHERE a.alert_id = $1 "
                                    "ORDER BY a.revision",
                                params, [](const PgRow& row) { return read_alert(row, 0); });
}

Result<std::vector<AlertRecord>> PostgresStore::open_alerts(TimeNs at) {
  PgParams params;
  params.add(static_cast<std::int64_t>(at));
  // Each alert's highest revision at or before $1, unless it is closed.
  return read_rows<AlertRecord>(
      "SELECT " + std::string(kAlertColumns) +
          " FROM (SELECT DISTINCT ON (alert_id) * FROM alert_revisions WHERE time_ns <= $1 "
          "ORDER BY alert_id, revision DESC) a WHERE a.state <> 'closed'::bytea "
          "ORDER BY a.alert_id",
      params, [](const PgRow& row) { return read_alert(row, 0); });
}

Result<RetentionReport> PostgresStore::apply_retention(TimeNs now) {
  if (Status connected = ensure_connected(); !connected) return connected.error();
  const TimeNs default_cutoff = saturating_minus(now, options_.default_retention);
  RetentionReport report;
  if (Status begun = connection_.execute("BEGIN"); !begun) return begun.error();
  const auto fail = [&](const Error& error) -> Result<RetentionReport> {
    (void)connection_.execute("ROLLBACK");
    return error;
  };
  // Only positions older than the shortest retention in use can go: that bound lets the
  // time index skip everything recent.
  auto shortest = connection_.query(
      "SELECT COALESCE(MIN(label_retention_s), 0)::int8 FROM tracks WHERE label_retention_s > 0");
  if (!shortest) return fail(shortest.error());
  TimeNs latest_cutoff = default_cutoff;
  if (const std::int64_t seconds = shortest->row(0).column_int64(0); seconds > 0) {
    latest_cutoff =
        std::max(latest_cutoff,
                 saturating_minus(now, std::min(seconds, kMaxRetentionSeconds) * kNsPerSecond));
  }
  // Label cut-offs in numeric: now - retention never overflows.
  const auto run = [&](std::string_view sql, std::initializer_list<std::int64_t> values,
                       std::uint64_t& count) -> Status {
    PgParams params;
    for (const std::int64_t value : values) params.add(value);
    auto deleted = connection_.query(sql, params);
    if (!deleted) return deleted.error();
    count = deleted->affected_rows();
    return Ok{};
  };
  Status step =
      run("DELETE FROM track_positions p USING tracks t WHERE t.track_id = p.track_id "
          "AND p.time_ns < $1 AND p.time_ns::numeric < CASE WHEN t.label_retention_s > 0 "
          "THEN $2::numeric - t.label_retention_s::numeric * 1000000000 ELSE $3::numeric END",
          {latest_cutoff, now, default_cutoff}, report.positions);
  if (!step) return fail(step.error());
  step =
      run("DELETE FROM tracks t WHERE NOT EXISTS "
          "(SELECT 1 FROM track_positions p WHERE p.track_id = t.track_id)",
          {}, report.tracks);
  if (!step) return fail(step.error());
  step =
      run("DELETE FROM alert_revisions WHERE time_ns::numeric < CASE WHEN label_retention_s > 0 "
          "THEN $1::numeric - label_retention_s::numeric * 1000000000 ELSE $2::numeric END",
          {now, default_cutoff}, report.alerts);
  if (!step) return fail(step.error());
  step = run("DELETE FROM observations WHERE time_ns < $1", {default_cutoff}, report.observations);
  if (!step) return fail(step.error());
  step = run("DELETE FROM counters WHERE time_ns < $1", {default_cutoff}, report.counters);
  if (!step) return fail(step.error());
  if (Status committed = connection_.execute("COMMIT"); !committed) return committed.error();
  return report;
}

}  // namespace sw::store
