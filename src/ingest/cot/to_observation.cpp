#include "ingest/cot/to_observation.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/units.h"
#include "ingest/cot/cot_time.h"

namespace sw::cot {
namespace {

/// TLP markings, most restrictive first so that "TLP:AMBER+STRICT" is not read as less.
struct TlpMarking {
  std::string_view text;
  Sensitivity sensitivity;
};
constexpr std::array<TlpMarking, 6> kTlpMarkings = {{
    {"TLP:RED", Sensitivity::kRed},
    {"TLP:AMBER+STRICT", Sensitivity::kAmber},
    {"TLP:AMBER", Sensitivity::kAmber},
    {"TLP:GREEN", Sensitivity::kGreen},
    {"TLP:CLEAR", Sensitivity::kClear},
    {"TLP:WHITE", Sensitivity::kClear},
}};

char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool contains_upper(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
    bool match = true;
    for (std::size_t char_idx = 0; char_idx < needle.size() && match; ++char_idx) {
      match = to_upper(haystack[start + char_idx]) == needle[char_idx];
    }
    if (match) return true;
  }
  return false;
}

std::string number_text(double value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof(text), value);
  return std::string(text, result.ptr);
}

std::string joined(const std::vector<std::string>& entries) {
  std::string text;
  for (const auto& entry : entries) {
    if (!text.empty()) text.push_back(',');
    text.append(entry);
  }
  return text;
}

void add_attributes(const CotEvent& event, Observation& observation) {
  auto& attributes = observation.attributes;
  attributes.emplace_back("cot_type", event.type);
  if (!event.how.empty()) attributes.emplace_back("how", event.how);
  attributes.emplace_back("start", format_cot_time(event.start));
  attributes.emplace_back("stale", format_cot_time(event.stale));
  if (event.point.hae_m) attributes.emplace_back("hae_m", number_text(*event.point.hae_m));
  if (event.point.le_m) attributes.emplace_back("le_m", number_text(*event.point.le_m));
  if (!event.point.ce_m) attributes.emplace_back("ce_unknown", "true");
  if (event.group) {
    attributes.emplace_back("group_name", event.group->name);
    attributes.emplace_back("group_role", event.group->role);
  }
  if (event.caveat) attributes.emplace_back("caveat", *event.caveat);
  if (!event.releaseable_to.empty()) {
    attributes.emplace_back("releaseable_to", joined(event.releaseable_to));
  }
  if (event.access) attributes.emplace_back("access", *event.access);
  if (event.opex) attributes.emplace_back("opex", *event.opex);
  if (event.remarks && !event.remarks->empty()) attributes.emplace_back("remarks", *event.remarks);
}

}  // namespace

std::optional<Sensitivity> caveat_sensitivity(std::string_view caveat) {
  for (const auto& marking : kTlpMarkings) {
    if (contains_upper(caveat, marking.text)) return marking.sensitivity;
  }
  const bool blank = std::all_of(caveat.begin(), caveat.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  });
  if (blank) return std::nullopt;
  return Sensitivity::kAmber;
}

Label event_label(const Label& source_label, const CotEvent& event) {
  Label label = source_label;
  if (!event.releaseable_to.empty()) {
    std::vector<std::string> narrowed;
    for (const auto& entry : source_label.releasable_to) {
      const bool listed = std::find(event.releaseable_to.begin(), event.releaseable_to.end(),
                                    entry) != event.releaseable_to.end();
      if (listed && std::find(narrowed.begin(), narrowed.end(), entry) == narrowed.end()) {
        narrowed.push_back(entry);
      }
    }
    label.releasable_to = std::move(narrowed);
  }
  if (event.caveat) {
    if (const auto sensitivity = caveat_sensitivity(*event.caveat)) {
      label.sensitivity = std::max(label.sensitivity, *sensitivity);
    }
  }
  if (event.remarks && !event.remarks->empty()) label.personal_data = true;
  return label;
}

std::optional<Observation> to_observation(const CotEvent& event,
                                          const ObservationContext& context) {
  const char affiliation_code = affiliation(event.type);
  if (affiliation_code == 0) return std::nullopt;

  Observation observation;
  observation.time = event.time;
  observation.source_id = context.source_id;
  observation.kind =
      affiliation_code == 'f' ? ObservationKind::kAssetPosition : ObservationKind::kSighting;
  observation.position = LatLon{event.point.lat, event.point.lon};
  const double sigma_m = event.point.ce_m ? *event.point.ce_m : context.unknown_ce_sigma_m;
  observation.position_covariance = Covariance2{sigma_m * sigma_m, 0.0, sigma_m * sigma_m};
  if (event.track) {
    const double course_rad = units::deg_to_rad(event.track->course_deg);
    observation.velocity = Velocity{event.track->speed_mps * std::sin(course_rad),
                                    event.track->speed_mps * std::cos(course_rad)};
  }
  observation.identity.asset_id = event.uid;
  if (event.callsign) observation.identity.callsign = *event.callsign;
  add_attributes(event, observation);
  observation.label = event_label(context.label, event);
  return observation;
}

}  // namespace sw::cot
