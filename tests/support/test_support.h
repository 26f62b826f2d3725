#pragma once
// Helpers shared by test suites that run threads and sockets: polling for a condition with
// a time limit, and a temporary directory removed at the end of the test.

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <thread>

namespace sw::test_support {

/// Polls `predicate` every 10 ms for at most `limit`; its last value.
template <typename Predicate>
bool wait_for(Predicate predicate, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return predicate();
}

/// A fresh directory under the test temp dir, removed at destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() /
            ("straitwatch-" + name + "-" + std::to_string(entropy()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sw::test_support
