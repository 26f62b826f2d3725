#include "cli/track_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

#include "cli/line_reader.h"
#include "cli/track_csv.h"
#include "track/metrics/gospa.h"
#include "track/models/measurement_model.h"
#include "track/time_ordering/bounded_lag_buffer.h"

namespace sw::cli {
namespace {

constexpr int kMaxReportedErrors = 10;
constexpr std::uint64_t kWarmupScans = 5;

TimeNs seconds_to_ns(double seconds) {
  return static_cast<TimeNs>(std::llround(seconds * static_cast<double>(kNsPerSecond)));
}

/// Reports a bad line (the first few in full) and counts it.
void report_bad_line(const std::string& path, std::uint64_t line_number, const Error& error,
                     std::uint64_t& bad_lines) {
  if (bad_lines < kMaxReportedErrors) {
    std::fprintf(stderr, "straitwatch: %s:%llu: %s: %s\n", path.c_str(),
                 static_cast<unsigned long long>(line_number), error.code.c_str(),
                 error.detail.c_str());
  }
  ++bad_lines;
}

struct FileCloser {
  void operator()(std::FILE* file) const {
    if (file != nullptr) std::fclose(file);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

double median_of(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle),
                   values.end());
  double median = values[middle];
  if (values.size() % 2 == 0) {
    median = (median + *std::max_element(values.begin(),
                                         values.begin() + static_cast<std::ptrdiff_t>(middle))) /
             2.0;
  }
  return median;
}

}  // namespace

Result<TrackSummary> run_track(const TrackOptions& options) {
  std::FILE* input =
      options.detections_path == "-" ? stdin : std::fopen(options.detections_path.c_str(), "rb");
  if (input == nullptr) return Error{"open_failed", "cannot open " + options.detections_path};
  LineReader reader(input);
  FilePtr output(std::fopen(options.tracks_path.c_str(), "wb"));
  if (!output) return Error{"open_failed", "cannot write " + options.tracks_path};
  FilePtr timing;
  if (!options.timing_path.empty()) {
    timing.reset(std::fopen(options.timing_path.c_str(), "wb"));
    if (!timing) return Error{"open_failed", "cannot write " + options.timing_path};
    std::fputs("scan,time,step_ms,tracks,tentative,detections\n", timing.get());
  }

  const auto header_line = reader.next();
  if (!header_line) return Error{"empty_input", options.detections_path + " is empty"};
  auto header = CsvHeader::parse(*header_line);
  if (!header) return header.error();
  // The is_clutter column (scoring ground truth) is never read.
  const auto time_column = header->require("time");
  const auto x_column = header->require("x");
  const auto y_column = header->require("y");
  for (const auto* column : {&time_column, &x_column, &y_column}) {
    if (!*column)
      return Error{column->error().code, options.detections_path + ": " + column->error().detail};
  }
  const int sensor_column = header->find("sensor_id");

  const track::CartesianPositionModel model(options.sigma, options.sigma);
  track::TrackerAssembly assembly(options.settings);
  track::MultiTargetTracker& tracker = assembly.tracker();
  track::BoundedLagBuffer buffer(seconds_to_ns(options.lag_seconds));

  TrackSummary summary;
  std::vector<double> step_ms;
  fmt::memory_buffer out;
  out.append(std::string_view("time,track_id,x,y\n"));
  auto release = [&](TimeNs time, std::span<const track::Detection> detections) {
    const auto start = std::chrono::steady_clock::now();
    tracker.step(time, detections);
    const auto stop = std::chrono::steady_clock::now();
    const double milliseconds = std::chrono::duration<double, std::milli>(stop - start).count();
    ++summary.scans;
    summary.total_step_ms += milliseconds;
    if (summary.scans > kWarmupScans) step_ms.push_back(milliseconds);
    const double seconds = static_cast<double>(time) / static_cast<double>(kNsPerSecond);
    for (const track::Track& track : tracker.tracks()) {
      const auto& mean = track.state.estimate.mean;
      fmt::format_to(std::back_inserter(out), "{:.3f},{},{:.3f},{:.3f}\n", seconds, track.id,
                     mean(0), mean(2));
    }
    summary.track_rows += tracker.tracks().size();
    if (out.size() > (1U << 20)) {
      std::fwrite(out.data(), 1, out.size(), output.get());
      out.clear();
    }
    if (timing) {
      std::fprintf(timing.get(), "%llu,%.3f,%.4f,%zu,%zu,%zu\n",
                   static_cast<unsigned long long>(summary.scans), seconds, milliseconds,
                   tracker.tracks().size(), tracker.tentative_count(), detections.size());
    }
  };

  std::vector<std::string_view> fields;
  std::uint64_t line_number = 1;
  while (auto line = reader.next()) {
    ++line_number;
    ++summary.lines;
    if (line->empty() || *line == "\r") continue;
    split_csv(*line, fields);
    auto time = parse_double_field(fields, *time_column, "time");
    auto x = parse_double_field(fields, *x_column, "x");
    auto y = parse_double_field(fields, *y_column, "y");
    Result<double> sensor = 0.0;
    if (sensor_column >= 0) sensor = parse_double_field(fields, sensor_column, "sensor_id");
    Result<double> out_of_range = 0.0;
    const Result<double>* bad = !time ? &time : !x ? &x : !y ? &y : !sensor ? &sensor : nullptr;
    if (bad == nullptr && (*sensor < 0.0 || *sensor > 4.0e9 || std::abs(*time) > 9.0e9)) {
      out_of_range = Error{"out_of_range", "time or sensor_id out of range"};
      bad = &out_of_range;
    }
    if (bad != nullptr) {
      report_bad_line(options.detections_path, line_number, bad->error(), summary.bad_lines);
      continue;
    }
    track::Detection detection;
    detection.time = seconds_to_ns(*time);
    detection.sensor_id = static_cast<std::uint32_t>(*sensor);
    detection.value << *x, *y;
    detection.model = &model;
    ++summary.detections;
    buffer.push(detection);
    buffer.release_ready(release);
  }
  if (reader.error()) return Error{"read_failed", "cannot read " + options.detections_path};
  buffer.flush(release);
  std::fwrite(out.data(), 1, out.size(), output.get());
  if (std::fflush(output.get()) != 0)
    return Error{"write_failed", "cannot write " + options.tracks_path};

  summary.dropped_late = buffer.dropped_late();
  summary.tracks_confirmed = tracker.stats().confirmed;
  summary.approximated_clusters = tracker.stats().approximated_clusters;
  summary.median_step_ms = median_of(step_ms);
  return summary;
}

namespace {

/// Points of one CSV (truth or tracks) grouped by time in milliseconds, as gospa.py rounds.
struct TimedPoints {
  std::vector<Eigen::Vector2d> points;
  std::vector<std::int64_t> ids;
};

Result<std::map<std::int64_t, TimedPoints>> read_points(const std::string& path,
                                                        const char* id_name,
                                                        std::uint64_t& bad_lines) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Error{"open_failed", "cannot open " + path};
  LineReader reader(file);
  const auto header_line = reader.next();
  if (!header_line) return Error{"empty_input", path + " is empty"};
  auto header = CsvHeader::parse(*header_line);
  if (!header) return header.error();
  const auto time_column = header->require("time");
  const auto x_column = header->require("x");
  const auto y_column = header->require("y");
  for (const auto* column : {&time_column, &x_column, &y_column}) {
    if (!*column) return Error{column->error().code, path + ": " + column->error().detail};
  }
  const int id_column = header->find(id_name);

