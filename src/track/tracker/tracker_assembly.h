#pragma once
/// TrackerAssembly: builds and owns one configured set of roles and the tracker that
/// composes them (CV or IMM Kalman filtering, grid-gated Mahalanobis hypotheses, GNN or
/// JPDA association, multi-measurement initiation, update-time and covariance deletion).

#include <memory>
#include <vector>

#include "track/data_associator/jpda_associator.h"
#include "track/tracker/multi_target_tracker.h"

namespace sw::track {

/// How tracks are associated with detections.
enum class AssociationMethod : std::uint8_t { kGnn, kJpda };

/// Tracker settings; the defaults are the Stone Soup comparison settings.
struct TrackerSettings {
  AssociationMethod association = AssociationMethod::kGnn;
  bool imm = false;               ///< IMM of CV(q) and CV(imm_high_noise_diffusion)
  double noise_diffusion = 0.05;  ///< CV q per axis, m^2/s^3
  double imm_high_noise_diffusion = 2.0;
  double imm_switch_probability = 0.05;  ///< per step, from either model to the other
  double gate = 3.0;  ///< Mahalanobis distance (not squared): GNN and the initiator
  /// JPDA's gate. Stone Soup's PDAHypothesiser weighs every detection by its likelihood
  /// with no distance gate; 5 sigma keeps the spatial index while leaving out only
  /// chi-square(2) mass exp(-12.5) = 4e-6. Pg follows from it.
  double pda_gate = 5.0;
  std::uint32_t min_points = 3;
  double velocity_sigma = 10.0;  ///< initiation prior, m/s per axis
  std::uint32_t tentative_max_misses = 2;
  std::uint32_t confirmed_max_misses = 5;
  /// Deletion by seconds since the last update instead of by missed steps, for trackers
  /// fed by several sensors with different update times (0 = count steps).
  double tentative_max_age_s = 0.0;
  double confirmed_max_age_s = 0.0;
  double max_position_variance = 1e6;  ///< var(x) + var(y) above which a track is deleted
  JpdaParameters jpda;
};

/// Owns every role of one tracker.
class TrackerAssembly {
 public:
  explicit TrackerAssembly(const TrackerSettings& settings);
  ~TrackerAssembly();
  TrackerAssembly(const TrackerAssembly&) = delete;
  TrackerAssembly& operator=(const TrackerAssembly&) = delete;

  MultiTargetTracker& tracker() { return *tracker_; }

 private:
  struct Roles;
  std::unique_ptr<Roles> roles_;
  std::unique_ptr<MultiTargetTracker> tracker_;
};

}  // namespace sw::track
