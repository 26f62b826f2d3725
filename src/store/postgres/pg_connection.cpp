#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "core/shared_library.h"

namespace sw::store {
namespace {

// libpq, opened when a PostgreSQL store is first connected (core/shared_library.h).
// clang-format off
#define SW_LIBPQ_FUNCTIONS(X) \
  X(PQclear)               \
  X(PQcmdTuples)           \
  X(PQconnectdb)           \
  X(PQerrorMessage)        \
  X(PQexec)                \
  X(PQexecParams)          \
  X(PQfinish)              \
  X(PQftype)               \
  X(PQgetResult)           \
  X(PQgetisnull)           \
  X(PQgetlength)           \
  X(PQgetvalue)            \
  X(PQntuples)             \
  X(PQputCopyData)         \
  X(PQputCopyEnd)          \
  X(PQreset)               \
  X(PQresultErrorField)    \
  X(PQresultErrorMessage)  \
  X(PQresultStatus)        \
  X(PQsetNoticeProcessor)  \
  X(PQstatus)
// clang-format on
struct LibpqApi {
  SW_LIBPQ_FUNCTIONS(SW_SHARED_API_MEMBER)
};
Status bind_libpq(void* library, const char* soname, LibpqApi& api) {
  SW_LIBPQ_FUNCTIONS(SW_SHARED_API_BIND)
  return Ok{};
}
Result<const LibpqApi*> load_libpq() {
  return load_shared_api<LibpqApi>(SW_LIBPQ_SONAME, bind_libpq);
}
/// libpq's functions: every caller holds a connection or result, which exist only once
/// load_libpq() has succeeded (PgConnection::connect).
const LibpqApi& pq() { return *load_libpq().value(); }

// Type OIDs of the built-in types (catalog/pg_type_d.h, stable across versions).
constexpr unsigned kBoolOid = 16;
constexpr unsigned kByteaOid = 17;
constexpr unsigned kInt8Oid = 20;
constexpr unsigned kInt2Oid = 21;
constexpr unsigned kInt4Oid = 23;
constexpr unsigned kTextOid = 25;
constexpr unsigned kFloat4Oid = 700;
constexpr unsigned kFloat8Oid = 701;
constexpr unsigned kByteaArrayOid = 1001;
constexpr unsigned kInt8ArrayOid = 1016;
constexpr unsigned kFloat8ArrayOid = 1022;

template <typename T>
void append_big_endian(std::string& out, T value) {
  for (int shift = static_cast<int>(sizeof(T) * 8) - 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> shift) & 0xFFU));
  }
}

std::uint64_t read_big_endian(const char* bytes, int length) {
  std::uint64_t value = 0;
  for (int index = 0; index < length; ++index) {
    value = (value << 8U) | static_cast<unsigned char>(bytes[index]);
  }
  return value;
}

