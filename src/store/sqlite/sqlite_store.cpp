#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <string_view>
#include <utility>

#include "store/record_checks.h"
#include "store/sqlite/alert_columns.h"
#include "store/sqlite/label_columns.h"
#include "store/sqlite/track_columns.h"

namespace sw::store {
namespace {

double to_seconds(TimeNs time) { return static_cast<double>(time) / 1e9; }

constexpr std::string_view kUpsertSource =
    "INSERT INTO sources (source_id, format, description, label_owner, label_releasable_to, "
    "label_purposes, label_sensitivity, label_personal_data, label_retention_s) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (source_id) DO UPDATE SET format = excluded.format, "
    "description = excluded.description, label_owner = excluded.label_owner, "
    "label_releasable_to = excluded.label_releasable_to, "
    "label_purposes = excluded.label_purposes, label_sensitivity = excluded.label_sensitivity, "
    "label_personal_data = excluded.label_personal_data, "
    "label_retention_s = excluded.label_retention_s";

/// Identity and label come from the latest update by time (ties: the later write).
std::string upsert_track_sql() {
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
      "asset_id, first_seen_ns, last_seen_ns, label_owner, label_releasable_to, label_purposes, "
      "label_sensitivity, label_personal_data, label_retention_s) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?17, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
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
      "first_seen_ns = MIN(tracks.first_seen_ns, excluded.first_seen_ns), "
      "last_seen_ns = MAX(tracks.last_seen_ns, excluded.last_seen_ns)");
  return sql;
}

constexpr std::string_view kPredecessor =
    "SELECT rowid, time_ns, lat, lon FROM track_positions WHERE track_id = ?1 AND time_ns < ?2 "
    "ORDER BY time_ns DESC LIMIT 1";
constexpr std::string_view kSuccessor =
    "SELECT time_ns FROM track_positions WHERE track_id = ?1 AND time_ns > ?2 "
    "ORDER BY time_ns LIMIT 1";
constexpr std::string_view kUpsertPosition =
    "INSERT INTO track_positions (track_id, time_ns, lat, lon, vel_east, vel_north, cov_ee, "
    "cov_en, cov_nn, status, valid_until_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (track_id, time_ns) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, "
    "vel_east = excluded.vel_east, vel_north = excluded.vel_north, cov_ee = excluded.cov_ee, "
    "cov_en = excluded.cov_en, cov_nn = excluded.cov_nn, status = excluded.status, "
    "valid_until_ns = excluded.valid_until_ns RETURNING rowid";
constexpr std::string_view kCloseInterval =
    "UPDATE track_positions SET valid_until_ns = ?2 WHERE rowid = ?1";
/// A position's interval into the R*Tree, after "INSERT OR REPLACE " (re-indexed) or after
/// "INSERT " (not indexed yet).
constexpr std::string_view kIndexInterval =
    "INTO position_rtree (id, min_lon, max_lon, min_lat, max_lat, min_t, max_t) "
    "VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)";
constexpr std::string_view kInsertObservation =
    "INSERT INTO observations (time_ns, source_id, kind, journal_sequence, track_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kUpsertCounter =
    "INSERT INTO counters (source_id, name, time_ns, value) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (source_id, name, time_ns) DO UPDATE SET value = excluded.value";

constexpr std::string_view kUpsertAlert =
    "INSERT INTO alert_revisions (alert_id, revision, time_ns, kind, state, severity, change, "
    "actor, region, lat, lon, subjects, body_json, label_owner, label_releasable_to, "
    "label_purposes, label_sensitivity, label_personal_data, label_retention_s) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
    "ON CONFLICT (alert_id, revision) DO UPDATE SET time_ns = excluded.time_ns, "
    "kind = excluded.kind, state = excluded.state, severity = excluded.severity, "
    "change = excluded.change, actor = excluded.actor, region = excluded.region, "
    "lat = excluded.lat, lon = excluded.lon, subjects = excluded.subjects, "
    "body_json = excluded.body_json, label_owner = excluded.label_owner, "
    "label_releasable_to = excluded.label_releasable_to, "
    "label_purposes = excluded.label_purposes, label_sensitivity = excluded.label_sensitivity, "
    "label_personal_data = excluded.label_personal_data, "
    "label_retention_s = excluded.label_retention_s";

std::string select_alert_revisions() {
  return "SELECT " + std::string(kAlertColumns) +
         " FROM alert_revisions a WHERE a.time_ns BETWEEN ?1 AND ?2 "
         "ORDER BY a.time_ns, a.alert_id, a.revision";
}

std::string select_alert_history() {
  return "SELECT " + std::string(kAlertColumns) +
         " FROM alert_revisions a WHERE a.alert_id = ?1 ORDER BY a.revision";
}

/// Each alert's highest revision at or before ?1, unless it is closed.
std::string select_open_alerts() {
  return "SELECT " + std::string(kAlertColumns) +
         " FROM alert_revisions a WHERE a.time_ns <= ?1 AND a.revision = "
         "(SELECT MAX(b.revision) FROM alert_revisions b "
         "WHERE b.alert_id = a.alert_id AND b.time_ns <= ?1) "
         "AND a.state != 'closed' ORDER BY a.alert_id";
}

std::string select_track_history() {
  return "SELECT " + std::string(kPositionColumns) +
         " FROM track_positions p WHERE p.track_id = ?1 AND p.time_ns BETWEEN ?2 AND ?3 "
         "ORDER BY p.time_ns";
}

std::string select_tracks() {
  return "SELECT " + std::string(kTrackColumns) + ", " + std::string(kPositionColumns) +
         " FROM tracks t LEFT JOIN track_positions p "
         "ON p.track_id = t.track_id AND p.time_ns = t.last_seen_ns ORDER BY t.track_id";
}

std::string select_observations() {
  return "SELECT " + std::string(kObservationColumns) +
         " FROM observations WHERE time_ns BETWEEN ?1 AND ?2 "
         "ORDER BY time_ns, source_id, journal_sequence, kind, track_id";
}
constexpr std::string_view kSelectSources =
    "SELECT source_id, format, description, label_owner, label_releasable_to, label_purposes, "
    "label_sensitivity, label_personal_data, label_retention_s FROM sources ORDER BY source_id";
constexpr std::string_view kSelectCounter =
    "SELECT source_id, name, value, time_ns FROM counters WHERE source_id = ?1 AND name = ?2 "
    "ORDER BY time_ns";

}  // namespace

