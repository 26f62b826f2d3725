#pragma once
/// Forcing: the wind and current fields that move drifting objects. Implementations
/// (NetcdfForcing, ConstantForcing) hand the simulation an in-memory ForcingField covering
/// the run, so the particle loop never calls back into them.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace sw::drift {

/// The four forcing components at one grid node and time, m/s, east/north.
struct ForcingNode {
  float current_east = 0;
  float current_north = 0;
  float wind_east = 0;
  float wind_north = 0;
};

/// Wind and current on a regular lon/lat grid at a series of times, interpolated
/// bilinearly in space and linearly in time. A 1x1 grid with `uniform` set is a field
/// that is the same everywhere (no spatial bounds).
struct ForcingField {
  bool uniform = false;
  double lon0 = 0, lat0 = 0;       ///< first grid node, degrees
  double dlon = 1, dlat = 1;       ///< grid spacing, degrees (positive)
  int nlon = 1, nlat = 1;          ///< node counts (>= 2 each unless uniform)
  std::vector<TimeNs> times;       ///< increasing; one entry means constant in time
  std::vector<ForcingNode> nodes;  ///< [time][lat][lon]

  double lon_max() const { return lon0 + dlon * (nlon - 1); }
  double lat_max() const { return lat0 + dlat * (nlat - 1); }
  const ForcingNode& at(std::size_t time_idx, int lat_idx, int lon_idx) const {
    return nodes[(time_idx * nlat + lat_idx) * nlon + lon_idx];
  }
  /// Whether the field covers [first, last] (either order); a one-time field covers all.
  bool covers_time(TimeNs first, TimeNs last) const;
  /// Interpolated forcing at a position and time; `false` outside the grid or on missing data.
  bool sample(double lon, double lat, TimeNs time, ForcingNode& out) const;
};

/// Source of forcing for a run.
class Forcing {
 public:
  virtual ~Forcing() = default;
  /// The field for a run between two times (either order); fails if not covered.
  virtual Result<ForcingField> field_for(TimeNs first, TimeNs last) const = 0;
  /// One line for logs and outputs, e.g. the file name and variables used.
  virtual std::string description() const = 0;
};

/// Wind and current the same everywhere and always: for quick estimates.
class ConstantForcing final : public Forcing {
 public:
  ConstantForcing(std::array<double, 2> wind_east_north, std::array<double, 2> current_east_north)
      : wind_(wind_east_north), current_(current_east_north) {}
  Result<ForcingField> field_for(TimeNs first, TimeNs last) const override;
  std::string description() const override;

 private:
  std::array<double, 2> wind_;
  std::array<double, 2> current_;
};

}  // namespace sw::drift
