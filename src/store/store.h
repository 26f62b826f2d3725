#pragma once
/// HistoryStore: the interface of the track history store (SQLite by default; a
/// PostgreSQL/PostGIS backend implements the same interface). One pipeline batch is one
/// write() and one transaction. An object serves one thread; other threads open their
/// own handle on the same store (readers never block the writer).

#include <cstdint>
#include <map>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/history_records.h"
#include "store/track_update.h"

namespace sw::store {

/// Everything one pipeline step writes; views on the caller's vectors (no copy).
struct WriteBatch {
  std::span<const TrackUpdate> tracks;
  std::span<const ObservationRecord> observations;
  std::span<const SourceRecord> sources;    ///< inserted or replaced by source_id
  std::span<const CounterSample> counters;  ///< replaced when (source, name, time) exists
  std::span<const AlertRecord> alerts;      ///< replaced when (alert_id, revision) exists
};

/// A latitude/longitude box in degrees (no antimeridian wrap: min_lon <= max_lon).
struct BoundingBox {
  double min_lat = 0.0;
  double min_lon = 0.0;
  double max_lat = 0.0;
  double max_lon = 0.0;
};

/// What one retention pass deleted.
struct RetentionReport {
  std::uint64_t positions = 0;
  std::uint64_t tracks = 0;  ///< tracks left without positions
  std::uint64_t observations = 0;
  std::uint64_t counters = 0;
  std::uint64_t alerts = 0;  ///< alert revisions
};

/// Counters of one store handle.
struct StoreStats {
  std::uint64_t batches = 0;
  std::uint64_t track_updates = 0;  ///< accepted (positions written or replaced)
  std::uint64_t observations = 0;
  std::uint64_t sources = 0;
  std::uint64_t counters = 0;
  /// Updates refused by reason: "non_finite" (NaN or infinite number), "bad_position"
  /// (latitude outside [-90, 90] or longitude outside [-180, 180]).
  std::map<std::string, std::uint64_t> rejected_updates;
  std::uint64_t alerts = 0;  ///< alert revisions accepted (written or replaced)
  /// Alert revisions refused by reason, as for updates: "non_finite", "bad_position".
  std::map<std::string, std::uint64_t> rejected_alerts;
};

class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  /// Writes one batch in one transaction. Bad updates and alert revisions are counted and
  /// skipped; an error means nothing of the batch was written.
  virtual Status write(const WriteBatch& batch) = 0;
  /// write() of track updates only.
  Status write(std::span<const TrackUpdate> updates) {
    WriteBatch batch;
    batch.tracks = updates;
    return write(batch);
  }

  /// Positions of one track with from <= time <= to, oldest first.
  virtual Result<std::vector<TrackPosition>> track_history(std::uint64_t track_id, TimeNs from,
                                                           TimeNs to) = 0;
  /// Tracks whose latest position at `at` lies inside `box`, by track id. A track counts
  /// when it has a position at or before `at`, that position is not kDeleted, and (if
  /// max_age > 0) it is no older than max_age. Error "bad_box" for an inverted box.
  virtual Result<std::vector<TrackRecord>> tracks_in_box(const BoundingBox& box, TimeNs at,
                                                         TimeNs max_age = 0) = 0;
  /// Every track with its latest position, by track id.
  virtual Result<std::vector<TrackRecord>> list_tracks() = 0;
  /// Observations with from <= time <= to, by time (then source, sequence).
  virtual Result<std::vector<ObservationRecord>> observations(TimeNs from, TimeNs to) = 0;
  virtual Result<std::vector<SourceRecord>> sources() = 0;
  /// Samples of one counter, oldest first.
  virtual Result<std::vector<CounterSample>> counter_history(const std::string& source_id,
                                                             const std::string& name) = 0;

  /// Alert revisions with from <= time <= to, by time, then alert id, then revision.
  virtual Result<std::vector<AlertRecord>> alert_revisions(TimeNs from, TimeNs to) = 0;
  /// Every stored revision of one alert, by revision.
  virtual Result<std::vector<AlertRecord>> alert_history(std::uint64_t alert_id) = 0;
  /// The alerts open at `at`, by alert id: for each alert its highest revision with
  /// time <= at, unless that revision's state is "closed" (an alert closed at t is not
  /// open at t).
  virtual Result<std::vector<AlertRecord>> open_alerts(TimeNs at) = 0;

  /// Deletes positions older than their track label's retention_s (0: the store's default
  /// retention), tracks with no position left, alert revisions older than their own
  /// label's retention_s (0: the default), and observations and counter samples older
  /// than the default retention; `now` is the reference time.
  virtual Result<RetentionReport> apply_retention(TimeNs now) = 0;

  /// Writes every table sorted by key with fixed number formats: two stores that hold the
  /// same data produce the same bytes, however the data was batched.
  virtual Status dump_canonical(std::ostream& out) = 0;

  virtual const StoreStats& stats() const = 0;
};

}  // namespace sw::store
