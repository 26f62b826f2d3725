#include "risk/risk_engine.h"

#include <utility>

#include "core/counter_rng.h"
#include "risk/collision_assessor.h"
#include "risk/distress_assessor.h"
#include "risk/drifting_assessor.h"
#include "risk/handover_assessor.h"
#include "risk/lane_crossing_assessor.h"

namespace sw::risk {

Result<std::unique_ptr<RiskEngine>> RiskEngine::create(RiskSettings settings,
                                                       RiskGeography geography) {
  Result<SearchPlanner> planner = SearchPlanner::create(settings.search, settings.environment);
  if (!planner) return planner.error();
  return std::unique_ptr<RiskEngine>(
      new RiskEngine(std::move(settings), std::move(geography), std::move(*planner)));
}

RiskEngine::RiskEngine(RiskSettings settings, RiskGeography geography, SearchPlanner planner)
    : settings_(std::move(settings)),
      geography_(std::move(geography)),
      picture_(settings_.origin, settings_.roles),
      book_(settings_.book),
      planner_(std::move(planner)) {
  assessors_.push_back(std::make_unique<CollisionAssessor>(settings_.collision, settings_.seed));
  assessors_.push_back(
      std::make_unique<DriftingAssessor>(settings_.drifting, settings_.environment));
  assessors_.push_back(std::make_unique<LaneCrossingAssessor>(settings_.lanes));
  assessors_.push_back(std::make_unique<HandoverAssessor>(settings_.handover));
  assessors_.push_back(std::make_unique<DistressAssessor>(settings_.distress));
}

void RiskEngine::on_tracks(std::span<const track::FusedTrack> updates) {
  for (const track::FusedTrack& update : updates) {
    if (update.status == track::PictureStatus::kMerged && update.merged_into != 0) {
      book_.rename_subject(update.id, update.merged_into, update.time);
    }
  }
  picture_.apply(updates);
}

void RiskEngine::on_observation(const Observation& observation) {
  if (observation.kind != ObservationKind::kDistressReport) return;
  ++stats_.distress_reports;
  for (const auto& assessor : assessors_) assessor->observe(observation);
}

void RiskEngine::advance(TimeNs now) {
  const auto interval =
      static_cast<TimeNs>(settings_.evaluation_interval_s * static_cast<double>(kNsPerSecond));
  if (interval <= 0) return;
  if (first_time_ < 0) first_time_ = now;
  if (next_evaluation_ == 0) next_evaluation_ = (now / interval + 1) * interval;
  // After a long gap only the latest due evaluation runs: the picture is the same.
  if (now >= next_evaluation_) {
    const TimeNs due = now / interval * interval;
    evaluate(due);
    next_evaluation_ = due + interval;
  }
}

void RiskEngine::evaluate(TimeNs now) {
  ++stats_.evaluations;
  picture_.index(now);
  const AssessmentContext context(now, picture_, geography_, book_.active_keys());
  std::vector<Finding> findings;
  std::vector<AlertKind> assessed;
  const bool warming_up = seconds_between(first_time_, now) < settings_.warmup_s;
  for (const auto& assessor : assessors_) {
    if (warming_up && assessor->kind() != AlertKind::kDistress) continue;
    assessor->assess(context, findings);
    assessed.push_back(assessor->kind());
  }
  stats_.findings += findings.size();
  const auto exists = [this](std::uint64_t id) { return picture_.find(id) != nullptr; };
  const auto attach = [this](Alert& alert, const Finding& finding) {
    if (!finding.wants_search_areas) return;
    const std::uint64_t seed = CounterRng::stream_key(settings_.seed, alert.id);
    alert.search_areas =
        planner_.plan(finding.position, finding.search_radius_m, alert.raised_at, seed);
    ++stats_.search_runs;
  };
  book_.apply(std::move(findings), now, assessed, geography_, exists, attach);
}

Status RiskEngine::acknowledge(std::uint64_t id, const std::string& actor, TimeNs at) {
  return book_.acknowledge(id, actor, at);
}

Status RiskEngine::hand_over(std::uint64_t id, const std::string& actor, const std::string& to,
                             TimeNs at) {
  return book_.hand_over(id, actor, to, at);
}

Status RiskEngine::close(std::uint64_t id, const std::string& actor, const std::string& reason,
                         TimeNs at) {
  return book_.close(id, actor, reason, at);
}

}  // namespace sw::risk
