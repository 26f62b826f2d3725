#pragma once
/// Thin RAII wrappers over the SQLite C API: a connection, prepared statements whose bind
/// errors surface at step(), and a transaction guard that rolls back unless committed.
/// Errors carry the code "sqlite_error" (or "sqlite_busy") and SQLite's message.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sw::store {

/// One prepared statement; reusable through reset().
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* database, sqlite3_stmt* statement)
      : database_(database), statement_(statement) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  /// Parameters are 1-based. The first failing bind is reported by step().
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  void bind(int index, std::string_view text);
  void bind_null(int index);

  /// true: a row is available; false: done.
  Result<bool> step();
  /// Runs to completion, ignoring rows.
  Status run();
  /// Resets for re-execution and clears bindings.
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;

 private:
  void check_bind(int result);

  sqlite3* database_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  int bind_error_ = 0;
};

/// One connection.
class Database {
 public:
  Database() = default;
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Opens (creating unless `read_only`) with extended error codes and a busy timeout.
  static Result<Database> open(const std::string& path, bool read_only, int busy_timeout_ms);

  /// Runs one or more statements without results.
  Status execute(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  /// A single integer from a one-row query (e.g. a PRAGMA).
  Result<std::int64_t> query_int(std::string_view sql);
  /// A single text value from a one-row query.
  Result<std::string> query_text(std::string_view sql);

  sqlite3* handle() const { return database_; }

 private:
  explicit Database(sqlite3* database) : database_(database) {}
  sqlite3* database_ = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& database) : database_(database) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin();
  Status commit();

 private:
  Database& database_;
  bool open_ = false;
};

/// An Error from the connection's last failure.
Error sqlite_error(sqlite3* database, int result, std::string_view context);

}  // namespace sw::store
