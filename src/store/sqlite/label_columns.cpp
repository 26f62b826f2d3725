#include "store/sqlite/label_columns.h"

#include <algorithm>

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

void bind_label(Statement& statement, int first_index, const Label& label) {
  statement.bind(first_index, std::string_view(label.owner));
  statement.bind(first_index + 1, std::string_view(encode_releasable_to(label.releasable_to)));
  statement.bind(first_index + 2, static_cast<std::int64_t>(label.purposes));
  statement.bind(first_index + 3, static_cast<std::int64_t>(label.sensitivity));
  statement.bind(first_index + 4, static_cast<std::int64_t>(label.personal_data ? 1 : 0));
  statement.bind(first_index + 5,
                 std::clamp<std::int64_t>(label.retention_s, 0, kMaxRetentionSeconds));
}

Label read_label(const Statement& statement, int first_column) {
  Label label;
  label.owner = statement.column_text(first_column);
  label.releasable_to = decode_releasable_to(statement.column_text(first_column + 1));
  label.purposes = static_cast<std::uint8_t>(statement.column_int64(first_column + 2) & 0xFF);
  const std::int64_t sensitivity = statement.column_int64(first_column + 3);
  label.sensitivity =
      sensitivity >= 0 && sensitivity <= static_cast<std::int64_t>(Sensitivity::kRed)
          ? static_cast<Sensitivity>(sensitivity)
          : Sensitivity::kRed;
  label.personal_data = statement.column_int64(first_column + 4) != 0;
  label.retention_s = statement.column_int64(first_column + 5);
  return label;
}

}  // namespace sw::store