struct SqliteStore::Statements {
  Statement upsert_source;
  Statement upsert_track;
  Statement predecessor;
  Statement successor;
  Statement upsert_position;
  Statement close_interval;
  Statement upsert_rtree;
  Statement insert_rtree;
  Statement insert_observation;
  Statement upsert_counter;
  Statement track_history;
  Statement tracks_in_box;
  Statement list_tracks;
  Statement observations;
  Statement sources;
  Statement counter_history;
  Statement upsert_alert;
  Statement alert_revisions;
  Statement alert_history;
  Statement open_alerts;
};

SqliteStore::SqliteStore(Database database, SqliteStoreOptions options, int schema_version)
    : database_(std::move(database)),
      options_(options),
      schema_version_(schema_version),
      statements_(std::make_unique<Statements>()) {}

SqliteStore::~SqliteStore() {
  statements_.reset();  // finalize before the connection closes
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       SqliteStoreOptions options) {
  auto database = Database::open(path, options.read_only, options.busy_timeout_ms);
  if (!database) return database.error();
  if (!options.read_only) {
    auto mode = database->query_text("PRAGMA journal_mode = WAL");
    if (!mode) return mode.error();
    if (*mode != "wal" && path != ":memory:") {
      return Error{"wal_unavailable", "journal_mode is " + *mode};
    }
    const Status synchronous = database->execute(
        options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    if (!synchronous) return synchronous.error();
    if (Status migrated = migrate_schema(*database, options.schema_version); !migrated) {
      return migrated.error();
    }
  }
  auto application_id = database->query_int("PRAGMA application_id");
  if (!application_id) return application_id.error();
  if (*application_id != kStoreApplicationId) {
    return Error{"not_a_store", path + " is not a straitwatch store"};
  }
  auto version = sw::store::schema_version(*database);
  if (!version) return version.error();
  if (options.read_only && *version != kLatestSchemaVersion) {
    return Error{"schema_outdated", "open the store for writing once to migrate it"};
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*database), options, *version));
  if (Status prepared = store->prepare_statements(); !prepared) return prepared.error();
  return store;
}

