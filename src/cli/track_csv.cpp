#include "cli/track_csv.h"

#include <charconv>
#include <cmath>

namespace sw::cli {

void split_csv(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

Result<CsvHeader> CsvHeader::parse(std::string_view line) {
  std::vector<std::string_view> fields;
  split_csv(line, fields);
  if (fields.size() == 1 && fields[0].empty()) {
    return Error{"empty_header", "the first line must be a CSV header"};
  }
  CsvHeader header;
  for (std::string_view field : fields) {
    while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    header.names_.emplace_back(field);
  }
  return header;
}

int CsvHeader::find(std::string_view name) const {
  for (std::size_t column = 0; column < names_.size(); ++column) {
    if (names_[column] == name) return static_cast<int>(column);
  }
  return -1;
}

Result<int> CsvHeader::require(std::string_view name) const {
  const int column = find(name);
  if (column < 0)
    return Error{"missing_column", "header has no column '" + std::string(name) + "'"};
  return column;
}

Result<double> parse_double_field(const std::vector<std::string_view>& fields, int column,
                                  std::string_view name) {
  if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) {
    return Error{"missing_field", "no field '" + std::string(name) + "'"};
  }
  std::string_view text = fields[column];
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() ||
      !std::isfinite(value)) {
    return Error{"bad_number",
                 "field '" + std::string(name) + "' is not a number: '" + std::string(text) + "'"};
  }
  return value;
}

}  // namespace sw::cli
