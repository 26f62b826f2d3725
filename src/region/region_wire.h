#pragma once
/// What region processes put on the bus: a track as its owning region publishes it
/// (subject <prefix>.trk.<region>), and a track handed to the region that now holds it
/// (subject <prefix>.ho.<to>). Both are one form: {"from", "to", "label", "track"}, the
/// track as server/federated_items.h writes it (ids are picture-wide, see region_ids.h).
/// Reading never throws: bytes that are not a well-formed message are an error.

#include <string>
#include <string_view>

#include "core/result.h"
#include "track/fusion/fused_track.h"

namespace sw::region {

struct RegionMessage {
  std::string from;  ///< region that sent it
  std::string to;    ///< handover: region that takes the track; empty for a published track
  track::FusedTrack track;
};

std::string region_payload(const RegionMessage& message);
/// Error "region_message" with what was wrong.
Result<RegionMessage> parse_region_payload(std::string_view payload);

}  // namespace sw::region
