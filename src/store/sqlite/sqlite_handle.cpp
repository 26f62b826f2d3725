#include "store/sqlite/sqlite_handle.h"

#include <sqlite3.h>

#include <utility>

namespace sw::store {

Error sqlite_error(sqlite3* database, int result, std::string_view context) {
  const int primary = result & 0xFF;
  std::string detail(context);
  detail += ": ";
  detail += database != nullptr ? sqlite3_errmsg(database) : sqlite3_errstr(result);
  return Error{primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? "sqlite_busy" : "sqlite_error",
               detail};
}

Statement::~Statement() {
  if (statement_ != nullptr) sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)),
      statement_(std::exchange(other.statement_, nullptr)),
      bind_error_(std::exchange(other.bind_error_, 0)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (statement_ != nullptr) sqlite3_finalize(statement_);
    database_ = std::exchange(other.database_, nullptr);
    statement_ = std::exchange(other.statement_, nullptr);
    bind_error_ = std::exchange(other.bind_error_, 0);
  }
  return *this;
}

void Statement::check_bind(int result) {
  if (result != SQLITE_OK && bind_error_ == 0) bind_error_ = result;
}

void Statement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(statement_, index, value));
}

void Statement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(statement_, index, value));
}

void Statement::bind(int index, std::string_view text) {
  check_bind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8));
}

void Statement::bind_null(int index) { check_bind(sqlite3_bind_null(statement_, index)); }

Result<bool> Statement::step() {
  if (bind_error_ != 0) return sqlite_error(database_, bind_error_, "bind");
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  return sqlite_error(database_, result, sqlite3_sql(statement_));
}

Status Statement::run() {
  while (true) {
    auto stepped = step();
    if (!stepped) return stepped.error();
    if (!*stepped) return Ok{};
  }
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_ = 0;
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

Database::~Database() {
  if (database_ != nullptr) sqlite3_close_v2(database_);
}

Database::Database(Database&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (database_ != nullptr) sqlite3_close_v2(database_);
    database_ = std::exchange(other.database_, nullptr);
  }
  return *this;
}

Result<Database> Database::open(const std::string& path, bool read_only, int busy_timeout_ms) {
  // No memory statistics: they take a process-wide mutex on every allocation. Only
  // possible before SQLite's first use; later calls are refused, harmlessly.
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  static_cast<void>(configured);
  sqlite3* handle = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  const int result = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Database database(handle);
  if (result != SQLITE_OK) return sqlite_error(handle, result, "open " + path);
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, busy_timeout_ms);
  return database;
}

Status Database::execute(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int result = sqlite3_exec(database_, text.c_str(), nullptr, nullptr, &message);
  if (result != SQLITE_OK) {
    Error error = sqlite_error(database_, result, message != nullptr ? message : text);
    sqlite3_free(message);
    return error;
  }
  return Ok{};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int result = sqlite3_prepare_v3(database_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (result != SQLITE_OK) return sqlite_error(database_, result, sql);
  return Statement(database_, statement);
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return Error{"sqlite_error", std::string(sql) + ": no row"};
  return statement->column_int64(0);
}

Result<std::string> Database::query_text(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return Error{"sqlite_error", std::string(sql) + ": no row"};
  return statement->column_text(0);
}

Transaction::~Transaction() {
  if (open_) {
    const Status rolled_back = database_.execute("ROLLBACK");
    static_cast<void>(rolled_back);  // nothing more to do if the rollback fails
  }
}

Status Transaction::begin() {
  Status begun = database_.execute("BEGIN IMMEDIATE");
  open_ = begun.ok();
  return begun;
}

Status Transaction::commit() {
  Status committed = database_.execute("COMMIT");
  if (committed.ok()) open_ = false;
  return committed;
}

}  // namespace sw::store