  std::map<std::int64_t, TimedPoints> by_time;
  std::vector<std::string_view> fields;
  std::uint64_t line_number = 1;
  while (auto line = reader.next()) {
    ++line_number;
    if (line->empty() || *line == "\r") continue;
    split_csv(*line, fields);
    auto time = parse_double_field(fields, *time_column, "time");
    auto x = parse_double_field(fields, *x_column, "x");
    auto y = parse_double_field(fields, *y_column, "y");
    Result<double> id = -1.0;
    if (id_column >= 0) id = parse_double_field(fields, id_column, id_name);
    const Result<double>* bad = !time ? &time : !x ? &x : !y ? &y : !id ? &id : nullptr;
    if (bad != nullptr) {
      report_bad_line(path, line_number, bad->error(), bad_lines);
      continue;
    }
    TimedPoints& points = by_time[std::llround(*time * 1000.0)];
    points.points.emplace_back(*x, *y);
    points.ids.push_back(static_cast<std::int64_t>(*id));
  }
  if (reader.error()) return Error{"read_failed", "cannot read " + path};
  return by_time;
}

}  // namespace

Result<ScoreSummary> run_score(const ScoreOptions& options) {
  ScoreSummary summary;
  auto truth = read_points(options.truth_path, "target_id", summary.bad_lines);
  if (!truth) return truth.error();
  auto tracks = read_points(options.tracks_path, "track_id", summary.bad_lines);
  if (!tracks) return tracks.error();

  track::GospaMetric metric(options.cutoff, options.order);
  track::GospaResult result;
  track::TrackToTruthCounter counter;
  const TimedPoints empty;
  int scan_idx = -1;
  for (const auto& [time_ms, truth_points] : *truth) {
    ++scan_idx;
    if (options.scans >= 0 && scan_idx >= options.scans) break;
    if (scan_idx < options.skip) continue;
    const auto found = tracks->find(time_ms);
    const TimedPoints& track_points = found == tracks->end() ? empty : found->second;
    metric.compute(truth_points.points, track_points.points, result);
    counter.add_scan(truth_points.ids, track_points.ids, result.truth_to_track);
    ++summary.scans;
    summary.mean_gospa += result.gospa;
    summary.mean_localisation += std::pow(result.localisation, 1.0 / options.order);
    summary.mean_missed += static_cast<double>(result.missed);
    summary.mean_false += static_cast<double>(result.false_tracks);
    summary.mean_ospa += result.ospa;
  }
  if (summary.scans > 0) {
    const auto scans = static_cast<double>(summary.scans);
    summary.mean_gospa /= scans;
    summary.mean_localisation /= scans;
    summary.mean_missed /= scans;
    summary.mean_false /= scans;
    summary.mean_ospa /= scans;
  }
  summary.counts = counter.counts();
  return summary;
}

