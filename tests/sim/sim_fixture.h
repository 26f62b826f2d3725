#pragma once
// Shared helpers of the simulator tests: the repository's Dover geography and scenarios,
// and running a scenario into memory in every wire format.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "sim/geography.h"
#include "sim/output.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

namespace sw::sim::testing {

/// A file of the repository's data/ folder.
inline std::string repo_data(const std::string& relative) {
  return std::string(SW_TEST_DATA_DIR) + "/../../data/" + relative;
}

/// The Dover Strait geography of data/geo, loaded once.
inline const Geography& dover_geography() {
  static const Geography kGeography = [] {
    auto loaded = load_geography(repo_data("geo/dover_strait.geojson"));
    if (!loaded) {
      ADD_FAILURE() << loaded.error().detail;
      return Geography{};
    }
    return std::move(*loaded);
  }();
  return kGeography;
}

/// Keeps every channel's bytes, per (channel, stream).
class MemoryOutput final : public ByteSink {
 public:
  void write(Channel channel, std::string_view stream, std::string_view bytes) override {
    const std::string key = channel == Channel::kAsterix ? std::string(stream) : std::string();
    data[{channel, key}].append(bytes);
  }
  /// All bytes of a channel (every stream, in stream-name order).
  std::string all(Channel channel) const {
    std::string joined;
    for (const auto& [key, bytes] : data) {
      if (key.first == channel) joined += bytes;
    }
    return joined;
  }
  std::map<std::pair<Channel, std::string>, std::string> data;
};

/// A simulator for `scenario` on the Dover geography (fails the test on error).
inline std::unique_ptr<Simulator> make_simulator(const Scenario& scenario) {
  auto simulator = Simulator::create(scenario, dover_geography());
  if (!simulator) {
    ADD_FAILURE() << simulator.error().code << ": " << simulator.error().detail;
    return nullptr;
  }
  return std::move(*simulator);
}

/// The default scenario shortened to `duration_s`.
inline Scenario short_scenario(double duration_s, std::uint64_t seed = 1) {
  Scenario scenario = default_scenario();
  scenario.duration_s = duration_s;
  scenario.seed = seed;
  return scenario;
}

/// Every byte a run writes, per channel and stream.
inline MemoryOutput run_to_memory(const Scenario& scenario) {
  MemoryOutput output;
  auto simulator = make_simulator(scenario);
  if (!simulator) return output;
  EncodingSink sink(output);
  simulator->run(sink);
  EXPECT_EQ(sink.refused(), 0U);
  return output;
}

}  // namespace sw::sim::testing
