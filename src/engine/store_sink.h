#pragma once
/// StoreSink: writes the picture's track changes into the history store (UpdateSink of the
/// Pipeline). Changes are gathered and written in one transaction per 4096 changes or per
/// second of sensor time, whichever comes first (an SQLite transaction costs far more than
/// a row); flush() writes the rest. Batching never changes what is stored.
///
/// Retention runs here too: each time the sensor time of the changes enters a new
/// `retention_every` interval, the store deletes what the labels' retention no longer allows
/// (store::HistoryStore::apply_retention at that sensor time) — personal data in alert
/// details goes with its alert revisions. Sensor time, not wall time, so a replay of the
/// journal purges at the same points and yields the same store.

#include <cstdint>
#include <span>
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
  explicit StoreSink(store::HistoryStore& store, TimeNs retention_every = 3600 * kNsPerSecond)
      : store_(store), retention_every_(retention_every) {}

  void write(std::span<const track::FusedTrack> tracks);
  /// Alert revisions go into the same transactions as the tracks.
  void write_alerts(std::span<const risk::Alert> alerts);
  /// Writes every gathered change now.
  void flush();

  std::uint64_t written() const { return written_; }
  std::uint64_t alerts_written() const { return alerts_written_; }
  std::uint64_t failed_batches() const { return failed_batches_; }
  /// Retention passes run, failed, and what they deleted in all.
  std::uint64_t retention_runs() const { return retention_runs_; }
  std::uint64_t retention_failures() const { return retention_failures_; }
  const store::RetentionReport& retained_away() const { return retained_away_; }

 private:
  void maybe_retain(TimeNs time);

  store::HistoryStore& store_;
  TimeNs retention_every_;
  TimeNs retention_bucket_ = -1;  ///< interval of the latest sensor time seen
  std::vector<store::TrackUpdate> updates_;
  std::vector<store::AlertRecord> alerts_;
  std::uint64_t written_ = 0;
  std::uint64_t alerts_written_ = 0;
  std::uint64_t failed_batches_ = 0;
  std::uint64_t retention_runs_ = 0;
  std::uint64_t retention_failures_ = 0;
  store::RetentionReport retained_away_;
};

}  // namespace sw::engine
