#pragma once
// Shared inputs of the engine tests: AIS lines from gpsd's sample log, a temporary data
// directory, and comparison of pictures.

#include <arpa/inet.h>
#include <netinet/in.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.h"
#include "track/fusion/fused_track.h"

namespace sw::engine::testing {

/// The AIS sentences of gpsd's sample.aivdm (comments dropped).
inline std::vector<std::string> sample_ais_lines() {
  std::ifstream file(std::string(SW_TEST_DATA_DIR) + "/ais/gpsd/sample.aivdm");
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) {
    if (!line.empty() && line[0] == '!') lines.push_back(line);
  }
  return lines;
}

/// 127.0.0.1:port.
inline sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

using sw::test_support::TempDir;
using sw::test_support::wait_for;

/// Two pictures are equal track by track (ids, classes, times, positions to the bit).
inline void expect_same_tracks(const std::vector<track::FusedTrack>& expected,
                               const std::vector<track::FusedTrack>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t track_idx = 0; track_idx < expected.size(); ++track_idx) {
    const track::FusedTrack& lhs = expected[track_idx];
    const track::FusedTrack& rhs = actual[track_idx];
    EXPECT_EQ(lhs.id, rhs.id);
    EXPECT_EQ(lhs.track_class, rhs.track_class);
    EXPECT_EQ(lhs.status, rhs.status);
    EXPECT_EQ(lhs.time, rhs.time);
    EXPECT_EQ(lhs.position.lat, rhs.position.lat);
    EXPECT_EQ(lhs.position.lon, rhs.position.lon);
    EXPECT_EQ(lhs.mmsi, rhs.mmsi);
    EXPECT_EQ(lhs.asset_id, rhs.asset_id);
    EXPECT_EQ(lhs.updates, rhs.updates);
    EXPECT_EQ(lhs.sources, rhs.sources);
  }
}

}  // namespace sw::engine::testing
