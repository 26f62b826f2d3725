#include "share/audit_log.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "share/signing_key.h"

namespace sw::share {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kHashHex = 64;
const std::string kGenesis(kHashHex, '0');

bool is_lower_hex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// SHA-256 of the previous record's hash (hex) and this record's JSON, as hex.
std::string chain_hash(std::string_view previous, std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  EVP_DigestUpdate(context, previous.data(), previous.size());
  EVP_DigestUpdate(context, body.data(), body.size());
  EVP_DigestFinal_ex(context, digest.data(), &size);
  EVP_MD_CTX_free(context);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), size));
}

/// Reads one line of a log: its hash, its JSON text, and whether it ended with '\n'.
struct LogLine {
  std::string_view hash;
  std::string_view body;
};

std::optional<LogLine> split_line(std::string_view line) {
  if (line.size() < kHashHex + 3 || line[kHashHex] != ' ') return std::nullopt;
  LogLine parts{line.substr(0, kHashHex), line.substr(kHashHex + 1)};
  if (!is_lower_hex(parts.hash)) return std::nullopt;
  return parts;
}

}  // namespace

Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::filesystem::path& directory,
                                                 const Clock& clock, AuditOptions options) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return Error{"io",
                 "cannot create audit directory " + directory.string() + ": " + error.message()};
  }
  const std::filesystem::path path = directory / "audit.log";
  const std::filesystem::path public_path = directory / "audit-key.pub.pem";
  auto key = SigningKey::load_or_create(directory / "audit-key.pem", public_path);
  if (!key) return key.error();

  // An existing log is verified before anything is appended to it.
  std::string head = kGenesis;
  std::uint64_t seq = 0;
  std::uint64_t torn_bytes = 0;
  if (std::filesystem::exists(path, error) && std::filesystem::file_size(path, error) > 0) {
    auto verified = verify_audit_log(path, public_path);
    if (!verified) return verified.error();
    if (!verified->ok && !verified->torn) {
      return Error{"audit_broken",
                   path.string() + " does not verify at line " + std::to_string(verified->line) +
                       ": " + verified->problem +
                       " (keep it as evidence, move it away, and start the node again)"};
    }
    head = verified->head;
    seq = verified->records;
    if (verified->torn) {
      torn_bytes = std::filesystem::file_size(path, error) - verified->offset;
      std::filesystem::resize_file(path, verified->offset, error);
      if (error) return Error{"io", "cannot cut the torn end of " + path.string()};
    }
  }
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) {
    return Error{"io", "cannot open " + path.string() + " for appending: " + std::strerror(errno)};
  }
  std::unique_ptr<AuditLog> log(
      new AuditLog(path, public_path, std::move(*key), file, clock, options));
  log->head_ = head;
  log->seq_ = seq;
  log->record({"open", "", "node", "audit.log", "",
               torn_bytes > 0 ? "cut a torn last record of " + std::to_string(torn_bytes) +
                                    " bytes (a crash while writing)"
                              : ""});
  return log;
}

AuditLog::AuditLog(std::filesystem::path path, std::filesystem::path public_key_path,
                   SigningKey key, std::FILE* file, const Clock& clock, AuditOptions options)
    : path_(std::move(path)),
      public_key_path_(std::move(public_key_path)),
      key_(std::move(key)),
      file_(file),
      clock_(clock),
      options_(options),
      head_(kGenesis),
      last_seal_(clock.now()) {}

AuditLog::~AuditLog() {
  std::lock_guard lock(mutex_);
  if (since_seal_ > 0) seal_locked();
  std::fclose(file_);
}

void AuditLog::record(const AuditEntry& entry) {
  const Json body{{"kind", entry.kind}, {"principal", entry.principal}, {"path", entry.path},
                  {"item", entry.item}, {"rule", entry.rule},           {"detail", entry.detail}};
  std::string text = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::lock_guard lock(mutex_);
  append_locked(text, entry.kind);
  const TimeNs now = clock_.now();
  if (since_seal_ >= options_.seal_every ||
      now - last_seal_ >= options_.seal_interval.count() * kNsPerSecond) {
    seal_locked();
  }
}

