#pragma once
/// StoreSink: writes the picture's track changes into the history store (UpdateSink of the
/// Pipeline) on a writer thread of its own, so fusion never waits on the store's disk.
/// Changes are gathered into batches of 4096 changes or one second of sensor time,
/// whichever comes first, and handed to the writer; the writer writes what it has been
/// handed in one transaction (an SQLite transaction costs far more than a row), so a
/// writer that falls behind catches up in larger transactions. flush() hands over the rest
/// and waits until it is written. Batching never changes what is stored. The writer is
/// handed at most 64k changes: beyond that the pipeline waits (counted), memory stays
/// bounded. The store handle belongs to the writer while the sink lives; other threads use
/// it only after flush().
///
/// Retention runs here too: each time the sensor time of the changes enters a new
/// `retention_every` interval, the store deletes what the labels' retention no longer allows
/// (store::HistoryStore::apply_retention at that sensor time) — personal data in alert
/// details goes with its alert revisions. Sensor time, not wall time, so a replay of the
/// journal purges at the same points and yields the same store.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "risk/alert.h"
#include "store/store.h"
#include "track/fusion/fused_track.h"

namespace sw::engine {

/// The store's view of one picture track change.
store::TrackUpdate to_track_update(const track::FusedTrack& track);

/// The store's record of one alert revision (the whole alert as JSON in body_json).
store::AlertRecord to_alert_record(const risk::Alert& alert);

/// Converts and writes batches; a failed write is counted, the pipeline goes on (the
/// journal still holds every input, so a replay can rebuild the history).
class StoreSink {
 public:
  explicit StoreSink(store::HistoryStore& store, TimeNs retention_every = 3600 * kNsPerSecond);
  /// Writes what is gathered, then stops the writer.
  ~StoreSink();
  StoreSink(const StoreSink&) = delete;
  StoreSink& operator=(const StoreSink&) = delete;

  void write(std::span<const track::FusedTrack> tracks);
  /// Alert revisions go into the same transactions as the tracks.
  void write_alerts(std::span<const risk::Alert> alerts);
  /// Writes every gathered change now and waits until it is written.
  void flush();

  std::uint64_t written() const { return written_; }
  std::uint64_t alerts_written() const { return alerts_written_; }
  std::uint64_t failed_batches() const { return failed_batches_; }
  /// Transactions the writer ran, and how often the pipeline waited for it.
  std::uint64_t transactions() const { return transactions_; }
  std::uint64_t waits() const { return waits_; }
  /// Retention passes run, failed, and what they deleted in all.
  std::uint64_t retention_runs() const { return retention_runs_; }
  std::uint64_t retention_failures() const { return retention_failures_; }
  store::RetentionReport retained_away() const;

 private:
  /// Work for the writer: a batch, or a retention pass at a sensor time.
  struct Job {
    std::vector<store::TrackUpdate> tracks;
    std::vector<risk::Alert> alerts;  ///< made records (JSON) by the writer
    std::optional<TimeNs> retain_at;
  };

  void maybe_retain(TimeNs time);
  /// Hands the gathered changes to the writer (waits while it has too much).
  void hand_over();
  void enqueue(Job job);
  void run_writer();
  void retain(TimeNs time);

  store::HistoryStore& store_;
  TimeNs retention_every_;
  TimeNs retention_bucket_ = -1;  ///< interval of the latest sensor time seen
  std::vector<store::TrackUpdate> updates_;
  std::vector<risk::Alert> alerts_;

  mutable std::mutex mutex_;
  std::condition_variable work_;  ///< the writer: a job or the stop
  std::condition_variable done_;  ///< the pipeline: room in the queue, or all written
  std::deque<Job> queue_;
  std::size_t queued_changes_ = 0;
  bool writing_ = false;
  bool stopping_ = false;
  store::RetentionReport retained_away_;

  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> alerts_written_{0};
  std::atomic<std::uint64_t> failed_batches_{0};
  std::atomic<std::uint64_t> transactions_{0};
  std::atomic<std::uint64_t> waits_{0};
  std::atomic<std::uint64_t> retention_runs_{0};
  std::atomic<std::uint64_t> retention_failures_{0};
  std::thread writer_;
};

}  // namespace sw::engine
