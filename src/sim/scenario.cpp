#include "sim/scenario.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "core/toml_guard.h"
#include "sim/sim_time.h"

namespace sw::sim {
namespace {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

/// A configuration mistake found while reading; caught in parse_scenario.
struct ScenarioProblem {
  Error error;
};

[[noreturn]] void fail(const char* code, const std::string& detail) {
  throw ScenarioProblem{Error{code, detail}};
}

/// Reads the keys of one TOML table, checking types and remembering which keys were used,
/// so that finish() can refuse the unknown ones.
class TableReader {
 public:
  TableReader(const Value& table, std::string path) : table_(table), path_(std::move(path)) {
    if (!table_.is_table()) fail("scenario_type", where("") + " must be a table");
  }

  void number(const char* key, double& out, double low = -std::numeric_limits<double>::max(),
              double high = std::numeric_limits<double>::max()) {
    const Value* value = find(key);
    if (value == nullptr) return;
    out = as_number(*value, key);
    check_range(key, out, low, high);
  }
  template <typename Integer>
  void integer(const char* key, Integer& out, std::int64_t low, std::int64_t high) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (!value->is_integer()) fail("scenario_type", where(key) + " must be an integer");
    const std::int64_t read = value->as_integer();
    if (read < low || read > high) {
      fail("scenario_value", where(key) + " must be in " + std::to_string(low) + ".." +
                                 std::to_string(high) + ", got " + std::to_string(read));
    }
    out = static_cast<Integer>(read);
  }
  void seed(const char* key, std::uint64_t& out) {
    std::int64_t read = 0;
    const Value* value = find(key);
    if (value == nullptr) return;
    integer(key, read, 0, std::numeric_limits<std::int64_t>::max());
    out = static_cast<std::uint64_t>(read);
  }
  void boolean(const char* key, bool& out) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (!value->is_boolean()) fail("scenario_type", where(key) + " must be true or false");
    out = value->as_boolean();
  }
  void text(const char* key, std::string& out) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (!value->is_string()) fail("scenario_type", where(key) + " must be a string");
    out = value->as_string().str;
  }
  void texts(const char* key, std::vector<std::string>& out) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (!value->is_array()) fail("scenario_type", where(key) + " must be an array of strings");
    out.clear();
    for (const Value& element : value->as_array()) {
      if (!element.is_string()) fail("scenario_type", where(key) + " must hold strings");
      out.push_back(element.as_string().str);
    }
  }
  void interval(const char* key, Interval& out, double low, double high, bool ordered = true) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (!value->is_array() || value->as_array().size() != 2) {
      fail("scenario_type", where(key) + " must be [low, high]");
    }
    out.low = as_number(value->as_array()[0], key);
    out.high = as_number(value->as_array()[1], key);
    check_range(key, out.low, low, high);
    check_range(key, out.high, low, high);
    if (ordered && out.low > out.high) fail("scenario_value", where(key) + ": low is above high");
  }
  void position(const char* key, std::optional<LatLon>& out) {
    const Value* value = find(key);
    if (value == nullptr) return;
    out = read_position(*value, where(key));
  }
  void positions(const char* key, std::vector<LatLon>& out) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (!value->is_array()) fail("scenario_type", where(key) + " must be an array of positions");
    out.clear();
    for (const Value& element : value->as_array())
      out.push_back(read_position(element, where(key)));
  }
  void time(const char* key, TimeNs& out) {
    const Value* value = find(key);
    if (value == nullptr) return;
    if (value->is_string()) {
      const std::string& text = value->as_string().str;
      if (text.size() >= 4 && std::all_of(text.begin(), text.begin() + 4, [](char digit) {
            return digit >= '0' && digit <= '9';
          })) {
        check_year(key, std::stoi(text.substr(0, 4)));
      }
      auto parsed = parse_utc(text);
      if (!parsed) fail("scenario_value", where(key) + ": " + parsed.error().detail);
      out = *parsed;
      return;
    }
    if (!value->is_offset_datetime()) {
      fail("scenario_type", where(key) + " must be a UTC date-time like 2024-08-15T04:00:00Z");
    }
    const toml::offset_datetime& datetime = value->as_offset_datetime();
    check_year(key, datetime.date.year);
    UtcFields fields;
    fields.year = datetime.date.year;
    fields.month = datetime.date.month + 1;
    fields.day = datetime.date.day;
    fields.hour = datetime.time.hour;
    fields.minute = datetime.time.minute;
    fields.second = datetime.time.second;
    fields.nanosecond = datetime.time.millisecond * 1'000'000LL +
                        datetime.time.microsecond * 1'000LL + datetime.time.nanosecond;
    const std::int64_t offset_s = datetime.offset.hour * 3600LL + datetime.offset.minute * 60LL;
    out = utc_time(fields) - offset_s * kNsPerSecond;
  }
  /// A sub-table, or nullopt when absent.
  std::optional<TableReader> table(const char* key) {
    const Value* value = find(key);
    if (value == nullptr) return std::nullopt;
    return TableReader(*value, where(key));
  }
  /// The tables of an array of tables ([[key]]), empty when absent.
  std::vector<TableReader> tables(const char* key) {
    std::vector<TableReader> readers;
    const Value* value = find(key);
    if (value == nullptr) return readers;
    if (!value->is_array())
      fail("scenario_type", where(key) + " must be an array of tables [[...]]");
    std::size_t index = 0;
    for (const Value& element : value->as_array()) {
      readers.emplace_back(element, where(key) + "[" + std::to_string(index++) + "]");
    }
    return readers;
  }
  /// Accepts a key that another reader handles.
  void skip(const char* key) { find(key); }
  /// Refuse the keys that no reader asked for.
  void finish() const {
    for (const auto& [key, value] : table_.as_table()) {
      if (used_.count(key) == 0) {
        std::string known;
        for (const std::string& name : asked_) known += (known.empty() ? "" : ", ") + name;
        fail("scenario_unknown_key",
             "unknown key '" + where(key) + "' (known here: " + known + ")");
      }
    }
  }
  const std::string& path() const { return path_; }

 private:
  const Value* find(const char* key) {
    asked_.insert(key);
    const auto& table = table_.as_table();
    const auto found = table.find(key);
    if (found == table.end()) return nullptr;
    used_.insert(key);
    return &found->second;
  }
  std::string where(const std::string& key) const {
    if (key.empty()) return path_.empty() ? "(top level)" : path_;
    return path_.empty() ? key : path_ + "." + key;
  }
  /// Years a time may have: TimeNs (nanoseconds in 64 bits) spans 1677..2262.
  void check_year(const char* key, int year) const {
    if (year < 1900 || year > 2200) fail("scenario_value", where(key) + ": year not in 1900..2200");
  }
  double as_number(const Value& value, const char* key) const {
    if (value.is_integer()) return static_cast<double>(value.as_integer());
    if (value.is_floating()) {
      const double read = value.as_floating();
      if (!std::isfinite(read)) fail("scenario_value", where(key) + " must be finite");
      return read;
    }
    fail("scenario_type", where(key) + " must be a number");
  }
  void check_range(const char* key, double value, double low, double high) const {
    if (value < low || value > high) {
      std::ostringstream text;
      text << where(key) << " must be in " << low << ".." << high << ", got " << value;
      fail("scenario_value", text.str());
    }
  }
  static LatLon read_position(const Value& value, const std::string& where) {
    if (!value.is_table()) fail("scenario_type", where + ": a position is { lat = .., lon = .. }");
    TableReader reader(value, where);
    double lat = std::numeric_limits<double>::quiet_NaN();
    double lon = lat;
    reader.number("lat", lat, -90, 90);
    reader.number("lon", lon, -180, 180);
    reader.finish();
    if (std::isnan(lat) || std::isnan(lon)) fail("scenario_value", where + ": needs lat and lon");
    return {lat, lon};
  }

  const Value& table_;
  std::string path_;
  std::set<std::string> used_;
  std::set<std::string> asked_;
};

