#pragma once
/// Risk evaluation against ground truth: a scenario is simulated through the whole
/// pipeline (wire formats, decoders, tracker, risk stage) and every alert is scored
/// against what really happened.
///
/// - Each alert's subject tracks are matched, when it is raised, to the nearest true
///   vessel within `association_m`.
/// - Truth situations: a dangerous encounter is a small boat (or pleasure craft) and a
///   ship (merchant, ferry) whose true separation falls below the collision threshold; a
///   drift starts when a boat's engine fails; a handover is a small craft's true position
///   passing from one SAR region into another.
/// - An alert about a small craft (all but handover) is false when the vessel matched to
///   its small craft is not one (a ship's own echo taken for a boat).
/// - An alert is true when its matched vessels are in such a situation: a collision alert
///   whose pair truly comes within `true_cpa_factor` x threshold within the horizon (plus
///   a margin) after raising; a drifting alert on a vessel that is drifting; a lane alert
///   on a vessel inside a lane; a handover alert on a vessel that truly crosses within the
///   horizon (plus a margin) or crossed within the after-crossing time. Distress alerts
///   come from reports and are counted apart. Anything else is false.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/result.h"
#include "sim/scenario.h"

namespace sw::eval {

/// Scoring parameters.
struct RiskEvaluationOptions {
  double association_m = 1000.0;
  double true_cpa_factor = 2.0;
  double margin_s = 600.0;
  /// A dangerous encounter: a small craft and a ship truly closer than this (0: the
  /// collision alert threshold, risk settings' cpa_m).
  double dangerous_m = 0.0;
};

/// A true dangerous encounter and whether (and how early) it was warned of.
struct EncounterOutcome {
  std::string boat, ship;
  TimeNs cpa_time = 0;
  double true_cpa_m = 0;
  LatLon position;  ///< the boat's true position at the CPA
  bool detected = false;
  double warning_s = 0;  ///< cpa_time - first raise
  /// Share of the 30 minutes before the CPA in which the boat was in the picture.
  double boat_tracked_fraction = 0;
};

/// A boat that stopped, and the drifting alert.
struct DriftOutcome {
  std::string boat;
  TimeNs stopped_at = 0;
  bool detected = false;
  double delay_s = 0;  ///< first raise - stopped_at
  /// Share of the 10 s samples in the first 10 minutes after the stop with a picture track
  /// within the association distance of the boat (0: the sensors never saw it adrift).
  double tracked_fraction = 0;
  /// For each attached search area whose time the truth covers: hours, and whether the
  /// true position then lay inside its 90 % region.
  std::vector<std::pair<double, bool>> areas;
};

/// A true SAR-region crossing and whether it was announced before it happened.
struct HandoverOutcome {
  std::string vessel;
  std::string from, to;
  TimeNs crossed_at = 0;
  bool detected = false;
  double lead_s = 0;  ///< crossed_at - first raise (negative: raised after)
};

/// A small boat inside a traffic lane, and whether a lane-crossing alert named it.
struct LaneOutcome {
  std::string boat;
  TimeNs entered_at = 0;
  bool detected = false;
  double delay_s = 0;  ///< first raise - entered_at
};

/// Counts of one alert kind.
struct KindScore {
  std::uint64_t raised = 0;
  std::uint64_t true_alerts = 0;
  std::uint64_t false_alerts = 0;
};

/// Everything measured in one run.
struct RiskEvaluation {
  std::string scenario;
  std::uint64_t seed = 0;
  double hours = 0;
  double mean_tracks = 0;  ///< picture tracks, averaged over the run
  std::map<std::string, KindScore> by_kind;
  std::uint64_t false_alerts = 0;  ///< all kinds but distress
  double false_per_hour_per_100_tracks = 0;
  std::vector<EncounterOutcome> encounters;
  std::vector<DriftOutcome> drifts;
  std::vector<HandoverOutcome> handovers;
  std::vector<LaneOutcome> lane_entries;
  std::vector<std::string> false_notes;  ///< one line per false alert
  std::uint64_t revisions = 0;
};

class SimPipeline;

/// Scores the alerts of a SimPipeline run: attach() before run(), finish() after it.
class RiskScoring {
 public:
  /// Error "no_risk" when the pipeline has no risk stage.
  static Result<std::unique_ptr<RiskScoring>> attach(SimPipeline& run,
                                                     const RiskEvaluationOptions& options = {});
  ~RiskScoring();
  RiskScoring(const RiskScoring&) = delete;
  RiskScoring& operator=(const RiskScoring&) = delete;

  RiskEvaluation finish();

 private:
  struct State;
  RiskScoring();
  std::unique_ptr<State> state_;
};

/// Simulates `scenario` through the pipeline and scores its alerts.
Result<RiskEvaluation> evaluate_risk(const sim::Scenario& scenario,
                                     const RiskEvaluationOptions& options = {});

/// A readable report (what the bench prints).
std::string format_evaluation(const RiskEvaluation& evaluation);

}  // namespace sw::eval
