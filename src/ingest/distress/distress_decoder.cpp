#include "ingest/distress/distress_decoder.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/distress/distress_json.h"

namespace sw::distress {
namespace {

using nlohmann::json;

constexpr std::array<const char*, static_cast<std::size_t>(DistressReason::kCount)> kReasonNames{
    "report",           "blank",
    "too_large",        "too_deep",
    "not_json",         "not_object",
    "missing_id",       "bad_id",
    "missing_time",     "bad_time",
    "missing_position", "bad_position",
    "lat_out_of_range", "lon_out_of_range",
    "bad_uncertainty",  "bad_persons_on_board",
    "bad_source",       "bad_vessel",
    "bad_text",         "bad_reporter",
};

DistressReason reason_of(const Error& error) {
  for (std::size_t reason_idx = 0; reason_idx < kReasonNames.size(); ++reason_idx) {
    if (error.code == kReasonNames[reason_idx]) return static_cast<DistressReason>(reason_idx);
  }
  return DistressReason::kNotObject;
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

/// Parse JSON text without exceptions: nullopt on any syntax error or invalid UTF-8.
std::optional<json> parse_json(std::string_view text) {
  json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

DistressItem refused(DistressReason reason, std::string detail) {
  DistressItem item;
  item.reason = reason;
  item.detail = std::move(detail);
  return item;
}

void add_attribute(Observation& observation, std::string key, std::string value) {
  observation.attributes.emplace_back(std::move(key), std::move(value));
}

}  // namespace

const char* to_string(DistressReason reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kReasonNames.size() ? kReasonNames[index] : "unknown";
}

bool is_rejection(DistressReason reason) {
  return reason != DistressReason::kReport && reason != DistressReason::kBlank;
}

std::uint64_t DistressDecoderStats::rejected() const {
  std::uint64_t total = 0;
  for (std::size_t reason_idx = 0; reason_idx < by_reason.size(); ++reason_idx) {
    if (is_rejection(static_cast<DistressReason>(reason_idx))) total += by_reason[reason_idx];
  }
  return total;
}

Result<DistressReport> parse_distress_json(std::string_view json_text) {
  if (json_text.size() > kMaxReportBytes) return Error{"too_large", ""};
  if (json_nesting_depth(json_text, kMaxNesting) > kMaxNesting) return Error{"too_deep", ""};
  const auto value = parse_json(json_text);
  if (!value) return Error{"not_json", ""};
  return report_from_json(*value);
}

Observation to_observation(const DistressReport& report, const DistressDecoderOptions& options) {
  Observation observation;
  observation.time = report.time;
  observation.source_id = options.source_id;
  observation.kind = ObservationKind::kDistressReport;
  observation.position = report.position;
  const double sigma = report.uncertainty_m.value_or(options.default_uncertainty_m);
  observation.position_covariance = Covariance2{sigma * sigma, 0.0, sigma * sigma};
  observation.label = options.label;

  add_attribute(observation, "report_id", report.id);
  if (!report.source.empty()) add_attribute(observation, "source", report.source);
  if (report.persons_on_board) {
    add_attribute(observation, "persons_on_board", std::to_string(*report.persons_on_board));
  }
  if (report.vessel) {
    const VesselDescription& vessel = *report.vessel;
    if (!vessel.type.empty()) add_attribute(observation, "vessel_type", vessel.type);
    if (!vessel.colour.empty()) add_attribute(observation, "vessel_colour", vessel.colour);
    if (vessel.length_m) {
      add_attribute(observation, "vessel_length_m", fmt::format("{:g}", *vessel.length_m));
    }
    if (!vessel.description.empty()) {
      add_attribute(observation, "vessel_description", vessel.description);
    }
  }
  if (!report.text.empty() || !report.reporter.empty()) {
    // Free text and the reporter may name people: personal data, kept for a bounded time.
    observation.label.personal_data = true;
    const std::int64_t bound = options.personal_data_retention_s;
    if (bound > 0 &&
        (observation.label.retention_s <= 0 || observation.label.retention_s > bound)) {
      observation.label.retention_s = bound;
    }
    if (!report.text.empty()) add_attribute(observation, "text", report.text);
    if (!report.reporter.empty()) add_attribute(observation, "reporter", report.reporter);
  }
  return observation;
}

DistressDecoder::DistressDecoder(DistressDecoderOptions options) : options_(std::move(options)) {}

void DistressDecoder::count(DistressItem& item, std::vector<DistressItem>& out) {
  ++stats_.by_reason[static_cast<std::size_t>(item.reason)];
  if (item.reason != DistressReason::kBlank) ++stats_.reports;
  if (item.observation) {
    ++stats_.observations;
    if (item.observation->label.personal_data) ++stats_.personal_data;
  }
  out.push_back(std::move(item));
}

void DistressDecoder::feed_json(std::string_view json_text, std::size_t size_limit,
                                std::vector<DistressItem>& out) {
  if (is_blank(json_text)) {
    DistressItem item;
    count(item, out);
    return;
  }
  if (json_text.size() > size_limit) {
    DistressItem item = refused(DistressReason::kTooLarge, "");
    count(item, out);
    return;
  }
  // One level more for a surrounding array.
  const int depth_limit =
      json_text[json_text.find_first_not_of(" \t\r\n")] == '[' ? kMaxNesting + 1 : kMaxNesting;
  if (json_nesting_depth(json_text, depth_limit) > depth_limit) {
    DistressItem item = refused(DistressReason::kTooDeep, "");
    count(item, out);
    return;
  }
  const auto value = parse_json(json_text);
  if (!value) {
    DistressItem item = refused(DistressReason::kNotJson, "");
    count(item, out);
    return;
  }
  const auto take = [&](const json& element) {
    DistressItem item;
    if (element.is_array()) {
      item = refused(DistressReason::kNotObject, "array inside an array");
    } else if (element.dump(-1, ' ', false, json::error_handler_t::replace).size() >
               kMaxReportBytes) {
      item = refused(DistressReason::kTooLarge, "");
    } else {
      auto report = report_from_json(element);
      if (report.ok()) {
        item.reason = DistressReason::kReport;
        item.observation = to_observation(*report, options_);
        item.report = std::move(report).value();
      } else {
        item = refused(reason_of(report.error()), report.error().detail);
      }
    }
    count(item, out);
  };
  if (value->is_array()) {
    for (const json& element : *value) take(element);
  } else {
    take(*value);
  }
}

std::vector<DistressItem> DistressDecoder::feed_line(std::string_view line) {
  std::vector<DistressItem> out;
  // A line holding an array may hold several reports: allow it the array's size.
  const bool array = line.find_first_not_of(" \t\r\n") != std::string_view::npos &&
                     line[line.find_first_not_of(" \t\r\n")] == '[';
  feed_json(line, array ? options_.max_document_bytes : kMaxReportBytes, out);
  return out;
}

std::vector<DistressItem> DistressDecoder::feed_text(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') {
    std::vector<DistressItem> out;
    feed_json(text, options_.max_document_bytes, out);
    return out;
  }
  std::vector<DistressItem> out;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    for (auto& item : feed_line(line)) out.push_back(std::move(item));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return out;
}

}  // namespace sw::distress
