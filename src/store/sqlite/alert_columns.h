#pragma once
/// Binding an AlertRecord to the columns of SQLite's alert_revisions (the column list and
/// the reader are shared: store/record_columns.h).

#include "store/history_records.h"
#include "store/record_columns.h"
#include "store/sqlite/sqlite_handle.h"

namespace sw::store {

/// Binds kAlertColumns (without the table prefix) at parameters 1 .. 19.
void bind_alert(Statement& statement, const AlertRecord& alert);

}  // namespace sw::store
