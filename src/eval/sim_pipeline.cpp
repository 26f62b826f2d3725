#include "eval/sim_pipeline.h"

#include <chrono>
#include <variant>

#include "engine/sim_encoder.h"

namespace sw::eval {

/// Truth to the observer, everything else through the encoder into the pipeline.
class SimPipeline::Feed final : public sim::ReportSink {
 public:
  explicit Feed(SimPipeline& owner)
      : owner_(owner),
        encoder_([this](const std::string& source, std::string_view bytes, bool /*datagram*/,
                        TimeNs time) { deliver(source, bytes, time); }) {}

  void emit(const sim::Report& report) override {
    if (const auto* truth = std::get_if<sim::TruthRecord>(&report)) {
      for (const auto& observer : owner_.truth_observers_) observer(*truth);
      return;
    }
    for (const auto& observer : owner_.report_observers_) observer(report);
    encoder_.emit(report);
  }

 private:
  void deliver(const std::string& source, std::string_view bytes, TimeNs time) {
    const auto index = owner_.source_index_.find(source);
    if (index == owner_.source_index_.end() || bytes.empty()) return;
    engine::RawInput input;
    input.receive_time = time;
    input.source = index->second;
    input.bytes.assign(bytes);
    owner_.clock_.set(time);
    const auto started = std::chrono::steady_clock::now();
    owner_.pipeline_->process(input);
    owner_.processing_time_.record(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                       std::chrono::steady_clock::now() - started)
                                       .count());
    ++owner_.inputs_;
  }

  SimPipeline& owner_;
  engine::SimEncoder encoder_;
};

Result<std::unique_ptr<SimPipeline>> SimPipeline::create(const sim::Scenario& scenario) {
  std::unique_ptr<SimPipeline> run(new SimPipeline());
  Result<engine::BuiltinSimulation> built = engine::build_builtin_simulation(scenario);
  if (!built) return built.error();
  run->built_ = std::move(*built);
  const engine::EngineConfig& config = run->built_.config;
  for (std::size_t source = 0; source < config.sources.size(); ++source) {
    run->source_index_[config.sources[source].id] = static_cast<std::uint32_t>(source);
  }
  run->clock_.set(scenario.start);
  Result<std::unique_ptr<engine::Pipeline>> pipeline =
      engine::Pipeline::create(config, run->clock_);
  if (!pipeline) return pipeline.error();
  run->pipeline_ = std::move(*pipeline);
  return run;
}

void SimPipeline::run() {
  Feed feed(*this);
  sim::Simulator& simulator = *built_.simulator;
  while (!simulator.finished()) {
    const TimeNs next = std::min(simulator.now() + sim::Simulator::kStep, simulator.end_time());
    simulator.step(next, feed);
    for (const auto& observer : step_observers_) observer(simulator.now());
  }
  pipeline_->finish();
}

}  // namespace sw::eval
