#pragma once
/// NetcdfForcing: wind and surface current from a CF-conventions NetCDF file on 1-D
/// lon/lat/time axes, variables identified by standard_name as OpenDrift's generic CF
/// reader does (x_wind/y_wind, x_sea_water_velocity/y_sea_water_velocity).

#include <memory>
#include <optional>
#include <string>

#include "drift/forcing.h"

namespace sw::drift {

/// What a forcing file provides, found when it is opened.
struct NetcdfForcingInfo {
  std::string path;
  std::string current_vars;  ///< "u,v" names found, empty if the file has no current
  std::string wind_vars;     ///< empty if the file has no wind
  int nlon = 0, nlat = 0, ntime = 0;
  double lon_min = 0, lon_max = 0, lat_min = 0, lat_max = 0;
  TimeNs time_first = 0, time_last = 0;
};

/// Forcing read from one NetCDF file. Components the file lacks take the fallback values
/// (m/s, east/north) given at open time, as OpenDrift falls back to constants.
class NetcdfForcing final : public Forcing {
 public:
  struct Fallback {
    std::array<double, 2> wind{0, 0};
    std::array<double, 2> current{0, 0};
  };

  /// Open and check a file (axes, variables, units); reads data only in field_for().
  static Result<std::unique_ptr<NetcdfForcing>> open(const std::string& path, Fallback fallback);
  ~NetcdfForcing() override;

  Result<ForcingField> field_for(TimeNs first, TimeNs last) const override;
  std::string description() const override;
  const NetcdfForcingInfo& info() const { return info_; }

 private:
  struct Variable {
    int id = -1;
    int time_dim = -1, lat_dim = -1, lon_dim = -1;  ///< position in the variable's dims
    int ndims = 0;
    double scale = 1, offset = 0;
    std::optional<double> fill;
    std::optional<double> missing;
  };
  NetcdfForcing() = default;

  int ncid_ = -1;
  NetcdfForcingInfo info_;
  Fallback fallback_;
  std::vector<TimeNs> times_;
  bool lat_flipped_ = false;
  double lon0_ = 0, lat0_ = 0, dlon_ = 0, dlat_ = 0;
  std::optional<Variable> current_east_, current_north_, wind_east_, wind_north_;

  Status read_level(const Variable& variable, std::size_t time_idx, std::vector<float>& out) const;
};

/// Parse CF time units ("hours since 2024-01-01 00:00:00") into (ns per unit, epoch ns).
Result<std::pair<double, TimeNs>> parse_cf_time_units(const std::string& units);

}  // namespace sw::drift
