#include "engine/config.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

#include <toml.hpp>

#include "core/toml_guard.h"
#include "core/units.h"

namespace sw::engine {

const char* to_string(Transport transport) {
  switch (transport) {
    case Transport::kUdp: return "udp";
    case Transport::kTcpClient: return "tcp-client";
    case Transport::kTcpServer: return "tcp-server";
    case Transport::kFile: return "file";
    case Transport::kStdin: return "stdin";
    case Transport::kServer: return "server";
  }
  return "unknown";
}

std::string source_id(const EngineConfig& config, std::uint32_t index) {
  return index < config.sources.size() ? config.sources[index].id : kOperatorSourceId;
}

const char* to_string(Format format) {
  switch (format) {
    case Format::kAis: return "ais";
    case Format::kAsterix: return "asterix";
    case Format::kArpa: return "arpa";
    case Format::kCot: return "cot";
    case Format::kDistress: return "distress";
  }
  return "unknown";
}

namespace {

/// Configuration errors are start-up errors: thrown inside, returned as Result outside.
struct ConfigError {
  std::string message;
};

void check_keys(const toml::value& table, const std::set<std::string>& allowed,
                const std::string& where) {
  for (const auto& [key, value] : table.as_table()) {
    if (allowed.count(key) == 0) throw ConfigError{"unknown key '" + key + "' in " + where};
  }
}

template <typename T>
void read(const toml::value& table, const char* key, T& out) {
  if (table.contains(key)) out = toml::find<T>(table, key);
}

/// A number written as an integer or a float ("16" or "16.0"); inf and nan are refused.
double number(const toml::value& value, const std::string& what) {
  const double read =
      value.is_integer() ? static_cast<double>(value.as_integer()) : toml::get<double>(value);
  if (!std::isfinite(read)) throw ConfigError{what + " must be a finite number"};
  return read;
}

template <>
void read<double>(const toml::value& table, const char* key, double& out) {
  if (!table.contains(key)) return;
  out = number(toml::find(table, key), std::string("'") + key + "'");
}

/// Refuses a number outside [low, high] (the casts to integers after it stay defined).
void check_range(double value, double low, double high, const std::string& what) {
  if (value < low || value > high) {
    std::ostringstream text;
    text << what << " must be in " << low << ".." << high;
    throw ConfigError{text.str()};
  }
}

Transport parse_transport(const std::string& text) {
  for (Transport transport : {Transport::kUdp, Transport::kTcpClient, Transport::kTcpServer,
                              Transport::kFile, Transport::kStdin, Transport::kServer}) {
    if (text == to_string(transport)) return transport;
  }
  throw ConfigError{"transport '" + text +
                    "': expected udp, tcp-client, tcp-server, file, stdin, server"};
}

Format parse_format(const std::string& text) {
  for (Format format :
       {Format::kAis, Format::kAsterix, Format::kArpa, Format::kCot, Format::kDistress}) {
    if (text == to_string(format)) return format;
  }
  throw ConfigError{"format '" + text + "': expected ais, asterix, arpa, cot, distress"};
}

Label parse_label(const toml::value& table, const std::string& where) {
  check_keys(
      table,
      {"owner", "releasable_to", "purposes", "sensitivity", "personal_data", "retention_days"},
      where);
  Label label;
  read(table, "owner", label.owner);
  read(table, "releasable_to", label.releasable_to);
  if (table.contains("purposes")) {
    label.purposes = 0;
    for (const std::string& purpose : toml::find<std::vector<std::string>>(table, "purposes")) {
      const std::uint8_t flag = purpose_from_name(purpose);
      if (flag == 0) {
        throw ConfigError{"purpose '" + purpose + "' in " + where + ": expected sar, border, law"};
      }
      label.purposes |= flag;
    }
  }
  if (table.contains("sensitivity")) {
    const std::string text = toml::find<std::string>(table, "sensitivity");
    const auto sensitivity = sensitivity_from_name(text);
    if (!sensitivity) {
      throw ConfigError{"sensitivity '" + text + "' in " + where +
                        ": expected clear, green, amber, red"};
    }
    label.sensitivity = *sensitivity;
  }
  read(table, "personal_data", label.personal_data);
  double retention_days = 0.0;
  read(table, "retention_days", retention_days);
  check_range(retention_days, 0.0, 1e6, where + ": label retention_days");
  label.retention_s = static_cast<std::int64_t>(retention_days * 86400.0);
  return label;
}

SourceConfig parse_source(const toml::value& table, std::size_t index) {
  const std::string where = "source #" + std::to_string(index + 1);
  check_keys(table,
             {"id", "transport", "format", "host", "port", "path", "speed", "site", "sac", "sic",
              "range_sigma_m", "azimuth_sigma_deg", "label"},
             where);
  SourceConfig source;
  source.id = toml::find<std::string>(table, "id");
  if (source.id.empty() || source.id.size() > 64) throw ConfigError{where + ": id of 1-64 bytes"};
  source.transport = parse_transport(toml::find<std::string>(table, "transport"));
  source.format = parse_format(toml::find<std::string>(table, "format"));
  read(table, "host", source.host);
  if (table.contains("port")) {
    const auto port = toml::find<std::int64_t>(table, "port");
    if (port < 0 || port > 65535) throw ConfigError{where + ": port out of range"};
    source.port = static_cast<std::uint16_t>(port);
  }
  read(table, "path", source.path);
  read(table, "speed", source.file_speed);
  if (source.file_speed < 0.0) throw ConfigError{where + ": speed must not be negative"};
  if (table.contains("site")) {
    const auto& site = toml::find(table, "site");
    check_keys(site, {"lat", "lon"}, where + ".site");
    LatLon position;
    read(site, "lat", position.lat);
    read(site, "lon", position.lon);
    if (!site.contains("lat") || !site.contains("lon") || std::abs(position.lat) > 90.0 ||
        std::abs(position.lon) > 180.0) {
      throw ConfigError{where + ": site needs lat (-90..90) and lon (-180..180)"};
    }
    source.site = position;
  }
  std::int64_t sac = 0;
  std::int64_t sic = 0;
  read(table, "sac", sac);
  read(table, "sic", sic);
  if (sac < 0 || sac > 255 || sic < 0 || sic > 255) throw ConfigError{where + ": sac/sic 0-255"};
  source.sac = static_cast<std::uint8_t>(sac);
  source.sic = static_cast<std::uint8_t>(sic);
  read(table, "range_sigma_m", source.range_sigma_m);
  read(table, "azimuth_sigma_deg", source.azimuth_sigma_deg);
  if (!(source.range_sigma_m > 0.0) || !(source.azimuth_sigma_deg > 0.0)) {
    throw ConfigError{where + ": range_sigma_m and azimuth_sigma_deg must be positive"};
  }
  if (table.contains("label")) source.label = parse_label(toml::find(table, "label"), where);
  if (source.transport == Transport::kTcpClient && source.port == 0) {
    throw ConfigError{where + ": tcp-client needs a port"};
  }
  if (source.transport == Transport::kFile && source.path.empty()) {
    throw ConfigError{where + ": file transport needs a path"};
  }
  if (source.format == Format::kAsterix && !source.site) {
    throw ConfigError{where + ": asterix needs the radar site"};
  }
  return source;
}

/// A vector of `speed_kn` towards `to_deg`, in m/s east and north.
Velocity towards(double to_deg, double speed_kn) {
  const double speed = units::knots_to_mps(speed_kn);
  return {speed * std::sin(units::deg_to_rad(to_deg)), speed * std::cos(units::deg_to_rad(to_deg))};
}

std::string resolve(const std::string& path, const std::string& base_dir) {
  if (path.empty() || base_dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(base_dir) / path).lexically_normal().string();
}

std::optional<RiskConfig> parse_risk(const toml::value& table, const std::string& base_dir) {
  check_keys(table,
             {"enabled", "geography", "evaluation_interval_s", "seed", "wind_from_deg",
              "wind_speed_kn", "current_to_deg", "current_speed_kn", "collision_cpa_m",
              "collision_horizon_s", "drifting_min_duration_s", "handover_horizon_s",
              "leeway_class", "search_particles", "search_hours", "search_forcing_members",
              "search_wind_sigma_kn", "search_wind_from_sigma_deg", "search_current_sigma_kn"},
             "[risk]");
  bool enabled = true;
  read(table, "enabled", enabled);
  if (!enabled) return std::nullopt;
  RiskConfig config;
  read(table, "geography", config.geography);
  if (config.geography.empty()) throw ConfigError{"[risk] needs geography (a GeoJSON file)"};
  config.geography = resolve(config.geography, base_dir);
  risk::RiskSettings& settings = config.settings;
  read(table, "evaluation_interval_s", settings.evaluation_interval_s);
  if (!(settings.evaluation_interval_s > 0.0)) {
    throw ConfigError{"[risk] evaluation_interval_s must be positive"};
  }
  std::int64_t seed = static_cast<std::int64_t>(settings.seed);
  read(table, "seed", seed);
  settings.seed = static_cast<std::uint64_t>(seed);
  double wind_from = 0, wind_kn = 0, current_to = 0, current_kn = 0;
  read(table, "wind_from_deg", wind_from);
  read(table, "wind_speed_kn", wind_kn);
  read(table, "current_to_deg", current_to);
  read(table, "current_speed_kn", current_kn);
  if (wind_kn < 0.0 || current_kn < 0.0) throw ConfigError{"[risk] speeds must not be negative"};
  settings.environment.wind_to = towards(wind_from + 180.0, wind_kn);
  settings.environment.current = towards(current_to, current_kn);
  read(table, "collision_cpa_m", settings.collision.cpa_m);
  settings.collision.keep_cpa_m = settings.collision.cpa_m * 1.5;
  read(table, "collision_horizon_s", settings.collision.horizon_s);
  settings.collision.keep_horizon_s = settings.collision.horizon_s + 600.0;
  read(table, "drifting_min_duration_s", settings.drifting.min_duration_s);
  read(table, "handover_horizon_s", settings.handover.horizon_s);
  settings.handover.keep_horizon_s = settings.handover.horizon_s + 600.0;
  read(table, "leeway_class", settings.search.leeway_class);
  std::int64_t particles = static_cast<std::int64_t>(settings.search.particles);
  read(table, "search_particles", particles);
  if (particles < 0 || particles > 100000) {
    throw ConfigError{"[risk] search_particles must be in 0..100000 (0: no search areas)"};
  }
  settings.search.particles = static_cast<std::size_t>(particles);
  settings.search.enabled = particles > 0;
  risk::SearchSettings& search = settings.search;
  std::int64_t members = search.forcing_members;
  read(table, "search_forcing_members", members);
  double wind_sigma_kn = search.wind_speed_sigma_mps / units::knots_to_mps(1.0);
  double current_sigma_kn = search.current_sigma_mps / units::knots_to_mps(1.0);
  read(table, "search_wind_sigma_kn", wind_sigma_kn);
  read(table, "search_wind_from_sigma_deg", search.wind_from_sigma_deg);
  read(table, "search_current_sigma_kn", current_sigma_kn);
  check_range(static_cast<double>(members), 1, 1000, "[risk] search_forcing_members");
  check_range(wind_sigma_kn, 0, 50, "[risk] search_wind_sigma_kn");
  check_range(search.wind_from_sigma_deg, 0, 180, "[risk] search_wind_from_sigma_deg");
  check_range(current_sigma_kn, 0, 10, "[risk] search_current_sigma_kn");
  search.forcing_members = static_cast<int>(members);
  search.wind_speed_sigma_mps = units::knots_to_mps(wind_sigma_kn);
  search.current_sigma_mps = units::knots_to_mps(current_sigma_kn);
  if (table.contains("search_hours")) {
    settings.search.hours.clear();
    for (const toml::value& hours : toml::find(table, "search_hours").as_array()) {
      const double value = number(hours, "[risk] search_hours");
      if (!(value > 0.0) || value > 72.0) throw ConfigError{"[risk] search_hours in (0, 72]"};
      settings.search.hours.push_back(value);
    }
  }
  if (!(settings.collision.cpa_m > 0.0) || !(settings.collision.horizon_s > 0.0) ||
      !(settings.handover.horizon_s > 0.0) || settings.drifting.min_duration_s < 0.0) {
    throw ConfigError{"[risk] thresholds and horizons must be positive"};
  }
  return config;
}

ServerConfig parse_server(const toml::value& table, const std::string& base_dir) {
  check_keys(table,
             {"listen", "port", "cot", "cot_port", "cot_source", "principals", "web_root",
              "tls_cert", "tls_key", "client_queue_mb", "max_clients", "federation"},
             "[server]");
  ServerConfig server;
  read(table, "listen", server.listen);
  std::int64_t port = server.port;
  std::int64_t cot_port = server.cot_port;
  read(table, "port", port);
  read(table, "cot_port", cot_port);
  check_range(static_cast<double>(port), 0.0, 65535.0, "[server] port");
  check_range(static_cast<double>(cot_port), 0.0, 65535.0, "[server] cot_port");
  server.port = static_cast<std::uint16_t>(port);
  server.cot_port = static_cast<std::uint16_t>(cot_port);
  read(table, "cot", server.cot);
  read(table, "cot_source", server.cot_source);
  read(table, "principals", server.principals);
  read(table, "web_root", server.web_root);
  read(table, "tls_cert", server.tls_cert);
  read(table, "tls_key", server.tls_key);
  read(table, "federation", server.federation);
  server.federation = resolve(server.federation, base_dir);
  server.principals = resolve(server.principals, base_dir);
  server.web_root = resolve(server.web_root, base_dir);
  server.tls_cert = resolve(server.tls_cert, base_dir);
  server.tls_key = resolve(server.tls_key, base_dir);
  if (server.principals.empty()) {
    throw ConfigError{"[server] principals: every request is authenticated, name the file"};
  }
  if (server.tls_cert.empty() != server.tls_key.empty()) {
    throw ConfigError{"[server] tls_cert and tls_key go together"};
  }
  double queue_mb = static_cast<double>(server.client_queue_bytes) / 1048576.0;
  read(table, "client_queue_mb", queue_mb);
  check_range(queue_mb, 0.01, 4096.0, "[server] client_queue_mb");
  server.client_queue_bytes = static_cast<std::size_t>(queue_mb * 1048576.0);
  std::int64_t max_clients = static_cast<std::int64_t>(server.max_clients);
  read(table, "max_clients", max_clients);
  check_range(static_cast<double>(max_clients), 1.0, 1e6, "[server] max_clients");
  server.max_clients = static_cast<std::size_t>(max_clients);
  return server;
}

EngineConfig parse(const toml::value& root, const std::string& base_dir) {
  check_keys(root, {"engine", "journal", "store", "source", "risk", "server"}, "the file");
  EngineConfig config;
  if (root.contains("engine")) {
    const auto& engine = toml::find(root, "engine");
    check_keys(engine, {"data_dir", "origin", "reorder_window_s", "queue_capacity"}, "[engine]");
    read(engine, "data_dir", config.data_dir);
    if (engine.contains("origin")) {
      const auto& origin = toml::find(engine, "origin").as_array();
      if (origin.size() != 2) throw ConfigError{"[engine] origin = [lat, lon]"};
      config.origin = {number(origin[0], "[engine] origin"), number(origin[1], "[engine] origin")};
      check_range(config.origin.lat, -90.0, 90.0, "[engine] origin latitude");
      check_range(config.origin.lon, -180.0, 180.0, "[engine] origin longitude");
    }
    read(engine, "reorder_window_s", config.reorder_window_s);
    check_range(config.reorder_window_s, 0.0, 86400.0, "[engine] reorder_window_s");
    std::int64_t capacity = static_cast<std::int64_t>(config.queue_capacity);
    read(engine, "queue_capacity", capacity);
    if (capacity < 1) throw ConfigError{"[engine] queue_capacity must be positive"};
    config.queue_capacity = static_cast<std::size_t>(capacity);
  }
  if (root.contains("journal")) {
    const auto& journal = toml::find(root, "journal");
    check_keys(journal, {"segment_mb", "retain_mb", "retain_days", "fsync", "commit_latency_ms"},
               "[journal]");
    double segment_mb = static_cast<double>(config.segment_bytes >> 20U);
    double retain_mb = static_cast<double>(config.journal_retain_bytes >> 20U);
    read(journal, "segment_mb", segment_mb);
    read(journal, "retain_mb", retain_mb);
    check_range(segment_mb, 1.0 / 1024.0, 1e9, "[journal] segment_mb");
    check_range(retain_mb, 0.0, 1e9, "[journal] retain_mb");
    config.segment_bytes = static_cast<std::uint64_t>(segment_mb * 1048576.0);
    config.journal_retain_bytes = static_cast<std::uint64_t>(retain_mb * 1048576.0);
    read(journal, "retain_days", config.journal_retain_days);
    read(journal, "fsync", config.fsync);
    read(journal, "commit_latency_ms", config.commit_latency_ms);
    check_range(config.journal_retain_days, 0.0, 1e6, "[journal] retain_days");
    check_range(config.commit_latency_ms, 0.0, 60000.0, "[journal] commit_latency_ms");
  }
  if (root.contains("store")) {
    const auto& store = toml::find(root, "store");
    check_keys(store, {"retention_days", "backend", "postgres"}, "[store]");
    read(store, "retention_days", config.store_default_retention_days);
    check_range(config.store_default_retention_days, 0.0, 1e6, "[store] retention_days");
    std::string backend = "sqlite";
    read(store, "backend", backend);
    if (backend == "postgresql") {
      config.store_backend = StoreBackend::kPostgres;
    } else if (backend != "sqlite") {
      throw ConfigError{"[store] backend must be \"sqlite\" or \"postgresql\", not '" + backend +
                        "'"};
    }
    read(store, "postgres", config.store_postgres);
    if (config.store_backend == StoreBackend::kPostgres && config.store_postgres.empty()) {
      throw ConfigError{"[store] backend \"postgresql\" needs postgres = \"<libpq conninfo>\""};
    }
  }
  if (root.contains("risk")) config.risk = parse_risk(toml::find(root, "risk"), base_dir);
  if (root.contains("server")) config.server = parse_server(toml::find(root, "server"), base_dir);
  if (root.contains("source")) {
    const auto& sources = toml::find(root, "source").as_array();
    std::set<std::string> ids;
    for (std::size_t index = 0; index < sources.size(); ++index) {
      SourceConfig source = parse_source(sources[index], index);
      if (!ids.insert(source.id).second) throw ConfigError{"duplicate source id " + source.id};
      config.sources.push_back(std::move(source));
    }
  }
  if (config.server && !config.server->cot_source.empty()) {
    const auto found = std::find_if(
        config.sources.begin(), config.sources.end(),
        [&](const SourceConfig& source) { return source.id == config.server->cot_source; });
    if (found == config.sources.end() || found->transport != Transport::kServer ||
        found->format != Format::kCot) {
      throw ConfigError{"[server] cot_source '" + config.server->cot_source +
                        "' must name a source with transport \"server\" and format \"cot\""};
    }
  }
  return config;
}

}  // namespace

Result<EngineConfig> parse_config_text(const std::string& text, const std::string& name,
                                       const std::string& base_dir) {
  if (Status checked = check_toml_text(text, name, "bad_config"); !checked) return checked.error();
  try {
    std::istringstream stream(text);
    return parse(toml::parse(stream, name), base_dir);
  } catch (const ConfigError& error) {
    return Error{"bad_config", name + ": " + error.message};
  } catch (const std::exception& error) {
    return Error{"bad_config", error.what()};
  }
}

Result<EngineConfig> load_config(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Error{"io_error", "cannot read " + path};
  std::ostringstream text;
  text << file.rdbuf();
  return parse_config_text(text.str(), path, std::filesystem::path(path).parent_path().string());
}

}  // namespace sw::engine
