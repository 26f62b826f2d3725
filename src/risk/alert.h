#pragma once
/// Alert: a risk to life the watch officers must see — its kind, severity, subject tracks,
/// position, times, state in the lifecycle (open -> acknowledged -> handed over -> closed),
/// responsible SAR region, the rescue centres it is addressed to, and the release label of
/// the data it was raised from. Every change is a new revision with who made it and when.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "drift/search_area.h"

#include <nlohmann/json.hpp>

namespace sw::risk {

/// The hazard an alert is about.
enum class AlertKind : std::uint8_t {
  kCollision,     ///< a small craft on a collision course with a ship
  kDrifting,      ///< a small craft stopped or drifting with wind and current
  kLaneCrossing,  ///< a small craft inside a traffic lane of the separation scheme
  kSarHandover,   ///< a contact about to pass from one SAR region into another
  kDistress,      ///< a distress report
};
inline constexpr std::size_t kAlertKindCount = 5;

/// Lifecycle state.
enum class AlertState : std::uint8_t { kOpen, kAcknowledged, kHandedOver, kClosed };

/// How urgent, least to most.
enum class Severity : std::uint8_t { kInfo, kWarning, kUrgent, kCritical };

const char* to_string(AlertKind kind);
const char* to_string(AlertState state);
const char* to_string(Severity severity);

/// One change of an alert: "raised", "updated", "escalated", "reraised", "acknowledged",
/// "handed_over", "closed", "subject_lost".
struct AlertChange {
  TimeNs time = 0;
  std::string change;
  std::string actor;  ///< "system" or the operator
  std::string note;   ///< e.g. the centre an alert was handed over to, why it closed

  bool operator==(const AlertChange&) const = default;
};

/// A drift prediction attached to an alert: where to search after `hours`.
struct AttachedSearchArea {
  double hours = 0;
  std::string object_class;  ///< Leeway class, e.g. "7 LIFE-RAFT-DB-10"
  std::uint64_t seed = 0;
  std::size_t particles = 0;
  LatLon centroid;
  double r50_m = 0;
  double r90_m = 0;
  double area50_km2 = 0;
  double area90_km2 = 0;
  std::vector<drift::Polygon> p50;  ///< the 50 % region
  std::vector<drift::Polygon> p90;  ///< the 90 % region
};

/// One alert as it stands after its latest change.
struct Alert {
  std::uint64_t id = 0;  ///< deterministic: 1, 2, ... in raise order
  AlertKind kind = AlertKind::kCollision;
  std::string key;  ///< what makes two findings the same alert, e.g. "collision:12:40"
  Severity severity = Severity::kWarning;
  AlertState state = AlertState::kOpen;
  std::vector<std::uint64_t> subjects;  ///< picture track ids
  LatLon position;
  TimeNs raised_at = 0;
  TimeNs updated_at = 0;
  TimeNs event_time = 0;  ///< when the hazard is due (CPA, boundary crossing); 0: now
  std::string region;     ///< responsible SAR region ("" outside every region)
  std::vector<std::string> addressed_to;  ///< rescue centres
  std::vector<std::pair<std::string, std::string>> details;
  std::vector<AttachedSearchArea> search_areas;
  Label label;       ///< the most restrictive combination of its inputs' labels
  std::string node;  ///< partner node that raised it (federation); empty: this node
  std::uint32_t revision = 0;
  std::uint32_t raises = 0;  ///< 1 + times re-raised
  std::vector<AlertChange> history;

  std::string detail(const std::string& name) const;
};

/// The alert as JSON text (every field; times as ISO 8601 and ns).
std::string alert_json(const Alert& alert);
/// The same as a JSON value, and the parts the server shares with it.
nlohmann::ordered_json alert_to_json(const Alert& alert);
nlohmann::ordered_json time_json(TimeNs time);  ///< {"utc": ISO 8601, "ns": ...}
nlohmann::ordered_json label_json(const Label& label);
nlohmann::ordered_json search_area_json(const AttachedSearchArea& area);

/// Labels combined for an item derived from several inputs: owners joined, releasable-to
/// intersected, purposes intersected, the highest sensitivity, personal data if any is,
/// the shortest non-zero retention.
Label combine_labels(const Label& first, const Label& second);

}  // namespace sw::risk
