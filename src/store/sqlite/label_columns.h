#pragma once
/// Binding a Label to the six label columns of a SQLite statement (the column layout and
/// the readers are shared: store/record_columns.h).

#include "core/label.h"
#include "store/record_columns.h"
#include "store/sqlite/sqlite_handle.h"

namespace sw::store {

/// Binds the six label columns at parameters first_index .. first_index + 5, the
/// retention as stored_retention() gives it.
void bind_label(Statement& statement, int first_index, const Label& label);

}  // namespace sw::store