void AuditLog::seal() {
  std::lock_guard lock(mutex_);
  seal_locked();
}

void AuditLog::append_locked(const std::string& fields, const std::string& kind) {
  // {"seq":N,"time_ns":T, + the entry's fields
  std::string body = "{\"seq\":" + std::to_string(seq_ + 1) +
                     ",\"time_ns\":" + std::to_string(clock_.now()) + "," + fields.substr(1);
  const std::string hash = chain_hash(head_, body);
  const std::string line = hash + ' ' + body + '\n';
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    ++write_errors_;
    std::clearerr(file_);
    return;  // the chain stays at the last record written
  }
  head_ = hash;
  ++seq_;
  if (kind != "seal") ++since_seal_;
}

void AuditLog::seal_locked() {
  const std::uint64_t sealed = seq_;
  latest_seal_ = AuditSeal{sealed, head_, to_hex(key_.sign(head_))};
  const Json fields{{"kind", "seal"},
                    {"sealed_records", sealed},
                    {"head", latest_seal_.head},
                    {"signature", latest_seal_.signature}};
  append_locked(fields.dump(), "seal");
  since_seal_ = 0;
  last_seal_ = clock_.now();
  if (options_.sync) ::fsync(::fileno(file_));
}

std::uint64_t AuditLog::records() const {
  std::lock_guard lock(mutex_);
  return seq_;
}

AuditSeal AuditLog::latest_seal() const {
  std::lock_guard lock(mutex_);
  return latest_seal_;
}

std::uint64_t AuditLog::write_errors() const {
  std::lock_guard lock(mutex_);
  return write_errors_;
}

Result<AuditVerification> verify_audit_log(const std::filesystem::path& log,
                                           const std::filesystem::path& public_key) {
  auto key = VerifyKey::load(public_key);
  if (!key) return key.error();
  std::ifstream in(log, std::ios::binary);
  if (!in) return Error{"io", "cannot read " + log.string()};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  AuditVerification result;
  std::string head = kGenesis;
  std::size_t offset = 0;
  std::uint64_t line_number = 0;
  const auto fail = [&](std::string problem) {
    result.ok = false;
    result.line = line_number;
    result.offset = offset;
    result.problem = std::move(problem);
    result.head = head;
    return result;
  };
  while (offset < text.size()) {
    ++line_number;
    const std::size_t end = text.find('\n', offset);
    if (end == std::string::npos) {
      result.torn = true;
      return fail("torn last line: " + std::to_string(text.size() - offset) +
                  " bytes without an end of line (cut off, or a crash while writing)");
    }
    const std::string_view line(text.data() + offset, end - offset);
    const auto parts = split_line(line);
    if (!parts) return fail("not a record (64 lowercase hex digits, a space, JSON)");
    if (chain_hash(head, parts->body) != parts->hash) {
      return fail(
          "hash does not match: this record, or one before it, was changed, removed or "
          "moved");
    }
    const Json body = Json::parse(parts->body, nullptr, false);
    const std::uint64_t expected_seq = result.records + 1;
    if (!body.is_object() || !body.contains("seq") || !body["seq"].is_number_unsigned() ||
        body["seq"].get<std::uint64_t>() != expected_seq) {
      return fail("sequence number is not " + std::to_string(expected_seq));
    }
    if (body.value("kind", "") == "seal") {
      const std::string signed_head = body.value("head", "");
      const auto signature = from_hex(body.value("signature", ""));
      if (signed_head != head || body.value("sealed_records", std::uint64_t{0}) != result.records ||
          !signature || !key->verify(signed_head, *signature)) {
        return fail("seal signature does not verify with " + public_key.string());
      }
      ++result.seals;
      result.unsealed = 0;
    } else {
      ++result.unsealed;
    }
    head = std::string(parts->hash);
    ++result.records;
    offset = end + 1;
  }
  result.ok = true;
  result.line = 0;
  result.offset = offset;
  result.head = head;
  return result;
}

}  // namespace sw::share