void add_track_commands(CLI::App& app) {
  auto track_options = std::make_shared<TrackOptions>();
  auto association = std::make_shared<std::string>("gnn");
  CLI::App* track = app.add_subcommand(
      "track", "track targets in a detections CSV (time,sensor_id,x,y); write time,track_id,x,y");
  track->add_option("--det", track_options->detections_path, "detections CSV ('-' = stdin)")
      ->required();
  track->add_option("--out", track_options->tracks_path, "tracks CSV to write")->required();
  track->add_option("--assoc", *association, "association: gnn or jpda")
      ->check(CLI::IsMember({"gnn", "jpda"}));
  track->add_flag("--imm", track_options->settings.imm,
                  "IMM of two constant-velocity models (low and high process noise)");
  track->add_option("--timing", track_options->timing_path, "per-scan timing CSV to write");
  track->add_option("--sigma", track_options->sigma, "measurement noise per axis, m (10)");
  track->add_option("--q", track_options->settings.noise_diffusion,
                    "CV noise diffusion coefficient, m^2/s^3 (0.05)");
  track->add_option("--q-high", track_options->settings.imm_high_noise_diffusion,
                    "IMM manoeuvre model noise diffusion coefficient, m^2/s^3 (2)");
  track->add_option("--gate", track_options->settings.gate,
                    "Mahalanobis gate of GNN and of track initiation (3)");
  track->add_option("--pda-gate", track_options->settings.pda_gate,
                    "JPDA's Mahalanobis gate; Pg follows from it (5)");
  track->add_option("--min-points", track_options->settings.min_points,
                    "detections to confirm a track (3)");
  track->add_option("--pd", track_options->settings.jpda.detection_probability,
                    "JPDA detection probability (0.9)");
  track->add_option("--clutter-density", track_options->settings.jpda.clutter_density,
                    "JPDA clutter per m^2 per scan (2.5e-8)");
  track->add_option("--lag", track_options->lag_seconds,
                    "reordering window for out-of-order detections, s (0)");
  track->callback([track_options, association]() {
    track_options->settings.association =
        *association == "jpda" ? track::AssociationMethod::kJpda : track::AssociationMethod::kGnn;
    auto summary = run_track(*track_options);
    if (!summary) {
      std::fprintf(stderr, "straitwatch track: %s: %s\n", summary.error().code.c_str(),
                   summary.error().detail.c_str());
      throw CLI::RuntimeError(1);
    }
    std::fprintf(stderr,
                 "track: scans %llu detections %llu bad_lines %llu dropped_late %llu "
                 "confirmed %llu rows %llu approximated_clusters %llu "
                 "median_step_ms_after_scan_5 %.3f total_step_ms %.1f\n",
                 static_cast<unsigned long long>(summary->scans),
                 static_cast<unsigned long long>(summary->detections),
                 static_cast<unsigned long long>(summary->bad_lines),
                 static_cast<unsigned long long>(summary->dropped_late),
                 static_cast<unsigned long long>(summary->tracks_confirmed),
                 static_cast<unsigned long long>(summary->track_rows),
                 static_cast<unsigned long long>(summary->approximated_clusters),
                 summary->median_step_ms, summary->total_step_ms);
    if (summary->bad_lines > 0) throw CLI::RuntimeError(1);
  });

  auto score_options = std::make_shared<ScoreOptions>();
  CLI::App* score = app.add_subcommand(
      "score", "GOSPA (alpha 2), OSPA and track-to-truth counts of tracks against truth");
  score->add_option("--truth", score_options->truth_path, "truth CSV (time,target_id,x,y)")
      ->required();
  score->add_option("--tracks", score_options->tracks_path, "tracks CSV (time,track_id,x,y)")
      ->required();
  score->add_option("--c", score_options->cutoff, "cut-off distance c, m (100)");
  score->add_option("--p", score_options->order, "order p (2)");
  score->add_option("--skip", score_options->skip, "ignore the first K scans (0)");
  score->add_option("--scans", score_options->scans, "only score the first K truth scans");
  score->callback([score_options]() {
    auto summary = run_score(*score_options);
    if (!summary) {
      std::fprintf(stderr, "straitwatch score: %s: %s\n", summary.error().code.c_str(),
                   summary.error().detail.c_str());
      throw CLI::RuntimeError(1);
    }
    const auto& counts = summary->counts;
    std::printf(
        "{\"c\": %g, \"p\": %g, \"alpha\": 2, \"scans\": %zu, \"mean_gospa\": %.9f, "
        "\"mean_loc\": %.9f, \"mean_missed\": %.6f, \"mean_false\": %.6f, "
        "\"mean_ospa\": %.9f, \"missed\": %llu, \"false\": %llu, \"id_switches\": %llu, "
        "\"bad_lines\": %llu}\n",
        score_options->cutoff, score_options->order, summary->scans, summary->mean_gospa,
        summary->mean_localisation, summary->mean_missed, summary->mean_false, summary->mean_ospa,
        static_cast<unsigned long long>(counts.missed),
        static_cast<unsigned long long>(counts.false_tracks),
        static_cast<unsigned long long>(counts.id_switches),
        static_cast<unsigned long long>(summary->bad_lines));
    if (summary->bad_lines > 0) throw CLI::RuntimeError(1);
  });
}

}  // namespace sw::cli
