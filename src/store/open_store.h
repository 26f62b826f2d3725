#pragma once
/// Opening a node's history store from its settings (what `[store]` configures), for
/// whoever needs a handle of it: the engine's writer and the server's readers each open
/// their own (a handle belongs to one thread at a time; a PostgreSQL handle is its own
/// connection).

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace sw::store {

enum class StoreKind : std::uint8_t { kSqlite, kPostgres };

/// Which store a node keeps its history in, and where.
struct StoreSettings {
  StoreKind kind = StoreKind::kSqlite;
  std::string sqlite_path;  ///< kSqlite: the database file
  std::string postgres;     ///< kPostgres: a libpq conninfo string or URI
  TimeNs default_retention = 30LL * 86400 * kNsPerSecond;  ///< for labels with retention_s 0
};

/// A new handle of the store `settings` name. Error codes: those of SqliteStore::open
/// and PostgresStore::open, and "postgres_not_built" for kPostgres in a build without
/// the PostgreSQL store.
Result<std::unique_ptr<HistoryStore>> open_history_store(const StoreSettings& settings);

}  // namespace sw::store
