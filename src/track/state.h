#pragma once
/// Track state types: Gaussian states in a local east-north frame (metres, seconds),
/// detections, and tracks. State order follows Stone Soup: [x, vx, y, vy].

#include <Eigen/Core>
#include <array>
#include <cstdint>

#include "core/clock.h"

namespace sw::track {

using StateVector = Eigen::Matrix<double, 4, 1>;
using StateMatrix = Eigen::Matrix<double, 4, 4>;
using MeasurementVector = Eigen::Matrix<double, 2, 1>;
using MeasurementMatrix = Eigen::Matrix<double, 2, 2>;
using ObservationMatrix = Eigen::Matrix<double, 2, 4>;
using GainMatrix = Eigen::Matrix<double, 4, 2>;

/// Most motion models an interacting-multiple-model state can hold.
constexpr int kMaxModes = 3;

/// Seconds between two sensor times.
inline double seconds_between(TimeNs from, TimeNs to) {
  return static_cast<double>(to - from) / static_cast<double>(kNsPerSecond);
}

/// A Gaussian estimate: mean and covariance.
struct GaussianState {
  StateVector mean = StateVector::Zero();
  StateMatrix covariance = StateMatrix::Identity();
};

/// The filter state of one track at one time; `modes` is used by IMM filters only
/// (mode_count == 0 for a single-model filter), `estimate` is always the combined state.
struct TrackState {
  TimeNs time = 0;
  GaussianState estimate;
  int mode_count = 0;
  std::array<GaussianState, kMaxModes> modes{};
  std::array<double, kMaxModes> mode_probabilities{};
};

class MeasurementModel;

/// One sensor detection: a measurement in the sensor's measurement space and the model
/// that maps a state into that space. The model must outlive the detection.
struct Detection {
  TimeNs time = 0;
  std::uint32_t sensor_id = 0;
  MeasurementVector value = MeasurementVector::Zero();
  const MeasurementModel* model = nullptr;
};

/// Life-cycle stage of a track.
enum class TrackStatus : std::uint8_t { kTentative, kConfirmed, kCoasting };

/// A track: identity, filter state and the counters deleters and initiators read.
struct Track {
  std::uint64_t id = 0;  ///< 0 while tentative; assigned by the tracker on confirmation
  TrackState state;
  TrackStatus status = TrackStatus::kTentative;
  TimeNs last_update_time = 0;
  std::uint32_t update_count = 0;        ///< detections that updated this track
  std::uint32_t consecutive_misses = 0;  ///< steps since the last update
};

}  // namespace sw::track
