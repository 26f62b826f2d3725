#pragma once
/// Column lists of the track queries and the readers that turn a result row back into
/// TrackRecord, TrackPosition and ObservationRecord. Unknown enum values in a row (a file
/// written by a newer build) read as the most conservative value.

#include <string>
#include <string_view>

#include "store/history_records.h"
#include "store/sqlite/sqlite_handle.h"
#include "store/track_update.h"

namespace sw::store {

/// 17 columns of `tracks t`.
inline constexpr std::string_view kTrackColumns =
    "t.track_id, t.class, t.mmsi, t.name, t.callsign, t.ship_type, t.length_m, t.width_m, "
    "t.asset_id, t.first_seen_ns, t.last_seen_ns, t.label_owner, t.label_releasable_to, "
    "t.label_purposes, t.label_sensitivity, t.label_personal_data, t.label_retention_s";
inline constexpr int kTrackColumnCount = 17;

/// 10 columns of `track_positions p`.
inline constexpr std::string_view kPositionColumns =
    "p.track_id, p.time_ns, p.lat, p.lon, p.vel_east, p.vel_north, p.cov_ee, p.cov_en, "
    "p.cov_nn, p.status";

/// The statement of SqliteStore::tracks_in_box (kTrackColumns then kPositionColumns).
std::string tracks_in_box_sql();

/// Reads kPositionColumns from `first_column` on.
TrackPosition read_position(const Statement& statement, int first_column);
/// Reads kTrackColumns and then kPositionColumns from `first_column` on.
TrackRecord read_track(const Statement& statement, int first_column);
/// Reads time_ns, source_id, kind, journal_sequence, track_id.
ObservationRecord read_observation(const Statement& statement, int first_column);

TrackStatus track_status_from(std::int64_t value);
TrackClass track_class_from(std::int64_t value);

}  // namespace sw::store
