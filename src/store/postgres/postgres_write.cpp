// PostgresStore::write: the batch is copied (COPY, binary) into staging tables and upserted
// with one statement per table, all in one transaction.

#include <string>

#include "store/postgres/postgres_store.h"
#include "store/postgres/search_area_geojson.h"
#include "store/record_checks.h"
#include "store/record_columns.h"

namespace sw::store {
namespace {

constexpr std::string_view kUpsertSource =
    "INSERT INTO sources (source_id, format, description, label_owner, label_releasable_to, "
    "label_purposes, label_sensitivity, label_personal_data, label_retention_s) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (source_id) DO UPDATE SET format = excluded.format, "
    "description = excluded.description, label_owner = excluded.label_owner, "
    "label_releasable_to = excluded.label_releasable_to, "
    "label_purposes = excluded.label_purposes, label_sensitivity = excluded.label_sensitivity, "
    "label_personal_data = excluded.label_personal_data, "
    "label_retention_s = excluded.label_retention_s";

constexpr std::string_view kLabelNames =
    "label_owner, label_releasable_to, label_purposes, label_sensitivity, label_personal_data, "
    "label_retention_s";

/// Each track of the batch once: identity and label of its latest update (ties: the later
/// one in the batch), its earliest time as first seen. On conflict the stored identity
/// stays unless the batch's update is at least as recent.
std::string upsert_tracks_sql() {
  static constexpr std::string_view kLatestWins[] = {"class",
                                                     "mmsi",
                                                     "name",
                                                     "callsign",
                                                     "ship_type",
                                                     "length_m",
                                                     "width_m",
                                                     "asset_id",
                                                     "label_owner",
                                                     "label_releasable_to",
                                                     "label_purposes",
                                                     "label_sensitivity",
                                                     "label_personal_data",
                                                     "label_retention_s"};
  std::string sql =
      "INSERT INTO tracks (track_id, class, mmsi, name, callsign, ship_type, length_m, width_m, "
      "asset_id, first_seen_ns, last_seen_ns, " +
      std::string(kLabelNames) +
      ") SELECT DISTINCT ON (s.track_id) s.track_id, s.class, s.mmsi, s.name, s.callsign, "
      "s.ship_type, s.length_m, s.width_m, s.asset_id, f.first_ns, s.time_ns, s.label_owner, "
      "s.label_releasable_to, s.label_purposes, s.label_sensitivity, s.label_personal_data, "
      "s.label_retention_s FROM stage_updates s JOIN (SELECT track_id, MIN(time_ns) AS first_ns "
      "FROM stage_updates GROUP BY track_id) f ON f.track_id = s.track_id "
      "ORDER BY s.track_id, s.time_ns DESC, s.seq DESC "
      "ON CONFLICT (track_id) DO UPDATE SET ";
  for (const std::string_view column : kLatestWins) {
    sql.append(column);
    sql.append(" = CASE WHEN excluded.last_seen_ns >= tracks.last_seen_ns THEN excluded.");
    sql.append(column);
    sql.append(" ELSE tracks.");
    sql.append(column);
    sql.append(" END, ");
  }
  sql.append(
      "first_seen_ns = LEAST(tracks.first_seen_ns, excluded.first_seen_ns), "
      "last_seen_ns = GREATEST(tracks.last_seen_ns, excluded.last_seen_ns)");
  return sql;
}

/// Each (track, time) of the batch once (the later write wins), replacing a stored one.
/// Validity is fixed up by kFixValidity.
constexpr std::string_view kUpsertPositions =
    "INSERT INTO track_positions (track_id, time_ns, lat, lon, vel_east, vel_north, cov_ee, "
    "cov_en, cov_nn, status, validity, geom) "
    "SELECT DISTINCT ON (track_id, time_ns) track_id, time_ns, lat, lon, vel_east, vel_north, "
    "cov_ee, cov_en, cov_nn, status, int8range(time_ns, NULL), "
    "ST_SetSRID(ST_MakePoint(lon, lat), 4326) FROM stage_updates "
    "ORDER BY track_id, time_ns, seq DESC "
    "ON CONFLICT (track_id, time_ns) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, "
    "vel_east = excluded.vel_east, vel_north = excluded.vel_north, cov_ee = excluded.cov_ee, "
    "cov_en = excluded.cov_en, cov_nn = excluded.cov_nn, status = excluded.status, "
    "geom = excluded.geom";

/// Each position is valid from its time until its track's next position: recomputed for
/// every track of the batch from the position before its earliest new one onwards (an
/// in-order append touches the predecessor alone).
constexpr std::string_view kFixValidity =
    "WITH batch AS (SELECT track_id, MIN(time_ns) AS first_ns FROM stage_updates "
    "GROUP BY track_id), "
    "starts AS (SELECT b.track_id, COALESCE((SELECT MAX(q.time_ns) FROM track_positions q "
    "WHERE q.track_id = b.track_id AND q.time_ns < b.first_ns), b.first_ns) AS from_ns "
    "FROM batch b), "
    "fixed AS (SELECT p.track_id, p.time_ns, int8range(p.time_ns, LEAD(p.time_ns) OVER "
    "(PARTITION BY p.track_id ORDER BY p.time_ns)) AS validity FROM track_positions p "
    "JOIN starts s ON p.track_id = s.track_id AND p.time_ns >= s.from_ns) "
    "UPDATE track_positions p SET validity = f.validity FROM fixed f "
    "WHERE p.track_id = f.track_id AND p.time_ns = f.time_ns AND p.validity <> f.validity";

constexpr std::string_view kUpsertCounters =
    "INSERT INTO counters (source_id, name, time_ns, value) "
    "SELECT DISTINCT ON (source_id, name, time_ns) source_id, name, time_ns, value "
    "FROM stage_counters ORDER BY source_id, name, time_ns, seq DESC "
    "ON CONFLICT (source_id, name, time_ns) DO UPDATE SET value = excluded.value";

constexpr std::string_view kUpsertAlerts =
    "INSERT INTO alert_revisions (alert_id, revision, time_ns, kind, state, severity, change, "
    "actor, region, lat, lon, subjects, body_json, label_owner, label_releasable_to, "
    "label_purposes, label_sensitivity, label_personal_data, label_retention_s, geom, "
    "search_area) "
    "SELECT DISTINCT ON (alert_id, revision) alert_id, revision, time_ns, kind, state, severity, "
    "change, actor, region, lat, lon, subjects, body_json, label_owner, label_releasable_to, "
    "label_purposes, label_sensitivity, label_personal_data, label_retention_s, "
    "ST_SetSRID(ST_MakePoint(lon, lat), 4326), "
    "CASE WHEN search_area IS NULL THEN NULL "
    "ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(convert_from(search_area, 'UTF8')), 4326)) END "
    "FROM stage_alerts ORDER BY alert_id, revision, seq DESC "
    "ON CONFLICT (alert_id, revision) DO UPDATE SET time_ns = excluded.time_ns, "
    "kind = excluded.kind, state = excluded.state, severity = excluded.severity, "
    "change = excluded.change, actor = excluded.actor, region = excluded.region, "
    "lat = excluded.lat, lon = excluded.lon, subjects = excluded.subjects, "
    "body_json = excluded.body_json, label_owner = excluded.label_owner, "
    "label_releasable_to = excluded.label_releasable_to, "
    "label_purposes = excluded.label_purposes, label_sensitivity = excluded.label_sensitivity, "
    "label_personal_data = excluded.label_personal_data, "
    "label_retention_s = excluded.label_retention_s, geom = excluded.geom, "
    "search_area = excluded.search_area";

void add_label(PgCopyRows& rows, const Label& label) {
  rows.add_bytes(label.owner);
  rows.add_bytes(encode_releasable_to(label.releasable_to));
  rows.add(static_cast<std::int64_t>(label.purposes));
  rows.add(static_cast<std::int64_t>(label.sensitivity));
  rows.add(static_cast<std::int64_t>(label.personal_data ? 1 : 0));
  rows.add(stored_retention(label.retention_s));
}

template <typename T>
void add_optional(PgCopyRows& rows, const std::optional<T>& value) {
  if (!value) {
    rows.add_null();
  } else if constexpr (std::is_floating_point_v<T>) {
    rows.add(static_cast<double>(*value));
  } else {
    rows.add(static_cast<std::int64_t>(*value));
  }
}

}  // namespace

Status PostgresStore::write(const WriteBatch& batch) {
  if (Status connected = ensure_connected(); !connected) return connected;
  if (Status begun = connection_.execute("BEGIN"); !begun) return begun;
  std::map<std::string, std::uint64_t> rejected;
  std::map<std::string, std::uint64_t> rejected_alerts;
  std::uint64_t accepted = 0;
  std::uint64_t accepted_alerts = 0;
  Status written =
      write_in_transaction(batch, rejected, accepted, rejected_alerts, accepted_alerts);
  if (written) written = connection_.execute("COMMIT");
  if (!written) {
    if (connection_.connected()) (void)connection_.execute("ROLLBACK");
    return written;
  }
  ++stats_.batches;
  stats_.track_updates += accepted;
  stats_.observations += batch.observations.size();
  stats_.sources += batch.sources.size();
  stats_.counters += batch.counters.size();
  for (const auto& [reason, count] : rejected) stats_.rejected_updates[reason] += count;
  stats_.alerts += accepted_alerts;
  for (const auto& [reason, count] : rejected_alerts) stats_.rejected_alerts[reason] += count;
  return Ok{};
}

Status PostgresStore::write_in_transaction(const WriteBatch& batch,
                                           std::map<std::string, std::uint64_t>& rejected,
                                           std::uint64_t& accepted,
                                           std::map<std::string, std::uint64_t>& rejected_alerts,
                                           std::uint64_t& accepted_alerts) {
  if (Status written = write_sources(batch.sources); !written) return written;
  if (Status written = write_tracks(batch.tracks, rejected, accepted); !written) return written;
  if (Status written = write_observations(batch.observations); !written) return written;
  if (Status written = write_counters(batch.counters); !written) return written;
  return write_alerts(batch.alerts, rejected_alerts, accepted_alerts);
}

Status PostgresStore::write_sources(std::span<const SourceRecord> sources) {
  for (const SourceRecord& source : sources) {
    PgParams params;
    params.add_bytes(source.source_id);
    params.add_bytes(source.format);
    params.add_bytes(source.description);
    params.add_bytes(source.label.owner);
    params.add_bytes(encode_releasable_to(source.label.releasable_to));
    params.add(static_cast<std::int64_t>(source.label.purposes));
    params.add(static_cast<std::int64_t>(source.label.sensitivity));
    params.add(static_cast<std::int64_t>(source.label.personal_data ? 1 : 0));
    params.add(stored_retention(source.label.retention_s));
    if (auto upserted = connection_.query(kUpsertSource, params); !upserted) {
      return upserted.error();
    }
  }
  return Ok{};
}

Status PostgresStore::write_tracks(std::span<const TrackUpdate> updates,
                                   std::map<std::string, std::uint64_t>& rejected,
                                   std::uint64_t& accepted) {
  PgCopyRows rows;
  std::int64_t seq = 0;
  for (const TrackUpdate& update : updates) {
    if (const char* defect = update_defect(update); defect != nullptr) {
      ++rejected[defect];
      continue;
    }
    const TrackIdentity& identity = update.identity;
    rows.begin_row(25);
    rows.add(seq++);
    rows.add(static_cast<std::int64_t>(update.track_id));
    rows.add(static_cast<std::int64_t>(update.time));
    rows.add(update.position.lat);
    rows.add(update.position.lon);
    rows.add(update.velocity.east);
    rows.add(update.velocity.north);
    rows.add(update.covariance.ee);
    rows.add(update.covariance.en);
    rows.add(update.covariance.nn);
    rows.add(static_cast<std::int64_t>(update.status));
    rows.add(static_cast<std::int64_t>(update.track_class));
    add_optional(rows, identity.mmsi);
    rows.add_bytes(identity.name);
    rows.add_bytes(identity.callsign);
    add_optional(rows, identity.ship_type);
    add_optional(rows, identity.length_m);
    add_optional(rows, identity.width_m);
    rows.add_bytes(identity.asset_id);
    add_label(rows, update.label);
  }
  if (rows.rows() == 0) return Ok{};
  if (Status copied = connection_.copy_in("COPY stage_updates FROM STDIN (FORMAT binary)", rows);
      !copied) {
    return copied;
  }
  // The three statements in one round trip (the batch's cost is mostly round trips).
  static const std::string upsert_all =
      upsert_tracks_sql() + ";" + std::string(kUpsertPositions) + ";" + std::string(kFixValidity);
  if (Status done = connection_.execute(upsert_all); !done) return done;
  accepted += rows.rows();
  return Ok{};
}

Status PostgresStore::write_observations(std::span<const ObservationRecord> observations) {
  if (observations.empty()) return Ok{};
  PgCopyRows rows;
  for (const ObservationRecord& observation : observations) {
    rows.begin_row(5);
    rows.add(static_cast<std::int64_t>(observation.time));
    rows.add_bytes(observation.source_id);
    rows.add(static_cast<std::int64_t>(observation.kind));
    rows.add(static_cast<std::int64_t>(observation.journal_sequence));
    add_optional(rows, observation.track_id);
  }
  return connection_.copy_in(
      "COPY observations (" + std::string(kObservationColumns) + ") FROM STDIN (FORMAT binary)",
      rows);
}

Status PostgresStore::write_counters(std::span<const CounterSample> counters) {
  if (counters.empty()) return Ok{};
  PgCopyRows rows;
  std::int64_t seq = 0;
  for (const CounterSample& sample : counters) {
    rows.begin_row(5);
    rows.add(seq++);
    rows.add_bytes(sample.source_id);
    rows.add_bytes(sample.name);
    rows.add(static_cast<std::int64_t>(sample.time));
    rows.add(static_cast<std::int64_t>(sample.value));
  }
  if (Status copied = connection_.copy_in("COPY stage_counters FROM STDIN (FORMAT binary)", rows);
      !copied) {
    return copied;
  }
  return connection_.execute(kUpsertCounters);
}

Status PostgresStore::write_alerts(std::span<const AlertRecord> alerts,
                                   std::map<std::string, std::uint64_t>& rejected,
                                   std::uint64_t& accepted) {
  PgCopyRows rows;
  std::int64_t seq = 0;
  for (const AlertRecord& alert : alerts) {
    if (const char* defect = alert_defect(alert); defect != nullptr) {
      ++rejected[defect];
      continue;
    }
    rows.begin_row(21);
    rows.add(seq++);
    rows.add(static_cast<std::int64_t>(alert.alert_id));
    rows.add(static_cast<std::int64_t>(alert.revision));
    rows.add(static_cast<std::int64_t>(alert.time));
    rows.add_bytes(alert.kind);
    rows.add_bytes(alert.state);
    rows.add(static_cast<std::int64_t>(alert.severity));
    rows.add_bytes(alert.change);
    rows.add_bytes(alert.actor);
    rows.add_bytes(alert.region);
    rows.add(alert.position.lat);
    rows.add(alert.position.lon);
    rows.add_bytes(encode_subjects(alert.subjects));
    rows.add_bytes(alert.body_json);
    add_label(rows, alert.label);
    const std::string area = search_area_geojson(alert.body_json);
    if (area.empty()) {
      rows.add_null();
    } else {
      rows.add_bytes(area);
    }
  }
  if (rows.rows() == 0) return Ok{};
  if (Status copied = connection_.copy_in("COPY stage_alerts FROM STDIN (FORMAT binary)", rows);
      !copied) {
    return copied;
  }
  if (Status done = connection_.execute(kUpsertAlerts); !done) return done;
  accepted += rows.rows();
  return Ok{};
}

}  // namespace sw::store
