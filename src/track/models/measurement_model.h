#pragma once
/// MeasurementModel: how a sensor sees a state (Stone Soup's role of the same name).

#include "track/state.h"

namespace sw::track {

/// z = h(x) + v, v ~ N(0, R). Linear models return their matrix as the Jacobian, so the
/// extended Kalman update is the exact Kalman update for them.
class MeasurementModel {
 public:
  virtual ~MeasurementModel() = default;
  /// h(x).
  virtual MeasurementVector function(const StateVector& state) const = 0;
  /// dh/dx at `state`.
  virtual ObservationMatrix jacobian(const StateVector& state) const = 0;
  /// R.
  virtual MeasurementMatrix noise_covariance() const = 0;
  /// measured - predicted, with angles wrapped where the space has them.
  virtual MeasurementVector residual(const MeasurementVector& measured,
                                     const MeasurementVector& predicted) const {
    return measured - predicted;
  }
  /// East-north position (metres) a measurement points at (for initiation and gating).
  virtual Eigen::Vector2d position(const MeasurementVector& measurement) const = 0;
  /// Covariance of position(measurement), linearised where the model is not Cartesian.
  virtual MeasurementMatrix position_covariance(const MeasurementVector& measurement) const = 0;
};

/// Cartesian position measurement (radar plot converted to east-north, aircraft
/// sighting, AIS position): z = [x, y].
class CartesianPositionModel final : public MeasurementModel {
 public:
  explicit CartesianPositionModel(const MeasurementMatrix& noise) : noise_(noise) {}
  CartesianPositionModel(double sigma_x, double sigma_y);

  MeasurementVector function(const StateVector& state) const override {
    return {state(0), state(2)};
  }
  ObservationMatrix jacobian(const StateVector& state) const override;
  MeasurementMatrix noise_covariance() const override { return noise_; }
  Eigen::Vector2d position(const MeasurementVector& measurement) const override {
    return measurement;
  }
  MeasurementMatrix position_covariance(const MeasurementVector& /*measurement*/) const override {
    return noise_;
  }

 private:
  MeasurementMatrix noise_;
};

/// Polar measurement from a sensor site: z = [bearing (rad, anticlockwise from east, as
/// Stone Soup's CartesianToBearingRange), range (m)].
class PolarBearingRangeModel final : public MeasurementModel {
 public:
  PolarBearingRangeModel(Eigen::Vector2d site, double sigma_bearing_rad, double sigma_range_m);

  MeasurementVector function(const StateVector& state) const override;
  ObservationMatrix jacobian(const StateVector& state) const override;
  MeasurementMatrix noise_covariance() const override { return noise_; }
  MeasurementVector residual(const MeasurementVector& measured,
                             const MeasurementVector& predicted) const override;
  Eigen::Vector2d position(const MeasurementVector& measurement) const override;
  MeasurementMatrix position_covariance(const MeasurementVector& measurement) const override;

 private:
  Eigen::Vector2d site_;
  MeasurementMatrix noise_;
};

}  // namespace sw::track
