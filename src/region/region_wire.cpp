#include "region/region_wire.h"

#include <nlohmann/json.hpp>

#include "region/region_plan.h"
#include "server/federated_items.h"
#include "share/federation/wire.h"

namespace sw::region {

using Json = nlohmann::ordered_json;

std::string region_payload(const RegionMessage& message) {
  const Json track = Json::parse(server::track_body(message.track), nullptr, false);
  return Json{{"from", message.from},
              {"to", message.to},
              {"label", share::label_wire(message.track.label)},
              {"track", track}}
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<RegionMessage> parse_region_payload(std::string_view payload) {
  const Json json = Json::parse(payload, nullptr, false);
  if (!json.is_object()) return Error{"region_message", "not a JSON object"};
  const auto from = json.find("from");
  const auto to = json.find("to");
  const auto label = json.find("label");
  const auto track = json.find("track");
  if (from == json.end() || to == json.end() || label == json.end() || track == json.end() ||
      !from->is_string() || !to->is_string() || !track->is_object()) {
    return Error{"region_message", "needs string from and to, label and track"};
  }
  RegionMessage message;
  message.from = from->get<std::string>();
  message.to = to->get<std::string>();
  if (!valid_token(message.from) || (!message.to.empty() && !valid_token(message.to))) {
    return Error{"region_message", "region names must be [A-Za-z0-9_-]{1,64}"};
  }
  std::optional<Label> parsed_label = share::label_from_wire(*label);
  if (!parsed_label) return Error{"region_message", "malformed label"};
  Result<track::FusedTrack> parsed_track =
      server::track_from_body(track->dump(-1, ' ', false, Json::error_handler_t::replace));
  if (!parsed_track) return Error{"region_message", parsed_track.error().detail};
  message.track = std::move(*parsed_track);
  message.track.label = std::move(*parsed_label);
  return message;
}

}  // namespace sw::region
