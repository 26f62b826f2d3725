#pragma once
/// How an AlertRecord is stored in alert_revisions: the column list of the alert queries,
/// the subjects text, and binding a record to / reading it from a statement. Subjects are
/// one text: each track id in decimal followed by ','.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/history_records.h"
#include "store/sqlite/sqlite_handle.h"

namespace sw::store {

/// 19 columns of `alert_revisions a`, in the order of the table.
inline constexpr std::string_view kAlertColumns =
    "a.alert_id, a.revision, a.time_ns, a.kind, a.state, a.severity, a.change, a.actor, "
    "a.region, a.lat, a.lon, a.subjects, a.body_json, a.label_owner, a.label_releasable_to, "
    "a.label_purposes, a.label_sensitivity, a.label_personal_data, a.label_retention_s";
inline constexpr int kAlertColumnCount = 19;

std::string encode_subjects(const std::vector<std::uint64_t>& subjects);
/// Entries that are not decimal numbers (a file edited by hand) are skipped.
std::vector<std::uint64_t> decode_subjects(std::string_view text);

/// Binds kAlertColumns (without the table prefix) at parameters 1 .. 19.
void bind_alert(Statement& statement, const AlertRecord& alert);
/// Reads kAlertColumns from `first_column` on.
AlertRecord read_alert(const Statement& statement, int first_column);

}  // namespace sw::store
