#include "store/record_columns.h"

#include <algorithm>
#include <charconv>

namespace sw::store {

std::string encode_releasable_to(const std::vector<std::string>& entries) {
  std::string text;
  for (const std::string& entry : entries) {
    for (const char c : entry) {
      if (c == '\\' || c == ',') text.push_back('\\');
      text.push_back(c);
    }
    text.push_back(',');
  }
  return text;
}

std::vector<std::string> decode_releasable_to(std::string_view text) {
  std::vector<std::string> entries;
  std::string entry;
  bool escaped = false;
  for (const char c : text) {
    if (escaped) {
      entry.push_back(c);
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == ',') {
      entries.push_back(std::move(entry));
      entry.clear();
    } else {
      entry.push_back(c);
    }
  }
  if (!entry.empty()) entries.push_back(std::move(entry));  // tolerate a missing final ','
  return entries;
}

std::string encode_subjects(const std::vector<std::uint64_t>& subjects) {
  std::string text;
  for (const std::uint64_t track_id : subjects) {
    text += std::to_string(track_id);
    text.push_back(',');
  }
  return text;
}

std::vector<std::uint64_t> decode_subjects(std::string_view text) {
  std::vector<std::uint64_t> subjects;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view entry = text.substr(0, comma);
    std::uint64_t track_id = 0;
    const auto [end, error] = std::from_chars(entry.data(), entry.data() + entry.size(), track_id);
    if (!entry.empty() && error == std::errc() && end == entry.data() + entry.size()) {
      subjects.push_back(track_id);
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return subjects;
}

std::int64_t stored_retention(std::int64_t retention_s) {
  return std::clamp<std::int64_t>(retention_s, 0, kMaxRetentionSeconds);
}

TrackStatus track_status_from(std::int64_t value) {
  if (value >= 0 && value <= static_cast<std::int64_t>(TrackStatus::kDeleted)) {
    return static_cast<TrackStatus>(value);
  }
  return TrackStatus::kTentative;
}

TrackClass track_class_from(std::int64_t value) {
  if (value >= 0 && value <= static_cast<std::int64_t>(TrackClass::kAsset)) {
    return static_cast<TrackClass>(value);
  }
  return TrackClass::kDark;
}

ObservationKind observation_kind_from(std::int64_t value) {
  if (value >= 0 && value <= static_cast<std::int64_t>(ObservationKind::kDistressReport)) {
    return static_cast<ObservationKind>(value);
  }
  return ObservationKind::kSighting;
}

Sensitivity sensitivity_from(std::int64_t value) {
  if (value >= 0 && value <= static_cast<std::int64_t>(Sensitivity::kRed)) {
    return static_cast<Sensitivity>(value);
  }
  return Sensitivity::kRed;
}

}  // namespace sw::store
