// PostgresStore::write: each table's part of the batch is upserted by one statement that
// receives the rows as array parameters (one per column, in binary) and reads them with
// unnest(), all in one transaction. No staging tables: a session temporary table costs a
// truncation of its heap, TOAST table and indexes at every commit (ON COMMIT DELETE ROWS),
// which was most of a small batch's time.

#include <initializer_list>
#include <string>
#include <utility>

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
      "s.label_retention_s FROM batch s JOIN (SELECT track_id, MIN(time_ns) AS first_ns "
      "FROM batch GROUP BY track_id) f ON f.track_id = s.track_id "
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

/// Each (track, time) of the batch once (the later write wins), replacing a stored one. A
/// new position is valid until the track's next stored position (unbounded if none); a
/// replaced one keeps its interval (its neighbours are unchanged). Each lookup is one probe
/// of the primary key, so the cost follows the batch, not the table.
constexpr std::string_view kUpsertPositions =
    "INSERT INTO track_positions (track_id, time_ns, lat, lon, vel_east, vel_north, cov_ee, "
    "cov_en, cov_nn, status, validity, geom) "
    "SELECT DISTINCT ON (s.track_id, s.time_ns) s.track_id, s.time_ns, s.lat, s.lon, "
    "s.vel_east, s.vel_north, s.cov_ee, s.cov_en, s.cov_nn, s.status, "
    "int8range(s.time_ns, (SELECT MIN(q.time_ns) FROM track_positions q "
    "WHERE q.track_id = s.track_id AND q.time_ns > s.time_ns)), "
    "ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) FROM batch s "
    "ORDER BY s.track_id, s.time_ns, s.seq DESC "
    "ON CONFLICT (track_id, time_ns) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, "
    "vel_east = excluded.vel_east, vel_north = excluded.vel_north, cov_ee = excluded.cov_ee, "
    "cov_en = excluded.cov_en, cov_nn = excluded.cov_nn, status = excluded.status, "
    "geom = excluded.geom";

/// Each position is valid from its time until its track's next position. After the
/// insert, the position just before each position of the batch (stored or new) ends where
/// that one begins; with kUpsertPositions this leaves every interval as a recomputation
/// of the whole track would. Two primary-key probes per position of the batch: no scan
/// of the positions table, whatever its size or the planner's row estimates. (The filter
/// compares the upper bound, not a range built from p and n: the planner may test it on
/// pairs the join does not keep, where p's time can follow n's.)
constexpr std::string_view kFixValidity =
    "UPDATE track_positions p SET validity = int8range(p.time_ns, n.time_ns) "
    "FROM (SELECT DISTINCT track_id, time_ns FROM batch) n "
    "CROSS JOIN LATERAL (SELECT q.time_ns FROM track_positions q "
    "WHERE q.track_id = n.track_id AND q.time_ns < n.time_ns "
    "ORDER BY q.time_ns DESC LIMIT 1) previous "
    "WHERE p.track_id = n.track_id AND p.time_ns = previous.time_ns "
    "AND upper(p.validity) IS DISTINCT FROM n.time_ns";

constexpr std::string_view kUpsertCounters =
    "INSERT INTO counters (source_id, name, time_ns, value) "
    "SELECT DISTINCT ON (source_id, name, time_ns) source_id, name, time_ns, value "
    "FROM batch ORDER BY source_id, name, time_ns, seq DESC "
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
    "FROM batch ORDER BY alert_id, revision, seq DESC "
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

using ArrayType = PgArray::Type;

/// A column of a batch and its values (one array parameter).
using BatchColumn = std::pair<std::string_view, const PgArray*>;

