#include "sim/simulator.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "sim/behaviour.h"
#include "sim/scripted.h"
#include "sim/traffic.h"

namespace sw::sim {
namespace {

Result<LatLon> resolve(const Place& place, const Geography& geography, const std::string& what) {
  if (place.position) return *place.position;
  auto point = geography.find_point(place.site);
  if (!point) return Error{point.error().code, what + ": " + point.error().detail};
  return (*point)->position;
}

/// Counts what passes through, by kind.
class CountingSink final : public ReportSink {
 public:
  CountingSink(SimStats& stats, ReportSink& inner) : stats_(stats), inner_(inner) {}
  void emit(const Report& report) override {
    switch (report.index()) {
      case 0: ++stats_.truth; break;
      case 1: ++stats_.ais; break;
      case 2: ++stats_.north_markers; break;
      case 3:
        ++stats_.plots;
        if (std::get<RadarPlot>(report).truth_id == 0) ++stats_.clutter_plots;
        break;
      case 4: ++stats_.sightings; break;
      case 5: ++stats_.asset_positions; break;
      default: ++stats_.distress; break;
    }
    inner_.emit(report);
  }

 private:
  SimStats& stats_;
  ReportSink& inner_;
};

}  // namespace

Result<std::unique_ptr<Simulator>> Simulator::create(const Scenario& scenario,
                                                     const Geography& geography) {
  World world = make_world(scenario, geography);
  std::vector<AisReceiverSite> receivers;
  for (const AisReceiverConfig& config : scenario.ais_receivers) {
    auto position = resolve(config.place, geography, "ais_receiver " + config.id);
    if (!position) return position.error();
    receivers.push_back({config, *position});
  }
  std::vector<LatLon> radar_positions;
  for (const RadarConfig& config : scenario.radars) {
    auto position = resolve(config.place, geography, "radar " + config.id);
    if (!position) return position.error();
    radar_positions.push_back(*position);
  }
  auto entities = build_traffic(scenario, geography, world);
  if (!entities) return entities.error();
  std::unique_ptr<Simulator> simulator(
      new Simulator(scenario, std::move(world), std::move(*entities), std::move(receivers)));
  for (std::size_t radar_idx = 0; radar_idx < scenario.radars.size(); ++radar_idx) {
    simulator->radars_.emplace_back(scenario.radars[radar_idx], radar_positions[radar_idx],
                                    radar_idx, scenario.seed, scenario.start, simulator->world_);
    if (scenario.radars[radar_idx].id == scenario.output.truth_per_scan_of) {
      simulator->truth_radar_ = radar_idx;
    }
  }
  return simulator;
}

Simulator::Simulator(const Scenario& scenario, World world, std::vector<Entity> entities,
                     std::vector<AisReceiverSite> receivers)
    : scenario_(scenario),
      world_(std::move(world)),
      entities_(std::move(entities)),
      ais_(std::move(receivers), scenario.seed, scenario.start),
      airborne_(scenario),
      distress_(scenario.distress, scenario.seed),
      now_(scenario.start),
      end_(scenario.start + static_cast<TimeNs>(std::llround(scenario.duration_s * 1e9))) {
  snapshot_.entities = &entities_;
  snapshot_.world = &world_;
}

std::vector<RadarSite> Simulator::radar_sites() const {
  std::vector<RadarSite> sites;
  for (const RadarModel& radar : radars_) {
    sites.push_back({radar.config().id, radar.config().sac, radar.config().sic, radar.site(),
                     radar.config().height_m});
  }
  return sites;
}

void Simulator::step(TimeNs until, ReportSink& sink) {
  CountingSink counting(stats_, sink);
  const TimeNs limit = std::min(until, end_);
  while (now_ < limit && (now_ + kStep <= limit || limit == end_)) run_step(counting);
}

void Simulator::push_truth(const Snapshot& snapshot, TimeNs time) {
  for (std::size_t entity_idx = 0; entity_idx < entities_.size(); ++entity_idx) {
    const Entity& entity = entities_[entity_idx];
    if (!entity.active()) continue;
    TruthRecord record;
    record.time = time;
    record.id = entity.id;
    record.kind = entity.kind;
    record.activity = entity.activity;
    record.name = entity.name;
    record.mmsi = entity.vessel.ais_class == AisClass::kNone ? 0 : entity.vessel.mmsi;
    record.position = snapshot.geo_at(entity_idx, time);
    record.altitude_m = entity.state.altitude_m;
    record.speed_kn = units::mps_to_knots(entity.state.speed_mps);
    record.course_deg = entity.state.course_deg;
    record.persons_on_board = entity.persons_on_board;
    queue_.push(std::move(record));
  }
}

void Simulator::run_step(ReportSink& sink) {
  const TimeNs step_start = now_;
  const TimeNs step_end = std::min(now_ + kStep, end_);
  for (Entity& entity : entities_) apply_events(entity, step_start, world_);
  apply_scripted_leaves(entities_, scenario_, step_start);

  snapshot_.time = step_start;
  snapshot_.positions.resize(entities_.size());
  for (std::size_t entity_idx = 0; entity_idx < entities_.size(); ++entity_idx) {
    if (entities_[entity_idx].active()) {
      snapshot_.positions[entity_idx] = world_.to_geo(entities_[entity_idx].state.position);
    }
  }

  const auto truth_interval =
      static_cast<TimeNs>(std::max(1.0, scenario_.output.truth_interval_s)) * kNsPerSecond;
  if (!truth_radar_ && (step_start - scenario_.start) % truth_interval == 0) {
    push_truth(snapshot_, step_start);
  }
  ais_.tick(snapshot_, queue_);
  for (std::size_t radar_idx = 0; radar_idx < radars_.size(); ++radar_idx) {
    if (truth_radar_ == radar_idx) {
      radars_[radar_idx].tick(snapshot_, step_end, queue_,
                              [this](TimeNs scan_start) { push_truth(snapshot_, scan_start); });
    } else {
      radars_[radar_idx].tick(snapshot_, step_end, queue_);
    }
  }
  airborne_.tick(snapshot_, step_end, queue_);
  distress_.tick(snapshot_, step_end, queue_);
  queue_.flush_before(step_end, sink);

  const double dt_s =
      static_cast<double>(step_end - step_start) / static_cast<double>(kNsPerSecond);
  for (Entity& entity : entities_) move(entity, step_start, dt_s, world_);
  now_ = step_end;
  ++stats_.steps;
  if (now_ >= end_) queue_.clear();  // reports timed after the end of the run
}

}  // namespace sw::sim
