#pragma once
/// The bodies of this node's tracks and alerts as they cross to partner nodes (the `body`
/// of a share::FederatedItem), and the items back from what a partner sent. The form is
/// compact JSON with every field the picture needs (enums as numbers); it is not the API's
/// view. Reading never throws: a body that is not a well-formed item is an error.
///
/// A partner's items join this node's picture under ids of their own: partner number p
/// (1-based, in the policy file's order) and the owner's id n give p * 10^12 + n, so ids
/// never collide with this node's (which stay below 10^12) and stay exact in JavaScript.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "risk/alert.h"
#include "track/fusion/fused_track.h"

namespace sw::server {

/// Owner ids at or above this are refused (they would not fit the id space).
inline constexpr std::uint64_t kPartnerIdSpan = 1'000'000'000'000ULL;

/// The picture id of a partner's item; 0 when `owner_id` is out of range.
std::uint64_t partner_item_id(std::size_t partner_number, std::uint64_t owner_id);

/// A track's version as it crosses: later sensor time, then more updates, then a later
/// life-cycle stage is higher, so a restarted node's re-sent tracks are never taken for
/// old ones.
std::uint64_t track_version(const track::FusedTrack& track);

std::string track_body(const track::FusedTrack& track);
Result<track::FusedTrack> track_from_body(std::string_view body);
/// The same as JSON values, for a track that travels inside another message.
nlohmann::json track_json(const track::FusedTrack& track);
Result<track::FusedTrack> track_from_json(const nlohmann::json& body);

std::string alert_body(const risk::Alert& alert);
Result<risk::Alert> alert_from_body(std::string_view body);

}  // namespace sw::server
