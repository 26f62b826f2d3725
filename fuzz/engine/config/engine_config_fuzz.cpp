/// libFuzzer target for the engine configuration reader: TOML syntax (toml11), unknown keys,
/// sources and their labels, the journal, store and [risk] tables.
///
/// The whole input goes to parse_config_text as the text of a file. Contracts checked (abort
/// when broken):
/// - no exception leaves parse_config_text, and a refusal has the code "bad_config" and a
///   message;
/// - an accepted configuration has finite numbers everywhere, a non-negative reorder window,
///   an origin on the globe and a positive queue capacity;
/// - every source has an id of 1-64 bytes, unique among the sources; a tcp-client source has a
///   port, a file source a path, an asterix source a site on the globe; sigmas and the replay
///   speed are finite and not negative;
/// - a [risk] that is on has a geography, evaluation_interval_s > 0, search hours in (0, 72],
///   at most 100000 particles, positive thresholds and horizons, and a finite environment.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <string>
#include <string_view>

#include "engine/config.h"

namespace {

using sw::engine::EngineConfig;
using sw::engine::SourceConfig;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "engine_config_fuzz: %s: %.*s\n", what,
               static_cast<int>(detail.size() > 300 ? 300 : detail.size()), detail.data());
  std::abort();
}

void check_finite(double value, const char* what) {
  if (!std::isfinite(value)) contract_broken("number not finite", what);
}

void check_on_globe(const sw::LatLon& position, const char* what) {
  if (!(std::fabs(position.lat) <= 90.0) || !(std::fabs(position.lon) <= 180.0)) {
    contract_broken("position not on the globe", what);
  }
}

void check_source(const SourceConfig& source, std::set<std::string>& ids) {
  if (source.id.empty() || source.id.size() > 64) contract_broken("source id size", source.id);
  if (!ids.insert(source.id).second) contract_broken("source id repeated", source.id);
  if (source.transport == sw::engine::Transport::kTcpClient && source.port == 0) {
    contract_broken("tcp-client without a port", source.id);
  }
  if (source.transport == sw::engine::Transport::kFile && source.path.empty()) {
    contract_broken("file source without a path", source.id);
  }
  if (source.format == sw::engine::Format::kAsterix && !source.site) {
    contract_broken("asterix source without a site", source.id);
  }
  if (source.site) check_on_globe(*source.site, "source site");
  check_finite(source.file_speed, "source speed");
  check_finite(source.range_sigma_m, "source range_sigma_m");
  check_finite(source.azimuth_sigma_deg, "source azimuth_sigma_deg");
  if (source.file_speed < 0.0 || source.range_sigma_m < 0.0 || source.azimuth_sigma_deg < 0.0) {
    contract_broken("negative speed or sigma", source.id);
  }
  if (source.label.retention_s < 0) contract_broken("negative label retention", source.id);
}

void check_risk(const sw::engine::RiskConfig& risk) {
  const sw::risk::RiskSettings& settings = risk.settings;
  if (risk.geography.empty()) contract_broken("risk without geography", "");
  check_finite(settings.evaluation_interval_s, "evaluation_interval_s");
  if (!(settings.evaluation_interval_s > 0.0)) contract_broken("evaluation_interval_s <= 0", "");
  check_finite(settings.environment.wind_to.east, "wind east");
  check_finite(settings.environment.wind_to.north, "wind north");
  check_finite(settings.environment.current.east, "current east");
  check_finite(settings.environment.current.north, "current north");
  check_finite(settings.collision.cpa_m, "collision_cpa_m");
  check_finite(settings.collision.keep_cpa_m, "keep_cpa_m");
  check_finite(settings.collision.horizon_s, "collision_horizon_s");
  check_finite(settings.collision.keep_horizon_s, "keep_horizon_s");
  check_finite(settings.drifting.min_duration_s, "drifting_min_duration_s");
  check_finite(settings.handover.horizon_s, "handover_horizon_s");
  check_finite(settings.handover.keep_horizon_s, "handover keep_horizon_s");
  if (!(settings.collision.cpa_m > 0.0) || !(settings.collision.horizon_s > 0.0) ||
      !(settings.handover.horizon_s > 0.0) || settings.drifting.min_duration_s < 0.0) {
    contract_broken("risk thresholds not positive", "");
  }
  if (settings.search.particles > 100000) contract_broken("too many particles", "");
  if (settings.search.enabled != (settings.search.particles > 0)) {
    contract_broken("search enabled disagrees with particles", "");
  }
  for (const double hours : settings.search.hours) {
    if (!(hours > 0.0) || hours > 72.0) contract_broken("search hours outside (0, 72]", "");
  }
}

void check_config(const EngineConfig& config) {
  check_finite(config.reorder_window_s, "reorder_window_s");
  if (config.reorder_window_s < 0.0) contract_broken("negative reorder window", "");
  check_on_globe(config.origin, "origin");
  if (config.queue_capacity < 1) contract_broken("queue capacity 0", "");
  check_finite(config.journal_retain_days, "journal retain_days");
  check_finite(config.commit_latency_ms, "commit_latency_ms");
  check_finite(config.store_default_retention_days, "store retention_days");
  std::set<std::string> ids;
  for (const SourceConfig& source : config.sources) check_source(source, ids);
  if (config.risk) check_risk(*config.risk);
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto config = sw::engine::parse_config_text(text, "fuzz.toml", "");
    if (!config.ok()) {
      if (config.error().code != "bad_config" || config.error().detail.empty()) {
        contract_broken("refusal without code or message", config.error().code);
      }
      return 0;
    }
    check_config(*config);
  } catch (const std::exception& exception) {
    contract_broken("exception escaped", exception.what());
  } catch (...) {
    contract_broken("exception escaped", "(not a std::exception)");
  }
  return 0;
}
