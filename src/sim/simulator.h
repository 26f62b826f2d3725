#pragma once
/// Simulator: a deterministic model of the Dover Strait — traffic, shore radars, AIS
/// stations, aircraft and drone sensors, distress calls — run on a simulated clock.
///
/// Time advances in steps of one second from the scenario's start. Every step applies the
/// entities' events, runs the sensor models on the state at the start of the step (sensor
/// times inside the step use constant-velocity extrapolation), emits every report timed
/// before the end of the step in time order, then moves the entities. Same scenario and
/// seed: same reports, byte for byte, however step() is called.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "sim/airborne_model.h"
#include "sim/ais_model.h"
#include "sim/distress_model.h"
#include "sim/entity.h"
#include "sim/geography.h"
#include "sim/radar_model.h"
#include "sim/scenario.h"
#include "sim/sink.h"
#include "sim/world.h"

namespace sw::sim {

/// Reports emitted so far, by kind.
struct SimStats {
  std::uint64_t truth = 0;
  std::uint64_t ais = 0;
  std::uint64_t north_markers = 0;
  std::uint64_t plots = 0;
  std::uint64_t clutter_plots = 0;
  std::uint64_t sightings = 0;
  std::uint64_t asset_positions = 0;
  std::uint64_t distress = 0;
  std::uint64_t steps = 0;
};

/// A radar as the decoders downstream need to know it.
struct RadarSite {
  std::string id;
  std::uint8_t sac = 0;
  std::uint8_t sic = 0;
  LatLon position;
  double height_m = 0.0;
};

/// The Strait, simulated.
class Simulator {
 public:
  /// Length of one simulation step.
  static constexpr TimeNs kStep = kNsPerSecond;

  /// Build a run. Errors when the geography lacks a place the scenario names (a sensor
  /// site, a ferry port, launch areas).
  static Result<std::unique_ptr<Simulator>> create(const Scenario& scenario,
                                                   const Geography& geography);

  /// Advance the clock to `until` (at most end_time(); whole steps, except a last partial
  /// step at the end), emitting to `sink`, in time order, every report timed before the
  /// new now(). Calling step() again with an earlier time does nothing.
  void step(TimeNs until, ReportSink& sink);
  /// Run to the end.
  void run(ReportSink& sink) { step(end_time(), sink); }

  TimeNs start_time() const { return scenario_.start; }
  TimeNs end_time() const { return end_; }
  TimeNs now() const { return now_; }
  bool finished() const { return now_ >= end_; }

  const Scenario& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  const std::vector<Entity>& entities() const { return entities_; }
  std::vector<RadarSite> radar_sites() const;
  const std::vector<AisReceiverSite>& ais_receivers() const { return ais_.receivers(); }
  const SimStats& stats() const { return stats_; }

 private:
  Simulator(const Scenario& scenario, World world, std::vector<Entity> entities,
            std::vector<AisReceiverSite> receivers);
  void run_step(ReportSink& sink);
  void push_truth(const Snapshot& snapshot, TimeNs time);
  void count(const Report& report);

  Scenario scenario_;
  World world_;
  std::vector<Entity> entities_;
  AisModel ais_;
  std::vector<RadarModel> radars_;
  AirborneModel airborne_;
  DistressModel distress_;
  ReportQueue queue_;
  Snapshot snapshot_;
  TimeNs now_;
  TimeNs end_;
  std::optional<std::size_t> truth_radar_;
  SimStats stats_;
};

}  // namespace sw::sim
