#pragma once
/// SimPipeline: a simulation run straight into a Pipeline in this process, with no sockets
/// and no wall clock — every report encoded in its wire format (SimEncoder) and handed to
/// the pipeline as the raw input of its source, received at its report time. The same
/// scenario and seed give the same tracks and alerts on any machine at any speed, which is
/// what tests and evaluations against the simulator's ground truth need.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "engine/config.h"
#include "engine/pipeline.h"
#include "sim/geography.h"
#include "sim/reports.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

namespace sw::eval {

class SimPipeline {
 public:
  /// Builds the simulator and a pipeline with the built-in simulation's sources (and its
  /// risk stage) for `scenario`.
  static Result<std::unique_ptr<SimPipeline>> create(const sim::Scenario& scenario);

  /// Called with every ground-truth record, in time order, before the reports of its step.
  void set_truth_observer(std::function<void(const sim::TruthRecord&)> observer) {
    truth_observer_ = std::move(observer);
  }
  /// Called after each simulated second with the simulation time.
  void set_step_observer(std::function<void(TimeNs)> observer) {
    step_observer_ = std::move(observer);
  }

  /// Runs the whole scenario, then finishes the pipeline.
  void run();

  engine::Pipeline& pipeline() { return *pipeline_; }
  const sim::Simulator& simulator() const { return *simulator_; }
  const sim::Geography& geography() const { return geography_; }
  const engine::EngineConfig& config() const { return config_; }
  std::uint64_t inputs() const { return inputs_; }

 private:
  class Feed;
  SimPipeline() = default;

  sim::Geography geography_;
  std::unique_ptr<sim::Simulator> simulator_;
  engine::EngineConfig config_;
  ManualClock clock_;
  std::unique_ptr<engine::Pipeline> pipeline_;
  std::map<std::string, std::uint32_t> source_index_;
  std::function<void(const sim::TruthRecord&)> truth_observer_;
  std::function<void(TimeNs)> step_observer_;
  std::uint64_t inputs_ = 0;
};

}  // namespace sw::eval
