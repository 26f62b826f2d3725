#pragma once
/// Leeway object classes: the USCG regression coefficients of leeway on 10 m wind speed
/// (table and origin in data/leeway/), lookup by class number or key.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sw::drift {

/// One Leeway object class; slopes in % of wind speed, offsets and stds in cm/s.
struct LeewayClass {
  int id = 0;
  std::string key;
  double dw_slope = 0, dw_offset = 0, dw_std = 0;     ///< downwind
  double cwr_slope = 0, cwr_offset = 0, cwr_std = 0;  ///< crosswind, "right" columns
  double cwl_slope = 0, cwl_offset = 0, cwl_std = 0;  ///< crosswind, "left" columns
};

/// The 85 classes compiled into the program (src/drift/leeway_table.cpp).
const std::vector<LeewayClass>& builtin_leeway_classes();

/// Parse a table in the data/leeway/leeway_classes.csv format (header, 11 columns).
Result<std::vector<LeewayClass>> parse_leeway_classes(std::string_view csv_text);

/// Read and parse such a table from a file.
Result<std::vector<LeewayClass>> load_leeway_classes(const std::string& path);

/// Find a class by number ("1") or key ("PIW-1", case-insensitive).
Result<LeewayClass> find_leeway_class(const std::vector<LeewayClass>& classes,
                                      std::string_view number_or_key);

}  // namespace sw::drift