void read_merchant(TableReader& reader, MerchantConfig& config) {
  reader.integer("initial", config.initial, 0, 10000);
  reader.number("arrivals_per_hour", config.arrivals_per_hour, 0, 10000);
  reader.interval("speed_kn", config.speed_kn, 0.5, 40);
  reader.number("lane_use", config.lane_use, 0, 0.95);
  reader.finish();
}

void read_ferry(TableReader& reader, FerryConfig& config) {
  reader.integer("dover_calais", config.dover_calais, 0, 100);
  reader.integer("dover_dunkirk", config.dover_dunkirk, 0, 100);
  reader.interval("speed_kn", config.speed_kn, 1, 45);
  reader.number("turnaround_min", config.turnaround_min, 0, 1440);
  reader.finish();
}

void read_small_boat(TableReader& reader, SmallBoatConfig& config) {
  reader.integer("count", config.count, 0, 10000);
  reader.number("launch_window_s", config.launch_window_s, 0, 30 * 86400.0);
  reader.interval("persons", config.persons, 1, 500);
  reader.interval("speed_kn", config.speed_kn, 0.5, 30);
  reader.number("engine_failure_probability", config.engine_failure_probability, 0, 1);
  reader.interval("failure_after_min", config.failure_after_min, 0, 1440);
  reader.number("turn_back_probability", config.turn_back_probability, 0, 1);
  reader.interval("turn_back_after_min", config.turn_back_after_min, 0, 1440);
  reader.number("leeway_fraction", config.leeway_fraction, 0, 0.2);
  reader.finish();
  if (config.engine_failure_probability + config.turn_back_probability > 1) {
    fail("scenario_value",
         reader.path() + ": engine_failure_probability + turn_back_probability exceeds 1");
  }
}

