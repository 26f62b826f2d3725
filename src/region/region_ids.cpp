#include "region/region_ids.h"

namespace sw::region {

std::uint64_t identity_id(const track::FusedTrack& track) {
  if (track.track_class == track::TrackClass::kCooperative && track.mmsi) {
    return kMmsiIdBase + (*track.mmsi % kRegionIdSpan);
  }
  if (track.track_class == track::TrackClass::kOwnAsset && !track.asset_id.empty()) {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a, 64 bit
    for (const char c : track.asset_id) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    return kAssetIdBase + hash % (kMmsiIdBase - kAssetIdBase);
  }
  return 0;
}

}  // namespace sw::region