Status SqliteStore::prepare_statements() {
  const auto prepare = [&](Statement& statement, std::string_view sql) -> Status {
    auto prepared = database_.prepare(sql);
    if (!prepared) return prepared.error();
    statement = std::move(*prepared);
    return Ok{};
  };
  Statements& all = *statements_;
  const bool rtree = schema_version_ >= 2;
  const std::string upsert_track = upsert_track_sql();
  const std::string track_history = select_track_history();
  const std::string tracks_in_box = tracks_in_box_sql();
  const std::string list_tracks = select_tracks();
  const std::string observations = select_observations();
  for (const auto& [statement, sql] :
       std::initializer_list<std::pair<Statement*, std::string_view>>{
           {&all.track_history, track_history},
           {&all.list_tracks, list_tracks},
           {&all.observations, observations},
           {&all.sources, kSelectSources},
           {&all.counter_history, kSelectCounter}}) {
    if (Status prepared = prepare(*statement, sql); !prepared) return prepared;
  }
  if (rtree) {
    if (Status prepared = prepare(all.tracks_in_box, tracks_in_box); !prepared) return prepared;
  }
  const bool alerts = schema_version_ >= 3;
  if (alerts) {
    const std::string alert_revisions = select_alert_revisions();
    const std::string alert_history = select_alert_history();
    const std::string open_alerts = select_open_alerts();
    for (const auto& [statement, sql] :
         std::initializer_list<std::pair<Statement*, std::string_view>>{
             {&all.alert_revisions, alert_revisions},
             {&all.alert_history, alert_history},
             {&all.open_alerts, open_alerts}}) {
      if (Status prepared = prepare(*statement, sql); !prepared) return prepared;
    }
  }
  if (options_.read_only) return Ok{};
  for (const auto& [statement, sql] :
       std::initializer_list<std::pair<Statement*, std::string_view>>{
           {&all.upsert_source, kUpsertSource},
           {&all.upsert_track, upsert_track},
           {&all.predecessor, kPredecessor},
           {&all.successor, kSuccessor},
           {&all.upsert_position, kUpsertPosition},
           {&all.close_interval, kCloseInterval},
           {&all.insert_observation, kInsertObservation},
           {&all.upsert_counter, kUpsertCounter}}) {
    if (Status prepared = prepare(*statement, sql); !prepared) return prepared;
  }
  if (rtree) {
    const std::string interval(kIndexInterval);
    if (Status prepared = prepare(all.upsert_rtree, "INSERT OR REPLACE " + interval); !prepared) {
      return prepared;
    }
    if (Status prepared = prepare(all.insert_rtree, "INSERT " + interval); !prepared) {
      return prepared;
    }
  }
  if (alerts) {
    if (Status prepared = prepare(all.upsert_alert, kUpsertAlert); !prepared) return prepared;
  }
  return Ok{};
}

Result<std::string> SqliteStore::journal_mode() {
  return database_.query_text("PRAGMA journal_mode");
}

Status SqliteStore::write(const WriteBatch& batch) {
  if (options_.read_only) return Error{"read_only", "store handle opened read-only"};
  Status written = write_batch(batch);
  if (!written) latest_.clear();  // rolled back: what it remembered of this batch is wrong
  return written;
}