void read_traffic(TableReader& reader, Scenario& scenario) {
  if (auto merchant = reader.table("merchant")) read_merchant(*merchant, scenario.merchant);
  if (auto ferry = reader.table("ferry")) read_ferry(*ferry, scenario.ferry);
  if (auto fishing = reader.table("fishing")) {
    fishing->integer("count", scenario.fishing.count, 0, 10000);
    fishing->interval("speed_kn", scenario.fishing.speed_kn, 0.5, 20);
    fishing->number("class_b_fraction", scenario.fishing.class_b_fraction, 0, 1);
    fishing->finish();
  }
  if (auto pleasure = reader.table("pleasure")) {
    pleasure->integer("count", scenario.pleasure.count, 0, 10000);
    pleasure->interval("speed_kn", scenario.pleasure.speed_kn, 0.5, 40);
    pleasure->finish();
  }
  if (auto small_boat = reader.table("small_boat"))
    read_small_boat(*small_boat, scenario.small_boat);
  reader.finish();
}

void read_place(TableReader& reader, Place& place) {
  reader.text("site", place.site);
  reader.position("position", place.position);
  if (place.position) place.site.clear();
  if (place.site.empty() && !place.position) {
    fail("scenario_value", reader.path() + " needs a site (geography name) or a position");
  }
}

PatrolConfig read_patrol(TableReader& reader, PatrolConfig config) {
  reader.text("name", config.name);
  reader.text("callsign", config.callsign);
  reader.text("nation", config.nation);
  reader.integer("mmsi", config.mmsi, 0, 999999999);
  reader.boolean("ais", config.ais);
  reader.boolean("cot", config.cot);
  reader.number("cot_interval_s", config.cot_interval_s, 1, 3600);
  reader.number("speed_kn", config.speed_kn, 0.5, 45);
  reader.positions("route", config.route);
  reader.finish();
  if (config.route.size() < 2) fail("scenario_value", reader.path() + ".route needs 2+ positions");
  if (config.name.empty()) fail("scenario_value", reader.path() + " needs a name");
  return config;
}

