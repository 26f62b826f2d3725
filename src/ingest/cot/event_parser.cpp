#include "ingest/cot/event_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "ingest/cot/cot_time.h"

namespace sw::cot {
namespace {

constexpr unsigned char kTakProtobufMagic = 0xBF;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

/// True if `needle` (upper case ASCII) occurs in `haystack`, ignoring ASCII case.
bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
    if (haystack[start] != '<') continue;
    bool match = true;
    for (std::size_t char_idx = 1; char_idx < needle.size() && match; ++char_idx) {
      char c = haystack[start + char_idx];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      match = c == needle[char_idx];
    }
    if (match) return true;
  }
  return false;
}

/// A decimal number (exponents, "NaN" and "INF" read too), or nullopt if not a number.
std::optional<double> parse_any_number(const char* raw) {
  std::string_view text = trim(raw);
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

/// An xs:decimal (exponents tolerated) that must be a finite number, else nullopt.
std::optional<double> parse_number(const char* raw) {
  const auto value = parse_any_number(raw);
  if (!value || !std::isfinite(*value)) return std::nullopt;
  return value;
}

/// hae/ce/le: absent, at/above the sentinel, or NaN/infinite (ATAK writes hae="NaN" in
/// acknowledgements) -> nullopt; not a number -> failure.
bool parse_optional_number(const pugi::xml_node& point, const char* name,
                           std::optional<double>& value) {
  const pugi::xml_attribute attribute = point.attribute(name);
  value.reset();
  if (!attribute) return true;
  const auto number = parse_any_number(attribute.value());
  if (!number) return false;
  if (std::isfinite(*number) && *number < kUnknownThreshold) value = *number;
  return true;
}

std::optional<std::string> optional_attribute(const pugi::xml_node& node, const char* name) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) return std::nullopt;
  return std::string(attribute.value());
}

/// Entries of a releaseableTo list: separated by commas, semicolons or whitespace.
std::vector<std::string> split_releaseable_to(std::string_view text) {
  std::vector<std::string> entries;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find_first_of(",; \t\r\n", pos);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end;
    if (stop > pos) entries.emplace_back(text.substr(pos, stop - pos));
    pos = stop + 1;
  }
  return entries;
}

pugi::xml_attribute releaseable_to_attribute(const pugi::xml_node& node) {
  pugi::xml_attribute attribute = node.attribute("releaseableTo");
  if (!attribute) attribute = node.attribute("releasableTo");
  return attribute;
}

Reason read_times(const pugi::xml_node& event_node, CotEvent& event) {
  const auto time = parse_cot_time(event_node.attribute("time").value());
  const auto stale = parse_cot_time(event_node.attribute("stale").value());
  if (!time || !stale) return Reason::kBadTime;
  event.time = *time;
  event.stale = *stale;
  event.start = *time;
  if (const pugi::xml_attribute start = event_node.attribute("start")) {
    const auto start_time = parse_cot_time(start.value());
    if (!start_time) return Reason::kBadTime;
    event.start = *start_time;
  }
  if (event.stale < event.time) return Reason::kStaleBeforeTime;
  return Reason::kDecoded;
}

Reason read_point(const pugi::xml_node& event_node, CotPoint& point) {
  const pugi::xml_node point_node = event_node.child("point");
  if (!point_node) return Reason::kNoPoint;
  const pugi::xml_attribute lat_attribute = point_node.attribute("lat");
  const pugi::xml_attribute lon_attribute = point_node.attribute("lon");
  if (!lat_attribute || !lon_attribute) return Reason::kBadPoint;
  const auto lat = parse_number(lat_attribute.value());
  const auto lon = parse_number(lon_attribute.value());
  if (!lat || !lon) return Reason::kBadPoint;
  if (*lat < -90.0 || *lat > 90.0) return Reason::kLatOutOfRange;
  if (*lon < -180.0 || *lon > 180.0) return Reason::kLonOutOfRange;
  point.lat = *lat;
  point.lon = *lon;
  if (!parse_optional_number(point_node, "hae", point.hae_m) ||
      !parse_optional_number(point_node, "ce", point.ce_m) ||
      !parse_optional_number(point_node, "le", point.le_m)) {
    return Reason::kBadPoint;
  }
  if ((point.ce_m && *point.ce_m < 0.0) || (point.le_m && *point.le_m < 0.0)) {
    return Reason::kBadPoint;
  }
  return Reason::kDecoded;
}