std::string message_of(const PGconn* connection) {
  std::string message = connection != nullptr ? pq().PQerrorMessage(connection) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

// --- PgParams -----------------------------------------------------------------------

void PgParams::push(std::string_view bytes, unsigned type, int format) {
  offsets_.push_back(static_cast<std::int64_t>(buffer_.size()));
  buffer_.append(bytes);
  buffer_.push_back('\0');  // text parameters are read up to a NUL
  lengths_.push_back(static_cast<int>(bytes.size()));
  formats_.push_back(format);
  types_.push_back(type);
}

void PgParams::add(std::int64_t value) {
  std::string bytes;
  append_big_endian(bytes, static_cast<std::uint64_t>(value));
  push(bytes, kInt8Oid, 1);
}

void PgParams::add(double value) {
  std::string bytes;
  append_big_endian(bytes, std::bit_cast<std::uint64_t>(value));
  push(bytes, kFloat8Oid, 1);
}

void PgParams::add_bytes(std::string_view bytes) { push(bytes, kByteaOid, 1); }

void PgParams::add_text(std::string_view text) { push(text, kTextOid, 0); }

void PgParams::add_null() {
  offsets_.push_back(-1);
  lengths_.push_back(0);
  formats_.push_back(1);
  types_.push_back(0);
}

void PgParams::add_array(const PgArray& array) {
  // array_recv's format: dimensions, has-NULL flag, element type, then per dimension its
  // length and lower bound, then the elements. No elements: no dimensions.
  std::string bytes;
  const bool empty = array.size_ == 0;
  append_big_endian(bytes, std::uint32_t{empty ? 0U : 1U});
  append_big_endian(bytes, std::uint32_t{array.has_null_ ? 1U : 0U});
  unsigned element_type = kInt8Oid;
  unsigned array_type = kInt8ArrayOid;
  switch (array.type_) {
    case PgArray::Type::kInt8: break;
    case PgArray::Type::kFloat8:
      element_type = kFloat8Oid;
      array_type = kFloat8ArrayOid;
      break;
    case PgArray::Type::kBytea:
      element_type = kByteaOid;
      array_type = kByteaArrayOid;
      break;
  }
  append_big_endian(bytes, std::uint32_t{element_type});
  if (!empty) {
    append_big_endian(bytes, static_cast<std::uint32_t>(array.size_));
    append_big_endian(bytes, std::uint32_t{1});  // lower bound
  }
  bytes.append(array.elements_);
  push(bytes, array_type, 1);
}

// --- PgArray ------------------------------------------------------------------------

void PgArray::add(std::int64_t value) {
  append_big_endian(elements_, std::uint32_t{8});
  append_big_endian(elements_, static_cast<std::uint64_t>(value));
  ++size_;
}

void PgArray::add(double value) {
  append_big_endian(elements_, std::uint32_t{8});
  append_big_endian(elements_, std::bit_cast<std::uint64_t>(value));
  ++size_;
}

void PgArray::add_bytes(std::string_view bytes) {
  append_big_endian(elements_, static_cast<std::uint32_t>(bytes.size()));
  elements_.append(bytes);
  ++size_;
}

void PgArray::add_null() {
  append_big_endian(elements_, std::uint32_t{0xFFFFFFFFU});
  has_null_ = true;
  ++size_;
}

std::string_view PgArray::sql_type() const {
  switch (type_) {
    case Type::kInt8: return "int8[]";
    case Type::kFloat8: return "float8[]";
    case Type::kBytea: return "bytea[]";
  }
  return "int8[]";
}

// --- PgRow / PgResult ---------------------------------------------------------------

bool PgRow::is_null(int column) const {
  return pq().PQgetisnull(result_->handle(), row_, column) != 0;
}

std::int64_t PgRow::column_int64(int column) const {
  PGresult* result = result_->handle();
  if (pq().PQgetisnull(result, row_, column) != 0) return 0;
  const char* bytes = pq().PQgetvalue(result, row_, column);
  const int length = pq().PQgetlength(result, row_, column);
  switch (pq().PQftype(result, column)) {
    case kInt8Oid:
      if (length == 8) return static_cast<std::int64_t>(read_big_endian(bytes, 8));
      return 0;
    case kInt4Oid:
      if (length == 4) return static_cast<std::int32_t>(read_big_endian(bytes, 4));
      return 0;
    case kInt2Oid:
      if (length == 2) return static_cast<std::int16_t>(read_big_endian(bytes, 2));
      return 0;
    case kBoolOid: return length == 1 && bytes[0] != 0 ? 1 : 0;
    default: return 0;
  }
}

double PgRow::column_double(int column) const {
  PGresult* result = result_->handle();
  if (pq().PQgetisnull(result, row_, column) != 0) return 0.0;
  const char* bytes = pq().PQgetvalue(result, row_, column);
  const int length = pq().PQgetlength(result, row_, column);
  const unsigned type = pq().PQftype(result, column);
  if (type == kFloat8Oid && length == 8) {
    return std::bit_cast<double>(read_big_endian(bytes, 8));
  }
  if (type == kFloat4Oid && length == 4) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(read_big_endian(bytes, 4)));
  }
  return static_cast<double>(column_int64(column));
}

std::string PgRow::column_text(int column) const {
  PGresult* result = result_->handle();
  if (pq().PQgetisnull(result, row_, column) != 0) return {};
  return std::string(pq().PQgetvalue(result, row_, column),
                     static_cast<std::size_t>(pq().PQgetlength(result, row_, column)));
}

PgResult::~PgResult() {
  if (result_ != nullptr) pq().PQclear(result_);
}

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) pq().PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int PgResult::rows() const { return result_ != nullptr ? pq().PQntuples(result_) : 0; }

std::uint64_t PgResult::affected_rows() const {
  if (result_ == nullptr) return 0;
  const char* text = pq().PQcmdTuples(result_);
  std::uint64_t count = 0;
  for (; *text >= '0' && *text <= '9'; ++text) {
    count = count * 10 + static_cast<std::uint64_t>(*text - '0');
  }
  return count;
}

// --- PgCopyRows ---------------------------------------------------------------------

PgCopyRows::PgCopyRows() {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";
  data_.append(kSignature, sizeof(kSignature));  // 11 bytes with the final NUL
  append_big_endian(data_, std::uint32_t{0});    // flags
  append_big_endian(data_, std::uint32_t{0});    // header extension length
}

void PgCopyRows::begin_row(int fields) {
  append_big_endian(data_, static_cast<std::uint16_t>(fields));
  ++rows_;
}

void PgCopyRows::add(std::int64_t value) {
  append_big_endian(data_, std::uint32_t{8});
  append_big_endian(data_, static_cast<std::uint64_t>(value));
}

void PgCopyRows::add(double value) {
  append_big_endian(data_, std::uint32_t{8});
  append_big_endian(data_, std::bit_cast<std::uint64_t>(value));
}

void PgCopyRows::add_bytes(std::string_view bytes) {
  append_big_endian(data_, static_cast<std::uint32_t>(bytes.size()));
  data_.append(bytes);
}