/// "WITH batch AS (SELECT * FROM unnest($1::int8[], ...) AS u(name, ...)) ": the rows of
/// `columns` (arrays of one length) as the table `batch`; their arrays go into `params`.
std::string with_batch(std::initializer_list<BatchColumn> columns, PgParams& params) {
  std::string types;
  std::string names;
  for (const auto& [name, values] : columns) {
    params.add_array(*values);
    if (!names.empty()) {
      types.append(", ");
      names.append(", ");
    }
    types.append("$");
    types.append(std::to_string(params.size()));
    types.append("::");
    types.append(values->sql_type());
    names.append(name);
  }
  return "WITH batch AS (SELECT * FROM unnest(" + types + ") AS u(" + names + ")) ";
}

/// The label columns of a batch.
struct LabelColumns {
  PgArray owner{ArrayType::kBytea};
  PgArray releasable_to{ArrayType::kBytea};
  PgArray purposes{ArrayType::kInt8};
  PgArray sensitivity{ArrayType::kInt8};
  PgArray personal_data{ArrayType::kInt8};
  PgArray retention_s{ArrayType::kInt8};

  void add(const Label& label) {
    owner.add_bytes(label.owner);
    releasable_to.add_bytes(encode_releasable_to(label.releasable_to));
    purposes.add(static_cast<std::int64_t>(label.purposes));
    sensitivity.add(static_cast<std::int64_t>(label.sensitivity));
    personal_data.add(static_cast<std::int64_t>(label.personal_data ? 1 : 0));
    retention_s.add(stored_retention(label.retention_s));
  }
};

/// The track-update columns of a batch (the checked updates, in batch order).
struct UpdateColumns {
  PgArray seq{ArrayType::kInt8};
  PgArray track_id{ArrayType::kInt8};
  PgArray time_ns{ArrayType::kInt8};
  PgArray lat{ArrayType::kFloat8};
  PgArray lon{ArrayType::kFloat8};
  PgArray vel_east{ArrayType::kFloat8};
  PgArray vel_north{ArrayType::kFloat8};
  PgArray cov_ee{ArrayType::kFloat8};
  PgArray cov_en{ArrayType::kFloat8};
  PgArray cov_nn{ArrayType::kFloat8};
  PgArray status{ArrayType::kInt8};
  PgArray track_class{ArrayType::kInt8};
  PgArray mmsi{ArrayType::kInt8};
  PgArray name{ArrayType::kBytea};
  PgArray callsign{ArrayType::kBytea};
  PgArray ship_type{ArrayType::kInt8};
  PgArray length_m{ArrayType::kFloat8};
  PgArray width_m{ArrayType::kFloat8};
  PgArray asset_id{ArrayType::kBytea};
  LabelColumns label;
};

