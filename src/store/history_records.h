#pragma once
/// Records the history store keeps besides tracks: the observation index into the
/// journal, the configured sources, counter samples, and alert revisions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
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

/// One revision of an alert: the alert as it stood after one change (raised, escalated,
/// updated, acknowledged, handed over, closed).
struct AlertRecord {
  std::uint64_t alert_id = 0;
  std::uint32_t revision = 0;  ///< 1, 2, ... per alert
  TimeNs time = 0;             ///< sensor time of the change
  std::string kind;   ///< "collision", "drifting", "lane_crossing", "sar_handover", "distress"
  std::string state;  ///< "open", "acknowledged", "handed_over", "closed"
  std::int32_t severity = 0;  ///< 0 info .. 3 critical
  /// "raised", "escalated", "updated", "acknowledged", "handed_over", "closed", "reraised"
  std::string change;
  std::string actor;   ///< who made the change ("system" or an operator id)
  std::string region;  ///< responsible SAR region name ("" unknown)
  LatLon position;
  std::vector<std::uint64_t> subjects;  ///< subject track ids
  std::string body_json;                ///< the full alert as JSON text (opaque to the store)
  Label label;

  /// Field by field (LatLon has no operator== of its own).
  bool operator==(const AlertRecord& other) const {
    return alert_id == other.alert_id && revision == other.revision && time == other.time &&
           kind == other.kind && state == other.state && severity == other.severity &&
           change == other.change && actor == other.actor && region == other.region &&
           position.lat == other.position.lat && position.lon == other.position.lon &&
           subjects == other.subjects && body_json == other.body_json && label == other.label;
  }
};

}  // namespace sw::store
