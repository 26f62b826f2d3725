#include "cli/drift_command.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "forcing_fixture.h"

namespace sw::cli {
namespace {

int run(std::vector<std::string> args) {
  CLI::App app{"test"};
  add_drift_command(app);
  std::vector<const char*> argv{"straitwatch", "drift"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& error) {
    return error.get_exit_code();
  }
  return 0;
}

TEST(DriftCommandTest, WritesCsvAndGeoJsonWithTheSeed) {
  const std::string& forcing = drift::testing::dover_forcing_path();
  ASSERT_FALSE(forcing.empty());
  const std::string csv = ::testing::TempDir() + "drift_final.csv";
  const std::string geojson = ::testing::TempDir() + "drift_area.geojson";
  EXPECT_EQ(run({"--forcing", forcing, "--category", "PIW-1", "--lon",       "1.5",
                 "--lat",     "51.0",  "--radius",   "500",   "--start",     "2024-01-01T00:00Z",
                 "--hours",   "6",     "--dt-min",   "10",    "--particles", "2000",
                 "--seed",    "7",     "--csv",      csv,     "--geojson",   geojson,
                 "-q"}),
            0);
  std::ifstream csv_file(csv);
  std::string header;
  std::getline(csv_file, header);
  EXPECT_NE(header.find("seed 7"), std::string::npos);
  std::stringstream area_text;
  area_text << std::ifstream(geojson).rdbuf();
  const auto document = nlohmann::json::parse(area_text.str());
  EXPECT_EQ(document["properties"]["seed"], 7);
  EXPECT_EQ(document["properties"]["object_class"], "1 PIW-1");
}

TEST(DriftCommandTest, BadInputsFailCleanly) {
  EXPECT_NE(run({"--category", "NOT-A-CLASS", "--wind", "5,5", "-q"}), 0);
  EXPECT_NE(run({"--forcing", "/nonexistent.nc", "-q"}), 0);
  EXPECT_NE(run({"--start", "tomorrow", "-q"}), 0);
  EXPECT_NE(run({"--particles", "0", "-q"}), 0);
  EXPECT_EQ(run({"--wind", "5,5", "--current", "0.2,0", "--particles", "100", "-q"}), 0);
}

}  // namespace
}  // namespace sw::cli
