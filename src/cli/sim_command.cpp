#include "cli/sim_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "sim/geography.h"
#include "sim/output.h"
#include "sim/realtime.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

namespace sw::cli {
namespace {

struct SimOptions {
  std::string scenario_path;
  std::optional<std::uint64_t> seed;
  std::optional<double> duration_s;
  std::string out_dir;
  std::string format = "ais";
  std::string geography_path;
  bool realtime = false;
  bool quiet = false;
};

int fail(const Error& error) {
  std::fprintf(stderr, "straitwatch sim: %s (%s)\n", error.detail.c_str(), error.code.c_str());
  return 1;
}

int run_sim_command(const SimOptions& options) {
  Result<sim::Scenario> scenario = sim::default_scenario();
  if (!options.scenario_path.empty()) scenario = sim::load_scenario(options.scenario_path);
  if (!scenario) return fail(scenario.error());
  if (options.seed) scenario->seed = *options.seed;
  if (options.duration_s) scenario->duration_s = *options.duration_s;
  const std::string geography_path = !options.geography_path.empty() ? options.geography_path
                                     : options.scenario_path.empty()
                                         ? std::string("data/geo/dover_strait.geojson")
                                         : scenario->geography_path();
  auto geography = sim::load_geography(geography_path);
  if (!geography) return fail(geography.error());
  auto simulator = sim::Simulator::create(*scenario, *geography);
  if (!simulator) return fail(simulator.error());

  std::unique_ptr<sim::DirectoryOutput> directory;
  std::unique_ptr<sim::StreamOutput> stream;
  sim::ByteSink* bytes = nullptr;
  if (!options.out_dir.empty()) {
    std::vector<std::string> radar_ids;
    for (const sim::RadarSite& site : (*simulator)->radar_sites()) radar_ids.push_back(site.id);
    auto opened = sim::DirectoryOutput::open(options.out_dir, radar_ids);
    if (!opened) return fail(opened.error());
    directory = std::move(*opened);
    bytes = directory.get();
  } else {
    auto channel = sim::parse_channel(options.format);
    if (!channel) return fail(channel.error());
    stream = std::make_unique<sim::StreamOutput>(*channel, stdout);
    bytes = stream.get();
  }
  sim::EncodingSink sink(*bytes);

  const SystemClock clock;
  const TimeNs wall_start = clock.now();
  if (options.realtime) {
    sim::ThreadSleeper sleeper(clock);
    sim::DirectoryOutput* files = directory.get();
    sim::run_realtime(**simulator, sink, clock, sleeper, [files] {
      if (files != nullptr) files->flush();
      std::fflush(stdout);
    });
  } else {
    (*simulator)->run(sink);
  }
  const double wall_s = static_cast<double>(clock.now() - wall_start) * 1e-9;
  if (directory) {
    if (auto closed = directory->close(); !closed) return fail(closed.error());
  }
  std::fflush(stdout);
  if (stream && stream->failed()) return fail(Error{"io", "error writing to standard output"});

  if (!options.quiet) {
    const sim::SimStats& stats = (*simulator)->stats();
    const double simulated_s =
        static_cast<double>((*simulator)->now() - (*simulator)->start_time()) * 1e-9;
    std::fprintf(stderr,
                 "straitwatch sim: '%s' seed %llu, %.0f s simulated in %.2f s, %zu entities; "
                 "%llu truth rows, %llu AIS messages, %llu north markers, %llu plots (%llu "
                 "clutter), %llu sightings, %llu asset positions, %llu distress reports\n",
                 scenario->name.c_str(), static_cast<unsigned long long>(scenario->seed),
                 simulated_s, wall_s, (*simulator)->entities().size(),
                 static_cast<unsigned long long>(stats.truth),
                 static_cast<unsigned long long>(stats.ais),
                 static_cast<unsigned long long>(stats.north_markers),
                 static_cast<unsigned long long>(stats.plots),
                 static_cast<unsigned long long>(stats.clutter_plots),
                 static_cast<unsigned long long>(stats.sightings),
                 static_cast<unsigned long long>(stats.asset_positions),
                 static_cast<unsigned long long>(stats.distress));
  }
  if (sink.refused() > 0) {
    std::fprintf(stderr, "straitwatch sim: %llu report(s) could not be encoded\n",
                 static_cast<unsigned long long>(sink.refused()));
    return 1;
  }
  return 0;
}

}  // namespace

void add_sim_command(CLI::App& app) {
  auto options = std::make_shared<SimOptions>();
  CLI::App* command = app.add_subcommand(
      "sim", "Simulate the Dover Strait: traffic, radars, AIS, aircraft, distress calls");
  command
      ->add_option("--scenario", options->scenario_path,
                   "Scenario TOML (default: the built-in Dover Strait hour)")
      ->check(CLI::ExistingFile);
  command->add_option("--seed", options->seed, "Random seed (overrides the scenario's)");
  command->add_option("--duration", options->duration_s, "Seconds to simulate")
      ->check(CLI::Range(1.0, 30 * 86400.0));
  command->add_option("--out", options->out_dir,
                      "Write every format to files in this directory (ais.nmea, "
                      "radar_<id>.ast, cot.xml, distress.jsonl, truth.csv)");
  command
      ->add_option("--format", options->format,
                   "Without --out: the one format written to stdout (ais, asterix, cot, "
                   "distress, truth)")
      ->capture_default_str();
  command->add_option("--geo", options->geography_path,
                      "Geography GeoJSON (default: the scenario's, or "
                      "data/geo/dover_strait.geojson)");
  command->add_flag("--realtime", options->realtime, "Pace the simulation with the wall clock");
  command->add_flag("-q,--quiet", options->quiet, "No summary on stderr");
  command->callback([options] {
    const int status = run_sim_command(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
