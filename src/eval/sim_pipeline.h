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
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "engine/builtin_sim.h"
#include "engine/config.h"
#include "engine/metrics.h"
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
  void add_truth_observer(std::function<void(const sim::TruthRecord&)> observer) {
    truth_observers_.push_back(std::move(observer));
  }
  /// Called with every sensor report (not truth) before it is encoded for the pipeline.
  void add_report_observer(std::function<void(const sim::Report&)> observer) {
    report_observers_.push_back(std::move(observer));
  }
  /// Called after each simulated second with the simulation time.
  void add_step_observer(std::function<void(TimeNs)> observer) {
    step_observers_.push_back(std::move(observer));
  }

  /// Runs the whole scenario, then finishes the pipeline.
  void run();

  engine::Pipeline& pipeline() { return *pipeline_; }
  const sim::Simulator& simulator() const { return *built_.simulator; }
  const sim::Geography& geography() const { return built_.geography; }
  const engine::EngineConfig& config() const { return built_.config; }
  std::uint64_t inputs() const { return inputs_; }
  /// Receive time of the input being processed (sensor time as the pipeline sees it).
  TimeNs now() const { return clock_.now(); }
  /// Wall-clock time the pipeline took per input (decode, fuse, risk), on this machine.
  const engine::LatencyHistogram& processing_time() const { return processing_time_; }

 private:
  class Feed;
  SimPipeline() = default;

  engine::BuiltinSimulation built_;
  ManualClock clock_;
  std::unique_ptr<engine::Pipeline> pipeline_;
  std::map<std::string, std::uint32_t> source_index_;
  std::vector<std::function<void(const sim::TruthRecord&)>> truth_observers_;
  std::vector<std::function<void(const sim::Report&)>> report_observers_;
  std::vector<std::function<void(TimeNs)>> step_observers_;
  engine::LatencyHistogram processing_time_;
  std::uint64_t inputs_ = 0;
};

}  // namespace sw::eval
