#include "drift/netcdf_forcing.h"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/shared_library.h"
#include "drift/time_text.h"

namespace sw::drift {
namespace {

// libnetcdf, opened when a forcing file is first read (core/shared_library.h).
// clang-format off
#define SW_NETCDF_FUNCTIONS(X) \
  X(nc_close)           \
  X(nc_get_att_double)  \
  X(nc_get_att_text)    \
  X(nc_get_var_double)  \
  X(nc_get_vara_float)  \
  X(nc_inq_att)         \
  X(nc_inq_dimlen)      \
  X(nc_inq_nvars)       \
  X(nc_inq_vardimid)    \
  X(nc_inq_varname)     \
  X(nc_inq_varndims)    \
  X(nc_open)            \
  X(nc_strerror)
// clang-format on
struct NetcdfApi {
  SW_NETCDF_FUNCTIONS(SW_SHARED_API_MEMBER)
};
Status bind_netcdf(void* library, const char* soname, NetcdfApi& api) {
  SW_NETCDF_FUNCTIONS(SW_SHARED_API_BIND)
  return Ok{};
}
Result<const NetcdfApi*> load_netcdf() {
  return load_shared_api<NetcdfApi>(SW_NETCDF_SONAME, bind_netcdf);
}
/// netCDF's functions: called only by a forcing that NetcdfForcing::open made, after
/// load_netcdf() succeeded.
const NetcdfApi& netcdf() { return *load_netcdf().value(); }

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
// Grids are accepted as regular if every spacing is within this fraction of the mean.
constexpr double kRegularTolerance = 1e-4;
constexpr std::size_t kMaxNodes = 200'000'000;

Error nc_error(const std::string& path, const std::string& what, int status) {
  return Error{"bad_forcing", path + ": " + what + ": " + netcdf().nc_strerror(status)};
}

std::optional<std::string> text_attribute(int ncid, int varid, const char* name) {
  nc_type type = 0;
  std::size_t length = 0;
  if (netcdf().nc_inq_att(ncid, varid, name, &type, &length) != NC_NOERR || type != NC_CHAR) {
    return std::nullopt;
  }
  std::string value(length, '\0');
  if (netcdf().nc_get_att_text(ncid, varid, name, value.data()) != NC_NOERR) return std::nullopt;
  while (!value.empty() && value.back() == '\0') value.pop_back();
  return value;
}

std::optional<double> number_attribute(int ncid, int varid, const char* name) {
  nc_type type = 0;
  std::size_t length = 0;
  if (netcdf().nc_inq_att(ncid, varid, name, &type, &length) != NC_NOERR || length < 1 ||
      type == NC_CHAR || type == NC_STRING) {
    return std::nullopt;
  }
  std::vector<double> values(length);
  if (netcdf().nc_get_att_double(ncid, varid, name, values.data()) != NC_NOERR) return std::nullopt;
  return values[0];
}

Result<std::vector<double>> read_axis(int ncid, int varid, const std::string& path) {
  int ndims = 0;
  int dims[NC_MAX_VAR_DIMS];
  if (netcdf().nc_inq_varndims(ncid, varid, &ndims) != NC_NOERR || ndims != 1 ||
      netcdf().nc_inq_vardimid(ncid, varid, dims) != NC_NOERR) {
    return Error{"bad_forcing", path + ": coordinate variables must be 1-D"};
  }
  std::size_t length = 0;
  if (const int status = netcdf().nc_inq_dimlen(ncid, dims[0], &length); status != NC_NOERR) {
    return nc_error(path, "axis length", status);
  }
  if (length == 0 || length > 10'000'000) return Error{"bad_forcing", path + ": bad axis length"};
  std::vector<double> values(length);
  if (const int status = netcdf().nc_get_var_double(ncid, varid, values.data());
      status != NC_NOERR) {
    return nc_error(path, "reading axis", status);
  }
  for (double value : values) {
    if (!std::isfinite(value)) return Error{"bad_forcing", path + ": non-finite axis value"};
  }
  return values;
}

// First variable whose standard_name is one of `names`, or -1.
int find_by_standard_name(int ncid, std::initializer_list<const char*> names) {
  int nvars = 0;
  if (netcdf().nc_inq_nvars(ncid, &nvars) != NC_NOERR) return -1;
  for (const char* wanted : names) {
    for (int varid = 0; varid < nvars; ++varid) {
      if (text_attribute(ncid, varid, "standard_name") == std::string(wanted)) return varid;
    }
  }
  return -1;
}

// Spacing of a regular axis, or an error naming the axis.
Result<double> regular_spacing(const std::vector<double>& axis, const std::string& what,
                               const std::string& path) {
  if (axis.size() < 2) return Error{"bad_forcing", path + ": " + what + " axis needs 2+ points"};
  const double spacing = (axis.back() - axis.front()) / static_cast<double>(axis.size() - 1);
  if (spacing == 0) return Error{"bad_forcing", path + ": " + what + " axis is degenerate"};
  for (std::size_t idx = 1; idx < axis.size(); ++idx) {
    if (std::abs(axis[idx] - axis[idx - 1] - spacing) > kRegularTolerance * std::abs(spacing)) {
      return Error{"bad_forcing", path + ": " + what + " axis is not regularly spaced"};
    }
  }
  return spacing;
}

}  // namespace

Result<std::pair<double, TimeNs>> parse_cf_time_units(const std::string& units) {
  const std::size_t since = units.find(" since ");
  if (since == std::string::npos) return Error{"bad_forcing", "time units without 'since'"};
  std::string unit = units.substr(0, since);
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  double scale = 0;
  if (unit == "seconds" || unit == "second" || unit == "s" || unit == "sec" || unit == "secs") {
    scale = 1e9;
  } else if (unit == "minutes" || unit == "minute" || unit == "min" || unit == "mins") {
    scale = 60e9;
  } else if (unit == "hours" || unit == "hour" || unit == "h" || unit == "hr" || unit == "hrs") {
    scale = 3600e9;
  } else if (unit == "days" || unit == "day" || unit == "d") {
    scale = 86400e9;
  } else {
    return Error{"bad_forcing", "unsupported time unit '" + unit + "'"};
  }
  std::string reference = units.substr(since + 7);
  while (!reference.empty() && reference.front() == ' ') reference.erase(0, 1);
  while (!reference.empty() && reference.back() == ' ') reference.pop_back();
  auto epoch = parse_utc_time(reference);
  if (!epoch) return Error{"bad_forcing", "time units reference: " + epoch.error().detail};
  return std::pair<double, TimeNs>{scale, *epoch};
}

Result<std::unique_ptr<NetcdfForcing>> NetcdfForcing::open(const std::string& path,
                                                           Fallback fallback) {
  if (auto loaded = load_netcdf(); !loaded) return loaded.error();
  std::unique_ptr<NetcdfForcing> forcing(new NetcdfForcing());
  forcing->fallback_ = fallback;
  forcing->info_.path = path;
  if (const int status = netcdf().nc_open(path.c_str(), NC_NOWRITE, &forcing->ncid_);
      status != NC_NOERR) {
    forcing->ncid_ = -1;
    return nc_error(path, "open", status);
  }
  const int ncid = forcing->ncid_;

  const int lon_var = find_by_standard_name(ncid, {"longitude"});
  const int lat_var = find_by_standard_name(ncid, {"latitude"});
  const int time_var = find_by_standard_name(ncid, {"time"});
  if (lon_var < 0 || lat_var < 0 || time_var < 0) {
    return Error{"bad_forcing", path +
                                    ": needs longitude, latitude and time coordinate variables "
                                    "(by standard_name) on 1-D axes"};
  }
  auto lons = read_axis(ncid, lon_var, path);
  if (!lons) return lons.error();
  auto lats = read_axis(ncid, lat_var, path);
  if (!lats) return lats.error();
  auto times = read_axis(ncid, time_var, path);
  if (!times) return times.error();
  auto dlon = regular_spacing(*lons, "longitude", path);
  if (!dlon) return dlon.error();
  auto dlat = regular_spacing(*lats, "latitude", path);
  if (!dlat) return dlat.error();
  if (*dlon < 0) return Error{"bad_forcing", path + ": decreasing longitude axis not supported"};
  forcing->lat_flipped_ = *dlat < 0;
  forcing->dlon_ = *dlon;
  forcing->dlat_ = std::abs(*dlat);
  forcing->lon0_ = lons->front();
  forcing->lat0_ = std::min(lats->front(), lats->back());

  const auto units = text_attribute(ncid, time_var, "units");
  if (!units) return Error{"bad_forcing", path + ": time variable has no units"};
  auto time_units = parse_cf_time_units(*units);
  if (!time_units) return Error{"bad_forcing", path + ": " + time_units.error().detail};
  for (std::size_t idx = 0; idx < times->size(); ++idx) {
    const double offset_ns = (*times)[idx] * time_units->first;
    if (std::abs(offset_ns) > 9e18) return Error{"bad_forcing", path + ": time out of range"};
    forcing->times_.push_back(time_units->second + std::llround(offset_ns));
    if (idx > 0 && forcing->times_[idx] <= forcing->times_[idx - 1]) {
      return Error{"bad_forcing", path + ": time axis is not increasing"};
    }
  }

  int dims[3];
  if (netcdf().nc_inq_vardimid(ncid, lon_var, &dims[0]) != NC_NOERR ||
      netcdf().nc_inq_vardimid(ncid, lat_var, &dims[1]) != NC_NOERR ||
      netcdf().nc_inq_vardimid(ncid, time_var, &dims[2]) != NC_NOERR) {
    return Error{"bad_forcing", path + ": cannot read axis dimensions"};
  }
  const int lon_dim = dims[0], lat_dim = dims[1], time_dim = dims[2];

  auto describe_var = [&](int varid) -> Result<Variable> {
    Variable variable;
    variable.id = varid;
    int var_dims[NC_MAX_VAR_DIMS];
    if (netcdf().nc_inq_varndims(ncid, varid, &variable.ndims) != NC_NOERR ||
        netcdf().nc_inq_vardimid(ncid, varid, var_dims) != NC_NOERR) {
      return Error{"bad_forcing", path + ": cannot read variable dimensions"};
    }
    for (int dim_idx = 0; dim_idx < variable.ndims; ++dim_idx) {
      if (var_dims[dim_idx] == lon_dim) {
        variable.lon_dim = dim_idx;
      } else if (var_dims[dim_idx] == lat_dim) {
        variable.lat_dim = dim_idx;
      } else if (var_dims[dim_idx] == time_dim) {
        variable.time_dim = dim_idx;
      }
      // Any other dimension (depth, height, ensemble) is read at its first index: the
      // surface layer in the usual CF ordering.
    }
    if (variable.lon_dim < 0 || variable.lat_dim < 0 || variable.time_dim < 0) {
      return Error{"bad_forcing", path + ": forcing variables must be on (time, lat, lon)"};
    }
    variable.scale = number_attribute(ncid, varid, "scale_factor").value_or(1.0);
    variable.offset = number_attribute(ncid, varid, "add_offset").value_or(0.0);
    variable.fill = number_attribute(ncid, varid, "_FillValue");
    variable.missing = number_attribute(ncid, varid, "missing_value");
    return variable;
  };
  auto var_name = [&](int varid) {
    char name[NC_MAX_NAME + 1] = {};
    netcdf().nc_inq_varname(ncid, varid, name);
    return std::string(name);
  };

  const int current_east =
      find_by_standard_name(ncid, {"x_sea_water_velocity", "eastward_sea_water_velocity",
                                   "surface_eastward_sea_water_velocity"});
  const int current_north =
      find_by_standard_name(ncid, {"y_sea_water_velocity", "northward_sea_water_velocity",
                                   "surface_northward_sea_water_velocity"});
  const int wind_east = find_by_standard_name(ncid, {"x_wind", "eastward_wind"});
  const int wind_north = find_by_standard_name(ncid, {"y_wind", "northward_wind"});
  if ((current_east < 0) != (current_north < 0) || (wind_east < 0) != (wind_north < 0)) {
    return Error{"bad_forcing", path + ": a vector has only one of its two components"};
  }
  if (current_east < 0 && wind_east < 0) {
    return Error{"bad_forcing", path +
                                    ": no wind (x_wind/y_wind) or current "
                                    "(x_sea_water_velocity/y_sea_water_velocity) variables"};
  }
  auto assign = [&](int varid, std::optional<Variable>& slot) -> Status {
    if (varid < 0) return Ok{};
    auto variable = describe_var(varid);
    if (!variable) return variable.error();
    slot = *variable;
    return Ok{};
  };
  for (auto [varid, slot] :
       {std::pair{current_east, &forcing->current_east_},
        std::pair{current_north, &forcing->current_north_},
        std::pair{wind_east, &forcing->wind_east_}, std::pair{wind_north, &forcing->wind_north_}}) {
    if (auto status = assign(varid, *slot); !status) return status.error();
  }
  NetcdfForcingInfo& info = forcing->info_;
  if (current_east >= 0) info.current_vars = var_name(current_east) + "," + var_name(current_north);
  if (wind_east >= 0) info.wind_vars = var_name(wind_east) + "," + var_name(wind_north);
  info.nlon = static_cast<int>(lons->size());
  info.nlat = static_cast<int>(lats->size());
  info.ntime = static_cast<int>(times->size());
  info.lon_min = lons->front();
  info.lon_max = lons->back();
  info.lat_min = std::min(lats->front(), lats->back());
  info.lat_max = std::max(lats->front(), lats->back());
  info.time_first = forcing->times_.front();
  info.time_last = forcing->times_.back();
  if (static_cast<std::size_t>(info.nlon) * info.nlat > kMaxNodes) {
    return Error{"bad_forcing", path + ": grid too large"};
  }
  return forcing;
}

NetcdfForcing::~NetcdfForcing() {
  if (ncid_ >= 0) netcdf().nc_close(ncid_);
}

Status NetcdfForcing::read_level(const Variable& variable, std::size_t time_idx,
                                 std::vector<float>& out) const {
  std::size_t start[NC_MAX_VAR_DIMS] = {};
  std::size_t count[NC_MAX_VAR_DIMS];
  for (int dim_idx = 0; dim_idx < variable.ndims; ++dim_idx) count[dim_idx] = 1;
  start[variable.time_dim] = time_idx;
  count[variable.lat_dim] = static_cast<std::size_t>(info_.nlat);
  count[variable.lon_dim] = static_cast<std::size_t>(info_.nlon);
  std::vector<float> raw(static_cast<std::size_t>(info_.nlat) * info_.nlon);
  if (const int status = netcdf().nc_get_vara_float(ncid_, variable.id, start, count, raw.data());
      status != NC_NOERR) {
    return nc_error(info_.path, "reading data", status);
  }
  const bool lat_first = variable.lat_dim < variable.lon_dim;
  out.resize(raw.size());
  for (int lat_idx = 0; lat_idx < info_.nlat; ++lat_idx) {
    const int row = lat_flipped_ ? info_.nlat - 1 - lat_idx : lat_idx;
    for (int lon_idx = 0; lon_idx < info_.nlon; ++lon_idx) {
      const std::size_t source = lat_first ? static_cast<std::size_t>(row) * info_.nlon + lon_idx
                                           : static_cast<std::size_t>(lon_idx) * info_.nlat + row;
      const double packed = raw[source];
      double value = packed * variable.scale + variable.offset;
      if ((variable.fill && packed == static_cast<float>(*variable.fill)) ||
          (variable.missing && packed == static_cast<float>(*variable.missing)) ||
          !std::isfinite(value) || std::abs(value) > 1e3) {
        value = kNan;
      }
      out[static_cast<std::size_t>(lat_idx) * info_.nlon + lon_idx] = static_cast<float>(value);
    }
  }
  return Ok{};
}

Result<ForcingField> NetcdfForcing::field_for(TimeNs first, TimeNs last) const {
  const TimeNs earliest = std::min(first, last), latest = std::max(first, last);
  if (earliest < times_.front() || latest > times_.back()) {
    return Error{"forcing_time", info_.path + " covers " + format_utc_time(times_.front()) +
                                     " to " + format_utc_time(times_.back()) + ", the run needs " +
                                     format_utc_time(earliest) + " to " + format_utc_time(latest)};
  }
  // Time levels bracketing the run.
  std::size_t first_idx = std::upper_bound(times_.begin(), times_.end(), earliest) - times_.begin();
  first_idx = first_idx == 0 ? 0 : first_idx - 1;
  std::size_t last_idx = std::lower_bound(times_.begin(), times_.end(), latest) - times_.begin();
  last_idx = std::min(last_idx, times_.size() - 1);
  if (times_.size() > 1 && last_idx == first_idx) {
    if (last_idx + 1 < times_.size()) {
      ++last_idx;
    } else {
      --first_idx;
    }
  }

  ForcingField field;
  field.lon0 = lon0_;
  field.lat0 = lat0_;
  field.dlon = dlon_;
  field.dlat = dlat_;
  field.nlon = info_.nlon;
  field.nlat = info_.nlat;
  const std::size_t level_size = static_cast<std::size_t>(info_.nlat) * info_.nlon;
  std::vector<float> values;
  for (std::size_t time_idx = first_idx; time_idx <= last_idx; ++time_idx) {
    field.times.push_back(times_[time_idx]);
    const std::size_t base = field.nodes.size();
    field.nodes.resize(base + level_size);
    const auto fallback_node = ForcingNode{
        static_cast<float>(fallback_.current[0]), static_cast<float>(fallback_.current[1]),
        static_cast<float>(fallback_.wind[0]), static_cast<float>(fallback_.wind[1])};
    std::fill(field.nodes.begin() + static_cast<std::ptrdiff_t>(base), field.nodes.end(),
              fallback_node);
    const std::pair<const std::optional<Variable>*, float ForcingNode::*> components[] = {
        {&current_east_, &ForcingNode::current_east},
        {&current_north_, &ForcingNode::current_north},
        {&wind_east_, &ForcingNode::wind_east},
        {&wind_north_, &ForcingNode::wind_north}};
    for (const auto& [variable, member] : components) {
      if (!variable->has_value()) continue;
      if (auto status = read_level(**variable, time_idx, values); !status) return status.error();
      for (std::size_t node_idx = 0; node_idx < level_size; ++node_idx) {
        field.nodes[base + node_idx].*member = values[node_idx];
      }
    }
  }
  return field;
}

std::string NetcdfForcing::description() const {
  std::string text = info_.path + " (";
  text += info_.current_vars.empty() ? "no current" : "current " + info_.current_vars;
  text += info_.wind_vars.empty() ? ", no wind" : ", wind " + info_.wind_vars;
  return text + ")";
}

}  // namespace sw::drift
