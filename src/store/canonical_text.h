#pragma once
/// Text forms of the canonical store dump, shared by every backend so that dumps of
/// different backends compare equal.
///
/// Dump layout: one line `# straitwatch store dump 2`, then for each table in the order
/// sources, tracks, track_positions, observations, counters, alerts a line
/// `[table] col col ...` followed by its rows sorted by key, one per line, fields
/// separated by TAB. Text is escaped (\\, \t, \n, \r, other control bytes as \xHH); NULL
/// is \N; enums are their to_string names; numbers have fixed decimals (lat/lon 9,
/// velocity and covariance 6, dimensions 3) with negative zero printed as zero. Alerts
/// are sorted by (alert_id, revision); their subjects are track ids each followed by ','.
///
/// Versions: 1 without alerts; 2 adds the alerts table.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sw::store {

inline constexpr std::string_view kDumpHeader = "# straitwatch store dump 2";
inline constexpr std::string_view kDumpNull = "\\N";

/// Escapes TAB, newlines, backslash and control bytes.
std::string dump_text(std::string_view text);
/// printf("%.*f") without a negative zero.
std::string dump_fixed(double value, int decimals);
std::string dump_optional_fixed(const std::optional<double>& value, int decimals);
std::string dump_optional_integer(const std::optional<std::int64_t>& value);

}  // namespace sw::store
