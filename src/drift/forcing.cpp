#include "drift/forcing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sw::drift {

bool ForcingField::covers_time(TimeNs first, TimeNs last) const {
  if (times.empty()) return false;
  if (times.size() == 1) return true;
  return std::min(first, last) >= times.front() && std::max(first, last) <= times.back();
}

bool ForcingField::sample(double lon, double lat, TimeNs time, ForcingNode& out) const {
  if (times.empty() || nodes.empty()) return false;
  std::size_t time_idx = 0;
  double time_weight = 0;
  if (times.size() > 1) {
    if (time < times.front() || time > times.back()) return false;
    const auto upper = std::upper_bound(times.begin(), times.end(), time);
    time_idx = std::min<std::size_t>(upper - times.begin(), times.size() - 1) - 1;
    time_weight = static_cast<double>(time - times[time_idx]) /
                  static_cast<double>(times[time_idx + 1] - times[time_idx]);
  }
  auto blend = [&](std::size_t level) {
    if (uniform) {
      const ForcingNode& node = at(level, 0, 0);
      return std::array<double, 4>{node.current_east, node.current_north, node.wind_east,
                                   node.wind_north};
    }
    const double fx = (lon - lon0) / dlon;
    const double fy = (lat - lat0) / dlat;
    const int ix = std::min(static_cast<int>(fx), nlon - 2);
    const int iy = std::min(static_cast<int>(fy), nlat - 2);
    const double wx = fx - ix, wy = fy - iy;
    const ForcingNode* corners[4] = {&at(level, iy, ix), &at(level, iy, ix + 1),
                                     &at(level, iy + 1, ix), &at(level, iy + 1, ix + 1)};
    const double weights[4] = {(1 - wx) * (1 - wy), wx * (1 - wy), (1 - wx) * wy, wx * wy};
    std::array<double, 4> value{};
    for (int corner = 0; corner < 4; ++corner) {
      value[0] += weights[corner] * corners[corner]->current_east;
      value[1] += weights[corner] * corners[corner]->current_north;
      value[2] += weights[corner] * corners[corner]->wind_east;
      value[3] += weights[corner] * corners[corner]->wind_north;
    }
    return value;
  };
  if (!uniform) {
    const double fx = (lon - lon0) / dlon;
    const double fy = (lat - lat0) / dlat;
    if (!(fx >= 0 && fy >= 0 && fx <= nlon - 1 && fy <= nlat - 1)) return false;
  }
  std::array<double, 4> value = blend(time_idx);
  if (time_weight > 0) {
    const std::array<double, 4> later = blend(time_idx + 1);
    for (int component = 0; component < 4; ++component) {
      value[component] += time_weight * (later[component] - value[component]);
    }
  }
  for (double component : value) {
    if (!std::isfinite(component)) return false;
  }
  out = {static_cast<float>(value[0]), static_cast<float>(value[1]), static_cast<float>(value[2]),
         static_cast<float>(value[3])};
  return true;
}

Result<ForcingField> ConstantForcing::field_for(TimeNs first, TimeNs /*last*/) const {
  for (double component : {wind_[0], wind_[1], current_[0], current_[1]}) {
    if (!std::isfinite(component) || std::abs(component) > 100.0) {
      return Error{"bad_forcing", "constant wind/current components must be finite and < 100 m/s"};
    }
  }
  ForcingField field;
  field.uniform = true;
  field.times = {first};
  field.nodes = {{static_cast<float>(current_[0]), static_cast<float>(current_[1]),
                  static_cast<float>(wind_[0]), static_cast<float>(wind_[1])}};
  return field;
}

std::string ConstantForcing::description() const {
  char text[160];
  std::snprintf(text, sizeof text, "constant wind %.3f,%.3f m/s, current %.3f,%.3f m/s", wind_[0],
                wind_[1], current_[0], current_[1]);
  return text;
}

}  // namespace sw::drift
