#pragma once
/// Search-area calibration: how often a boat's true position lies inside the 50 % and
/// 90 % search areas the system attaches to it (it should be about 50 % and 90 %).
///
/// `stops` boats stop at random places in the middle of the Strait at the scenario's
/// start. The simulator drifts each with its own forcing error (the scenario's
/// [environment] drift_*_sigma: wind, current and leeway drawn per boat) and its wander;
/// the predictor (risk::SearchPlanner, the Leeway Monte Carlo the risk stage runs) only
/// knows the configured wind and current and a position fix with `fix_sigma_m` error.
/// Truth and prediction share no model and no draws, so the score is not circular.

#include <cstdint>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "risk/risk_settings.h"
#include "sim/scenario.h"

namespace sw::eval {

struct CalibrationOptions {
  std::size_t stops = 100;
  double fix_sigma_m = 100.0;  ///< error of the position the prediction starts from
};

/// Results at one forecast time.
struct CalibrationPoint {
  double hours = 0;
  std::uint64_t cases = 0;
  std::uint64_t inside50 = 0;
  std::uint64_t inside90 = 0;
  std::vector<double> area50_km2;
  std::vector<double> area90_km2;
  std::vector<double> miss_m;  ///< true position to the areas' centroid

  double rate50() const { return cases > 0 ? static_cast<double>(inside50) / cases : 0.0; }
  double rate90() const { return cases > 0 ? static_cast<double>(inside90) / cases : 0.0; }
};

struct SearchCalibration {
  std::uint64_t seed = 0;
  std::size_t stops = 0;
  std::string leeway_class;
  std::string perturbation;              ///< the truth's forcing error, in words
  std::vector<CalibrationPoint> points;  ///< by forecast hours
  std::uint64_t planner_failures = 0;
};

/// Runs the calibration for `scenario` (its environment, geography and seed) with the
/// risk stage's `settings` (search hours, Leeway class, particles, environment).
Result<SearchCalibration> calibrate_search_areas(const sim::Scenario& scenario,
                                                 const risk::RiskSettings& settings,
                                                 const CalibrationOptions& options = {});

/// Adds `more` (same hours) into `total`.
void merge_calibration(SearchCalibration& total, const SearchCalibration& more);

}  // namespace sw::eval