constexpr TimeNs kScriptedTimeSpan = 30LL * 86400 * kNsPerSecond;

EntityKind read_kind(TableReader& reader) {
  std::string name = to_string(EntityKind::kSmallBoat);
  reader.text("kind", name);
  std::string surface_kinds;
  for (int kind_idx = 0; kind_idx <= static_cast<int>(EntityKind::kDrone); ++kind_idx) {
    const auto kind = static_cast<EntityKind>(kind_idx);
    if (!is_surface(kind)) continue;
    if (name == to_string(kind)) return kind;
    surface_kinds += std::string(surface_kinds.empty() ? "" : ", ") + to_string(kind);
  }
  for (const EntityKind kind : {EntityKind::kAircraft, EntityKind::kDrone}) {
    if (name == to_string(kind)) {
      fail("scenario_value", reader.path() + ".kind '" + name +
                                 "' is not a vessel (a surface kind: " + surface_kinds + ")");
    }
  }
  fail("scenario_value",
       reader.path() + ".kind '" + name + "' is unknown (one of: " + surface_kinds + ")");
}

/// A time key that must be within kScriptedTimeSpan of the start; nullopt when absent.
std::optional<TimeNs> read_vessel_time(TableReader& reader, const char* key, TimeNs start) {
  constexpr TimeNs kAbsent = std::numeric_limits<TimeNs>::min();
  TimeNs time = kAbsent;
  reader.time(key, time);
  if (time == kAbsent) return std::nullopt;
  if (time < start - kScriptedTimeSpan || time > start + kScriptedTimeSpan) {
    fail("scenario_value", reader.path() + "." + key + " must be within 30 days of the start");
  }
  return time;
}

/// An optional time window [from, until) of keys `from_key` and `until_key`.
void read_window(TableReader& reader, const char* from_key, const char* until_key, TimeNs start,
                 std::optional<TimeNs>& from, std::optional<TimeNs>& until) {
  from = read_vessel_time(reader, from_key, start);
  until = read_vessel_time(reader, until_key, start);
  if (from && until && *until <= *from) {
    fail("scenario_value", reader.path() + "." + until_key + " must be after " + from_key);
  }
}

AircraftConfig read_aircraft(TableReader& reader, AircraftConfig config, TimeNs start) {
  reader.text("name", config.name);
  reader.text("callsign", config.callsign);
  reader.text("nation", config.nation);
  std::string type = config.drone ? "drone" : "aircraft";
  reader.text("type", type);
  if (type != "drone" && type != "aircraft") {
    fail("scenario_value", reader.path() + ".type must be \"aircraft\" or \"drone\"");
  }
  config.drone = type == "drone";
  std::string pattern = config.pattern == FlightPattern::kLawnmower ? "lawnmower" : "racetrack";
  reader.text("pattern", pattern);
  if (pattern != "racetrack" && pattern != "lawnmower") {
    fail("scenario_value", reader.path() + ".pattern must be \"racetrack\" or \"lawnmower\"");
  }
  config.pattern = pattern == "lawnmower" ? FlightPattern::kLawnmower : FlightPattern::kRacetrack;
  std::optional<LatLon> centre;
  reader.position("centre", centre);
  if (centre) config.centre = *centre;
  reader.number("length_m", config.length_m, 100, 500000);
  reader.number("width_m", config.width_m, 100, 500000);
  reader.number("heading_deg", config.heading_deg, 0, 360);
  reader.number("leg_spacing_m", config.leg_spacing_m, 50, 100000);
  reader.number("altitude_m", config.altitude_m, 0, 15000);
  reader.number("speed_kn", config.speed_kn, 5, 600);
  reader.number("footprint_radius_m", config.footprint_radius_m, 0, 100000);
  reader.number("look_interval_s", config.look_interval_s, 1, 3600);
  reader.number("detection_probability", config.detection_probability, 0, 1);
  reader.number("position_sigma_m", config.position_sigma_m, 0, 10000);
  reader.number("position_interval_s", config.position_interval_s, 1, 3600);
  reader.texts("releasable_to", config.releasable_to);
  read_window(reader, "on_station_from", "on_station_until", start, config.on_station_from,
              config.on_station_until);
  reader.finish();
  if (config.name.empty()) fail("scenario_value", reader.path() + " needs a name");
  if (config.callsign.empty()) config.callsign = config.name;
  return config;
}

