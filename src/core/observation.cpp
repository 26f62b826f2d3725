#include "core/observation.h"

#include <algorithm>
#include <cmath>

namespace sw {

const char* to_string(ObservationKind kind) {
  switch (kind) {
    case ObservationKind::kAisPosition: return "ais_position";
    case ObservationKind::kAisStatic: return "ais_static";
    case ObservationKind::kRadarPlot: return "radar_plot";
    case ObservationKind::kRadarTrack: return "radar_track";
    case ObservationKind::kSighting: return "sighting";
    case ObservationKind::kAssetPosition: return "asset_position";
    case ObservationKind::kDistressReport: return "distress_report";
  }
  return "unknown";
}

double mean_sigma(const Covariance2& covariance) {
  return std::sqrt(std::max(0.0, (covariance.ee + covariance.nn) / 2.0));
}

const std::string* find_attribute(const Observation& observation, std::string_view key) {
  for (const auto& [name, value] : observation.attributes) {
    if (name == key) return &value;
  }
  return nullptr;
}

}  // namespace sw
