#pragma once
/// What region processes put on the bus: a track as its owning region publishes it
/// (subject <prefix>.trk.<region>), and a track handed to the region that now holds it
/// (subject <prefix>.ho.<to>). Both are one form: {"from", "to", "label", "track"}, the
/// track as server/federated_items.h writes it (ids are picture-wide, see region_ids.h).
/// Reading never throws: bytes that are not a well-formed message are an error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

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

/// The message id (Nats-Msg-Id) of the n-th message region `region` says while processing
/// input `input`: "<region>:<input>:<n>". The same input processed again gives the same ids.
std::string output_message_id(const std::string& region, std::uint64_t input, std::uint64_t n);
/// (input, n) back from such an id; none for another form.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_output_message_id(std::string_view id);

}  // namespace sw::region
