// Integration: a generated benchmark scenario (N = 100, seed 1) tracked end to end
// through the CSV command functions, scored by `run_score` and by the shared gospa.py.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli/track_command.h"

namespace sw::cli {
namespace {

namespace fs = std::filesystem;

std::string run_capture(const std::string& command) {
  std::string output;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr) output += buffer;
  pclose(pipe);
  return output;
}

class GeneratedScenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_directory = new fs::path(fs::temp_directory_path() /
                                      ("straitwatch_track_it_" + std::to_string(getpid())));
    fs::create_directories(*scenario_directory);
    const std::string command = "/usr/bin/python3 " + tracking_dir() +
                                "/gen_scenario.py -n 100 --seed 1 --out " +
                                scenario_directory->string() + " > /dev/null";
    scenario_generated = std::system(command.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(*scenario_directory, ignored);
    delete scenario_directory;
  }
  static std::string tracking_dir() { return std::string(SW_SHARED_DIR) + "/bench/tracking"; }
  static std::string path(const char* name) { return (*scenario_directory / name).string(); }

  /// Mean GOSPA as gospa.py computes it, unrounded (gospa.py prints 3 decimals).
  static double reference_gospa(const std::string& tracks) {
    const std::string script =
        "import sys, numpy as np; sys.path.insert(0, '" + tracking_dir() +
        "'); import gospa as g; "
        "t = g.read_points('" +
        path("truth.csv") +
        "', 'target_id'); "
        "k = g.read_points('" +
        tracks +
        "', 'track_id'); "
        "print(repr(float(np.mean([g.gospa_scan(t[s], k.get(s, np.empty((0, 2))), 100.0, "
        "2.0)[0] for s in sorted(t)]))))";
    const std::string output = run_capture("/usr/bin/python3 -c \"" + script + "\"");
    return output.empty() ? -1.0 : std::stod(output);
  }

  static inline fs::path* scenario_directory = nullptr;
  static inline bool scenario_generated = false;
};

void expect_tracks_and_score(const std::string& truth, const std::string& tracks,
                             track::AssociationMethod method, double bound,
                             ScoreSummary& score_out) {
  TrackOptions options;
  options.detections_path = truth.substr(0, truth.size() - 9) + "detections.csv";
  options.tracks_path = tracks;
  options.settings.association = method;
  const auto summary = run_track(options);
  ASSERT_TRUE(summary.ok()) << summary.error().detail;
  EXPECT_EQ(summary->bad_lines, 0U);
  EXPECT_EQ(summary->scans, 100U);
  ScoreOptions score_options;
  score_options.truth_path = truth;
  score_options.tracks_path = tracks;
  const auto score = run_score(score_options);
  ASSERT_TRUE(score.ok()) << score.error().detail;
  EXPECT_EQ(score->scans, 100U);
  EXPECT_LT(score->mean_gospa, bound);
  score_out = *score;
}

TEST_F(GeneratedScenario, GnnAndJpdaScoreBelowBoundAndScoreMatchesGospaPy) {
  ASSERT_TRUE(scenario_generated) << "gen_scenario.py failed (needs /usr/bin/python3 with numpy)";
  // Stone Soup's figures on this scenario (N = 100, seed 1) are 110.2 (GNN) and 105.3 (JPDA):
  // ours must be equal or lower (GNN reproduces 110.199; a perfect-association Kalman filter
  // with the same 3-point confirmation scores 103.3, so no tracker goes far below).
  ScoreSummary gnn;
  expect_tracks_and_score(path("truth.csv"), path("tracks_gnn.csv"), track::AssociationMethod::kGnn,
                          110.25, gnn);
  ScoreSummary jpda;
  expect_tracks_and_score(path("truth.csv"), path("tracks_jpda.csv"),
                          track::AssociationMethod::kJpda, 105.3, jpda);
  EXPECT_NEAR(gnn.mean_gospa, reference_gospa(path("tracks_gnn.csv")), 1e-6);
  EXPECT_NEAR(jpda.mean_gospa, reference_gospa(path("tracks_jpda.csv")), 1e-6);
  EXPECT_LT(gnn.counts.id_switches, 10U);
}

TEST_F(GeneratedScenario, BadLinesAreReportedAndCountedNotFatal) {
  const std::string bad = path("bad_detections.csv");
  std::FILE* file = std::fopen(bad.c_str(), "w");
  ASSERT_NE(file, nullptr);
  std::fputs(
      "time,sensor_id,x,y,is_clutter\n0.000,0,1.0,2.0,0\n0.000,0,abc,2.0,0\n"
      "2.500,0,1.0\n\n2.500,0,5.0,2.0,0\n",
      file);
  std::fclose(file);
  TrackOptions options;
  options.detections_path = bad;
  options.tracks_path = path("bad_tracks.csv");
  const auto summary = run_track(options);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->bad_lines, 2U);
  EXPECT_EQ(summary->detections, 2U);
  EXPECT_EQ(summary->scans, 2U);

  options.detections_path = path("missing.csv");
  EXPECT_FALSE(run_track(options).ok());
  std::FILE* header_only = std::fopen(path("no_x.csv").c_str(), "w");
  std::fputs("time,sensor_id,east,north\n", header_only);
  std::fclose(header_only);
  options.detections_path = path("no_x.csv");
  const auto missing_column = run_track(options);
  ASSERT_FALSE(missing_column.ok());
  EXPECT_EQ(missing_column.error().code, "missing_column");
}

}  // namespace
}  // namespace sw::cli
