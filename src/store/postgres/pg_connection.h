#pragma once
/// Thin RAII wrappers over libpq: a connection, its results read in binary, statement
/// parameters sent in binary (scalars, or whole columns as one-dimensional arrays), and
/// rows for COPY ... FROM STDIN (FORMAT binary). Values never become SQL text: every
/// statement with values goes through PQexecParams.
///
/// Error codes: "postgres_unavailable" (no connection, or the server went away: the
/// detail has libpq's message), "postgres_error" (a statement failed: the detail has the
/// SQLSTATE and the server's message).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace sw::store {

/// A one-dimensional array (int8[], float8[] or bytea[]) built element by element: one
/// parameter carrying a whole column of a batch, read with unnest() on the server.
class PgArray {
 public:
  enum class Type { kInt8, kFloat8, kBytea };
  explicit PgArray(Type type) : type_(type) {}
  void add(std::int64_t value);            ///< an int8[] element
  void add(double value);                  ///< a float8[] element
  void add_bytes(std::string_view bytes);  ///< a bytea[] element
  void add_null();
  Type type() const { return type_; }
  std::size_t size() const { return size_; }
  /// The SQL type of the array ("int8[]", "float8[]", "bytea[]").
  std::string_view sql_type() const;

 private:
  friend class PgParams;
  Type type_;
  std::string elements_;  ///< each: length (int32, -1 for NULL), then the bytes
  std::size_t size_ = 0;
  bool has_null_ = false;
};

/// Parameters of one statement, each sent in binary (text only where asked).
class PgParams {
 public:
  void add(std::int64_t value);            ///< int8
  void add(double value);                  ///< float8
  void add_bytes(std::string_view bytes);  ///< bytea
  void add_text(std::string_view text);    ///< text (must not hold NUL)
  void add_null();                         ///< NULL of the type the server infers
  void add_array(const PgArray& array);    ///< the whole array, in binary
  int size() const { return static_cast<int>(offsets_.size()); }

 private:
  friend class PgConnection;
  void push(std::string_view bytes, unsigned type, int format);

  std::string buffer_;
  std::vector<std::int64_t> offsets_;  ///< into buffer_; -1: NULL
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<unsigned> types_;
};

class PgResult;

/// One row of a PgResult, read as SQLite's Statement reads a row (so the shared readers
/// of store/record_columns.h work on both). NULL reads as 0, 0.0 or "".
class PgRow {
 public:
  PgRow(const PgResult& result, int row) : result_(&result), row_(row) {}
  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;

 private:
  const PgResult* result_;
  int row_;
};

/// One result; freed on destruction.
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  PgRow row(int index) const { return PgRow(*this, index); }
  /// Rows an INSERT, UPDATE or DELETE touched.
  std::uint64_t affected_rows() const;
  pg_result* handle() const { return result_; }

 private:
  pg_result* result_ = nullptr;
};

/// Binary COPY data: header, rows of fields, trailer.
class PgCopyRows {
 public:
  PgCopyRows();
  void begin_row(int fields);
  void add(std::int64_t value);
  void add(double value);
  void add_bytes(std::string_view bytes);
  void add_null();
  std::size_t rows() const { return rows_; }
  /// The data with the trailer (call once, after the last row).
  const std::string& finish();

 private:
  std::string data_;
  std::size_t rows_ = 0;
};

/// One connection to a PostgreSQL server.
class PgConnection {
 public:
  PgConnection() = default;
  ~PgConnection();
  PgConnection(PgConnection&& other) noexcept;
  PgConnection& operator=(PgConnection&& other) noexcept;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  /// Connects with a libpq conninfo string ("host=... port=... dbname=...") or URI.
  static Result<PgConnection> connect(const std::string& conninfo);

  /// Runs one or more statements without parameters (simple query protocol).
  Status execute(std::string_view sql);
  /// Runs one statement with binary parameters; rows come back in binary.
  Result<PgResult> query(std::string_view sql, const PgParams& params = {});
  /// Runs `sql` (a COPY ... FROM STDIN (FORMAT binary)) and sends `rows`.
  Status copy_in(std::string_view sql, PgCopyRows& rows);

  /// Whether the connection is up (as far as libpq knows).
  bool connected() const;
  /// Reconnects with the same parameters; false if the server is still away.
  bool reset();
  /// libpq's last message for this connection.
  std::string last_message() const;

 private:
  explicit PgConnection(pg_conn* connection) : connection_(connection) {}
  Error error(pg_result* result, std::string_view context) const;

  pg_conn* connection_ = nullptr;
};

}  // namespace sw::store
