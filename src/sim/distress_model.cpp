#include "sim/distress_model.h"

#include <cmath>

#include "sim/random.h"

namespace sw::sim {
namespace {

TimeNs seconds_ns(double seconds) { return static_cast<TimeNs>(std::llround(seconds * 1e9)); }

}  // namespace

DistressModel::DistressModel(DistressConfig config, std::uint64_t seed)
    : config_(config), seed_(seed) {}

void DistressModel::tick(const Snapshot& snapshot, TimeNs step_end, ReportQueue& queue) {
  const std::vector<Entity>& entities = *snapshot.entities;
  if (callers_.size() < entities.size()) callers_.resize(entities.size());
  while (rngs_.size() < entities.size()) {
    rngs_.emplace_back(seed_, stream_id(StreamFamily::kDistress, entities[rngs_.size()].id));
  }
  for (std::size_t entity_idx = 0; entity_idx < entities.size(); ++entity_idx) {
    const Entity& boat = entities[entity_idx];
    if (boat.kind != EntityKind::kSmallBoat || boat.activity != Activity::kDrifting) continue;
    Caller& caller = callers_[entity_idx];
    CounterRng& rng = rngs_[entity_idx];
    if (!caller.decided) {
      caller.decided = true;
      caller.calls = chance(rng, config_.call_probability);
      caller.next_call =
          boat.plan.stopped_at + seconds_ns(60.0 * uniform_in(rng, config_.delay_min));
    }
    while (caller.calls && caller.next_call < step_end) {
      const TimeNs time = caller.next_call;
      const EastNorth at = snapshot.plane_at(entity_idx, time);
      DistressEvent call;
      call.time = time;
      call.report_id =
          "SIM-DISTRESS-" + std::to_string(boat.id) + "-" + std::to_string(caller.calls_made + 1);
      call.position = snapshot.world->to_geo({gaussian(rng, at.east, config_.position_sigma_m),
                                              gaussian(rng, at.north, config_.position_sigma_m)});
      call.uncertainty_m = config_.position_sigma_m;
      call.persons_on_board = boat.persons_on_board;
      call.source = caller.calls_made == 0 ? "phone" : "ngo";
      call.text = caller.calls_made == 0 ? "engine stopped, boat drifting, water coming in"
                                         : "update: boat still drifting, no engine";
      call.truth_id = boat.id;
      call.truth_position = snapshot.world->to_geo(at);
      queue.push(std::move(call));
      ++caller.calls_made;
      caller.next_call += seconds_ns(60.0 * config_.update_interval_min);
    }
  }
}

}  // namespace sw::sim
