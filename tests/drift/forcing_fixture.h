#pragma once
// The synthetic Dover Strait forcing of the acceptance checks, generated once per test
// process with the shared make_forcing.py into a temporary directory (never committed).

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace sw::drift::testing {

inline const std::string& dover_forcing_path() {
  static const std::string kPath = [] {
    const std::filesystem::path directory =
        std::filesystem::temp_directory_path() /
        ("straitwatch-drift-test-" + std::to_string(static_cast<long>(getpid())));
    std::filesystem::create_directories(directory);
    const std::string path = (directory / "dover_forcing.nc").string();
    const std::string command = "/usr/bin/python3 " SW_SHARED_DIR
                                "/bench/drift/make_forcing.py -o '" +
                                path + "' >/dev/null";
    if (std::system(command.c_str()) != 0) return std::string();
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(
          std::filesystem::temp_directory_path() /
              ("straitwatch-drift-test-" + std::to_string(static_cast<long>(getpid()))),
          ignored);
    });
    return path;
  }();
  return kPath;
}

}  // namespace sw::drift::testing
