#pragma once
/// The box query of the SQLite store (the column lists and row readers are shared:
/// store/record_columns.h).

#include <string>

#include "store/record_columns.h"

namespace sw::store {

/// The statement of SqliteStore::tracks_in_box (kTrackColumns then kPositionColumns).
std::string tracks_in_box_sql();

}  // namespace sw::store
