#pragma once
/// How the history records are laid out in table columns, shared by every SQL backend:
/// the column lists of the track, position and alert queries, the text forms of a label's
/// releasable-to list and an alert's subjects, and readers that turn a result row back
/// into records. The readers are templates over a row type with is_null(column),
/// column_int64(column), column_double(column) and column_text(column) (SQLite's
/// Statement, PostgreSQL's PgRow). Unknown enum values in a row (written by a newer
/// build) read as the most conservative value.
///
/// A Label is six columns (label_owner, label_releasable_to, label_purposes,
/// label_sensitivity, label_personal_data, label_retention_s). releasable_to is one text:
/// each entry followed by ',' with '\' and ',' inside entries escaped by '\'. Subjects
/// are one text: each track id in decimal followed by ','.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/label.h"
#include "store/history_records.h"
#include "store/track_update.h"

namespace sw::store {

inline constexpr int kLabelColumnCount = 6;
/// Longest retention kept (100 years); longer ones are stored as this.
inline constexpr std::int64_t kMaxRetentionSeconds = 100LL * 365 * 86400;

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

/// 19 columns of `alert_revisions a`, in the order of the table.
inline constexpr std::string_view kAlertColumns =
    "a.alert_id, a.revision, a.time_ns, a.kind, a.state, a.severity, a.change, a.actor, "
    "a.region, a.lat, a.lon, a.subjects, a.body_json, a.label_owner, a.label_releasable_to, "
    "a.label_purposes, a.label_sensitivity, a.label_personal_data, a.label_retention_s";
inline constexpr int kAlertColumnCount = 19;

/// The five columns of an observation, in the order read_observation expects.
inline constexpr std::string_view kObservationColumns =
    "time_ns, source_id, kind, journal_sequence, track_id";

std::string encode_releasable_to(const std::vector<std::string>& entries);
std::vector<std::string> decode_releasable_to(std::string_view text);

std::string encode_subjects(const std::vector<std::uint64_t>& subjects);
/// Entries that are not decimal numbers (a store edited by hand) are skipped.
std::vector<std::uint64_t> decode_subjects(std::string_view text);

/// The retention stored for a label: negative as 0 (node default), longer than
/// kMaxRetentionSeconds as that.
std::int64_t stored_retention(std::int64_t retention_s);

TrackStatus track_status_from(std::int64_t value);
TrackClass track_class_from(std::int64_t value);
ObservationKind observation_kind_from(std::int64_t value);
/// An unknown sensitivity reads as kRed (the most restrictive).
Sensitivity sensitivity_from(std::int64_t value);

/// Reads the six label columns from first_column on.
template <typename Row>
Label read_label(const Row& row, int first_column) {
  Label label;
  label.owner = row.column_text(first_column);
  label.releasable_to = decode_releasable_to(row.column_text(first_column + 1));
  label.purposes = static_cast<std::uint8_t>(row.column_int64(first_column + 2) & 0xFF);
  label.sensitivity = sensitivity_from(row.column_int64(first_column + 3));
  label.personal_data = row.column_int64(first_column + 4) != 0;
  label.retention_s = row.column_int64(first_column + 5);
  return label;
}

/// Reads kPositionColumns from `first_column` on.
template <typename Row>
TrackPosition read_position(const Row& row, int first_column) {
  TrackPosition position;
  position.track_id = static_cast<std::uint64_t>(row.column_int64(first_column));
  position.time = row.column_int64(first_column + 1);
  position.position.lat = row.column_double(first_column + 2);
  position.position.lon = row.column_double(first_column + 3);
  position.velocity.east = row.column_double(first_column + 4);
  position.velocity.north = row.column_double(first_column + 5);
  position.covariance.ee = row.column_double(first_column + 6);
  position.covariance.en = row.column_double(first_column + 7);
  position.covariance.nn = row.column_double(first_column + 8);
  position.status = track_status_from(row.column_int64(first_column + 9));
  return position;
}

/// Reads kTrackColumns from `first_column` on, without a position.
template <typename Row>
TrackRecord read_track_row(const Row& row, int first_column) {
  TrackRecord track;
  const int column = first_column;
  track.track_id = static_cast<std::uint64_t>(row.column_int64(column));
  track.track_class = track_class_from(row.column_int64(column + 1));
  TrackIdentity& identity = track.identity;
  if (!row.is_null(column + 2)) {
    identity.mmsi = static_cast<std::uint32_t>(row.column_int64(column + 2));
  }
  identity.name = row.column_text(column + 3);
  identity.callsign = row.column_text(column + 4);
  if (!row.is_null(column + 5)) {
    identity.ship_type = static_cast<std::uint8_t>(row.column_int64(column + 5));
  }
  if (!row.is_null(column + 6)) identity.length_m = row.column_double(column + 6);
  if (!row.is_null(column + 7)) identity.width_m = row.column_double(column + 7);
  identity.asset_id = row.column_text(column + 8);
  track.first_seen = row.column_int64(column + 9);
  track.last_seen = row.column_int64(column + 10);
  track.label = read_label(row, column + 11);
  return track;
}

/// Reads kTrackColumns and then kPositionColumns from `first_column` on.
template <typename Row>
TrackRecord read_track(const Row& row, int first_column) {
  TrackRecord track = read_track_row(row, first_column);
  track.position = read_position(row, first_column + kTrackColumnCount);
  return track;
}

/// Reads kObservationColumns from `first_column` on.
template <typename Row>
ObservationRecord read_observation(const Row& row, int first_column) {
  ObservationRecord record;
  record.time = row.column_int64(first_column);
  record.source_id = row.column_text(first_column + 1);
  record.kind = observation_kind_from(row.column_int64(first_column + 2));
  record.journal_sequence = static_cast<std::uint64_t>(row.column_int64(first_column + 3));
  if (!row.is_null(first_column + 4)) {
    record.track_id = static_cast<std::uint64_t>(row.column_int64(first_column + 4));
  }
  return record;
}

/// Reads kAlertColumns from `first_column` on.
template <typename Row>
AlertRecord read_alert(const Row& row, int first_column) {
  AlertRecord alert;
  const int column = first_column;
  alert.alert_id = static_cast<std::uint64_t>(row.column_int64(column));
  alert.revision = static_cast<std::uint32_t>(row.column_int64(column + 1));
  alert.time = row.column_int64(column + 2);
  alert.kind = row.column_text(column + 3);
  alert.state = row.column_text(column + 4);
  alert.severity = static_cast<std::int32_t>(row.column_int64(column + 5));
  alert.change = row.column_text(column + 6);
  alert.actor = row.column_text(column + 7);
  alert.region = row.column_text(column + 8);
  alert.position.lat = row.column_double(column + 9);
  alert.position.lon = row.column_double(column + 10);
  alert.subjects = decode_subjects(row.column_text(column + 11));
  alert.body_json = row.column_text(column + 12);
  alert.label = read_label(row, column + 13);
  return alert;
}

/// Reads source_id, format, description and the label columns.
template <typename Row>
SourceRecord read_source(const Row& row, int first_column) {
  SourceRecord source;
  source.source_id = row.column_text(first_column);
  source.format = row.column_text(first_column + 1);
  source.description = row.column_text(first_column + 2);
  source.label = read_label(row, first_column + 3);
  return source;
}

}  // namespace sw::store
