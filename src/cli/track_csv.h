#pragma once
/// CSV helpers of the tracking command line: header columns by name and numeric fields,
/// with errors that name the line and the column (bad input is reported, never fatal).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sw::cli {

/// Column positions of a CSV header line.
class CsvHeader {
 public:
  /// Splits the header; fails on an empty line.
  static Result<CsvHeader> parse(std::string_view line);
  /// Position of `name`, or -1.
  int find(std::string_view name) const;
  /// Position of `name`, or an error naming the missing column.
  Result<int> require(std::string_view name) const;

 private:
  std::vector<std::string> names_;
};

/// Splits `line` at commas into `fields` (reused; trailing '\r' removed).
void split_csv(std::string_view line, std::vector<std::string_view>& fields);

/// Parses field `column` of `fields` as a finite double; the error names the column.
Result<double> parse_double_field(const std::vector<std::string_view>& fields, int column,
                                  std::string_view name);

}  // namespace sw::cli
