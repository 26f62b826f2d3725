#pragma once
/// CanonicalDumpWriter: the rows of a canonical store dump (layout in
/// store/canonical_text.h), written from records. Each backend reads its tables sorted by
/// key and hands the records here, so two backends that hold the same data write the same
/// bytes.
///
/// Call order: the constructor writes the dump header; then for each table in the order
/// sources, tracks, track_positions, observations, counters, alerts its begin_ method and
/// one row method per record, sorted by the table's key.

#include <ostream>

#include "store/history_records.h"
#include "store/track_update.h"

namespace sw::store {

/// Writes one canonical dump to a stream.
class CanonicalDumpWriter {
 public:
  /// Writes the dump header line.
  explicit CanonicalDumpWriter(std::ostream& out);

  void begin_sources();
  void source(const SourceRecord& source);
  void begin_tracks();
  /// Identity, class, seen times and label of a track (its position is not written).
  void track(const TrackRecord& track);
  void begin_positions();
  void position(const TrackPosition& position);
  void begin_observations();
  void observation(const ObservationRecord& observation);
  void begin_counters();
  void counter(const CounterSample& sample);
  void begin_alerts();
  void alert(const AlertRecord& alert);

 private:
  void label(const Label& label);

  std::ostream& out_;
};

}  // namespace sw::store
