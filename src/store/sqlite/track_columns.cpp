#include "store/sqlite/track_columns.h"

#include <string>

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

}  // namespace sw::store
