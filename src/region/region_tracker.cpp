#include "region/region_tracker.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "region/region_ids.h"
#include "share/federation/wire.h"

namespace sw::region {

using track::FusedTrack;
using track::PictureStatus;
using track::TrackClass;

RegionTracker::RegionTracker(const RegionPlan& plan, RegionMap map, std::size_t region)
    : settings_(plan.handover), map_(std::move(map)), region_(region) {}

RegionTracker::~RegionTracker() = default;

Result<std::unique_ptr<RegionTracker>> RegionTracker::create(engine::EngineConfig config,
                                                             const RegionPlan& plan,
                                                             std::size_t region,
                                                             const Clock& clock) {
  if (region >= plan.regions.size()) return Error{"region_unknown", "no such region"};
  Result<RegionMap> map = RegionMap::create(plan, config.origin);
  if (!map) return map.error();
  config.risk.reset();  // alerts are assessed on the joined picture
  std::unique_ptr<RegionTracker> tracker(new RegionTracker(plan, std::move(*map), region));
  const RegionSpec& spec = plan.regions[region];
  for (std::size_t index = 0; index < config.sources.size(); ++index) {
    const std::string& id = config.sources[index].id;
    if (!share::valid_subject_token(id)) {
      return Error{"region_value",
                   "source id '" + id + "' cannot name a bus subject: 1-64 of [A-Za-z0-9_-]"};
    }
    tracker->source_ids_[id] = index;
    const bool takes = spec.sources.empty() || std::find(spec.sources.begin(), spec.sources.end(),
                                                         id) != spec.sources.end();
    tracker->takes_source_.push_back(takes);
  }
  for (const std::string& wanted : spec.sources) {
    if (tracker->source_ids_.count(wanted) == 0) {
      return Error{"region_value",
                   "region '" + spec.name + "' takes source '" + wanted + "', not configured"};
    }
  }
  tracker->takes_source_.push_back(true);  // the operator source: heartbeats
  Result<std::unique_ptr<engine::Pipeline>> pipeline = engine::Pipeline::create(config, clock);
  if (!pipeline) return pipeline.error();
  tracker->pipeline_ = std::move(*pipeline);
  RegionTracker* raw = tracker.get();
  tracker->pipeline_->set_observation_filter([raw](const Observation& observation) {
    return !observation.position || raw->map_.covers(raw->region_, *observation.position);
  });
  tracker->pipeline_->add_update_sink(
      [raw](std::span<const FusedTrack> updates) { raw->on_updates(updates); });
  return tracker;
}

std::optional<std::size_t> RegionTracker::source_index(const std::string& id) const {
  if (id == "_operator") return pipeline_->source_count();
  const auto found = source_ids_.find(id);
  if (found == source_ids_.end()) return std::nullopt;
  return found->second;
}

void RegionTracker::process(const engine::RawInput& input, std::uint64_t sequence) {
  ++stats_.inputs;
  sequence_ = sequence;
  if (input.source < takes_source_.size() && !takes_source_[input.source]) {
    ++stats_.inputs_other_sources;
    return;
  }
  if (input.source <= pipeline_->source_count()) {  // the bus is this region's transport
    engine::SourceCounters& counters = pipeline_->counters(input.source);
    ++counters.received;
    counters.received_bytes += input.bytes.size();
  }
  pipeline_->process(input);
}

void RegionTracker::finish() { pipeline_->finish(); }

void RegionTracker::receive(const RegionMessage& handover, std::uint64_t token) {
  ++stats_.handovers_received;
  pending_.push_back(Pending{handover, token});
}

RegionStats RegionTracker::stats() const {
  RegionStats stats = stats_;
  stats.pending = pending_.size();
  return stats;
}

void RegionTracker::on_updates(std::span<const FusedTrack> updates) {
  for (const FusedTrack& update : updates) {
    now_ = std::max(now_, update.time);
    on_update(update);
  }
  expire_pending(now_);
}

void RegionTracker::on_update(const FusedTrack& update) {
  const auto [entry, first] = locals_.try_emplace(update.id);
  Local& local = entry->second;
  const std::uint64_t identity = identity_id(update);
  if (identity != 0) local.id = identity;
  const bool ended =
      update.status == PictureStatus::kLost || update.status == PictureStatus::kMerged;
  if (ended) {
    if (local.owned && local.id != 0) publish(update, local);
    if (update.status == PictureStatus::kLost) locals_.erase(update.id);
    return;
  }
  const std::optional<std::size_t> owner = map_.owner(update.position);
  const bool in_core = owner == region_;
  if (first) local.born_in_core = in_core;
  if (in_core) {
    if (local.id == 0 && !assign_dark_id(update, local)) return;
    local.owned = true;
    publish(update, local);
    return;
  }
  local.entered_core = -1;
  if (!local.owned) return;
  if (!owner) {  // left every region's core: the last holder keeps it
    publish(update, local);
    return;
  }
  local.owned = false;
  if (identity != 0) return;  // the neighbour knows it by the same id
  RegionMessage handover{name(), map_.name(*owner), update};
  handover.track.id = local.id;
  ++stats_.handovers_sent;
  if (!quiet_ && outputs_.hand_over) outputs_.hand_over(handover);
}

bool RegionTracker::assign_dark_id(const FusedTrack& update, Local& local) {
  if (const auto forced = forced_.find(update.id);
      forced != forced_.end() && sequence_ >= forced->second.second) {
    local.id = forced->second.first;
    forced_.erase(forced);
    return true;
  }
  // The nearest pending handover within the gate, carried forward to this update's time.
  const LocalFrame frame(update.position);
  double best = settings_.gate_m;
  std::size_t chosen = pending_.size();
  for (std::size_t index = 0; index < pending_.size(); ++index) {
    const FusedTrack& handed = pending_[index].handover.track;
    const double dt = static_cast<double>(update.time - handed.time) * 1e-9;
    const EastNorth at = frame.forward(handed.position);
    const double east = at.east + handed.velocity.east * dt;
    const double north = at.north + handed.velocity.north * dt;
    const double distance = std::hypot(east, north);
    if (distance <= best) {
      best = distance;
      chosen = index;
    }
  }
  if (chosen < pending_.size()) {
    local.id = pending_[chosen].handover.track.id;
    ++stats_.handovers_matched;
    if (outputs_.on_match) {
      outputs_.on_match(pending_[chosen].token, update.id, local.id, sequence_);
    }
    pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(chosen));
    return true;
  }
  const std::uint64_t own_id = region_base(region_) + update.id % kRegionIdSpan;
  if (local.born_in_core) {
    local.id = own_id;
    return true;
  }
  if (local.entered_core < 0) local.entered_core = update.time;
  if (static_cast<double>(update.time - local.entered_core) * 1e-9 < settings_.hold_s) {
    return false;
  }
  local.id = own_id;
  ++stats_.own_id_after_hold;
  return true;
}

void RegionTracker::publish(const FusedTrack& update, const Local& local) {
  ++stats_.published;
  if (quiet_ || !outputs_.publish) return;
  FusedTrack out = update;
  out.id = local.id;
  if (out.merged_into != 0) {
    const auto into = locals_.find(out.merged_into);
    out.merged_into = into != locals_.end() ? into->second.id : 0;
  }
  outputs_.publish(out);
}

void RegionTracker::expire_pending(TimeNs now) {
  const auto limit = static_cast<TimeNs>(settings_.expire_s * 1e9);
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now - it->handover.track.time > limit) {
      ++stats_.handovers_expired;
      if (outputs_.on_expire) outputs_.on_expire(it->token);
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace sw::region
