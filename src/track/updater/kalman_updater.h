#pragma once
/// KalmanUpdater: the linear Kalman update. ExtendedKalmanUpdater linearises with the
/// model's Jacobian, which for a linear model is its matrix, so the two coincide.

#include "track/updater/extended_kalman_updater.h"

namespace sw::track {

/// Linear Kalman update (exact for CartesianPositionModel).
using KalmanUpdater = ExtendedKalmanUpdater;

}  // namespace sw::track
