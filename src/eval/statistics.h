#pragma once
/// Order statistics of small samples (evaluation figures).

#include <algorithm>
#include <cmath>
#include <vector>

namespace sw::eval {

/// Quantile q (0..1) by linear interpolation between order statistics; 0 when empty.
inline double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + (values[above] - values[below]) * fraction;
}

inline double median(std::vector<double> values) { return quantile(std::move(values), 0.5); }

}  // namespace sw::eval
