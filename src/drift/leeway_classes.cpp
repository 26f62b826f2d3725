#include "drift/leeway_classes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sw::drift {
namespace {

constexpr std::size_t kColumns = 11;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool parse_double(std::string_view text, double& value) {
  text = trim(text);
  if (text.empty()) return false;
  const std::string copy(text);
  char* end = nullptr;
  value = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(value);
}

bool iequals(std::string_view left, std::string_view right) {
  return left.size() == right.size() &&
         std::equal(left.begin(), left.end(), right.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

}  // namespace

Result<std::vector<LeewayClass>> parse_leeway_classes(std::string_view csv_text) {
  std::vector<LeewayClass> classes;
  std::size_t line_number = 0;
  while (!csv_text.empty()) {
    const std::size_t end = csv_text.find('\n');
    std::string_view line = csv_text.substr(0, end);
    csv_text.remove_prefix(end == std::string_view::npos ? csv_text.size() : end + 1);
    ++line_number;
    line = trim(line);
    if (line.empty() || line.front() == '#' || line_number == 1) continue;
    std::vector<std::string_view> fields;
    while (true) {
      const std::size_t comma = line.find(',');
      fields.push_back(trim(line.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      line.remove_prefix(comma + 1);
    }
    if (fields.size() != kColumns) {
      return Error{"bad_class_table", "line " + std::to_string(line_number) + ": expected " +
                                          std::to_string(kColumns) + " columns"};
    }
    LeewayClass row;
    double id = 0;
    double* numbers[] = {&row.dw_slope,  &row.dw_offset,  &row.dw_std,
                         &row.cwr_slope, &row.cwr_offset, &row.cwr_std,
                         &row.cwl_slope, &row.cwl_offset, &row.cwl_std};
    bool good = parse_double(fields[0], id) && id >= 1 && id == std::floor(id) && id < 1e6;
    for (std::size_t column = 0; good && column < 9; ++column) {
      good = parse_double(fields[column + 2], *numbers[column]);
    }
    if (!good || fields[1].empty()) {
      return Error{"bad_class_table", "line " + std::to_string(line_number) + ": bad value"};
    }
    if (row.dw_std < 0 || row.cwr_std < 0 || row.cwl_std < 0) {
      return Error{"bad_class_table",
                   "line " + std::to_string(line_number) + ": negative standard deviation"};
    }
    row.id = static_cast<int>(id);
    row.key = std::string(fields[1]);
    classes.push_back(std::move(row));
  }
  if (classes.empty()) return Error{"bad_class_table", "no classes in table"};
  return classes;
}

Result<std::vector<LeewayClass>> load_leeway_classes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"io", "cannot open " + path};
  std::ostringstream text;
  text << file.rdbuf();
  return parse_leeway_classes(text.str());
}

Result<LeewayClass> find_leeway_class(const std::vector<LeewayClass>& classes,
                                      std::string_view number_or_key) {
  number_or_key = trim(number_or_key);
  int number = 0;
  const auto* const last = number_or_key.data() + number_or_key.size();
  const auto [ptr, error] = std::from_chars(number_or_key.data(), last, number);
  const bool is_number = error == std::errc() && ptr == last;
  for (const auto& row : classes) {
    if (is_number ? row.id == number : iequals(row.key, number_or_key)) return row;
  }
  return Error{"unknown_class", "no Leeway object class '" + std::string(number_or_key) + "'"};
}

}  // namespace sw::drift