RadarConfig read_radar(TableReader& reader, RadarConfig config, TimeNs start) {
  reader.text("id", config.id);
  reader.integer("sac", config.sac, 0, 255);
  reader.integer("sic", config.sic, 0, 255);
  read_place(reader, config.place);
  reader.number("height_m", config.height_m, 0, 5000);
  reader.number("range_m", config.range_m, 100, 500000);
  reader.number("rotation_s", config.rotation_s, 0.25, 60);
  reader.number("range_sigma_m", config.range_sigma_m, 0, 5000);
  reader.number("azimuth_sigma_deg", config.azimuth_sigma_deg, 0, 10);
  reader.number("range_50_m", config.range_50_m, 1, 1e6);
  reader.number("pd_slope", config.pd_slope, 0.5, 50);
  reader.number("sea_state_factor", config.sea_state_factor, 0, 5);
  reader.number("clutter_per_scan", config.clutter_per_scan, 0, 1000);
  reader.number("clutter_per_sea_state", config.clutter_per_sea_state, 0, 1000);
  reader.number("clutter_range_m", config.clutter_range_m, 0, 500000);
  reader.interval("clutter_sector_deg", config.clutter_sector_deg, 0, 360, false);
  reader.number("min_range_m", config.min_range_m, 0, 100000);
  std::string reports = config.tracks ? "tracks" : "plots";
  reader.text("reports", reports);
  if (reports != "plots" && reports != "tracks") {
    fail("scenario_value", reader.path() + ".reports must be \"plots\" or \"tracks\"");
  }
  config.tracks = reports == "tracks";
  reader.number("track_velocity_sigma_mps", config.track_velocity_sigma_mps, 0, 100);
  read_window(reader, "down_from", "down_until", start, config.down_from, config.down_until);
  reader.finish();
  if (config.id.empty()) fail("scenario_value", reader.path() + " needs an id");
  return config;
}

AisReceiverConfig read_receiver(TableReader& reader, AisReceiverConfig config) {
  reader.text("id", config.id);
  read_place(reader, config.place);
  reader.number("range_m", config.range_m, 100, 1e6);
  reader.number("class_b_range_factor", config.class_b_range_factor, 0, 1);
  reader.number("slot_loss", config.slot_loss, 0, 1);
  reader.number("edge_loss", config.edge_loss, 0, 1);
  reader.finish();
  if (config.id.empty()) fail("scenario_value", reader.path() + " needs an id");
  return config;
}

// ---- Scripted vessels ([[vessel]]) --------------------------------------------------------

/// Times of a scripted vessel must lie within this of the scenario start.
/// A number key, nullopt when absent.
std::optional<double> read_optional_number(TableReader& reader, const char* key, double low,
                                           double high) {
  double value = std::numeric_limits<double>::quiet_NaN();
  reader.number(key, value, low, high);
  if (std::isnan(value)) return std::nullopt;
  return value;
}

