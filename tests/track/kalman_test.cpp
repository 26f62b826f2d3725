#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "track/models/constant_velocity.h"
#include "track/models/coordinated_turn.h"
#include "track/models/measurement_model.h"
#include "track/predictor/kalman_predictor.h"
#include "track/updater/extended_kalman_updater.h"

namespace sw::track {
namespace {

TEST(ConstantVelocity, ExactDiscretisationAsStoneSoup) {
  const ConstantVelocity model(0.05);
  const StateMatrix noise = model.noise_covariance(StateVector::Zero(), 2.5);
  EXPECT_NEAR(noise(0, 0), 0.05 * std::pow(2.5, 3) / 3.0, 1e-12);
  EXPECT_NEAR(noise(0, 1), 0.05 * 2.5 * 2.5 / 2.0, 1e-12);
  EXPECT_NEAR(noise(1, 1), 0.05 * 2.5, 1e-12);
  EXPECT_NEAR(noise(2, 2), noise(0, 0), 1e-12);
  EXPECT_EQ(noise(0, 2), 0.0);
  StateVector state;
  state << 10.0, 2.0, -5.0, 1.0;
  const StateVector next = model.function(state, 2.5);
  EXPECT_DOUBLE_EQ(next(0), 15.0);
  EXPECT_DOUBLE_EQ(next(2), -2.5);
}

TEST(KnownTurnRate, QuarterTurnRotatesVelocity) {
  const KnownTurnRate model(0.0, std::numbers::pi / 2.0 / 10.0);  // 90 degrees in 10 s
  StateVector state;
  state << 0.0, 10.0, 0.0, 0.0;
  const StateVector next = model.function(state, 10.0);
  EXPECT_NEAR(next(1), 0.0, 1e-9);
  EXPECT_NEAR(next(3), 10.0, 1e-9);
  const double radius = 10.0 / (std::numbers::pi / 20.0);
  EXPECT_NEAR(next(0), radius, 1e-9);
  EXPECT_NEAR(next(2), radius, 1e-9);
}

TEST(ExtendedKalmanUpdater, LinearUpdateMatchesHandComputation) {
  const CartesianPositionModel model(10.0, 10.0);
  TrackState predicted;
  predicted.estimate.mean << 0.0, 1.0, 0.0, 0.0;
  predicted.estimate.covariance = StateMatrix::Identity() * 100.0;
  Detection detection;
  detection.value << 20.0, -10.0;
  detection.model = &model;
  const TrackState updated = ExtendedKalmanUpdater().update(predicted, detection);
  // Equal prior and measurement variance on position: the estimate lands half-way.
  EXPECT_NEAR(updated.estimate.mean(0), 10.0, 1e-9);
  EXPECT_NEAR(updated.estimate.mean(2), -5.0, 1e-9);
  EXPECT_NEAR(updated.estimate.covariance(0, 0), 50.0, 1e-9);
  EXPECT_NEAR(updated.estimate.mean(1), 1.0, 1e-9);  // uncorrelated velocity unchanged
}

TEST(ExtendedKalmanUpdater, PolarMeasurementsConvergeOnTheTarget) {
  // A static target 5 km north-east of a radar site, measured in bearing and range.
  const PolarBearingRangeModel model({1000.0, -2000.0}, 0.2 * std::numbers::pi / 180.0, 15.0);
  StateVector truth;
  truth << 1000.0 + 3535.5, 0.0, -2000.0 + 3535.5, 0.0;
  TrackState state;
  state.estimate.mean << truth(0) + 80.0, 0.0, truth(2) - 60.0, 0.0;
  state.estimate.covariance = StateMatrix::Identity() * 200.0 * 200.0;
  const ExtendedKalmanUpdater updater;
  const ConstantVelocity motion(0.01);
  std::uint64_t noise_state = 12345;
  auto noise = [&noise_state]() {  // small deterministic pseudo-noise in [-1, 1]
    noise_state = noise_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(noise_state >> 11) / static_cast<double>(1ULL << 53) * 2.0 - 1.0;
  };
  for (int scan = 1; scan <= 30; ++scan) {
    state = KalmanPredictor(motion).predict(state, scan * kNsPerSecond);
    Detection detection;
    detection.model = &model;
    detection.value = model.function(truth);
    detection.value(0) += 0.002 * noise();
    detection.value(1) += 10.0 * noise();
    const MeasurementPrediction prediction = updater.predict_measurement(state, model);
    EXPECT_LT(mahalanobis_squared(prediction, model, detection.value), 25.0);
    state = updater.update(state, detection);
  }
  const double error =
      std::hypot(state.estimate.mean(0) - truth(0), state.estimate.mean(2) - truth(2));
  EXPECT_LT(error, 15.0);
}

TEST(PolarBearingRangeModel, ResidualWrapsBearing) {
  const PolarBearingRangeModel model({0.0, 0.0}, 0.01, 10.0);
  const MeasurementVector residual =
      model.residual({std::numbers::pi - 0.01, 100.0}, {-std::numbers::pi + 0.01, 100.0});
  EXPECT_NEAR(residual(0), -0.02, 1e-12);
  const Eigen::Vector2d position = model.position({std::numbers::pi / 2.0, 100.0});
  EXPECT_NEAR(position.x(), 0.0, 1e-9);
  EXPECT_NEAR(position.y(), 100.0, 1e-9);
}

}  // namespace
}  // namespace sw::track
