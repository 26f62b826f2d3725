#pragma once
/// Records the history store keeps besides tracks: the observation index into the
/// journal, the configured sources, and counter samples.

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/label.h"
#include "core/observation.h"

namespace sw::store {

/// Where one observation came from: its sensor time, source, kind, the journal record
/// holding its bytes, and the track it was associated with (if any).
struct ObservationRecord {
  TimeNs time = 0;
  std::string source_id;
  ObservationKind kind = ObservationKind::kAisPosition;
  std::uint64_t journal_sequence = 0;
  std::optional<std::uint64_t> track_id;

  bool operator==(const ObservationRecord&) const = default;
};

/// A configured input feed.
struct SourceRecord {
  std::string source_id;
  std::string format;       ///< e.g. "nmea-ais", "asterix-cat010", "cot"
  std::string description;  ///< human-readable, e.g. "Dover coastguard radar"
  Label label;              ///< release label applied to the feed's data

  bool operator==(const SourceRecord&) const = default;
};

/// One sample of a named counter of a source (decoder rejections, drops, ...).
struct CounterSample {
  std::string source_id;
  std::string name;
  std::int64_t value = 0;
  TimeNs time = 0;

  bool operator==(const CounterSample&) const = default;
};

}  // namespace sw::store
