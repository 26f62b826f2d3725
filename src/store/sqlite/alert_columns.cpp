#include "store/sqlite/alert_columns.h"

#include <charconv>

#include "store/sqlite/label_columns.h"

namespace sw::store {

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

void bind_alert(Statement& statement, const AlertRecord& alert) {
  statement.bind(1, static_cast<std::int64_t>(alert.alert_id));
  statement.bind(2, static_cast<std::int64_t>(alert.revision));
  statement.bind(3, static_cast<std::int64_t>(alert.time));
  statement.bind(4, std::string_view(alert.kind));
  statement.bind(5, std::string_view(alert.state));
  statement.bind(6, static_cast<std::int64_t>(alert.severity));
  statement.bind(7, std::string_view(alert.change));
  statement.bind(8, std::string_view(alert.actor));
  statement.bind(9, std::string_view(alert.region));
  statement.bind(10, alert.position.lat);
  statement.bind(11, alert.position.lon);
  statement.bind(12, std::string_view(encode_subjects(alert.subjects)));
  statement.bind(13, std::string_view(alert.body_json));
  bind_label(statement, 14, alert.label);
}

AlertRecord read_alert(const Statement& statement, int first_column) {
  AlertRecord alert;
  const int column = first_column;
  alert.alert_id = static_cast<std::uint64_t>(statement.column_int64(column));
  alert.revision = static_cast<std::uint32_t>(statement.column_int64(column + 1));
  alert.time = statement.column_int64(column + 2);
  alert.kind = statement.column_text(column + 3);
  alert.state = statement.column_text(column + 4);
  alert.severity = static_cast<std::int32_t>(statement.column_int64(column + 5));
  alert.change = statement.column_text(column + 6);
  alert.actor = statement.column_text(column + 7);
  alert.region = statement.column_text(column + 8);
  alert.position.lat = statement.column_double(column + 9);
  alert.position.lon = statement.column_double(column + 10);
  alert.subjects = decode_subjects(statement.column_text(column + 11));
  alert.body_json = statement.column_text(column + 12);
  alert.label = read_label(statement, column + 13);
  return alert;
}

}  // namespace sw::store
