#include "ingest/cot/encoder.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "ingest/cot/cot_time.h"
#include "ingest/cot/xml_escape.h"

namespace sw::cot {
namespace {

/// Shortest fixed-point text that reads back as the same double (xs:decimal has no
/// exponent), with ".0" added to integral values as TAK writes them. Non-finite: "0.0".
void append_decimal(std::string& out, double value) {
  if (!std::isfinite(value)) value = 0.0;
  if (value == 0.0) value = 0.0;  // -0.0 -> 0.0
  char text[400];
  const auto result = std::to_chars(text, text + sizeof(text), value, std::chars_format::fixed);
  const std::string_view digits(text, static_cast<std::size_t>(result.ptr - text));
  out.append(digits);
  if (digits.find('.') == std::string_view::npos) out.append(".0");
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out.push_back(' ');
  out.append(name);
  out.append("=\"");
  append_xml_escaped(out, value);
  out.push_back('"');
}

void append_number_attribute(std::string& out, std::string_view name, double value) {
  out.push_back(' ');
  out.append(name);
  out.append("=\"");
  append_decimal(out, value);
  out.push_back('"');
}

/// hae/ce/le: unknown (nullopt, non-finite or at/above the sentinel) as 9999999.0.
void append_optional_number_attribute(std::string& out, std::string_view name,
                                      const std::optional<double>& value) {
  const bool known = value && std::isfinite(*value) && *value < kUnknownThreshold;
  append_number_attribute(out, name, known ? *value : kUnknownValue);
}

std::string join_releaseable_to(const std::vector<std::string>& entries) {
  std::string joined;
  for (const auto& entry : entries) {
    if (entry.empty()) continue;
    if (!joined.empty()) joined.push_back(',');
    joined.append(entry);
  }
  return joined;
}

void append_detail(std::string& out, const CotEvent& event) {
  const bool empty = !event.callsign && !event.group && !event.track && !event.remarks;
  if (empty) {
    out.append("<detail/>");
    return;
  }
  out.append("<detail>");
  if (event.callsign) {
    out.append("<contact");
    append_attribute(out, "callsign", *event.callsign);
    out.append("/>");
  }
  if (event.group) {
    out.append("<__group");
    append_attribute(out, "name", event.group->name);
    append_attribute(out, "role", event.group->role);
    out.append("/>");
  }
  if (event.track) {
    out.append("<track");
    append_number_attribute(out, "course", event.track->course_deg);
    append_number_attribute(out, "speed", event.track->speed_mps);
    out.append("/>");
  }
  if (event.remarks) {
    if (event.remarks->empty()) {
      out.append("<remarks/>");
    } else {
      out.append("<remarks>");
      append_xml_escaped(out, *event.remarks);
      out.append("</remarks>");
    }
  }
  out.append("</detail>");
}

}  // namespace

std::string encode_cot(const CotEvent& event) {
  std::string out;
  out.reserve(512);
  out.append(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)");
  out.append(R"(<event version="2.0")");
  append_attribute(out, "uid", event.uid);
  append_attribute(out, "type", event.type);
  append_attribute(out, "how", event.how);
  append_attribute(out, "time", format_cot_time(event.time));
  append_attribute(out, "start", format_cot_time(event.start));
  append_attribute(out, "stale", format_cot_time(event.stale));
  if (event.access) append_attribute(out, "access", *event.access);
  if (event.qos) append_attribute(out, "qos", *event.qos);
  if (event.opex) append_attribute(out, "opex", *event.opex);
  if (event.caveat) append_attribute(out, "caveat", *event.caveat);
  const std::string releaseable_to = join_releaseable_to(event.releaseable_to);
  if (!releaseable_to.empty()) append_attribute(out, "releaseableTo", releaseable_to);
  out.append("><point");
  append_number_attribute(out, "lat", event.point.lat);
  append_number_attribute(out, "lon", event.point.lon);
  append_optional_number_attribute(out, "hae", event.point.hae_m);
  append_optional_number_attribute(out, "ce", event.point.ce_m);
  append_optional_number_attribute(out, "le", event.point.le_m);
  out.append("/>");
  append_detail(out, event);
  out.append("</event>");
  return out;
}

}  // namespace sw::cot
