#pragma once
/// JournalWriter: appends received bytes to the durable journal with group commit.
///
/// Records are buffered by append() and written and fdatasync'ed together by commit(); an
/// input counts as accepted only once durable_sequence() has reached its sequence. A batch
/// is committed when it reaches `batch_max_records` or `batch_max_bytes`, when append() or
/// commit_if_due() finds its oldest record older than `batch_max_latency` (injected
/// clock), or on an explicit commit(). The owner must call commit_if_due() (or commit())
/// when idle, or a short batch waits for the next append.
///
/// Threads: one writer thread calls every method except durable_sequence() and
/// wait_durable(), which any thread may call. The durable callback runs on the writer
/// thread right after each fsync.
///
/// Recovery on open: the last segment is scanned; a torn or corrupt tail (from the first
/// byte after the last valid record) is truncated and reported as kTailTruncated with
/// bytes, estimated records and reason; nothing before it is touched. Damaged regions
/// followed by valid records are reported as kCorruptRegion and kept (readers skip them).
/// A last segment whose header is unreadable is renamed to `<name>.corrupt` (never
/// deleted) and the previous segment recovered instead. Older segments are not read.
///
/// Rotation and retention: a new segment starts when the next record would take the
/// active one past `segment_max_bytes` (a segment holds at least one record). New
/// segments are written as `<name>.tmp` with their header, synced, renamed and the
/// directory synced, so a segment never has a torn header. After every rotation and at
/// open, the oldest segments (never the active one) are deleted while the total size is
/// over `retain_max_bytes`, or while the segment after them was created more than
/// `retain_max_age` ago (so every deleted record is older than that); each deletion is
/// reported.
///
/// Failure: after a failed write or fsync the page cache state is unknown, so the writer
/// stops (every later call returns "journal_failed"); reopen it to recover.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/journal/journal_event.h"
#include "store/journal/segment_files.h"

namespace sw::store {

/// Configuration of a JournalWriter.
struct JournalOptions {
  std::string directory;
  std::uint64_t segment_max_bytes = 64ULL << 20U;
  std::uint64_t retain_max_bytes = 0;  ///< 0 = no size limit
  TimeNs retain_max_age = 0;           ///< 0 = no age limit
  std::size_t batch_max_records = 1024;
  std::size_t batch_max_bytes = 1U << 20U;
  TimeNs batch_max_latency = 2'000'000;            ///< 2 ms
  std::uint32_t max_payload_bytes = 1U << 20U;     ///< larger appends are refused
  std::uint64_t max_recovery_bytes = 1ULL << 30U;  ///< largest last segment open() will read
  bool sync = true;  ///< false skips every fsync (tests on tmpfs, benchmarks): not durable
  /// 0: each segment gets a random salt; otherwise salts derive from this and the segment's
  /// first sequence (reproducible files for tests).
  std::uint64_t salt = 0;
  /// Called for every event, on the writer thread (also during open()).
  std::function<void(const JournalEvent&)> on_event;
};

class JournalWriter {
 public:
  /// Opens (creating the directory if needed) and recovers the journal. `clock` (batch
  /// latency, segment creation times, age retention) must outlive the writer.
  static Result<std::unique_ptr<JournalWriter>> open(JournalOptions options, const Clock& clock);

  /// Commits pending records (best effort).
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  /// Buffers one record and returns its sequence. Error codes: "source_id_too_long"
  /// (over 255 bytes), "record_too_large", "journal_failed", "io_error".
  Result<Sequence> append(TimeNs receive_time, std::string_view source_id,
                          std::string_view payload);

  /// Writes and fsyncs every pending record; then durable_sequence() == last_sequence().
  Status commit();
  /// True when pending records have waited batch_max_latency or more.
  bool commit_due() const;
  /// commit() when commit_due().
  Status commit_if_due();

  /// Deletes segments beyond the retention limits (also run after rotation and at open).
  Status enforce_retention();

  /// Last sequence handed out by append(), or first_sequence() - 1 when none.
  Sequence last_sequence() const { return next_sequence_ - 1; }
  /// Every record up to this sequence is on disk. Thread-safe.
  Sequence durable_sequence() const { return durable_.load(std::memory_order_acquire); }
  /// Blocks until durable_sequence() >= `sequence`, the writer fails, or the timeout
  /// passes; returns whether the sequence is durable. Thread-safe; not on the writer thread.
  bool wait_durable(Sequence sequence, std::chrono::nanoseconds timeout) const;
  /// Called with the new durable sequence after each commit, on the writer thread.
  void set_durable_callback(std::function<void(Sequence)> callback);

  /// Oldest sequence still retained (the first segment's first sequence).
  Sequence first_sequence() const;
  std::size_t pending_records() const { return pending_records_; }
  std::size_t segment_count() const { return segments_.size(); }
  /// Sum of the segment file sizes, pending bytes excluded.
  std::uint64_t total_bytes() const;
  const JournalStats& stats() const { return stats_; }
  /// What open() found and did (truncations, quarantines, corrupt regions, deletions).
  const std::vector<JournalEvent>& recovery_events() const { return recovery_events_; }

 private:
  struct Segment {
    std::string name;
    Sequence first_sequence = 0;
    std::uint64_t size = 0;
    TimeNs created_time = 0;
  };

  JournalWriter(JournalOptions options, const Clock& clock);

  Status recover();
  /// Recovers the last segment; false when its header is unreadable (quarantined).
  Result<bool> recover_last_segment();
  Status create_segment(Sequence first_sequence);
  Status rotate();
  Status delete_oldest_segment(const char* reason);
  Status fail(Error error);
  void report(JournalEvent event);
  std::uint64_t salt_for(Sequence first_sequence);
  std::string path_of(std::string_view name) const;

  JournalOptions options_;
  const Clock& clock_;
  std::vector<Segment> segments_;  ///< oldest first; back() is the active segment
  FileHandle active_file_;
  std::uint32_t active_seed_ = 0;
  std::uint64_t active_records_ = 0;  ///< on disk and pending
  std::string pending_;
  std::size_t pending_records_ = 0;
  TimeNs pending_since_ = 0;
  Sequence next_sequence_ = 1;
  bool opening_ = true;
  std::optional<Error> failure_;
  JournalStats stats_;
  std::vector<JournalEvent> recovery_events_;
  std::function<void(Sequence)> durable_callback_;

  std::atomic<Sequence> durable_{0};
  std::atomic<bool> failed_{false};
  mutable std::mutex durable_mutex_;
  mutable std::condition_variable durable_changed_;
};

}  // namespace sw::store
