#include "region/region_plan.h"

#include <fstream>
#include <set>
#include <sstream>

#include <toml.hpp>

#include "core/toml_text.h"
#include "share/federation/wire.h"

namespace sw::region {
namespace {

Error value_error(const std::string& what) { return Error{"region_value", what}; }

Status check_keys(const toml::value& table, const std::string& where,
                  const std::set<std::string>& known) {
  for (const auto& [key, value] : table.as_table()) {
    if (known.count(key) == 0) {
      std::string list;
      for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
      return Error{"region_key", "unknown key '" + where + key + "' (known: " + list + ")"};
    }
  }
  return Ok{};
}

double number(const toml::value& value) {
  return value.is_integer() ? static_cast<double>(value.as_integer()) : toml::get<double>(value);
}

Result<double> positive(const toml::value& table, const char* key, double fallback, double max) {
  if (!table.contains(key)) return fallback;
  const double value = number(table.at(key));
  if (!(value > 0 && value <= max)) {
    return value_error(std::string(key) + " must be in (0, " + std::to_string(max) + "]");
  }
  return value;
}

Result<RegionSpec> read_region(const toml::value& table, std::size_t index) {
  if (!table.is_table()) return value_error("[[region]] must be tables");
  const std::string where = "region[" + std::to_string(index) + "].";
  if (Status keys = check_keys(table, where, {"name", "polygon", "margin_m", "sources"}); !keys) {
    return keys.error();
  }
  RegionSpec spec;
  if (!table.contains("name")) return value_error(where + "name is missing");
  spec.name = toml::find<std::string>(table, "name");
  if (!share::valid_subject_token(spec.name)) {
    return value_error(where + "name must be 1-64 of [A-Za-z0-9_-]: '" + spec.name + "'");
  }
  if (!table.contains("polygon")) return value_error(where + "polygon is missing");
  for (const toml::value& vertex : toml::find<toml::array>(table, "polygon")) {
    const auto& pair = vertex.as_array();
    if (pair.size() != 2) return value_error(where + "polygon vertices are [lon, lat] pairs");
    const LatLon point{number(pair[1]), number(pair[0])};
    if (!(point.lat >= -85 && point.lat <= 85 && point.lon >= -180 && point.lon <= 180)) {
      return value_error(where + "polygon vertex out of range");
    }
    spec.polygon.push_back(point);
  }
  if (spec.polygon.size() < 3 || spec.polygon.size() > 10000) {
    return value_error(where + "polygon needs 3 to 10000 vertices");
  }
  Result<double> margin = positive(table, "margin_m", spec.margin_m, 100000.0);
  if (!margin) return margin.error();
  spec.margin_m = *margin;
  if (table.contains("sources")) {
    for (const toml::value& source : toml::find<toml::array>(table, "sources")) {
      spec.sources.push_back(toml::get<std::string>(source));
      if (!share::valid_subject_token(spec.sources.back())) {
        return value_error(where + "source ids must be 1-64 of [A-Za-z0-9_-]");
      }
    }
  }
  return spec;
}

Result<RegionPlan> read_plan(const toml::value& root) {
  RegionPlan plan;
  if (Status keys = check_keys(root, "", {"bus", "handover", "region"}); !keys) {
    return keys.error();
  }
  if (root.contains("bus")) {
    const toml::value& bus = root.at("bus");
    if (!bus.is_table()) return value_error("[bus] must be a table");
    if (Status keys = check_keys(
            bus, "bus.", {"nats_url", "nats_user", "nats_password", "prefix", "keep_hours"});
        !keys) {
      return keys.error();
    }
    if (bus.contains("nats_url")) plan.bus.nats_url = toml::find<std::string>(bus, "nats_url");
    if (bus.contains("nats_user")) plan.bus.nats_user = toml::find<std::string>(bus, "nats_user");
    if (bus.contains("nats_password")) {
      plan.bus.nats_password = toml::find<std::string>(bus, "nats_password");
    }
    if (bus.contains("prefix")) plan.bus.prefix = toml::find<std::string>(bus, "prefix");
    if (!share::valid_subject_token(plan.bus.prefix)) {
      return value_error("bus.prefix must be 1-64 of [A-Za-z0-9_-]");
    }
    Result<double> keep = positive(bus, "keep_hours", plan.bus.keep_hours, 24.0 * 365);
    if (!keep) return keep.error();
    plan.bus.keep_hours = *keep;
  }
  if (root.contains("handover")) {
    const toml::value& handover = root.at("handover");
    if (!handover.is_table()) return value_error("[handover] must be a table");
    if (Status keys = check_keys(handover, "handover.", {"gate_m", "hold_s", "expire_s"}); !keys) {
      return keys.error();
    }
    Result<double> gate = positive(handover, "gate_m", plan.handover.gate_m, 50000.0);
    Result<double> hold = positive(handover, "hold_s", plan.handover.hold_s, 3600.0);
    Result<double> expire = positive(handover, "expire_s", plan.handover.expire_s, 86400.0);
    if (!gate) return gate.error();
    if (!hold) return hold.error();
    if (!expire) return expire.error();
    plan.handover = {*gate, *hold, *expire};
  }
  if (!root.contains("region")) return value_error("no [[region]] tables");
  std::set<std::string> names;
  std::size_t index = 0;
  for (const toml::value& table : toml::find<toml::array>(root, "region")) {
    Result<RegionSpec> spec = read_region(table, index++);
    if (!spec) return spec.error();
    if (!names.insert(spec->name).second) {
      return value_error("region name '" + spec->name + "' is used twice");
    }
    plan.regions.push_back(std::move(*spec));
  }
  if (plan.regions.empty() || plan.regions.size() > 999) {
    return value_error("a plan has 1 to 999 regions");
  }
  return plan;
}

}  // namespace

Result<std::size_t> RegionPlan::find(const std::string& name) const {
  for (std::size_t index = 0; index < regions.size(); ++index) {
    if (regions[index].name == name) return index;
  }
  return Error{"region_unknown", "no region '" + name + "' in the plan"};
}

Result<RegionPlan> parse_region_plan(const std::string& toml_text, const std::string& origin) {
  Result<toml::value> root = parse_toml_text(toml_text, origin, "region_syntax");
  if (!root) return root.error();
  try {
    return read_plan(*root);
  } catch (const std::exception& error) {
    return value_error(origin + ": " + error.what());
  }
}

Result<RegionPlan> load_region_plan(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"region_file", "cannot read " + path};
  std::ostringstream text;
  text << file.rdbuf();
  return parse_region_plan(text.str(), path);
}

}  // namespace sw::region
