#pragma once
/// Picture-wide track ids across regions. A region's own tracks take region_base(r) plus
/// their local picture id; an AIS vessel's id is its MMSI's and an own asset's comes from
/// its uid, so every region that holds one calls it the same. All stay below 10^12
/// (server/federated_items.h: partner items use the ids above) and exact in JavaScript.

#include <cstdint>
#include <string>

#include "track/fusion/fused_track.h"

namespace sw::region {

inline constexpr std::uint64_t kRegionIdSpan = 1'000'000'000ULL;       ///< local ids below this
inline constexpr std::uint64_t kAssetIdBase = 800ULL * kRegionIdSpan;  ///< + hash of the uid
inline constexpr std::uint64_t kMmsiIdBase = 900ULL * kRegionIdSpan;   ///< + MMSI

/// First id of region `region` (0-based; at most 799 regions).
constexpr std::uint64_t region_base(std::size_t region) {
  return (static_cast<std::uint64_t>(region) + 1) * kRegionIdSpan;
}

/// The id every region gives an identity track (AIS or own asset); 0 for a dark track.
std::uint64_t identity_id(const track::FusedTrack& track);

}  // namespace sw::region