ScriptedVesselConfig read_vessel(TableReader& reader, const Scenario& scenario, std::size_t index) {
  ScriptedVesselConfig config;
  reader.text("name", config.name);
  if (config.name.empty()) config.name = "vessel " + std::to_string(index + 1);
  config.kind = read_kind(reader);
  reader.integer("mmsi", config.mmsi, 0, 999999999);
  std::string ais_class;
  reader.text("ais_class", ais_class);
  if (!ais_class.empty()) {
    if (ais_class != "A" && ais_class != "B") {
      fail("scenario_value", reader.path() + ".ais_class must be \"A\" or \"B\"");
    }
    if (config.mmsi == 0) fail("scenario_value", reader.path() + ".ais_class needs an mmsi");
    config.ais_class = ais_class == "A" ? AisClass::kA : AisClass::kB;
  }
  config.length_m = read_optional_number(reader, "length_m", 1, 1022);
  config.beam_m = read_optional_number(reader, "beam_m", 0.5, 126);
  std::int64_t ship_type = -1;
  reader.integer("ship_type", ship_type, 0, 99);
  if (ship_type >= 0) config.ship_type = static_cast<std::uint32_t>(ship_type);
  int persons = -1;
  reader.integer("persons", persons, 0, 1000);
  if (persons >= 0) config.persons = persons;

  const std::optional<TimeNs> at = read_vessel_time(reader, "at", scenario.start);
  if (!at) fail("scenario_value", reader.path() + " needs `at` (when it is at its position)");
  config.at = *at;
  reader.text("site", config.place.site);
  reader.position("position", config.place.position);
  if (config.place.position) config.place.site.clear();
  if (config.place.site.empty() && !config.place.position) {
    fail("scenario_value", reader.path() + " needs a position (or a site of the geography)");
  }
  const std::optional<double> course = read_optional_number(reader, "course_deg", 0, 360);
  if (!course) fail("scenario_value", reader.path() + " needs course_deg");
  config.course_deg = *course;
  const std::optional<double> speed = read_optional_number(reader, "speed_kn", 0, 60);
  if (!speed) fail("scenario_value", reader.path() + " needs speed_kn");
  config.speed_kn = *speed;
  config.appear_at = read_vessel_time(reader, "appear_at", scenario.start);
  config.leave_at = read_vessel_time(reader, "leave_at", scenario.start);
  config.stop_at = read_vessel_time(reader, "stop_at", scenario.start);
  reader.number("leeway_fraction", config.leeway_fraction, 0, 0.2);
  reader.finish();

  const TimeNs appear = config.appear_at.value_or(scenario.start);
  if (config.leave_at && appear > *config.leave_at) {
    fail("scenario_value", reader.path() + ".appear_at is after leave_at");
  }
  if (config.stop_at &&
      (*config.stop_at < appear || (config.leave_at && *config.stop_at > *config.leave_at))) {
    fail("scenario_value", reader.path() + ".stop_at is outside [appear_at, leave_at]");
  }
  return config;
}

