#include "cli/region_command.h"

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "engine/config.h"
#include "region/bus.h"
#include "region/joined_picture.h"
#include "region/region_process.h"
#include "region/region_wire.h"
#include "region/sim_feed.h"
#include "server/federated_items.h"
#include "sim/scenario.h"

namespace sw::cli {
namespace {

std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int /*signal*/) { stop_requested = true; }

struct RegionOptions {
  std::string plan;
  std::string region;
  std::string scenario;
  std::string config;
  std::string out;
  double exit_idle_s = 0;
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
  return region::scenario_engine_config(*scenario);
}

int run_feed(const RegionOptions& options) {
  Result<region::RegionPlan> plan = region::load_region_plan(options.plan);
  if (!plan) return fail("feed", options.plan, plan.error());
  Result<sim::Scenario> scenario = sim::load_scenario(options.scenario);
  if (!scenario) return fail("feed", options.scenario, scenario.error());
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
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  Status ran = (*process)->run(stop_requested, options.exit_idle_s, say);
  if (!ran) return fail("run", options.region, ran.error());
  const region::RegionProcessStats stats = (*process)->stats();
  say("region " + options.region + " stopped: input " + std::to_string(stats.checkpoint) +
      ", published " + std::to_string(stats.tracker.published) + ", handovers sent " +
      std::to_string(stats.tracker.handovers_sent) + ", matched " +
      std::to_string(stats.tracker.handovers_matched) + ", expired " +
      std::to_string(stats.tracker.handovers_expired) + ", own id after hold " +
      std::to_string(stats.tracker.own_id_after_hold));
  return 0;
}

int run_gateway(const RegionOptions& options) {
  Result<region::RegionPlan> plan = region::load_region_plan(options.plan);
  if (!plan) return fail("gateway", options.plan, plan.error());
  Result<std::unique_ptr<region::Bus>> bus = region::Bus::connect(plan->bus);
  if (!bus) return fail("gateway", plan->bus.nats_url, bus.error());
  Result<std::unique_ptr<region::DurableConsumer>> consumer = region::DurableConsumer::open(
      **bus, region::Bus::Stream::kTracks, (*bus)->subject(region::Bus::Stream::kTracks, ">"),
      "gateway", true);
  if (!consumer) return fail("gateway", "consumer", consumer.error());
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  region::JoinedPicture picture;
  auto last_input = std::chrono::steady_clock::now();
  while (!stop_requested) {
    Result<std::vector<region::BusMessage>> batch = (*consumer)->fetch(1000, 200);
    if (!batch) return fail("gateway", "fetch", batch.error());
    const auto now = std::chrono::steady_clock::now();
    if (batch->empty()) {
      if (options.exit_idle_s > 0 &&
          std::chrono::duration<double>(now - last_input).count() > options.exit_idle_s) {
        break;
      }
      continue;
    }
    last_input = now;
    for (const region::BusMessage& message : *batch) {
      Result<region::RegionMessage> parsed = region::parse_region_payload(message.data());
      if (!parsed) {
        picture.count_malformed();
        continue;
      }
      picture.apply(parsed->from, parsed->track, message.header("Nats-Msg-Id"));
    }
    batch->back().ack();
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
      nlohmann::json item = nlohmann::json::parse(server::track_body(track));
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
  gateway->add_option("--out", options->out, "Write the joined picture here (JSON) at exit");
  gateway->add_option("--exit-idle", options->exit_idle_s, "Stop after this many seconds idle");
  gateway->callback([options] {
    if (const int status = run_gateway(*options); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
