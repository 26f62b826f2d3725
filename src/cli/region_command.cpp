#include "cli/region_command.h"

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/node_server_setup.h"
#include "cli/stop_signal.h"
#include "core/clock.h"
#include "engine/builtin_sim.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "region/bus.h"
#include "region/joined_picture.h"
#include "region/region_process.h"
#include "region/region_wire.h"
#include "region/sim_feed.h"
#include "server/federated_items.h"
#include "sim/scenario.h"

namespace sw::cli {
namespace {

struct RegionOptions {
  std::string plan;
  std::string region;
  std::string scenario;
  std::string config;
  std::string out;
  double exit_idle_s = 0;
  std::optional<std::uint64_t> seed;
  std::optional<double> duration_s;
};

int fail(const char* command, const std::string& what, const Error& error) {
  std::fprintf(stderr, "straitwatch region %s: %s: %s: %s\n", command, what.c_str(),
               error.code.c_str(), error.detail.c_str());
  return 2;
}

void say(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

/// The engine configuration: the node's file, or the built-in simulation's for a scenario.
Result<engine::EngineConfig> engine_config(const RegionOptions& options) {
  if (!options.config.empty()) return engine::load_config(options.config);
  Result<sim::Scenario> scenario = sim::load_scenario(options.scenario);
  if (!scenario) return scenario.error();
  Result<engine::BuiltinSimulation> built = engine::build_builtin_simulation(*scenario);
  if (!built) return built.error();
  return std::move(built->config);
}

int run_feed(const RegionOptions& options) {
  Result<region::RegionPlan> plan = region::load_region_plan(options.plan);
  if (!plan) return fail("feed", options.plan, plan.error());
  Result<sim::Scenario> scenario = sim::load_scenario(options.scenario);
  if (!scenario) return fail("feed", options.scenario, scenario.error());
  if (options.seed) scenario->seed = *options.seed;
  if (options.duration_s) scenario->duration_s = *options.duration_s;
  Result<std::unique_ptr<region::Bus>> bus = region::Bus::connect(plan->bus);
  if (!bus) return fail("feed", plan->bus.nats_url, bus.error());
  Result<region::FeedStats> fed = region::feed_scenario(*scenario, **bus, say);
  if (!fed) return fail("feed", options.scenario, fed.error());
  say("fed " + std::to_string(fed->inputs) + " inputs (" + std::to_string(fed->bytes) + " bytes)");
  return 0;
}

int run_region(const RegionOptions& options) {
  Result<region::RegionPlan> plan = region::load_region_plan(options.plan);
  if (!plan) return fail("run", options.plan, plan.error());
  Result<engine::EngineConfig> config = engine_config(options);
  if (!config) return fail("run", "configuration", config.error());
  SystemClock clock;
  Result<std::unique_ptr<region::RegionProcess>> process =
      region::RegionProcess::start(*config, *plan, options.region, clock);
  if (!process) return fail("run", options.region, process.error());
  say("region " + options.region + ": replayed " + std::to_string((*process)->stats().replayed) +
      " inputs to checkpoint " + std::to_string((*process)->stats().checkpoint));
  Status ran = (*process)->run(stop_on_signals(), options.exit_idle_s, say);
  if (!ran) return fail("run", options.region, ran.error());
  const region::RegionProcessStats stats = (*process)->stats();
  say("region " + options.region + " stopped: input " + std::to_string(stats.checkpoint) +
      ", published " + std::to_string(stats.tracker.published) + ", handovers sent " +
      std::to_string(stats.tracker.handovers_sent) + ", matched " +
      std::to_string(stats.tracker.handovers_matched) + ", expired " +
      std::to_string(stats.tracker.handovers_expired) + ", own id after hold " +
      std::to_string(stats.tracker.own_id_after_hold) + ", bad inputs " +
      std::to_string(stats.bad_inputs) + ", bad handovers " + std::to_string(stats.bad_handovers));
  if (stats.busy_s > 0) {
    std::printf("region %s: %llu inputs in %.2f s (%.0f inputs/s)\n", options.region.c_str(),
                static_cast<unsigned long long>(stats.processed), stats.busy_s,
                static_cast<double>(stats.processed) / stats.busy_s);
  }
  std::printf("%s", (*process)->summary().c_str());
  return 0;
}

/// How far back a starting gateway reads the regions' track subjects (wall time): longer
/// than a track stays in a region's picture without an update (lost after 600 s).
constexpr double kGatewayLookBackS = 1800.0;

/// The joined picture served as a node serves its own picture (API, WebSocket, map): the
/// node configuration's [server], and an engine with no sources of its own (it journals
/// the operator actions).
struct GatewayNode {
  std::unique_ptr<engine::Engine> engine;
  std::unique_ptr<server::NodeServer> server;
  ~GatewayNode() {
    if (server) server->stop();
    if (engine) engine->stop();
  }
};

Result<std::unique_ptr<GatewayNode>> start_gateway_node(const std::string& path,
                                                        const Clock& clock) {
  Result<engine::EngineConfig> config = engine::load_config(path);
  if (!config) return config.error();
  if (!config->sources.empty()) {
    return Error{"gateway_config",
                 "a gateway's tracks come from the regions: its configuration has no [[source]]"};
  }
  if (!config->server) return Error{"gateway_config", "a gateway serves: it needs [server]"};
  auto node = std::make_unique<GatewayNode>();
  Result<std::unique_ptr<engine::Engine>> engine = engine::Engine::create(*config, clock);
  if (!engine) return engine.error();
  node->engine = std::move(*engine);
  Result<std::unique_ptr<server::NodeServer>> server =
      start_node_server(*node->engine, *config->server, std::nullopt, clock, {});
  if (!server) return server.error();
  node->server = std::move(*server);
  if (Status started = node->engine->start(); !started) return started.error();
  return node;
}

int run_gateway(const RegionOptions& options) {
  Result<region::RegionPlan> plan = region::load_region_plan(options.plan);
  if (!plan) return fail("gateway", options.plan, plan.error());
  Result<std::unique_ptr<region::Bus>> bus = region::Bus::connect(plan->bus);
  if (!bus) return fail("gateway", plan->bus.nats_url, bus.error());
  SystemClock clock;
  std::unique_ptr<GatewayNode> node;
  if (!options.config.empty()) {
    Result<std::unique_ptr<GatewayNode>> started = start_gateway_node(options.config, clock);
    if (!started) return fail("gateway", options.config, started.error());
    node = std::move(*started);
  }
  // The picture lives in memory: a starting gateway reads the recent track updates again.
  const TimeNs since = clock.now() - static_cast<TimeNs>(kGatewayLookBackS * 1e9);
  Result<std::unique_ptr<region::StreamReader>> reader =
      region::StreamReader::open(**bus, region::Bus::Stream::kTracks,
                                 (*bus)->subject(region::Bus::Stream::kTracks, ">"), since);
  if (!reader) return fail("gateway", "reading the track subjects", reader.error());
  const std::atomic<bool>& stop_requested = stop_on_signals();
  region::JoinedPicture picture;
  std::vector<track::FusedTrack> newer;
  auto last_input = std::chrono::steady_clock::now();
  bool caught_up = false;
  while (!stop_requested) {
    Result<std::optional<region::BusMessage>> message = (*reader)->follow(200);
    if (!message) return fail("gateway", "reading", message.error());
    const auto now = std::chrono::steady_clock::now();
    if (*message) {
      last_input = now;
      Result<region::RegionMessage> parsed = region::parse_region_payload((*message)->data());
      if (!parsed) {
        picture.count_malformed();
      } else if (picture.apply(parsed->from, parsed->track, (*message)->header("Nats-Msg-Id"))) {
        newer.push_back(std::move(parsed->track));
      }
    }
    // Until it has read what was stored at start the picture is the past's.
    const bool catching_up_now = !caught_up && (*reader)->caught_up();
    // Hand the server what changed in batches, and at once when the stream is quiet or the
    // picture has just become the present one.
    if (node && !newer.empty() && (!*message || newer.size() >= 256 || catching_up_now)) {
      node->server->picture().apply_tracks(newer);
      newer.clear();
    }
    if (catching_up_now) {
      caught_up = true;
      say("gateway: caught up: read the " + std::to_string((*reader)->stored_at_open()) +
          " track updates stored at start, " + std::to_string(picture.current().size()) +
          " tracks");
    }
    if (!*message && caught_up && options.exit_idle_s > 0 &&
        std::chrono::duration<double>(now - last_input).count() > options.exit_idle_s) {
      break;
    }
  }
  const region::JoinedStats& stats = picture.stats();
  const std::vector<track::FusedTrack> current = picture.current();
  say("gateway: " + std::to_string(current.size()) + " tracks, applied " +
      std::to_string(stats.applied) + ", stale " + std::to_string(stats.stale) + ", repeats " +
      std::to_string(stats.repeats) + ", malformed " + std::to_string(stats.malformed) +
      ", changed region " + std::to_string(stats.regions_changed));
  if (!options.out.empty()) {
    nlohmann::json tracks = nlohmann::json::array();
    for (const track::FusedTrack& track : current) {
      nlohmann::json item = server::track_json(track);
      item["region"] = picture.region_of(track.id).value_or("");
      tracks.push_back(std::move(item));
    }
    std::ofstream out(options.out, std::ios::binary);
    const nlohmann::json counts{{"applied", stats.applied},
                                {"stale", stats.stale},
                                {"repeats", stats.repeats},
                                {"malformed", stats.malformed},
                                {"regions_changed", stats.regions_changed}};
    out << nlohmann::json{{"tracks", tracks}, {"stats", counts}}.dump(1) << "\n";
    if (!out) return fail("gateway", options.out, Error{"write", "cannot write the picture"});
  }
  return 0;
}

}  // namespace

void add_region_command(CLI::App& app) {
  auto options = std::make_shared<RegionOptions>();
  CLI::App* region = app.add_subcommand(
      "region", "The sea in regions over NATS JetStream: feed, run one region, gateway");
  region->require_subcommand(1);

  CLI::App* feed = region->add_subcommand("feed", "Publish a simulated scenario's inputs");
  feed->add_option("--plan", options->plan, "Region plan (TOML)")->required();
  feed->add_option("--scenario", options->scenario, "Scenario file")->required();
  feed->add_option("--seed", options->seed, "Override the scenario's seed");
  feed->add_option("--duration", options->duration_s, "Override the scenario's duration (s)");
  feed->callback([options] {
    if (const int status = run_feed(*options); status != 0) throw CLI::RuntimeError(status);
  });

  CLI::App* run = region->add_subcommand("run", "Run one region's fusion process");
  run->add_option("--plan", options->plan, "Region plan (TOML)")->required();
  run->add_option("--region", options->region, "Name of the region")->required();
  auto* inputs = run->add_option_group("inputs", "What the sources are");
  inputs->add_option("--scenario", options->scenario, "The built-in simulation of a scenario");
  inputs->add_option("--config", options->config, "A node's configuration file");
  inputs->require_option(1);
  run->add_option("--exit-idle", options->exit_idle_s, "Stop after this many seconds idle");
  run->callback([options] {
    if (const int status = run_region(*options); status != 0) throw CLI::RuntimeError(status);
  });

  CLI::App* gateway = region->add_subcommand("gateway", "Join the regions' pictures");
  gateway->add_option("--plan", options->plan, "Region plan (TOML)")->required();
  gateway->add_option("--config", options->config,
                      "Serve the joined picture: a node configuration with [server], no sources");
  gateway->add_option("--out", options->out, "Write the joined picture here (JSON) at exit");
  gateway->add_option("--exit-idle", options->exit_idle_s, "Stop after this many seconds idle");
  gateway->callback([options] {
    if (const int status = run_gateway(*options); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
