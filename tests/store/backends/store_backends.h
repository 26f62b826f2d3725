#pragma once
/// The store test suite runs on every backend: a value-parameterised fixture whose
/// open_store() gives a fresh, empty store of the backend under test (SQLite: a file in a
/// temporary folder; PostgreSQL: a new database on a real server started once per test
/// process, see tests/support/postgres_server.h). A PostgreSQL server that cannot start
/// fails the test with the reason, never skips it.
///
/// Test names end in /sqlite or /postgresql; ctest runs the PostgreSQL half in one
/// process (test store.postgresql, label postgresql).

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../sqlite/store_test_util.h"
#include "store/sqlite/sqlite_store.h"
#if STRAITWATCH_POSTGRES
#include "store/postgres/postgres_store.h"
#include "support/postgres_server.h"
#endif

namespace sw::store::testing {

enum class Backend { kSqlite, kPostgres };

inline std::vector<Backend> all_backends() {
#if STRAITWATCH_POSTGRES
  return {Backend::kSqlite, Backend::kPostgres};
#else
  return {Backend::kSqlite};
#endif
}

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgresql";
}

/// What a test may set on a fresh store.
struct StoreSettings {
  TimeNs default_retention = 30LL * 86400 * kNsPerSecond;
};

#if STRAITWATCH_POSTGRES
/// The server of this test process, started on first use; nullptr (and `error` says why)
/// when it cannot start.
inline test_support::PostgresServer* shared_postgres_server(std::string& error) {
  static std::unique_ptr<test_support::PostgresServer> server;
  static std::string start_error;
  static bool tried = false;
  if (!tried) {
    tried = true;
    server = std::make_unique<test_support::PostgresServer>();
    start_error = server->start();
    if (!start_error.empty()) server.reset();
  }
  error = start_error;
  return server.get();
}

/// A fresh PostgreSQL store on the shared server, or nullptr with a failure recorded.
inline std::unique_ptr<PostgresStore> open_postgres_store(const StoreSettings& settings = {}) {
  static int databases = 0;
  std::string error;
  test_support::PostgresServer* server = shared_postgres_server(error);
  if (server == nullptr) {
    ADD_FAILURE() << "PostgreSQL test server did not start: " << error;
    return nullptr;
  }
  const std::string name = "store_" + std::to_string(++databases);
  if (std::string made = server->create_database(name); !made.empty()) {
    ADD_FAILURE() << "cannot create database " << name << ": " << made;
    return nullptr;
  }
  PostgresStoreOptions options;
  options.default_retention = settings.default_retention;
  auto store = PostgresStore::open(server->conninfo(name), options);
  if (!store) {
    ADD_FAILURE() << "PostgresStore::open: " << store.error().code << ": " << store.error().detail;
    return nullptr;
  }
  return std::move(*store);
}
#endif

/// The fixture of the suite that runs on every backend.
class StoreBackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  /// A fresh empty store of the backend under test, or nullptr (failure recorded).
  std::unique_ptr<HistoryStore> open_store(const StoreSettings& settings = {}) {
    if (GetParam() == Backend::kSqlite) {
      SqliteStoreOptions options;
      options.default_retention = settings.default_retention;
      return testing::open_store(directory_.sub("store" + std::to_string(++opened_) + ".db"),
                                 options);
    }
#if STRAITWATCH_POSTGRES
    return open_postgres_store(settings);
#else
    return nullptr;
#endif
  }

 private:
  TempDirectory directory_;
  int opened_ = 0;
};

}  // namespace sw::store::testing
