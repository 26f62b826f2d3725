#pragma once
/// Observation: one sensor report in sensor time — the single input type of fusion.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"

namespace sw {

/// What a sensor reported.
enum class ObservationKind : std::uint8_t {
  kAisPosition,
  kAisStatic,
  kRadarPlot,
  kRadarTrack,
  kSighting,
  kAssetPosition,
  kDistressReport,
};

const char* to_string(ObservationKind kind);

/// 2x2 position covariance in a local east-north frame, square metres.
struct Covariance2 {
  double ee = 0.0;
  double en = 0.0;
  double nn = 0.0;
};

/// Standard deviation per axis, as the root of the mean of the two variances (0 for a
/// covariance with no positive variance).
double mean_sigma(const Covariance2& covariance);

/// Velocity over ground, metres per second east and north.
struct Velocity {
  double east = 0.0;
  double north = 0.0;
};

/// Who the reporter says the target is.
struct Identity {
  std::optional<std::uint32_t> mmsi;
  std::string callsign;
  std::string asset_id;
};

/// One report from one sensor at one sensor time.
struct Observation {
  TimeNs time = 0;        ///< sensor time (UTC ns)
  std::string source_id;  ///< configured id of the feed
  ObservationKind kind = ObservationKind::kAisPosition;
  std::optional<LatLon> position;
  Covariance2 position_covariance;  ///< metres^2
  std::optional<Velocity> velocity;
  std::optional<double> heading_deg;
  Identity identity;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< e.g. shipname, shiptype
  Label label;
};

/// The value of an observation's attribute, or nullptr.
const std::string* find_attribute(const Observation& observation, std::string_view key);

}  // namespace sw
