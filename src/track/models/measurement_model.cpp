#include "track/models/measurement_model.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sw::track {
namespace {

double wrap_angle(double angle) {
  angle = std::fmod(angle + std::numbers::pi, 2.0 * std::numbers::pi);
  if (angle < 0.0) angle += 2.0 * std::numbers::pi;
  return angle - std::numbers::pi;
}

}  // namespace

CartesianPositionModel::CartesianPositionModel(double sigma_x, double sigma_y) {
  noise_ << sigma_x * sigma_x, 0.0, 0.0, sigma_y * sigma_y;
}

ObservationMatrix CartesianPositionModel::jacobian(const StateVector& /*state*/) const {
  ObservationMatrix matrix = ObservationMatrix::Zero();
  matrix(0, 0) = 1.0;
  matrix(1, 2) = 1.0;
  return matrix;
}

PolarBearingRangeModel::PolarBearingRangeModel(Eigen::Vector2d site, double sigma_bearing_rad,
                                               double sigma_range_m)
    : site_(site) {
  noise_ << sigma_bearing_rad * sigma_bearing_rad, 0.0, 0.0, sigma_range_m * sigma_range_m;
}

MeasurementVector PolarBearingRangeModel::function(const StateVector& state) const {
  const double dx = state(0) - site_.x();
  const double dy = state(2) - site_.y();
  return {std::atan2(dy, dx), std::hypot(dx, dy)};
}

ObservationMatrix PolarBearingRangeModel::jacobian(const StateVector& state) const {
  const double dx = state(0) - site_.x();
  const double dy = state(2) - site_.y();
  const double range2 = std::max(dx * dx + dy * dy, 1e-6);
  const double range = std::sqrt(range2);
  ObservationMatrix matrix = ObservationMatrix::Zero();
  matrix(0, 0) = -dy / range2;
  matrix(0, 2) = dx / range2;
  matrix(1, 0) = dx / range;
  matrix(1, 2) = dy / range;
  return matrix;
}

MeasurementVector PolarBearingRangeModel::residual(const MeasurementVector& measured,
                                                   const MeasurementVector& predicted) const {
  return {wrap_angle(measured(0) - predicted(0)), measured(1) - predicted(1)};
}

Eigen::Vector2d PolarBearingRangeModel::position(const MeasurementVector& measurement) const {
  return site_ +
         measurement(1) * Eigen::Vector2d(std::cos(measurement(0)), std::sin(measurement(0)));
}

MeasurementMatrix PolarBearingRangeModel::position_covariance(
    const MeasurementVector& measurement) const {
  const double bearing = measurement(0);
  const double range = measurement(1);
  MeasurementMatrix jacobian;  // d(x, y) / d(bearing, range)
  jacobian << -range * std::sin(bearing), std::cos(bearing), range * std::cos(bearing),
      std::sin(bearing);
  return jacobian * noise_ * jacobian.transpose();
}

}  // namespace sw::track
