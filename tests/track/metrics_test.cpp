#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "track/metrics/gospa.h"
#include "track/metrics/track_to_truth.h"
#include "track/time_ordering/bounded_lag_buffer.h"

namespace sw::track {
namespace {

TEST(GospaMetric, SplitsLocalisationMissedAndFalse) {
  GospaMetric metric(100.0, 2.0);
  GospaResult result;
  const std::vector<Eigen::Vector2d> truth{{0, 0}, {1000, 0}, {2000, 0}};
  const std::vector<Eigen::Vector2d> tracks{{3, 4}, {1000, 150}, {5000, 5000}};
  metric.compute(truth, tracks, result);
  // One pair at 5 m; truth 2 and 3 missed (150 m >= c), tracks 2 and 3 false.
  EXPECT_DOUBLE_EQ(result.localisation, 25.0);
  EXPECT_EQ(result.missed, 2U);
  EXPECT_EQ(result.false_tracks, 2U);
  EXPECT_NEAR(result.gospa, std::sqrt(25.0 + 10000.0 / 2.0 * 4.0), 1e-9);
  EXPECT_NEAR(result.ospa, std::sqrt((25.0 + 2.0 * 10000.0) / 3.0), 1e-9);
  EXPECT_EQ(result.truth_to_track, (std::vector<std::int32_t>{0, -1, -1}));
}

TEST(GospaMetric, EmptySets) {
  GospaMetric metric(100.0, 2.0);
  GospaResult result;
  metric.compute({}, {}, result);
  EXPECT_EQ(result.gospa, 0.0);
  EXPECT_EQ(result.ospa, 0.0);
  const std::vector<Eigen::Vector2d> truth{{0, 0}, {500, 0}};
  metric.compute(truth, {}, result);
  EXPECT_NEAR(result.gospa, 100.0, 1e-12);  // sqrt(2 * c^2 / 2)
  EXPECT_NEAR(result.ospa, 100.0, 1e-12);
}

TEST(TrackToTruthCounter, CountsIdentitySwitches) {
  TrackToTruthCounter counter;
  const std::vector<std::int64_t> truth_ids{1, 2};
  counter.add_scan(truth_ids, std::vector<std::int64_t>{10, 20}, std::vector<std::int32_t>{0, 1});
  counter.add_scan(truth_ids, std::vector<std::int64_t>{10, 20}, std::vector<std::int32_t>{1, 0});
  counter.add_scan(truth_ids, std::vector<std::int64_t>{30}, std::vector<std::int32_t>{-1, -1});
  const TrackToTruthCounts& counts = counter.counts();
  EXPECT_EQ(counts.id_switches, 2U);
  EXPECT_EQ(counts.missed, 2U);
  EXPECT_EQ(counts.false_tracks, 1U);
}

TEST(BoundedLagBuffer, OrdersWithinTheLagAndCountsLateDetections) {
  BoundedLagBuffer buffer(2 * kNsPerSecond);
  std::vector<TimeNs> released;
  auto release = [&](TimeNs time, std::span<const Detection> detections) {
    for (const Detection& detection : detections) released.push_back(detection.time);
    EXPECT_FALSE(detections.empty());
    (void)time;
  };
  auto at = [](double seconds, std::uint32_t sensor) {
    Detection detection;
    detection.time = static_cast<TimeNs>(seconds * kNsPerSecond);
    detection.sensor_id = sensor;
    return detection;
  };
  for (const auto& detection :
       {at(1.0, 0), at(2.5, 1), at(1.5, 2), at(1.2, 1), at(4.0, 0), at(6.0, 0), at(2.0, 1)}) {
    buffer.push(detection);
    buffer.release_ready(release);
  }
  buffer.flush(release);
  // 1.2 and 1.5 arrive late but within the 2 s lag and are ordered; 2.0 arrives after 2.5
  // was released and is too late.
  const std::vector<TimeNs> expected{at(1.0, 0).time, at(1.2, 0).time, at(1.5, 0).time,
                                     at(2.5, 0).time, at(4.0, 0).time, at(6.0, 0).time};
  EXPECT_EQ(released, expected);
  EXPECT_EQ(buffer.dropped_late(), 1U);
}

}  // namespace
}  // namespace sw::track
