#pragma once
/// AuditLog: the node's tamper-evident record of every access (who read what, through which
/// path) and every release (what went to whom, under which rule).
///
/// The log is a text file, one record per line: the record's SHA-256 as 64 lowercase hex
/// digits, a space, and the record as compact JSON. A record's hash covers the previous
/// record's hash and its own JSON, so changing, deleting, inserting or reordering any
/// record breaks the chain from there on. Records carry a sequence number from 1. Every
/// `seal_every` records, `seal_interval` of clock time, and at close, a "seal" record holds
/// an Ed25519 signature of the chain head made with the node's audit key (created beside the
/// log on first use, private key readable by its owner only): recomputing the chain after
/// an edit needs that key. `verify_audit_log` checks all of it and says where it broke.
///
/// What the chain cannot show by itself: records cut off after the last seal, or a log
/// cut back to an earlier seal. Publishing seal hashes outside the node (to partners) closes
/// that gap; until then `verify_audit_log` reports how many records are not yet sealed.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "share/signing_key.h"

namespace sw::share {

/// One audited event.
struct AuditEntry {
  std::string
      kind;  ///< "access", "release", "refusal", "derived", "receive", "session", "operator"
  std::string principal;  ///< principal or partner node name ("" when unauthenticated)
  std::string path;       ///< "api", "stream", "cot", "federation", "export", "cli"
  std::string item;       ///< what: "GET /api/tracks", "track:12", "alert:3"
  std::string rule;       ///< release decision or policy rule ("released", "not_releasable")
  std::string detail;     ///< free text: counts, status
};

struct AuditOptions {
  std::uint64_t seal_every = 1000;         ///< records between two seals
  std::chrono::seconds seal_interval{60};  ///< clock time between two seals
  bool sync = true;                        ///< fsync at each seal and at close
};

/// The latest seal of a log: how many records it covers, the chain head it signs, and the
/// signature (hex). A node shares it with its partners, so a later rewrite of its log
/// contradicts what they hold.
struct AuditSeal {
  std::uint64_t sealed_records = 0;
  std::string head;
  std::string signature;
};

class AuditLog {
 public:
  /// Opens (or creates) `directory`/audit.log and the audit key beside it. An existing log
  /// is verified first: a broken chain is an error (the node must not append to a log it
  /// cannot vouch for); a torn last line (a crash mid-write) is cut off and the cut recorded.
  static Result<std::unique_ptr<AuditLog>> open(const std::filesystem::path& directory,
                                                const Clock& clock, AuditOptions options = {});
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  /// Appends one record (any thread). A write error is counted, never thrown.
  void record(const AuditEntry& entry);
  /// Appends a seal now.
  void seal();

  std::uint64_t records() const;
  /// The latest seal written since the log was opened (sealed_records 0: none yet).
  AuditSeal latest_seal() const;
  std::uint64_t write_errors() const;
  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& public_key_path() const { return public_key_path_; }

 private:
  AuditLog(std::filesystem::path path, std::filesystem::path public_key_path, SigningKey key,
           std::FILE* file, const Clock& clock, AuditOptions options);
  void append_locked(const std::string& body_without_seq, const std::string& kind);
  void seal_locked();

  std::filesystem::path path_;
  std::filesystem::path public_key_path_;
  SigningKey key_;
  std::FILE* file_;
  const Clock& clock_;
  AuditOptions options_;
  mutable std::mutex mutex_;
  std::string head_;  ///< hash of the last record (64 hex digits)
  std::uint64_t seq_ = 0;
  std::uint64_t since_seal_ = 0;
  TimeNs last_seal_ = 0;
  std::uint64_t write_errors_ = 0;
  AuditSeal latest_seal_;
};

/// What verify_audit_log found.
struct AuditVerification {
  bool ok = false;
  std::uint64_t records = 0;   ///< records read and found sound (up to the first problem)
  std::uint64_t seals = 0;     ///< valid seals among them
  std::uint64_t unsealed = 0;  ///< records after the last seal
  std::uint64_t line = 0;      ///< the first bad line (1-based), 0 when ok
  std::uint64_t offset = 0;    ///< its byte offset: the sound records' length
  std::string problem;         ///< what is wrong there
  bool torn = false;           ///< the only problem is a last line without its end of line
  std::string head;            ///< hash of the last sound record (the chain's head)
};

/// Checks the chain, the sequence and every seal's signature against `public_key` (PEM).
/// Fails only when a file cannot be read; a tampered log is a verification with ok=false.
Result<AuditVerification> verify_audit_log(const std::filesystem::path& log,
                                           const std::filesystem::path& public_key);

}  // namespace sw::share
