// Data-driven conformance: our decoder's output on gpsd's sample.aivdm must be
// byte-identical to gpsd 3.22's expected files (tests/data/ais/gpsd/README.md).

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "ingest/ais/decoder.h"

namespace sw::ais {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

enum class Mode { kScaledJson, kUnscaledJson, kCsv };

std::string decode_file(const std::string& path, Mode mode) {
  Decoder decoder;
  std::istringstream input(read_file(path));
  std::string line;
  std::string out;
  while (std::getline(input, line)) {
    const LineResult result = decoder.feed_line(line);
    if (result.message == nullptr) continue;
    switch (mode) {
      case Mode::kScaledJson: append_json(*result.message, true, out); break;
      case Mode::kUnscaledJson: append_json(*result.message, false, out); break;
      case Mode::kCsv: append_csv(*result.message, out); break;
    }
  }
  return out;
}

/// Compare line by line so a failure names the first differing message.
void expect_same_lines(const std::string& expected, const std::string& actual) {
  std::istringstream expected_lines(expected);
  std::istringstream actual_lines(actual);
  std::string expected_line;
  std::string actual_line;
  int line_number = 0;
  while (std::getline(expected_lines, expected_line)) {
    ++line_number;
    ASSERT_TRUE(std::getline(actual_lines, actual_line)) << "missing output line " << line_number;
    ASSERT_EQ(expected_line, actual_line) << "line " << line_number;
  }
  EXPECT_FALSE(std::getline(actual_lines, actual_line)) << "extra output: " << actual_line;
  EXPECT_EQ(expected, actual);
}

const std::string kDir = std::string(SW_TEST_DATA_DIR) + "/ais/gpsd/";

TEST(GpsdConformance, ScaledJsonMatchesGpsdecodeJ) {
  expect_same_lines(read_file(kDir + "sample.aivdm.js.chk"),
                    decode_file(kDir + "sample.aivdm", Mode::kScaledJson));
}

TEST(GpsdConformance, UnscaledJsonMatchesGpsdecodeUJ) {
  expect_same_lines(read_file(kDir + "sample.aivdm.ju.chk"),
                    decode_file(kDir + "sample.aivdm", Mode::kUnscaledJson));
}

TEST(GpsdConformance, CsvMatchesGpsdecodeUC) {
  expect_same_lines(read_file(kDir + "sample.aivdm.chk"),
                    decode_file(kDir + "sample.aivdm", Mode::kCsv));
}

}  // namespace
}  // namespace sw::ais