void PgCopyRows::add_null() { append_big_endian(data_, std::uint32_t{0xFFFFFFFFU}); }

const std::string& PgCopyRows::finish() {
  append_big_endian(data_, std::uint16_t{0xFFFFU});
  return data_;
}

// --- PgConnection -------------------------------------------------------------------

PgConnection::~PgConnection() {
  if (connection_ != nullptr) pq().PQfinish(connection_);
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
  if (this != &other) {
    if (connection_ != nullptr) pq().PQfinish(connection_);
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Result<PgConnection> PgConnection::connect(const std::string& conninfo) {
  if (auto loaded = load_libpq(); !loaded) return loaded.error();
  PGconn* raw = pq().PQconnectdb(conninfo.c_str());
  PgConnection connection(raw);
  if (raw == nullptr || pq().PQstatus(raw) != CONNECTION_OK) {
    return Error{"postgres_unavailable", "cannot connect: " + message_of(raw)};
  }
  // Notices (e.g. "extension already exists") are not errors: keep them off stderr.
  pq().PQsetNoticeProcessor(
      raw, [](void* /*arg*/, const char* /*message*/) {}, nullptr);
  return connection;
}

bool PgConnection::connected() const {
  return connection_ != nullptr && pq().PQstatus(connection_) == CONNECTION_OK;
}

bool PgConnection::reset() {
  if (connection_ == nullptr) return false;
  pq().PQreset(connection_);
  return connected();
}

std::string PgConnection::last_message() const { return message_of(connection_); }

Error PgConnection::error(PGresult* result, std::string_view context) const {
  if (!connected()) {
    return Error{"postgres_unavailable", std::string(context) + ": " + message_of(connection_)};
  }
  std::string detail(context);
  const char* state =
      result != nullptr ? pq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr) detail += std::string(" [") + state + "]";
  const char* message = result != nullptr ? pq().PQresultErrorMessage(result) : nullptr;
  detail += ": ";
  detail += message != nullptr && *message != '\0' ? message : message_of(connection_);
  while (!detail.empty() && detail.back() == '\n') detail.pop_back();
  return Error{"postgres_error", detail};
}

Status PgConnection::execute(std::string_view sql) {
  if (connection_ == nullptr) return Error{"postgres_unavailable", "not connected"};
  const std::string text(sql);
  PgResult result(pq().PQexec(connection_, text.c_str()));
  const ExecStatusType status =
      result.handle() != nullptr ? pq().PQresultStatus(result.handle()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return error(result.handle(), "statement failed");
  }
  return Ok{};
}

Result<PgResult> PgConnection::query(std::string_view sql, const PgParams& params) {
  if (connection_ == nullptr) return Error{"postgres_unavailable", "not connected"};
  const std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.offsets_.size());
  for (const std::int64_t offset : params.offsets_) {
    values.push_back(offset < 0 ? nullptr : params.buffer_.data() + offset);
  }
  PgResult result(pq().PQexecParams(connection_, text.c_str(), params.size(),
                                    params.types_.empty() ? nullptr : params.types_.data(),
                                    values.empty() ? nullptr : values.data(),
                                    params.lengths_.empty() ? nullptr : params.lengths_.data(),
                                    params.formats_.empty() ? nullptr : params.formats_.data(), 1));
  const ExecStatusType status =
      result.handle() != nullptr ? pq().PQresultStatus(result.handle()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return error(result.handle(), "query failed");
  }
  return result;
}

Status PgConnection::copy_in(std::string_view sql, PgCopyRows& rows) {
  if (connection_ == nullptr) return Error{"postgres_unavailable", "not connected"};
  const std::string text(sql);
  {
    PgResult started(pq().PQexec(connection_, text.c_str()));
    if (started.handle() == nullptr || pq().PQresultStatus(started.handle()) != PGRES_COPY_IN) {
      return error(started.handle(), "copy failed to start");
    }
  }
  const std::string& data = rows.finish();
  // PQputCopyData takes at most INT_MAX bytes at once.
  constexpr std::size_t kChunk = 1U << 20U;
  bool sent = true;
  for (std::size_t offset = 0; offset < data.size() && sent; offset += kChunk) {
    const std::size_t length = std::min(kChunk, data.size() - offset);
    sent = pq().PQputCopyData(connection_, data.data() + offset, static_cast<int>(length)) == 1;
  }
  if (pq().PQputCopyEnd(connection_, sent ? nullptr : "client failed to send") != 1) sent = false;
  // Drain every result of the COPY (one, or more after an error).
  Status status = sent ? Status(Ok{}) : Status(error(nullptr, "copy failed"));
  while (PGresult* raw = pq().PQgetResult(connection_)) {
    PgResult result(raw);
    if (pq().PQresultStatus(raw) != PGRES_COMMAND_OK && status.ok()) {
      status = error(raw, "copy failed");
    }
  }
  return status;
}

}  // namespace sw::store