Status SqliteStore::write_batch(const WriteBatch& batch) {
  if (!batch.alerts.empty() && schema_version_ < 3) {
    return Error{"schema_outdated", "alerts need schema 3"};
  }
  Transaction transaction(database_);
  if (Status begun = transaction.begin(); !begun) return begun;
  std::map<std::string, std::uint64_t> rejected;
  std::uint64_t accepted = 0;
  for (const SourceRecord& source : batch.sources) {
    if (Status written = write_source(source); !written) return written;
  }
  // Each track's latest update of the batch (ties: the later one) and its first time.
  struct Span {
    std::size_t latest = 0;
    TimeNs first = 0;
  };
  std::unordered_map<std::uint64_t, Span> spans;
  for (std::size_t index = 0; index < batch.tracks.size(); ++index) {
    const TrackUpdate& update = batch.tracks[index];
    if (const char* defect = update_defect(update); defect != nullptr) {
      ++rejected[defect];
      continue;
    }
    auto [span, inserted] = spans.try_emplace(update.track_id, Span{index, update.time});
    if (!inserted) {
      if (update.time >= batch.tracks[span->second.latest].time) span->second.latest = index;
      span->second.first = std::min(span->second.first, update.time);
    }
    if (Status written = write_position(update); !written) return written;
    ++accepted;
  }
  for (const auto& [track_id, span] : spans) {
    if (Status written = write_track(batch.tracks[span.latest], span.first); !written) {
      return written;
    }
  }
  for (const ObservationRecord& observation : batch.observations) {
    if (Status written = write_observation(observation); !written) return written;
  }
  for (const CounterSample& sample : batch.counters) {
    if (Status written = write_counter(sample); !written) return written;
  }
  std::map<std::string, std::uint64_t> rejected_alerts;
  std::uint64_t accepted_alerts = 0;
  for (const AlertRecord& alert : batch.alerts) {
    if (const char* defect = alert_defect(alert); defect != nullptr) {
      ++rejected_alerts[defect];
      continue;
    }
    if (Status written = write_alert(alert); !written) return written;
    ++accepted_alerts;
  }
  if (Status committed = transaction.commit(); !committed) return committed;
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

Status SqliteStore::write_source(const SourceRecord& source) {
  Statement& statement = statements_->upsert_source;
  statement.reset();
  statement.bind(1, std::string_view(source.source_id));
  statement.bind(2, std::string_view(source.format));
  statement.bind(3, std::string_view(source.description));
  bind_label(statement, 4, source.label);
  return statement.run();
}

Status SqliteStore::write_track(const TrackUpdate& update, TimeNs first_seen) {
  Statement& statement = statements_->upsert_track;
  statement.reset();
  const TrackIdentity& identity = update.identity;
  statement.bind(1, static_cast<std::int64_t>(update.track_id));
  statement.bind(2, static_cast<std::int64_t>(update.track_class));
  if (identity.mmsi) {
    statement.bind(3, static_cast<std::int64_t>(*identity.mmsi));
  } else {
    statement.bind_null(3);
  }
  statement.bind(4, std::string_view(identity.name));
  statement.bind(5, std::string_view(identity.callsign));
  if (identity.ship_type) {
    statement.bind(6, static_cast<std::int64_t>(*identity.ship_type));
  } else {
    statement.bind_null(6);
  }
  if (identity.length_m) {
    statement.bind(7, *identity.length_m);
  } else {
    statement.bind_null(7);
  }
  if (identity.width_m) {
    statement.bind(8, *identity.width_m);
  } else {
    statement.bind_null(8);
  }
  statement.bind(9, std::string_view(identity.asset_id));
  statement.bind(10, static_cast<std::int64_t>(update.time));
  bind_label(statement, 11, update.label);
  statement.bind(17, static_cast<std::int64_t>(first_seen));
  return statement.run();
}

Status SqliteStore::index_interval(std::int64_t rowid, LatLon position, TimeNs from, TimeNs until,
                                   bool first_time) {
  Statement& statement = first_time ? statements_->insert_rtree : statements_->upsert_rtree;
  statement.reset();
  statement.bind(1, rowid);
  statement.bind(2, position.lon);
  statement.bind(3, position.lat);
  statement.bind(4, to_seconds(from));
  statement.bind(5, to_seconds(until));
  return statement.run();
}

Status SqliteStore::find_neighbours(const TrackUpdate& update, std::optional<Position>& predecessor,
                                    std::optional<TimeNs>& successor) {
  Statements& all = *statements_;
  const auto track_id = static_cast<std::int64_t>(update.track_id);
  all.predecessor.reset();
  all.predecessor.bind(1, track_id);
  all.predecessor.bind(2, static_cast<std::int64_t>(update.time));
  auto has_predecessor = all.predecessor.step();
  if (!has_predecessor) return has_predecessor.error();
  if (*has_predecessor) {
    predecessor = Position{all.predecessor.column_int64(0),
                           all.predecessor.column_int64(1),
                           {all.predecessor.column_double(2), all.predecessor.column_double(3)}};
  }
  all.predecessor.reset();

  all.successor.reset();
  all.successor.bind(1, track_id);
  all.successor.bind(2, static_cast<std::int64_t>(update.time));
  auto has_successor = all.successor.step();
  if (!has_successor) return has_successor.error();
  if (*has_successor) successor = all.successor.column_int64(0);
  all.successor.reset();
  return Ok{};
}

Status SqliteStore::write_position(const TrackUpdate& update) {
  std::optional<Position> predecessor;
  std::optional<TimeNs> successor;
  // A track's remembered latest position is the predecessor of a newer update, which has
  // no successor; that position had none either, so it is not in the R*Tree yet.
  bool predecessor_indexed = true;  // not known: insert or replace
  const auto remembered = latest_.find(update.track_id);
  if (remembered != latest_.end() && update.time > remembered->second.time) {
    predecessor = remembered->second;
    predecessor_indexed = false;
  } else if (Status found = find_neighbours(update, predecessor, successor); !found) {
    return found;
  }

  auto stored = store_position(update, successor);
  if (!stored) return stored.error();
  const std::int64_t rowid = *stored;
  if (!successor) latest_[update.track_id] = Position{rowid, update.time, update.position};

  if (predecessor) {
    Statement& close = statements_->close_interval;
    close.reset();
    close.bind(1, predecessor->rowid);
    close.bind(2, static_cast<std::int64_t>(update.time));
    if (Status closed = close.run(); !closed) return closed;
  }
  if (schema_version_ < 2) return Ok{};
  // Only positions with a successor are in the R*Tree: an in-order append indexes its
  // predecessor, an out-of-order one also itself (and re-indexes the shortened predecessor).
  if (successor) {
    if (Status indexed = index_interval(rowid, update.position, update.time, *successor);
        !indexed) {
      return indexed;
    }
  }
  if (predecessor) {
    return index_interval(predecessor->rowid, predecessor->position, predecessor->time, update.time,
                          !predecessor_indexed);
  }
  return Ok{};
}

Result<std::int64_t> SqliteStore::store_position(const TrackUpdate& update,
                                                 std::optional<TimeNs> valid_until) {
  Statement& upsert = statements_->upsert_position;
  upsert.reset();
  upsert.bind(1, static_cast<std::int64_t>(update.track_id));
  upsert.bind(2, static_cast<std::int64_t>(update.time));
  upsert.bind(3, update.position.lat);
  upsert.bind(4, update.position.lon);
  upsert.bind(5, update.velocity.east);
  upsert.bind(6, update.velocity.north);
  upsert.bind(7, update.covariance.ee);
  upsert.bind(8, update.covariance.en);
  upsert.bind(9, update.covariance.nn);
  upsert.bind(10, static_cast<std::int64_t>(update.status));
  if (valid_until) {
    upsert.bind(11, static_cast<std::int64_t>(*valid_until));
  } else {
    upsert.bind_null(11);
  }
  auto returned = upsert.step();
  if (!returned) return returned.error();
  if (!*returned) return Error{"sqlite_error", "position upsert returned no rowid"};
  const std::int64_t rowid = upsert.column_int64(0);
  upsert.reset();
  return rowid;
}

Status SqliteStore::write_observation(const ObservationRecord& observation) {
  Statement& statement = statements_->insert_observation;
  statement.reset();
  statement.bind(1, static_cast<std::int64_t>(observation.time));
  statement.bind(2, std::string_view(observation.source_id));
  statement.bind(3, static_cast<std::int64_t>(observation.kind));
  statement.bind(4, static_cast<std::int64_t>(observation.journal_sequence));
  if (observation.track_id) {
    statement.bind(5, static_cast<std::int64_t>(*observation.track_id));
  } else {
    statement.bind_null(5);
  }
  return statement.run();
}

Status SqliteStore::write_counter(const CounterSample& sample) {
  Statement& statement = statements_->upsert_counter;
  statement.reset();
  statement.bind(1, std::string_view(sample.source_id));
  statement.bind(2, std::string_view(sample.name));
  statement.bind(3, static_cast<std::int64_t>(sample.time));
  statement.bind(4, sample.value);
  return statement.run();
}

Status SqliteStore::write_alert(const AlertRecord& alert) {
  Statement& statement = statements_->upsert_alert;
  statement.reset();
  bind_alert(statement, alert);
  return statement.run();
}

Result<std::vector<TrackPosition>> SqliteStore::track_history(std::uint64_t track_id, TimeNs from,
                                                              TimeNs to) {
  Statement& statement = statements_->track_history;
  statement.reset();
  statement.bind(1, static_cast<std::int64_t>(track_id));
  statement.bind(2, static_cast<std::int64_t>(from));
  statement.bind(3, static_cast<std::int64_t>(to));
  std::vector<TrackPosition> positions;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    positions.push_back(read_position(statement, 0));
  }
  statement.reset();
  return positions;
}