template <typename T>
void add_optional(PgArray& values, const std::optional<T>& value) {
  if (!value) {
    values.add_null();
  } else if constexpr (std::is_floating_point_v<T>) {
    values.add(static_cast<double>(*value));
  } else {
    values.add(static_cast<std::int64_t>(*value));
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
  UpdateColumns columns;
  std::int64_t seq = 0;
  for (const TrackUpdate& update : updates) {
    if (const char* defect = update_defect(update); defect != nullptr) {
      ++rejected[defect];
      continue;
    }
    const TrackIdentity& identity = update.identity;
    columns.seq.add(seq++);
    columns.track_id.add(static_cast<std::int64_t>(update.track_id));
    columns.time_ns.add(static_cast<std::int64_t>(update.time));
    columns.lat.add(update.position.lat);
    columns.lon.add(update.position.lon);
    columns.vel_east.add(update.velocity.east);
    columns.vel_north.add(update.velocity.north);
    columns.cov_ee.add(update.covariance.ee);
    columns.cov_en.add(update.covariance.en);
    columns.cov_nn.add(update.covariance.nn);
    columns.status.add(static_cast<std::int64_t>(update.status));
    columns.track_class.add(static_cast<std::int64_t>(update.track_class));
    add_optional(columns.mmsi, identity.mmsi);
    columns.name.add_bytes(identity.name);
    columns.callsign.add_bytes(identity.callsign);
    add_optional(columns.ship_type, identity.ship_type);
    add_optional(columns.length_m, identity.length_m);
    add_optional(columns.width_m, identity.width_m);
    columns.asset_id.add_bytes(identity.asset_id);
    columns.label.add(update.label);
  }
  if (seq == 0) return Ok{};
  const UpdateColumns& c = columns;
  const LabelColumns& label = c.label;
  // Each statement gets the columns it reads.
  PgParams track_params;
  const std::string tracks_sql = with_batch({{"seq", &c.seq},
                                             {"track_id", &c.track_id},
                                             {"time_ns", &c.time_ns},
                                             {"class", &c.track_class},
                                             {"mmsi", &c.mmsi},
                                             {"name", &c.name},
                                             {"callsign", &c.callsign},
                                             {"ship_type", &c.ship_type},
                                             {"length_m", &c.length_m},
                                             {"width_m", &c.width_m},
                                             {"asset_id", &c.asset_id},
                                             {"label_owner", &label.owner},
                                             {"label_releasable_to", &label.releasable_to},
                                             {"label_purposes", &label.purposes},
                                             {"label_sensitivity", &label.sensitivity},
                                             {"label_personal_data", &label.personal_data},
                                             {"label_retention_s", &label.retention_s}},
                                            track_params) +
                                 upsert_tracks_sql();
  if (auto done = connection_.query(tracks_sql, track_params); !done) return done.error();
  PgParams position_params;
  const std::string positions_sql = with_batch({{"seq", &c.seq},
                                                {"track_id", &c.track_id},
                                                {"time_ns", &c.time_ns},
                                                {"lat", &c.lat},
                                                {"lon", &c.lon},
                                                {"vel_east", &c.vel_east},
                                                {"vel_north", &c.vel_north},
                                                {"cov_ee", &c.cov_ee},
                                                {"cov_en", &c.cov_en},
                                                {"cov_nn", &c.cov_nn},
                                                {"status", &c.status}},
                                               position_params) +
                                    std::string(kUpsertPositions);
  if (auto done = connection_.query(positions_sql, position_params); !done) return done.error();
  PgParams validity_params;
  const std::string validity_sql =
      with_batch({{"track_id", &c.track_id}, {"time_ns", &c.time_ns}}, validity_params) +
      std::string(kFixValidity);
  if (auto done = connection_.query(validity_sql, validity_params); !done) return done.error();
  accepted += static_cast<std::uint64_t>(seq);
  return Ok{};
}

Status PostgresStore::write_observations(std::span<const ObservationRecord> observations) {
  if (observations.empty()) return Ok{};
  PgArray time_ns(ArrayType::kInt8);
  PgArray source_id(ArrayType::kBytea);
  PgArray kind(ArrayType::kInt8);
  PgArray journal_sequence(ArrayType::kInt8);
  PgArray track_id(ArrayType::kInt8);
  for (const ObservationRecord& observation : observations) {
    time_ns.add(static_cast<std::int64_t>(observation.time));
    source_id.add_bytes(observation.source_id);
    kind.add(static_cast<std::int64_t>(observation.kind));
    journal_sequence.add(static_cast<std::int64_t>(observation.journal_sequence));
    add_optional(track_id, observation.track_id);
  }
  PgParams params;
  const std::string sql = with_batch({{"time_ns", &time_ns},
                                      {"source_id", &source_id},
                                      {"kind", &kind},
                                      {"journal_sequence", &journal_sequence},
                                      {"track_id", &track_id}},
                                     params) +
                          "INSERT INTO observations (" + std::string(kObservationColumns) +
                          ") SELECT " + std::string(kObservationColumns) + " FROM batch";
  if (auto done = connection_.query(sql, params); !done) return done.error();
  return Ok{};
}

Status PostgresStore::write_counters(std::span<const CounterSample> counters) {
  if (counters.empty()) return Ok{};
  PgArray seq(ArrayType::kInt8);
  PgArray source_id(ArrayType::kBytea);
  PgArray name(ArrayType::kBytea);
  PgArray time_ns(ArrayType::kInt8);
  PgArray value(ArrayType::kInt8);
  for (const CounterSample& sample : counters) {
    seq.add(static_cast<std::int64_t>(seq.size()));
    source_id.add_bytes(sample.source_id);
    name.add_bytes(sample.name);
    time_ns.add(static_cast<std::int64_t>(sample.time));
    value.add(static_cast<std::int64_t>(sample.value));
  }
  PgParams params;
  const std::string sql = with_batch({{"seq", &seq},
                                      {"source_id", &source_id},
                                      {"name", &name},
                                      {"time_ns", &time_ns},
                                      {"value", &value}},
                                     params) +
                          std::string(kUpsertCounters);
  if (auto done = connection_.query(sql, params); !done) return done.error();
  return Ok{};
}

Status PostgresStore::write_alerts(std::span<const AlertRecord> alerts,
                                   std::map<std::string, std::uint64_t>& rejected,
                                   std::uint64_t& accepted) {
  PgArray seq(ArrayType::kInt8);
  PgArray alert_id(ArrayType::kInt8);
  PgArray revision(ArrayType::kInt8);
  PgArray time_ns(ArrayType::kInt8);
  PgArray kind(ArrayType::kBytea);
  PgArray state(ArrayType::kBytea);
  PgArray severity(ArrayType::kInt8);
  PgArray change(ArrayType::kBytea);
  PgArray actor(ArrayType::kBytea);
  PgArray region(ArrayType::kBytea);
  PgArray lat(ArrayType::kFloat8);
  PgArray lon(ArrayType::kFloat8);
  PgArray subjects(ArrayType::kBytea);
  PgArray body_json(ArrayType::kBytea);
  LabelColumns label;
  PgArray search_area(ArrayType::kBytea);
  for (const AlertRecord& alert : alerts) {
    if (const char* defect = alert_defect(alert); defect != nullptr) {
      ++rejected[defect];
      continue;
    }
    seq.add(static_cast<std::int64_t>(seq.size()));
    alert_id.add(static_cast<std::int64_t>(alert.alert_id));
    revision.add(static_cast<std::int64_t>(alert.revision));
    time_ns.add(static_cast<std::int64_t>(alert.time));
    kind.add_bytes(alert.kind);
    state.add_bytes(alert.state);
    severity.add(static_cast<std::int64_t>(alert.severity));
    change.add_bytes(alert.change);
    actor.add_bytes(alert.actor);
    region.add_bytes(alert.region);
    lat.add(alert.position.lat);
    lon.add(alert.position.lon);
    subjects.add_bytes(encode_subjects(alert.subjects));
    body_json.add_bytes(alert.body_json);
    label.add(alert.label);
    const std::string area = search_area_geojson(alert.body_json);
    if (area.empty()) {
      search_area.add_null();
    } else {
      search_area.add_bytes(area);
    }
  }
  if (seq.size() == 0) return Ok{};
  PgParams params;
  const std::string sql = with_batch({{"seq", &seq},
                                      {"alert_id", &alert_id},
                                      {"revision", &revision},
                                      {"time_ns", &time_ns},
                                      {"kind", &kind},
                                      {"state", &state},
                                      {"severity", &severity},
                                      {"change", &change},
                                      {"actor", &actor},
                                      {"region", &region},
                                      {"lat", &lat},
                                      {"lon", &lon},
                                      {"subjects", &subjects},
                                      {"body_json", &body_json},
                                      {"label_owner", &label.owner},
                                      {"label_releasable_to", &label.releasable_to},
                                      {"label_purposes", &label.purposes},
                                      {"label_sensitivity", &label.sensitivity},
                                      {"label_personal_data", &label.personal_data},
                                      {"label_retention_s", &label.retention_s},
                                      {"search_area", &search_area}},
                                     params) +
                          std::string(kUpsertAlerts);
  if (auto done = connection_.query(sql, params); !done) return done.error();
  accepted += seq.size();
  return Ok{};
}

}  // namespace sw::store
