#include "track/tracker/multi_target_tracker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "core/rng.h"
#include "track/models/measurement_model.h"
#include "track/tracker/tracker_assembly.h"

namespace sw::track {
namespace {

constexpr TimeNs kScan = kNsPerSecond * 5 / 2;  // 2.5 s

/// A target moving on a piecewise path given as position(t).
struct Target {
  std::function<Eigen::Vector2d(double)> position;
};

/// Runs a tracker over noisy detections of `targets`; `detect(scan, target)` decides
/// which are detected; `extra(scan)` adds clutter points. Returns tracks after each scan.
std::vector<std::vector<Track>> run(TrackerAssembly& assembly, const std::vector<Target>& targets,
                                    int scans, std::function<bool(int, int)> detect,
                                    std::function<std::vector<Eigen::Vector2d>(int)> extra,
                                    double sigma = 10.0, std::uint64_t seed = 1) {
  const CartesianPositionModel model(10.0, 10.0);
  Rng rng(seed);
  std::vector<std::vector<Track>> history;
  for (int scan = 0; scan < scans; ++scan) {
    const double time = scan * 2.5;
    std::vector<Detection> detections;
    for (int target_idx = 0; target_idx < static_cast<int>(targets.size()); ++target_idx) {
      if (!detect(scan, target_idx)) continue;
      const Eigen::Vector2d position = targets[target_idx].position(time);
      Detection detection;
      detection.time = scan * kScan;
      detection.model = &model;
      detection.value << position.x() + rng.normal(0, sigma), position.y() + rng.normal(0, sigma);
      detections.push_back(detection);
    }
    for (const Eigen::Vector2d& point : extra(scan)) {
      Detection detection;
      detection.time = scan * kScan;
      detection.model = &model;
      detection.value = point;
      detections.push_back(detection);
    }
    assembly.tracker().step(scan * kScan, detections);
    history.push_back(assembly.tracker().tracks());
  }
  return history;
}

const Track* nearest(const std::vector<Track>& tracks, const Eigen::Vector2d& point, double limit) {
  const Track* best = nullptr;
  double best_distance = limit;
  for (const Track& track : tracks) {
    const double distance = std::hypot(track.state.estimate.mean(0) - point.x(),
                                       track.state.estimate.mean(2) - point.y());
    if (distance < best_distance) {
      best_distance = distance;
      best = &track;
    }
  }
  return best;
}

auto always = [](int, int) { return true; };
auto no_clutter = [](int) { return std::vector<Eigen::Vector2d>{}; };

Target straight(double x, double y, double vx, double vy) {
  return {[=](double t) { return Eigen::Vector2d(x + vx * t, y + vy * t); }};
}

class TrackerByAssociation : public ::testing::TestWithParam<AssociationMethod> {
 protected:
  TrackerSettings settings() const {
    TrackerSettings settings;
    settings.association = GetParam();
    return settings;
  }
};

TEST_P(TrackerByAssociation, ConfirmsAfterThreePointsWithDeterministicIds) {
  TrackerAssembly assembly(settings());
  const std::vector<Target> targets{straight(0, 0, 5, 0), straight(5000, 0, 0, 5)};
  const auto history = run(assembly, targets, 6, always, no_clutter);
  EXPECT_TRUE(history[0].empty());
  EXPECT_TRUE(history[1].empty());
  ASSERT_EQ(history[2].size(), 2U);
  EXPECT_EQ(history[2][0].id, 1U);
  EXPECT_EQ(history[2][1].id, 2U);
  EXPECT_EQ(history[5].size(), 2U);
}

TEST_P(TrackerByAssociation, CrossingPairKeepsIdentities) {
  TrackerAssembly assembly(settings());
  // Two boats crossing at right angles at 6 m/s, meeting at (600, 600) at t = 100 s.
  const std::vector<Target> targets{straight(0, 600, 6, 0), straight(600, 0, 0, 6)};
  // 56 scans: well past the crossing at scan 40 (a longer run eventually sees two
  // consecutive detections outside the 3-sigma gate, which no gate setting rules out).
  const auto history = run(assembly, targets, 56, always, no_clutter);
  std::set<std::uint64_t> ids;
  for (std::size_t scan = 5; scan < history.size(); ++scan) {
    for (int target_idx = 0; target_idx < 2; ++target_idx) {
      const Eigen::Vector2d truth = targets[target_idx].position(scan * 2.5);
      const Track* track = nearest(history[scan], truth, 60.0);
      ASSERT_NE(track, nullptr) << "scan " << scan;
      if (scan == 5 || scan + 1 == history.size()) ids.insert(track->id * 10 + target_idx);
    }
    EXPECT_EQ(history[scan].size(), 2U) << "scan " << scan;
    if (std::getenv("SW_DEBUG_TRACKS") != nullptr) {
      for (const Track& track : history[scan]) {
        std::printf("%zu id %llu %.1f %.1f v %.2f %.2f miss %u\n", scan,
                    static_cast<unsigned long long>(track.id), track.state.estimate.mean(0),
                    track.state.estimate.mean(2), track.state.estimate.mean(1),
                    track.state.estimate.mean(3), track.consecutive_misses);
      }
    }
  }
  EXPECT_EQ(ids.size(), 2U);  // the same (id, target) pairs at the start and the end
}

TEST_P(TrackerByAssociation, MissedDetectionsCoastThenDelete) {
  TrackerAssembly assembly(settings());
  const std::vector<Target> targets{straight(0, 0, 8, 3)};
  // Detected in scans 0-9, missed in 10-11 (coasts), detected 12-14, then never again.
  auto detect = [](int scan, int) { return scan < 10 || (scan >= 12 && scan < 15); };
  const auto history = run(assembly, targets, 25, detect, no_clutter);
  ASSERT_EQ(history[11].size(), 1U);
  EXPECT_EQ(history[11][0].status, TrackStatus::kCoasting);
  EXPECT_EQ(history[11][0].consecutive_misses, 2U);
  ASSERT_EQ(history[12].size(), 1U);
  EXPECT_EQ(history[12][0].id, history[9][0].id);
  EXPECT_EQ(history[12][0].status, TrackStatus::kConfirmed);
  EXPECT_EQ(history[18].size(), 1U);  // 4 misses: still held (coasting)
  EXPECT_TRUE(history[19].empty());   // 5 misses: deleted
}

TEST_P(TrackerByAssociation, ClutterNearATrackNeitherHijacksNorConfirms) {
  TrackerAssembly assembly(settings());
  const std::vector<Target> targets{straight(0, 0, 6, 0)};
  Rng clutter_rng(9);
  auto clutter = [&](int scan) {
    // Every third scan from scan 3, a clutter point 35-70 m from the target in a random
    // direction (inside its gate); tentative tracks from it die before the next one.
    if (scan < 3 || scan % 3 != 0) return std::vector<Eigen::Vector2d>{};
    const Eigen::Vector2d position = targets[0].position(scan * 2.5);
    const double angle = clutter_rng.uniform(0, 6.283);
    const double range = clutter_rng.uniform(35, 70);
    return std::vector<Eigen::Vector2d>{position +
                                        range * Eigen::Vector2d(std::cos(angle), std::sin(angle))};
  };
  const auto history = run(assembly, targets, 40, always, clutter);
  for (std::size_t scan = 3; scan < history.size(); ++scan) {
    ASSERT_EQ(history[scan].size(), 1U) << "scan " << scan;
    const Eigen::Vector2d truth = targets[0].position(scan * 2.5);
    EXPECT_LT(std::hypot(history[scan][0].state.estimate.mean(0) - truth.x(),
                         history[scan][0].state.estimate.mean(2) - truth.y()),
              30.0);
  }
  EXPECT_EQ(history.back()[0].id, 1U);
  EXPECT_EQ(assembly.tracker().stats().confirmed, 1U);
}

TEST_P(TrackerByAssociation, TentativeTrackDroppedAfterTwoMisses) {
  TrackerAssembly assembly(settings());
  // A lone clutter point at scan 0 and again (within the gate) at scan 3 only.
  auto clutter = [](int scan) {
    return scan == 0 || scan == 3 ? std::vector<Eigen::Vector2d>{{100.0, 100.0}}
                                  : std::vector<Eigen::Vector2d>{};
  };
  const auto history = run(assembly, {}, 6, always, clutter);
  (void)history;
  EXPECT_EQ(assembly.tracker().stats().confirmed, 0U);
  EXPECT_EQ(assembly.tracker().tentative_count(), 0U);  // scan 3's point died after 4, 5
}

INSTANTIATE_TEST_SUITE_P(Associations, TrackerByAssociation,
                         ::testing::Values(AssociationMethod::kGnn, AssociationMethod::kJpda));

TEST(ImmTracker, FollowsAManoeuvreThatASingleConstantVelocityModelLoses) {
  // 8 m/s east for 50 s, then a hard 90-degree turn to the north in 10 s (9 deg/s), on.
  const Target boat{[](double t) {
    constexpr double kSpeed = 8.0;
    constexpr double kTurnStart = 50.0;
    constexpr double kTurnTime = 10.0;
    const double radius = kSpeed * kTurnTime / (3.14159265358979 / 2.0);
    if (t <= kTurnStart) return Eigen::Vector2d(kSpeed * t, 0.0);
    const Eigen::Vector2d start(kSpeed * kTurnStart, 0.0);
    if (t <= kTurnStart + kTurnTime) {
      const double angle = (t - kTurnStart) / kTurnTime * 3.14159265358979 / 2.0;
      return Eigen::Vector2d(start.x() + radius * std::sin(angle),
                             radius * (1.0 - std::cos(angle)));
    }
    return Eigen::Vector2d(start.x() + radius, radius + kSpeed * (t - kTurnStart - kTurnTime));
  }};
  auto held_throughout = [&](bool imm) {
    TrackerSettings settings;
    settings.imm = imm;
    TrackerAssembly assembly(settings);
    const auto history = run(assembly, {boat}, 48, always, no_clutter, 5.0, 4);
    std::set<std::uint64_t> ids;
    double worst = 0.0;
    for (std::size_t scan = 3; scan < history.size(); ++scan) {
      const Eigen::Vector2d truth = boat.position(scan * 2.5);
      const Track* track = nearest(history[scan], truth, 1e9);
      if (track == nullptr) return std::make_pair(99, 1e9);
      ids.insert(track->id);
      worst = std::max(worst, std::hypot(track->state.estimate.mean(0) - truth.x(),
                                         track->state.estimate.mean(2) - truth.y()));
    }
    return std::make_pair(static_cast<int>(ids.size()), worst);
  };
  const auto [cv_ids, cv_worst] = held_throughout(false);
  const auto [imm_ids, imm_worst] = held_throughout(true);
  EXPECT_EQ(imm_ids, 1) << "IMM worst error " << imm_worst;
  EXPECT_LT(imm_worst, 40.0);
  EXPECT_TRUE(cv_ids > 1 || cv_worst > 60.0) << "CV ids " << cv_ids << " worst " << cv_worst;
}

}  // namespace
}  // namespace sw::track
