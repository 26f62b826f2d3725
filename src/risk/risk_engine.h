#pragma once
/// RiskEngine: the risk stage of the engine. It follows the picture's track updates and
/// the distress observations, and every `evaluation_interval_s` of sensor time runs each
/// assessor and hands the findings to the AlertBook; drifting and distress alerts get drift
/// search areas when raised. Operator actions go through it too. Driven by sensor time
/// only, so a replayed journal gives the same alerts, ids and search areas.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/observation.h"
#include "core/result.h"
#include "risk/alert_book.h"
#include "risk/assessor.h"
#include "risk/risk_geography.h"
#include "risk/risk_picture.h"
#include "risk/risk_settings.h"
#include "risk/search_planner.h"
#include "track/fusion/fused_track.h"

namespace sw::risk {

/// Counters of the risk stage.
struct RiskStats {
  std::uint64_t evaluations = 0;
  std::uint64_t findings = 0;
  std::uint64_t distress_reports = 0;
  std::uint64_t search_runs = 0;
};

class RiskEngine {
 public:
  /// Error "leeway_class" for an unknown Leeway class in the search settings.
  static Result<std::unique_ptr<RiskEngine>> create(RiskSettings settings, RiskGeography geography);

  /// Track changes from the picture, in order.
  void on_tracks(std::span<const track::FusedTrack> updates);
  /// Every observation entering fusion (distress reports are taken).
  void on_observation(const Observation& observation);
  /// Sensor time has reached `now`: runs the evaluations that are due.
  void advance(TimeNs now);

  Status acknowledge(std::uint64_t id, const std::string& actor, TimeNs at);
  Status hand_over(std::uint64_t id, const std::string& actor, const std::string& to, TimeNs at);
  Status close(std::uint64_t id, const std::string& actor, const std::string& reason, TimeNs at);

  /// Every alert revision since the last call.
  std::vector<Alert> take_revisions() { return book_.take_revisions(); }
  const AlertBook& book() const { return book_; }
  const RiskPicture& picture() const { return picture_; }
  const RiskGeography& geography() const { return geography_; }
  const RiskSettings& settings() const { return settings_; }
  const RiskStats& stats() const { return stats_; }

 private:
  RiskEngine(RiskSettings settings, RiskGeography geography, SearchPlanner planner);
  void evaluate(TimeNs now);

  RiskSettings settings_;
  RiskGeography geography_;
  RiskPicture picture_;
  AlertBook book_;
  SearchPlanner planner_;
  std::vector<std::unique_ptr<Assessor>> assessors_;
  TimeNs next_evaluation_ = 0;
  TimeNs first_time_ = -1;  ///< sensor time of the first advance (start of the warm-up)
  RiskStats stats_;
};

}  // namespace sw::risk
