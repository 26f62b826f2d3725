#include "track/fusion/fused_track.h"

#include <algorithm>

namespace sw::track {

const char* to_string(TrackClass track_class) {
  switch (track_class) {
    case TrackClass::kCooperative: return "cooperative";
    case TrackClass::kDark: return "dark";
    case TrackClass::kOwnAsset: return "own_asset";
  }
  return "unknown";
}

const char* to_string(PictureStatus status) {
  switch (status) {
    case PictureStatus::kConfirmed: return "confirmed";
    case PictureStatus::kCoasting: return "coasting";
    case PictureStatus::kLost: return "lost";
    case PictureStatus::kMerged: return "merged";
  }
  return "unknown";
}

std::string FusedTrack::detail(const std::string& key) const {
  for (const auto& [name, value] : details) {
    if (name == key) return value;
  }
  return {};
}

void FusedTrack::set_detail(const std::string& key, const std::string& value) {
  for (auto& [name, existing] : details) {
    if (name == key) {
      existing = value;
      return;
    }
  }
  details.emplace_back(key, value);
}

void FusedTrack::add_source(const std::string& source_id) {
  const auto position = std::lower_bound(sources.begin(), sources.end(), source_id);
  if (position == sources.end() || *position != source_id) sources.insert(position, source_id);
}

}  // namespace sw::track