void read_scenario(TableReader& root, Scenario& scenario) {
  if (auto header = root.table("scenario")) {
    header->text("name", scenario.name);
    header->time("start", scenario.start);
    header->number("duration_s", scenario.duration_s, 1, 30 * 86400.0);
    header->seed("seed", scenario.seed);
    header->text("geography", scenario.geography);
    header->finish();
  }
  if (auto environment = root.table("environment")) {
    EnvironmentConfig& config = scenario.environment;
    environment->integer("sea_state", config.sea_state, 0, 9);
    environment->number("wind_from_deg", config.wind_from_deg, 0, 360);
    environment->number("wind_speed_kn", config.wind_speed_kn, 0, 100);
    environment->number("current_to_deg", config.current_to_deg, 0, 360);
    environment->number("current_speed_kn", config.current_speed_kn, 0, 10);
    environment->number("drift_wind_speed_sigma_kn", config.drift_wind_speed_sigma_kn, 0, 50);
    environment->number("drift_wind_from_sigma_deg", config.drift_wind_from_sigma_deg, 0, 180);
    environment->number("drift_current_sigma_kn", config.drift_current_sigma_kn, 0, 5);
    environment->number("drift_leeway_fraction_sigma", config.drift_leeway_fraction_sigma, 0, 1);
    environment->finish();
  }
  if (auto traffic = root.table("traffic")) read_traffic(*traffic, scenario);

  auto patrols = root.tables("patrol");
  if (!patrols.empty()) scenario.patrols.clear();
  for (TableReader& reader : patrols) scenario.patrols.push_back(read_patrol(reader, {}));
  auto aircraft = root.tables("aircraft");
  if (!aircraft.empty()) scenario.aircraft.clear();
  for (TableReader& reader : aircraft)
    scenario.aircraft.push_back(read_aircraft(reader, {}, scenario.start));
  auto radars = root.tables("radar");
  if (!radars.empty()) scenario.radars.clear();
  for (TableReader& reader : radars)
    scenario.radars.push_back(read_radar(reader, {}, scenario.start));
  auto receivers = root.tables("ais_receiver");
  if (!receivers.empty()) scenario.ais_receivers.clear();
  for (TableReader& reader : receivers) scenario.ais_receivers.push_back(read_receiver(reader, {}));
  auto vessels = root.tables("vessel");
  for (TableReader& reader : vessels) {
    scenario.vessels.push_back(read_vessel(reader, scenario, scenario.vessels.size()));
  }

  if (auto distress = root.table("distress")) {
    DistressConfig& config = scenario.distress;
    distress->number("call_probability", config.call_probability, 0, 1);
    distress->interval("delay_min", config.delay_min, 0, 1440);
    distress->number("update_interval_min", config.update_interval_min, 1, 1440);
    distress->number("position_sigma_m", config.position_sigma_m, 0, 100000);
    distress->finish();
  }
  if (auto output = root.table("output")) {
    output->number("truth_interval_s", scenario.output.truth_interval_s, 1, 86400);
    output->text("truth_per_scan_of", scenario.output.truth_per_scan_of);
    output->finish();
    scenario.output.truth_interval_s = std::round(scenario.output.truth_interval_s);
  }
  root.skip("evaluation");  // straitwatch evaluate's own table (eval/evaluation.h)
  root.finish();
}

void check_unique_ids(const Scenario& scenario) {
  std::set<std::string> ids;
  for (const RadarConfig& radar : scenario.radars) {
    if (!ids.insert(radar.id).second)
      fail("scenario_value", "radar id '" + radar.id + "' repeated");
  }
  ids.clear();
  for (const AisReceiverConfig& receiver : scenario.ais_receivers) {
    if (!ids.insert(receiver.id).second) {
      fail("scenario_value", "ais_receiver id '" + receiver.id + "' repeated");
    }
  }
  if (!scenario.output.truth_per_scan_of.empty()) {
    bool found = false;
    for (const RadarConfig& radar : scenario.radars)
      found |= radar.id == scenario.output.truth_per_scan_of;
    if (!found) {
      fail("scenario_value",
           "output.truth_per_scan_of names no radar: '" + scenario.output.truth_per_scan_of + "'");
    }
  }
}

}  // namespace

std::string Scenario::geography_path() const {
  if (geography.empty() || geography.front() == '/' || base_dir.empty()) return geography;
  return base_dir + "/" + geography;
}