Result<std::vector<TrackRecord>> SqliteStore::tracks_in_box(const BoundingBox& box, TimeNs at,
                                                            TimeNs max_age) {
  if (!(box.min_lat <= box.max_lat && box.min_lon <= box.max_lon)) {
    return Error{"bad_box", "bounding box minimum above maximum (or NaN)"};
  }
  if (schema_version_ < 2) return Error{"schema_outdated", "box queries need schema 2"};
  Statement& statement = statements_->tracks_in_box;
  statement.reset();
  statement.bind(1, box.min_lat);
  statement.bind(2, box.min_lon);
  statement.bind(3, box.max_lat);
  statement.bind(4, box.max_lon);
  statement.bind(5, to_seconds(at));
  statement.bind(6, static_cast<std::int64_t>(at));
  statement.bind(7, static_cast<std::int64_t>(max_age > 0 ? saturating_minus(at, max_age)
                                                          : std::numeric_limits<TimeNs>::min()));
  std::vector<TrackRecord> tracks;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    tracks.push_back(read_track(statement, 0));
  }
  statement.reset();
  return tracks;
}

Result<std::vector<TrackRecord>> SqliteStore::list_tracks() {
  Statement& statement = statements_->list_tracks;
  statement.reset();
  std::vector<TrackRecord> tracks;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    tracks.push_back(read_track(statement, 0));
  }
  statement.reset();
  return tracks;
}

