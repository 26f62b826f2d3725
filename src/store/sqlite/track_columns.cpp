#include "store/sqlite/track_columns.h"

#include <string>

#include "store/sqlite/label_columns.h"

namespace sw::store {

/// Positions with a successor come from the R*Tree (its float bounds are rounded outwards,
/// the exact test follows); latest positions from tracks_by_last_seen. A track has exactly
/// one position whose interval holds the time, so the two halves never overlap. CROSS JOIN
/// fixes the join order (index first) whatever the planner's statistics say.
/// Parameters: ?1 min_lat ?2 min_lon ?3 max_lat ?4 max_lon ?5 time (s) ?6 time (ns)
/// ?7 oldest position time (ns).
std::string tracks_in_box_sql() {
  const std::string columns = std::string(kTrackColumns) + ", " + std::string(kPositionColumns);
  const std::string exact =
      "AND p.time_ns <= ?6 AND p.time_ns >= ?7 AND p.lat BETWEEN ?1 AND ?3 "
      "AND p.lon BETWEEN ?2 AND ?4 AND p.status != 3 ";
  return "SELECT " + columns +
         " FROM position_rtree r CROSS JOIN track_positions p ON p.rowid = r.id "
         "CROSS JOIN tracks t ON t.track_id = p.track_id "
         "WHERE r.min_lon <= ?4 AND r.max_lon >= ?2 AND r.min_lat <= ?3 AND r.max_lat >= ?1 "
         "AND r.min_t <= ?5 AND r.max_t >= ?5 AND p.valid_until_ns > ?6 " +
         exact + "UNION ALL SELECT " + columns +
         " FROM tracks t CROSS JOIN track_positions p "
         "ON p.track_id = t.track_id AND p.time_ns = t.last_seen_ns "
         "WHERE t.last_seen_ns <= ?6 AND t.last_seen_ns >= ?7 AND p.valid_until_ns IS NULL " +
         exact + "ORDER BY 1";
}

TrackStatus track_status_from(std::int64_t value) {
  if (value >= 0 && value <= static_cast<std::int64_t>(TrackStatus::kDeleted)) {
    return static_cast<TrackStatus>(value);
  }
  return TrackStatus::kTentative;
}

TrackClass track_class_from(std::int64_t value) {
  if (value >= 0 && value <= static_cast<std::int64_t>(TrackClass::kAsset)) {
    return static_cast<TrackClass>(value);
  }
  return TrackClass::kDark;
}

TrackPosition read_position(const Statement& statement, int first_column) {
  TrackPosition position;
  position.track_id = static_cast<std::uint64_t>(statement.column_int64(first_column));
  position.time = statement.column_int64(first_column + 1);
  position.position.lat = statement.column_double(first_column + 2);
  position.position.lon = statement.column_double(first_column + 3);
  position.velocity.east = statement.column_double(first_column + 4);
  position.velocity.north = statement.column_double(first_column + 5);
  position.covariance.ee = statement.column_double(first_column + 6);
  position.covariance.en = statement.column_double(first_column + 7);
  position.covariance.nn = statement.column_double(first_column + 8);
  position.status = track_status_from(statement.column_int64(first_column + 9));
  return position;
}

TrackRecord read_track(const Statement& statement, int first_column) {
  TrackRecord track;
  const int column = first_column;
  track.track_id = static_cast<std::uint64_t>(statement.column_int64(column));
  track.track_class = track_class_from(statement.column_int64(column + 1));
  TrackIdentity& identity = track.identity;
  if (!statement.is_null(column + 2)) {
    identity.mmsi = static_cast<std::uint32_t>(statement.column_int64(column + 2));
  }
  identity.name = statement.column_text(column + 3);
  identity.callsign = statement.column_text(column + 4);
  if (!statement.is_null(column + 5)) {
    identity.ship_type = static_cast<std::uint8_t>(statement.column_int64(column + 5));
  }
  if (!statement.is_null(column + 6)) identity.length_m = statement.column_double(column + 6);
  if (!statement.is_null(column + 7)) identity.width_m = statement.column_double(column + 7);
  identity.asset_id = statement.column_text(column + 8);
  track.first_seen = statement.column_int64(column + 9);
  track.last_seen = statement.column_int64(column + 10);
  track.label = read_label(statement, column + 11);
  track.position = read_position(statement, column + kTrackColumnCount);
  return track;
}

ObservationRecord read_observation(const Statement& statement, int first_column) {
  ObservationRecord record;
  record.time = statement.column_int64(first_column);
  record.source_id = statement.column_text(first_column + 1);
  const std::int64_t kind = statement.column_int64(first_column + 2);
  record.kind = kind >= 0 && kind <= static_cast<std::int64_t>(ObservationKind::kDistressReport)
                    ? static_cast<ObservationKind>(kind)
                    : ObservationKind::kSighting;
  record.journal_sequence = static_cast<std::uint64_t>(statement.column_int64(first_column + 3));
  if (!statement.is_null(first_column + 4)) {
    record.track_id = static_cast<std::uint64_t>(statement.column_int64(first_column + 4));
  }
  return record;
}

}  // namespace sw::store
