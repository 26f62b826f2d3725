#include "cli/sim_command.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim_fixture.h"

namespace sw::cli {
namespace {

int run(std::vector<std::string> args) {
  CLI::App app{"test"};
  add_sim_command(app);
  std::vector<const char*> argv{"straitwatch", "sim"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& error) {
    return error.get_exit_code();
  }
  return 0;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(SimCommandTest, WritesEveryFormatToTheOutputDirectory) {
  const std::filesystem::path out = std::filesystem::path(::testing::TempDir()) / "sim_out";
  std::filesystem::remove_all(out);
  ASSERT_EQ(run({"--scenario", sim::testing::repo_data("sim/dover_default.toml"), "--seed", "5",
                 "--duration", "60", "--out", out.string(), "-q"}),
            0);
  for (const char* name :
       {"ais.nmea", "radar_dover.ast", "radar_gris_nez.ast", "cot.xml", "truth.csv"}) {
    EXPECT_GT(std::filesystem::file_size(out / name), 0U) << name;
  }
  EXPECT_TRUE(std::filesystem::exists(out / "distress.jsonl"));
  const std::string truth = read(out / "truth.csv");
  EXPECT_EQ(truth.rfind("time,id,kind,", 0), 0U);
  EXPECT_NE(truth.find("2024-08-15T04:00:59.000Z"), std::string::npos);
  EXPECT_EQ(truth.find("2024-08-15T04:01:00.000Z"), std::string::npos);
  const std::string ais = read(out / "ais.nmea");
  EXPECT_EQ(ais.rfind("\\s:", 0), 0U);
  // Same seed, same bytes; the seed given on the command line wins.
  const std::filesystem::path again = std::filesystem::path(::testing::TempDir()) / "sim_again";
  std::filesystem::remove_all(again);
  ASSERT_EQ(run({"--scenario", sim::testing::repo_data("sim/dover_default.toml"), "--seed", "5",
                 "--duration", "60", "--out", again.string(), "-q"}),
            0);
  EXPECT_TRUE(read(again / "ais.nmea") == ais);
  EXPECT_TRUE(read(again / "radar_dover.ast") == read(out / "radar_dover.ast"));
  std::filesystem::remove_all(out);
  std::filesystem::remove_all(again);
}

TEST(SimCommandTest, BadInputsFailCleanly) {
  const std::string scenario = sim::testing::repo_data("sim/dover_default.toml");
  EXPECT_NE(run({"--scenario", "/nonexistent.toml"}), 0);
  EXPECT_NE(run({"--scenario", scenario, "--duration", "0"}), 0);
  EXPECT_NE(run({"--scenario", scenario, "--duration", "5", "--format", "kml", "-q"}), 0);
  EXPECT_NE(run({"--scenario", std::string(SW_TEST_DATA_DIR) + "/sim/unknown_key.toml", "-q"}), 0);
  EXPECT_NE(run({"--scenario", scenario, "--geo", "/nonexistent.geojson", "-q"}), 0);
  EXPECT_NE(run({"--scenario", scenario, "--out", "/proc/no/such/dir", "--duration", "5", "-q"}),
            0);
}

}  // namespace
}  // namespace sw::cli
