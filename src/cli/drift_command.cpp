#include "cli/drift_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "drift/geojson.h"
#include "drift/land.h"
#include "drift/leeway_classes.h"
#include "drift/netcdf_forcing.h"
#include "drift/search_area.h"
#include "drift/simulation.h"
#include "drift/time_text.h"

namespace sw::cli {
namespace {

struct DriftOptions {
  std::string forcing_path;
  std::vector<double> wind;
  std::vector<double> current;
  std::string category = "1";
  std::string classes_path;
  double lon = 1.5, lat = 51.0, radius_m = 500;
  std::vector<double> line_to;  // lat, lon of the line's other end
  bool disc = false;
  std::string start = "2024-01-01T00:00:00Z";
  double hours = 24, dt_min = 10;
  std::size_t particles = 10000;
  std::uint64_t seed = 1;
  int threads = 2;
  bool backtrack = false;
  double jibe_probability = 0.04;
  bool deterministic = false;
  int orientation = -1;
  std::string land_path;
  std::string csv_path;
  std::string geojson_path;
  double cell_m = 0;
  bool quiet = false;
};

int fail(const Error& error) {
  std::fprintf(stderr, "straitwatch drift: %s (%s)\n", error.detail.c_str(), error.code.c_str());
  return 1;
}

/// A one-line progress bar on stderr, redrawn at most every 100 ms.
class ProgressBar {
 public:
  explicit ProgressBar(const Clock& clock) : clock_(clock) {}
  void update(double fraction) {
    const TimeNs now = clock_.now();
    if (fraction < 1.0 && now - last_ < 100'000'000) return;
    last_ = now;
    constexpr int kWidth = 40;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r[%s] %3.0f %%", bar.c_str(), fraction * 100);
    if (fraction >= 1.0) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  const Clock& clock_;
  TimeNs last_ = 0;
};

Status write_text(const std::string& path, const std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Error{"io", "cannot write " + path};
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (std::fclose(file) != 0 || !written) return Error{"io", "error writing " + path};
  return Ok{};
}

Status write_csv(const std::string& path, const drift::DriftResult& result,
                 const std::string& object_class) {
  std::string text = "# straitwatch drift: class " + object_class + ", seed " +
                     std::to_string(result.seed) + ", end " +
                     drift::format_utc_time(result.end_time) + "\n";
  text += "particle,lat,lon,status,orientation\n";
  static const char* const status_names[] = {"active", "missing_forcing", "stranded"};
  char line[128];
  for (std::size_t particle = 0; particle < result.lat.size(); ++particle) {
    std::snprintf(line, sizeof line, "%zu,%.7f,%.7f,%s,%u\n", particle, result.lat[particle],
                  result.lon[particle], status_names[static_cast<int>(result.status[particle])],
                  static_cast<unsigned>(result.orientation[particle]));
    text += line;
  }
  return write_text(path, text);
}

int run_drift_command(const DriftOptions& options) {
  const SystemClock clock;
  // Object class.
  std::vector<drift::LeewayClass> loaded;
  if (!options.classes_path.empty()) {
    auto table = drift::load_leeway_classes(options.classes_path);
    if (!table) return fail(table.error());
    loaded = std::move(*table);
  }
  const auto& classes = options.classes_path.empty() ? drift::builtin_leeway_classes() : loaded;
  auto leeway_class = drift::find_leeway_class(classes, options.category);
  if (!leeway_class) return fail(leeway_class.error());
  const std::string class_name = std::to_string(leeway_class->id) + " " + leeway_class->key;

  // Seeding.
  auto start = drift::parse_utc_time(options.start);
  if (!start) return fail(start.error());
  drift::SeedSpec seed_spec;
  seed_spec.start = {options.lat, options.lon};
  seed_spec.radius_m = options.radius_m;
  seed_spec.time = *start;
  seed_spec.count = options.particles;
  if (!options.line_to.empty()) {
    seed_spec.shape = drift::SeedShape::kLine;
    seed_spec.end = {options.line_to[0], options.line_to[1]};
  } else if (options.disc) {
    seed_spec.shape = drift::SeedShape::kUniformDisc;
  }

  // Forcing.
  const std::array<double, 2> wind = options.wind.empty()
                                         ? std::array<double, 2>{0, 0}
                                         : std::array{options.wind[0], options.wind[1]};
  const std::array<double, 2> current = options.current.empty()
                                            ? std::array<double, 2>{0, 0}
                                            : std::array{options.current[0], options.current[1]};
  std::unique_ptr<drift::Forcing> forcing;
  if (!options.forcing_path.empty()) {
    auto opened = drift::NetcdfForcing::open(options.forcing_path, {wind, current});
    if (!opened) return fail(opened.error());
    forcing = std::move(*opened);
  } else {
    forcing = std::make_unique<drift::ConstantForcing>(wind, current);
  }

  std::shared_ptr<const drift::LandMask> land;
  if (!options.land_path.empty()) {
    auto loaded_land = drift::LandMask::load(options.land_path);
    if (!loaded_land) return fail(loaded_land.error());
    land = *loaded_land;
  }

  drift::LeewayOptions leeway_options;
  leeway_options.jibe_probability_per_hour = options.jibe_probability;
  leeway_options.stochastic = !options.deterministic;
  if (options.orientation >= 0) leeway_options.orientation = options.orientation;

  drift::RunOptions run_options;
  run_options.seed = options.seed;
  run_options.duration_s = options.hours * 3600.0;
  run_options.dt_s = options.dt_min * 60.0;
  run_options.backtrack = options.backtrack;
  run_options.threads = options.threads;
  run_options.land = land.get();
  ProgressBar progress_bar(clock);
  if (!options.quiet && isatty(STDERR_FILENO) != 0) {
    run_options.progress = [&progress_bar](double fraction) { progress_bar.update(fraction); };
  }

  const TimeNs wall_start = clock.now();
  auto result = drift::run_drift(*leeway_class, seed_spec, leeway_options, *forcing, run_options);
  if (!result) return fail(result.error());
  const double run_s = static_cast<double>(clock.now() - wall_start) * 1e-9;
  const drift::CloudStats stats = drift::cloud_stats(*result, options.threads);

  const double particle_steps = static_cast<double>(result->lat.size()) * result->steps;
  std::printf("class %s, %zu particles, seed %llu, %s%s -> %s (%d steps of %g s)\n",
              class_name.c_str(), result->lat.size(), static_cast<unsigned long long>(result->seed),
              options.backtrack ? "backtrack " : "",
              drift::format_utc_time(result->start_time).c_str(),
              drift::format_utc_time(result->end_time).c_str(), result->steps, run_options.dt_s);
  std::printf("forcing: %s\n", forcing->description().c_str());
  std::printf(
      "active %zu (%.2f %%), left forcing grid %zu, stranded %zu, jibes %llu\n", stats.active,
      100.0 * static_cast<double>(stats.active) / static_cast<double>(stats.total),
      result->missing_forcing, result->stranded, static_cast<unsigned long long>(result->jibes));
  if (stats.active > 0) {
    std::printf("centroid %.5f N %.5f E  r50 %.2f km  r90 %.2f km\n", stats.centroid.lat,
                stats.centroid.lon, stats.r50_m / 1000, stats.r90_m / 1000);
  }
  std::printf("run %.3f s, %.2f M particle-steps/s, %d threads\n", run_s,
              run_s > 0 ? particle_steps / run_s / 1e6 : 0.0, options.threads);

  if (!options.csv_path.empty()) {
    if (auto written = write_csv(options.csv_path, *result, class_name); !written) {
      return fail(written.error());
    }
  }
  if (!options.geojson_path.empty()) {
    drift::SearchAreaOptions area_options;
    area_options.cell_m = options.cell_m;
    auto area = drift::make_search_area(*result, stats, area_options);
    if (!area) return fail(area.error());
    drift::SearchAreaRun run;
    run.object_class = class_name;
    run.forcing = forcing->description();
    run.start_time = drift::format_utc_time(result->start_time);
    run.end_time = drift::format_utc_time(result->end_time);
    run.backtrack = options.backtrack;
    run.particles = result->lat.size();
    run.seed = result->seed;
    run.missing_forcing = result->missing_forcing;
    run.stranded = result->stranded;
    if (auto written =
            write_text(options.geojson_path, drift::search_area_geojson(*area, stats, run));
        !written) {
      return fail(written.error());
    }
    std::printf(
        "search area: 50 %% %.1f km2 (%zu polygons), 90 %% %.1f km2 (%zu polygons), cell %.0f m\n",
        area->p50.area_km2, area->p50.polygons.size(), area->p90.area_km2,
        area->p90.polygons.size(), area->cell_m);
  }
  return 0;
}

}  // namespace

void add_drift_command(CLI::App& app) {
  auto options = std::make_shared<DriftOptions>();
  CLI::App* drift = app.add_subcommand(
      "drift",
      "Leeway drift of a person or object in the water: Monte Carlo particles, search areas");
  drift->add_option(
      "--forcing", options->forcing_path,
      "CF NetCDF with x_wind/y_wind and/or x_sea_water_velocity/y_sea_water_velocity");
  drift
      ->add_option("--wind", options->wind,
                   "constant wind east,north m/s (fallback with --forcing)")
      ->expected(2)
      ->delimiter(',');
  drift->add_option("--current", options->current, "constant current east,north m/s")
      ->expected(2)
      ->delimiter(',');
  drift->add_option("--category", options->category, "Leeway object class: number or key (PIW-1)");
  drift->add_option("--classes", options->classes_path, "class table CSV (default: built in)");
  drift->add_option("--lon", options->lon, "datum longitude, degrees");
  drift->add_option("--lat", options->lat, "datum latitude, degrees");
  drift->add_option("--radius", options->radius_m,
                    "datum uncertainty, metres (1 sigma east/north)");
  drift->add_option("--line-to", options->line_to, "seed along a line to LAT,LON")
      ->expected(2)
      ->delimiter(',');
  drift->add_flag("--disc", options->disc, "seed uniformly in a circle of --radius instead");
  drift->add_option("--start", options->start, "datum time, ISO 8601 UTC");
  drift->add_option("--hours", options->hours, "duration, hours");
  drift->add_option("--dt-min", options->dt_min, "time step, minutes");
  drift->add_option("--particles", options->particles, "number of particles");
  drift->add_option("--seed", options->seed, "random seed (recorded in outputs)");
  drift->add_option("--threads", options->threads, "worker threads");
  drift->add_flag("--backtrack", options->backtrack, "run time backwards from a found position");
  drift->add_option("--jibe-probability", options->jibe_probability, "jibe probability per hour");
  drift->add_flag("--deterministic", options->deterministic,
                  "zero every coefficient standard deviation");
  drift->add_option("--orientation", options->orientation, "force side 0 or 1 (default alternate)");
  drift->add_option("--land", options->land_path, "coastline GeoJSON polygons: particles strand");
  drift->add_option("--csv", options->csv_path, "write final particle positions");
  drift->add_option("--geojson", options->geojson_path, "write 50/90 % search area");
  drift->add_option("--cell-m", options->cell_m, "search-area grid cell, metres (0 = auto)");
  drift->add_flag("-q,--quiet", options->quiet, "no progress bar");
  drift->callback([options]() {
    const int status = run_drift_command(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
