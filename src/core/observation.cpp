#include "core/observation.h"

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

}  // namespace sw