/// Reads <track>; returns false if one is present without a valid course and speed.
bool read_track(const pugi::xml_node& detail, std::optional<CotTrack>& track) {
  const pugi::xml_node track_node = detail.child("track");
  if (!track_node) return true;
  const auto course = parse_number(track_node.attribute("course").value());
  const auto speed = parse_number(track_node.attribute("speed").value());
  if (!course || !speed || *course < 0.0 || *course > 360.0 || *speed < 0.0) return false;
  track = CotTrack{*course == 360.0 ? 0.0 : *course, *speed};
  return true;
}

void read_detail(const pugi::xml_node& detail, ParsedDocument& parsed) {
  CotEvent& event = parsed.event;
  parsed.track_ignored = !read_track(detail, event.track);
  if (const pugi::xml_node contact = detail.child("contact")) {
    event.callsign = optional_attribute(contact, "callsign");
  }
  if (const pugi::xml_node group = detail.child("__group")) {
    event.group = CotGroup{group.attribute("name").value(), group.attribute("role").value()};
  }
  if (const pugi::xml_node remarks = detail.child("remarks")) {
    event.remarks = std::string(remarks.text().get());
  }
}

Reason read_event(const pugi::xml_node& event_node, ParsedDocument& parsed) {
  CotEvent& event = parsed.event;
  event.uid = event_node.attribute("uid").value();
  if (event.uid.empty()) return Reason::kMissingUid;
  event.type = event_node.attribute("type").value();
  if (event.type.empty()) return Reason::kMissingType;
  event.how = event_node.attribute("how").value();
  if (const Reason reason = read_times(event_node, event); reason != Reason::kDecoded) {
    return reason;
  }
  if (const Reason reason = read_point(event_node, event.point); reason != Reason::kDecoded) {
    return reason;
  }
  event.access = optional_attribute(event_node, "access");
  event.qos = optional_attribute(event_node, "qos");
  event.opex = optional_attribute(event_node, "opex");
  event.caveat = optional_attribute(event_node, "caveat");
  pugi::xml_attribute releaseable_to = releaseable_to_attribute(event_node);
  if (const pugi::xml_node detail = event_node.child("detail")) {
    read_detail(detail, parsed);
    if (!event.caveat) event.caveat = optional_attribute(detail, "caveat");
    if (!releaseable_to) releaseable_to = releaseable_to_attribute(detail);
  }
  if (releaseable_to) event.releaseable_to = split_releaseable_to(releaseable_to.value());
  return Reason::kDecoded;
}

}  // namespace

ParsedDocument parse_document(std::string_view document) {
  ParsedDocument parsed;
  if (!document.empty() && static_cast<unsigned char>(document.front()) == kTakProtobufMagic) {
    parsed.reason = Reason::kProtobuf;
    return parsed;
  }
  if (std::memchr(document.data(), '\0', document.size()) != nullptr) {
    parsed.reason = Reason::kNotXml;
    return parsed;
  }
  if (contains_ignoring_case(document, "<!DOCTYPE") ||
      contains_ignoring_case(document, "<!ENTITY")) {
    parsed.reason = Reason::kDoctype;
    return parsed;
  }
  pugi::xml_document xml;
  // parse_default has no parse_doctype: no DTD node, no entity declarations.
  // parse_ws_pcdata_single keeps "<remarks> </remarks>" as " ".
  const pugi::xml_parse_result result =
      xml.load_buffer(document.data(), document.size(),
                      pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
  if (!result) {
    parsed.reason = Reason::kNotXml;
    return parsed;
  }
  pugi::xml_node root;
  for (const pugi::xml_node child : xml.children()) {
    if (child.type() != pugi::node_element) continue;
    if (root) {  // two root elements: not one XML document
      parsed.reason = Reason::kNotXml;
      return parsed;
    }
    root = child;
  }
  if (!root || std::strcmp(root.name(), "event") != 0) {
    parsed.reason = Reason::kNoEvent;
    return parsed;
  }
  parsed.reason = read_event(root, parsed);
  return parsed;
}

Result<CotEvent> decode_cot(std::string_view document) {
  ParsedDocument parsed = parse_document(document);
  if (parsed.reason != Reason::kDecoded) {
    return Error{to_string(parsed.reason), "CoT document refused"};
  }
  return std::move(parsed.event);
}

}  // namespace sw::cot