Result<std::vector<ObservationRecord>> SqliteStore::observations(TimeNs from, TimeNs to) {
  Statement& statement = statements_->observations;
  statement.reset();
  statement.bind(1, static_cast<std::int64_t>(from));
  statement.bind(2, static_cast<std::int64_t>(to));
  std::vector<ObservationRecord> records;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    records.push_back(read_observation(statement, 0));
  }
  statement.reset();
  return records;
}

Result<std::vector<SourceRecord>> SqliteStore::sources() {
  Statement& statement = statements_->sources;
  statement.reset();
  std::vector<SourceRecord> records;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    records.push_back(read_source(statement, 0));
  }
  statement.reset();
  return records;
}

Result<std::vector<CounterSample>> SqliteStore::counter_history(const std::string& source_id,
                                                                const std::string& name) {
  Statement& statement = statements_->counter_history;
  statement.reset();
  statement.bind(1, std::string_view(source_id));
  statement.bind(2, std::string_view(name));
  std::vector<CounterSample> samples;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    samples.push_back(CounterSample{statement.column_text(0), statement.column_text(1),
                                    statement.column_int64(2), statement.column_int64(3)});
  }
  statement.reset();
  return samples;
}

Result<std::vector<AlertRecord>> SqliteStore::read_alerts(Statement& statement) {
  std::vector<AlertRecord> alerts;
  while (true) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!*row) break;
    alerts.push_back(read_alert(statement, 0));
  }
  statement.reset();
  return alerts;
}

Result<std::vector<AlertRecord>> SqliteStore::alert_revisions(TimeNs from, TimeNs to) {
  if (schema_version_ < 3) return Error{"schema_outdated", "alerts need schema 3"};
  Statement& statement = statements_->alert_revisions;
  statement.reset();
  statement.bind(1, static_cast<std::int64_t>(from));
  statement.bind(2, static_cast<std::int64_t>(to));
  return read_alerts(statement);
}