Scenario default_scenario() {
  Scenario scenario;
  PatrolConfig uk_patrol;
  uk_patrol.name = "BORDER KESTREL";
  uk_patrol.callsign = "2KST9";
  uk_patrol.nation = "GB";
  uk_patrol.mmsi = 235900001;
  uk_patrol.ais = true;
  uk_patrol.cot = true;
  uk_patrol.speed_kn = 12.0;
  uk_patrol.route = {{51.06, 1.45}, {50.92, 1.22}, {50.89, 1.27}, {51.03, 1.50}};
  PatrolConfig fr_patrol;
  fr_patrol.name = "PATROUILLEUR MOUETTE";
  fr_patrol.callsign = "FMOU9";
  fr_patrol.nation = "FR";
  fr_patrol.mmsi = 227900001;
  fr_patrol.ais = false;
  fr_patrol.cot = true;
  fr_patrol.speed_kn = 10.0;
  fr_patrol.route = {{50.92, 1.58}, {50.80, 1.53}, {50.68, 1.50}, {50.80, 1.53}};
  scenario.patrols = {uk_patrol, fr_patrol};

  AircraftConfig plane;
  plane.name = "Surveillance aircraft";
  plane.callsign = "OSPREY1";
  plane.nation = "EU";
  plane.pattern = FlightPattern::kRacetrack;
  plane.centre = {50.85, 1.48};
  plane.length_m = 40000;
  plane.width_m = 8000;
  plane.heading_deg = 30;
  plane.altitude_m = 450;
  plane.speed_kn = 140;
  plane.footprint_radius_m = 5000;
  plane.look_interval_s = 10;
  plane.detection_probability = 0.8;
  AircraftConfig drone;
  drone.name = "Coastal drone";
  drone.callsign = "HERON2";
  drone.nation = "FR";
  drone.drone = true;
  drone.pattern = FlightPattern::kLawnmower;
  drone.centre = {50.72, 1.50};
  drone.length_m = 12000;
  drone.width_m = 8000;
  drone.heading_deg = 0;
  drone.leg_spacing_m = 1500;
  drone.altitude_m = 300;
  drone.speed_kn = 60;
  drone.footprint_radius_m = 1500;
  drone.look_interval_s = 5;
  drone.detection_probability = 0.9;
  drone.position_sigma_m = 20;
  scenario.aircraft = {plane, drone};

  RadarConfig dover;
  dover.id = "dover";
  dover.sac = 1;
  dover.sic = 1;
  dover.place.site = "MRCC Dover";
  dover.height_m = 110;
  dover.rotation_s = 2.5;
  dover.clutter_sector_deg = {50, 240};
  RadarConfig gris_nez;
  gris_nez.id = "gris_nez";
  gris_nez.sac = 2;
  gris_nez.sic = 1;
  gris_nez.place.site = "Cap Gris-Nez";
  gris_nez.height_m = 60;
  gris_nez.rotation_s = 3.0;
  gris_nez.clutter_sector_deg = {185, 40};
  scenario.radars = {dover, gris_nez};

  AisReceiverConfig dover_ais;
  dover_ais.id = "dover-ais";
  dover_ais.place.site = "MRCC Dover";
  AisReceiverConfig gris_nez_ais;
  gris_nez_ais.id = "gris-nez-ais";
  gris_nez_ais.place.site = "CROSS Gris-Nez";
  scenario.ais_receivers = {dover_ais, gris_nez_ais};
  return scenario;
}

/// Largest scenario text accepted before parsing.
constexpr std::size_t kMaxScenarioBytes = 1 << 20;

Result<Scenario> parse_scenario(std::string_view toml_text, std::string_view origin) {
  Scenario scenario = default_scenario();
  if (toml_text.size() > kMaxScenarioBytes) {
    return Error{"scenario_syntax", std::string(origin) + ": larger than 1 MiB"};
  }
  if (Status checked = check_toml_text(toml_text, std::string(origin), "scenario_syntax");
      !checked) {
    return checked.error();
  }
  try {
    std::istringstream stream{std::string(toml_text)};
    const Value root =
        toml::parse<toml::discard_comments, std::map, std::vector>(stream, std::string(origin));
    TableReader reader(root, "");
    read_scenario(reader, scenario);
    check_unique_ids(scenario);
  } catch (const ScenarioProblem& problem) {
    return Error{problem.error.code, std::string(origin) + ": " + problem.error.detail};
  } catch (const std::exception& exception) {
    return Error{"scenario_syntax", exception.what()};
  }
  return scenario;
}

Result<Scenario> load_scenario(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"io", "cannot read scenario " + path};
  std::stringstream text;
  text << file.rdbuf();
  auto scenario = parse_scenario(text.str(), path);
  if (!scenario) return scenario;
  const std::size_t slash = path.find_last_of('/');
  scenario->base_dir = slash == std::string::npos ? "." : path.substr(0, slash);
  if (scenario->base_dir.empty()) scenario->base_dir = "/";
  return scenario;
}

}  // namespace sw::sim
