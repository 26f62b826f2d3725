#include "store/open_store.h"

#include "store/sqlite/sqlite_store.h"
#if STRAITWATCH_POSTGRES
#include "store/postgres/postgres_store.h"
#endif

namespace sw::store {

Result<std::unique_ptr<HistoryStore>> open_history_store(const StoreSettings& settings) {
  if (settings.kind == StoreKind::kPostgres) {
#if STRAITWATCH_POSTGRES
    PostgresStoreOptions options;
    options.default_retention = settings.default_retention;
    auto store = PostgresStore::open(settings.postgres, options);
    if (!store) return store.error();
    return std::unique_ptr<HistoryStore>(std::move(*store));
#else
    return Error{"postgres_not_built", "this build has no PostgreSQL store (STRAITWATCH_POSTGRES)"};
#endif
  }
  SqliteStoreOptions options;
  options.default_retention = settings.default_retention;
  auto store = SqliteStore::open(settings.sqlite_path, options);
  if (!store) return store.error();
  return std::unique_ptr<HistoryStore>(std::move(*store));
}

}  // namespace sw::store
