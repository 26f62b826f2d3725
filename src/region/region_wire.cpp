#include "region/region_wire.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "server/federated_items.h"
#include "share/federation/wire.h"

namespace sw::region {

using Json = nlohmann::ordered_json;

std::string region_payload(const RegionMessage& message) {
  return Json{{"from", message.from},
              {"to", message.to},
              {"label", share::label_wire(message.track.label)},
              {"track", Json(server::track_json(message.track))}}
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
  if (!share::valid_subject_token(message.from) ||
      (!message.to.empty() && !share::valid_subject_token(message.to))) {
    return Error{"region_message", "region names must be [A-Za-z0-9_-]{1,64}"};
  }
  std::optional<Label> parsed_label = share::label_from_wire(*label);
  if (!parsed_label) return Error{"region_message", "malformed label"};
  Result<track::FusedTrack> parsed_track = server::track_from_json(nlohmann::json(*track));
  if (!parsed_track) return Error{"region_message", parsed_track.error().detail};
  message.track = std::move(*parsed_track);
  message.track.label = std::move(*parsed_label);
  return message;
}

std::string output_message_id(const std::string& region, std::uint64_t input, std::uint64_t n) {
  return region + ":" + std::to_string(input) + ":" + std::to_string(n);
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_output_message_id(
    std::string_view id) {
  const std::size_t last = id.rfind(':');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  const std::size_t middle = id.rfind(':', last - 1);
  if (middle == std::string_view::npos) return std::nullopt;
  const auto number = [](std::string_view text) -> std::optional<std::uint64_t> {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
      return std::nullopt;
    }
    return value;
  };
  const auto input = number(id.substr(middle + 1, last - middle - 1));
  const auto n = number(id.substr(last + 1));
  if (!input || !n) return std::nullopt;
  return std::make_pair(*input, *n);
}

}  // namespace sw::region
