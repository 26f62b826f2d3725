#include "track/hypothesiser/distance_hypothesiser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/rng.h"
#include "track/data_associator/gnn_associator.h"
#include "track/data_associator/jpda_associator.h"
#include "track/models/measurement_model.h"
#include "track/updater/extended_kalman_updater.h"

namespace sw::track {
namespace {

TrackState track_at(double x, double y, double variance) {
  TrackState state;
  state.estimate.mean << x, 0.0, y, 0.0;
  state.estimate.covariance = StateMatrix::Identity() * variance;
  return state;
}

Detection detection_at(const MeasurementModel& model, double x, double y) {
  Detection detection;
  detection.value << x, y;
  detection.model = &model;
  return detection;
}

TEST(DistanceHypothesiser, GridGatingEqualsAllPairsWithFarFewerTests) {
  Rng rng(3);
  const CartesianPositionModel model(10.0, 10.0);
  std::vector<TrackState> tracks;
  std::vector<Detection> detections;
  for (int track_idx = 0; track_idx < 400; ++track_idx) {
    tracks.push_back(
        track_at(rng.uniform(0, 20000), rng.uniform(0, 20000), rng.uniform(10.0, 2000.0)));
  }
  for (int det_idx = 0; det_idx < 500; ++det_idx) {
    if (det_idx < 300) {  // near a track
      const auto& mean = tracks[det_idx].estimate.mean;
      detections.push_back(
          detection_at(model, mean(0) + rng.normal(0, 40), mean(2) + rng.normal(0, 40)));
    } else {
      detections.push_back(detection_at(model, rng.uniform(0, 20000), rng.uniform(0, 20000)));
    }
  }
  const ExtendedKalmanUpdater updater;
  DistanceHypothesiser hypothesiser(updater, 3.0);
  std::vector<Hypothesis> hypotheses;
  hypothesiser.hypothesise(tracks, detections, hypotheses);

  std::vector<std::pair<std::uint32_t, std::uint32_t>> expected;
  for (std::uint32_t det_idx = 0; det_idx < detections.size(); ++det_idx) {
    for (std::uint32_t track_idx = 0; track_idx < tracks.size(); ++track_idx) {
      const auto prediction = updater.predict_measurement(tracks[track_idx], model);
      if (mahalanobis_squared(prediction, model, detections[det_idx].value) <= 9.0) {
        expected.emplace_back(track_idx, det_idx);
      }
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> found;
  for (const Hypothesis& hypothesis : hypotheses) {
    found.emplace_back(hypothesis.track, hypothesis.detection);
  }
  std::sort(found.begin(), found.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected);
  EXPECT_GE(found.size(), 250U);
  EXPECT_LT(hypothesiser.last_pair_tests(), tracks.size() * detections.size() / 50);
}

TEST(GnnAssociator, ClutterNearATrackDoesNotStealTheDetection) {
  const CartesianPositionModel model(10.0, 10.0);
  const std::vector<TrackState> tracks{track_at(0.0, 0.0, 100.0)};
  // The target's detection at 5 m and a clutter point at 35 m, both in the gate.
  const std::vector<Detection> detections{detection_at(model, 30.0, 20.0),
                                          detection_at(model, 4.0, -3.0)};
  const ExtendedKalmanUpdater updater;
  DistanceHypothesiser hypothesiser(updater, 3.0);
  std::vector<Hypothesis> hypotheses;
  hypothesiser.hypothesise(tracks, detections, hypotheses);
  ASSERT_EQ(hypotheses.size(), 2U);
  GnnAssociator associator(9.0);
  Associations associations;
  associator.associate(hypotheses, tracks.size(), detections.size(), associations);
  ASSERT_EQ(associations.entries.size(), 1U);
  EXPECT_EQ(associations.entries[0].detection, 1U);
  EXPECT_EQ(associations.detection_used, (std::vector<std::uint8_t>{0, 1}));
}

TEST(GnnAssociator, SolvesClustersIndependentlyAndOptimally) {
  const CartesianPositionModel model(10.0, 10.0);
  // Cluster A: two close tracks, two detections placed so greedy nearest neighbour
  // would be wrong; cluster B far away: one track, one detection.
  const std::vector<TrackState> tracks{track_at(0.0, 0.0, 100.0), track_at(30.0, 0.0, 100.0),
                                       track_at(10000.0, 0.0, 100.0)};
  const std::vector<Detection> detections{detection_at(model, 14.0, 0.0),
                                          detection_at(model, -20.0, 0.0),
                                          detection_at(model, 10005.0, 0.0)};
  const ExtendedKalmanUpdater updater;
  DistanceHypothesiser hypothesiser(updater, 3.0);
  std::vector<Hypothesis> hypotheses;
  hypothesiser.hypothesise(tracks, detections, hypotheses);
  GnnAssociator associator(9.0);
  Associations associations;
  associator.associate(hypotheses, tracks.size(), detections.size(), associations);
  EXPECT_EQ(associations.clusters, 2U);
  ASSERT_EQ(associations.entries.size(), 3U);
  EXPECT_EQ(associations.entries[0].detection, 1U);  // track 0 takes the -20 m detection
  EXPECT_EQ(associations.entries[1].detection, 0U);  // track 1 takes the 14 m one
  EXPECT_EQ(associations.entries[2].detection, 2U);
}

TEST(JpdaAssociator, OneTrackTwoDetectionsMatchesClosedForm) {
  const CartesianPositionModel model(10.0, 10.0);
  const std::vector<TrackState> tracks{track_at(0.0, 0.0, 100.0)};
  const std::vector<Detection> detections{detection_at(model, 5.0, 0.0),
                                          detection_at(model, -20.0, 10.0)};
  const ExtendedKalmanUpdater updater;
  DistanceHypothesiser hypothesiser(updater, 3.0);
  std::vector<Hypothesis> hypotheses;
  hypothesiser.hypothesise(tracks, detections, hypotheses);
  ASSERT_EQ(hypotheses.size(), 2U);
  JpdaParameters parameters;
  JpdaAssociator associator(parameters);
  Associations associations;
  associator.associate(hypotheses, 1, 2, associations);
  // PDA: beta_i proportional to Pd N(z_i) / lambda, beta_0 to 1 - Pd Pg.
  double ratios[2];
  for (const Hypothesis& hypothesis : hypotheses) {
    ratios[hypothesis.detection] = parameters.detection_probability *
                                   std::exp(hypothesis.log_likelihood) / parameters.clutter_density;
  }
  const double missed = 1.0 - parameters.detection_probability * parameters.gate_probability;
  const double total = missed + ratios[0] + ratios[1];
  ASSERT_EQ(associations.entries.size(), 2U);
  EXPECT_NEAR(associations.entries[0].weight, ratios[0] / total, 1e-12);
  EXPECT_NEAR(associations.entries[1].weight, ratios[1] / total, 1e-12);
  EXPECT_NEAR(associations.missed_weight[0], missed / total, 1e-12);
}

TEST(JpdaAssociator, SharedDetectionWeightsAreJointlyConsistent) {
  const CartesianPositionModel model(10.0, 10.0);
  const std::vector<TrackState> tracks{track_at(0.0, 0.0, 100.0), track_at(20.0, 0.0, 100.0)};
  const std::vector<Detection> detections{detection_at(model, 10.0, 0.0)};
  const ExtendedKalmanUpdater updater;
  DistanceHypothesiser hypothesiser(updater, 3.0);
  std::vector<Hypothesis> hypotheses;
  hypothesiser.hypothesise(tracks, detections, hypotheses);
  JpdaAssociator associator(JpdaParameters{});
  Associations associations;
  associator.associate(hypotheses, 2, 1, associations);
  ASSERT_EQ(associations.entries.size(), 2U);
  // Symmetric case: equal weights; one detection cannot be used by both tracks.
  EXPECT_NEAR(associations.entries[0].weight, associations.entries[1].weight, 1e-12);
  EXPECT_LT(associations.entries[0].weight + associations.entries[1].weight, 1.0 + 1e-12);
  for (int track_idx = 0; track_idx < 2; ++track_idx) {
    EXPECT_NEAR(associations.entries[track_idx].weight + associations.missed_weight[track_idx], 1.0,
                1e-12);
  }
}

}  // namespace
}  // namespace sw::track
