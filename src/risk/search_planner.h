#pragma once
/// SearchPlanner: the drift search areas attached to drifting and distress alerts — a
/// Leeway Monte Carlo run from the alert's position and time (Gaussian seed of the
/// position uncertainty) under the configured wind and current (an ensemble of forcings
/// drawn about them: SearchSettings::forcing_members), summarised at each of the
/// requested hours (centroid, r50/r90, the 90 % region). Runs are seeded from the alert id
/// and the configured seed, so a replay attaches the same areas.

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/result.h"
#include "drift/leeway_classes.h"
#include "drift/seeding.h"
#include "drift/simulation.h"
#include "risk/alert.h"
#include "risk/risk_settings.h"

namespace sw::risk {

class SearchPlanner {
 public:
  /// Error "leeway_class" when the configured class is not in the table.
  static Result<SearchPlanner> create(SearchSettings settings, Environment environment);

  /// Search areas for an object last known at `position` (1-sigma `radius_m`) at `time`.
  /// Counts a failed run in failures() and returns what was computed.
  std::vector<AttachedSearchArea> plan(LatLon position, double radius_m, TimeNs time,
                                       std::uint64_t seed);
  std::uint64_t failures() const { return failures_; }

 private:
  SearchPlanner(SearchSettings settings, Environment environment, drift::LeewayClass leeway)
      : settings_(std::move(settings)), environment_(environment), leeway_(std::move(leeway)) {}

  /// One drift run of `hours`: the forecast, or the ensemble of perturbed forcings.
  Result<drift::DriftResult> run(const drift::SeedSpec& seed_spec, TimeNs time, double hours,
                                 std::uint64_t seed) const;

  SearchSettings settings_;
  Environment environment_;
  drift::LeewayClass leeway_;
  std::uint64_t failures_ = 0;
};

}  // namespace sw::risk