Result<std::vector<AlertRecord>> SqliteStore::alert_history(std::uint64_t alert_id) {
  if (schema_version_ < 3) return Error{"schema_outdated", "alerts need schema 3"};
  Statement& statement = statements_->alert_history;
  statement.reset();
  statement.bind(1, static_cast<std::int64_t>(alert_id));
  return read_alerts(statement);
}

Result<std::vector<AlertRecord>> SqliteStore::open_alerts(TimeNs at) {
  if (schema_version_ < 3) return Error{"schema_outdated", "alerts need schema 3"};
  Statement& statement = statements_->open_alerts;
  statement.reset();
  statement.bind(1, static_cast<std::int64_t>(at));
  return read_alerts(statement);
}

Result<RetentionReport> SqliteStore::apply_retention(TimeNs now) {
  if (options_.read_only) return Error{"read_only", "store handle opened read-only"};
  latest_.clear();  // it may delete a track's latest position
  const TimeNs default_cutoff = saturating_minus(now, options_.default_retention);
  RetentionReport report;
  Transaction transaction(database_);
  if (Status begun = transaction.begin(); !begun) return begun.error();

  // Only positions older than the shortest retention in use can go: that bound lets the
  // time index skip everything recent.
  auto shortest = database_.query_int(
      "SELECT COALESCE(MIN(label_retention_s), 0) FROM tracks WHERE label_retention_s > 0");
  if (!shortest) return shortest.error();
  TimeNs latest_cutoff = default_cutoff;
  if (*shortest > 0) {
    const std::int64_t seconds = std::min<std::int64_t>(*shortest, kMaxRetentionSeconds);
    latest_cutoff = std::max(latest_cutoff, saturating_minus(now, seconds * kNsPerSecond));
  }
  auto delete_positions = database_.prepare(
      "DELETE FROM track_positions WHERE rowid IN (SELECT p.rowid FROM track_positions p "
      "JOIN tracks t ON t.track_id = p.track_id WHERE p.time_ns < ?1 AND p.time_ns < "
      "CASE WHEN t.label_retention_s > 0 THEN ?2 - t.label_retention_s * 1000000000 ELSE ?3 END)");
  if (!delete_positions) return delete_positions.error();
  delete_positions->bind(1, static_cast<std::int64_t>(latest_cutoff));
  delete_positions->bind(2, static_cast<std::int64_t>(now));
  delete_positions->bind(3, static_cast<std::int64_t>(default_cutoff));
  if (Status deleted = delete_positions->run(); !deleted) return deleted.error();
  report.positions = static_cast<std::uint64_t>(sqlite3_changes64(database_.handle()));

  if (Status deleted =
          database_.execute("DELETE FROM tracks WHERE NOT EXISTS "
                            "(SELECT 1 FROM track_positions p WHERE p.track_id = tracks.track_id)");
      !deleted) {
    return deleted.error();
  }
  report.tracks = static_cast<std::uint64_t>(sqlite3_changes64(database_.handle()));

  if (schema_version_ >= 3) {
    auto delete_alerts = database_.prepare(
        "DELETE FROM alert_revisions WHERE time_ns < CASE WHEN label_retention_s > 0 "
        "THEN ?1 - label_retention_s * 1000000000 ELSE ?2 END");
    if (!delete_alerts) return delete_alerts.error();
    delete_alerts->bind(1, static_cast<std::int64_t>(now));
    delete_alerts->bind(2, static_cast<std::int64_t>(default_cutoff));
    if (Status deleted = delete_alerts->run(); !deleted) return deleted.error();
    report.alerts = static_cast<std::uint64_t>(sqlite3_changes64(database_.handle()));
  }

  for (const auto& [table, count] :
       {std::pair<const char*, std::uint64_t*>{"observations", &report.observations},
        std::pair<const char*, std::uint64_t*>{"counters", &report.counters}}) {
    auto statement = database_.prepare(std::string("DELETE FROM ") + table + " WHERE time_ns < ?1");
    if (!statement) return statement.error();
    statement->bind(1, static_cast<std::int64_t>(default_cutoff));
    if (Status deleted = statement->run(); !deleted) return deleted.error();
    *count = static_cast<std::uint64_t>(sqlite3_changes64(database_.handle()));
  }
  if (Status committed = transaction.commit(); !committed) return committed.error();
  return report;
}

}  // namespace sw::store
