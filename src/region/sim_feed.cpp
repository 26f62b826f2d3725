#include "region/sim_feed.h"

#include <variant>

#include "engine/builtin_sim.h"
#include "engine/pipeline.h"
#include "engine/sim_encoder.h"
#include "sim/simulator.h"

namespace sw::region {

namespace {

class BusSink final : public sim::ReportSink {
 public:
  BusSink(Bus& bus, FeedStats& stats)
      : bus_(bus),
        stats_(stats),
        encoder_([this](const std::string& source, std::string_view bytes, bool /*datagram*/,
                        TimeNs time) { deliver(source, bytes, time); }) {}

  void emit(const sim::Report& report) override {
    if (std::holds_alternative<sim::TruthRecord>(report)) return;
    encoder_.emit(report);
  }
  void deliver(const std::string& source, std::string_view bytes, TimeNs time) {
    if (bytes.empty() || !failure_) return;
    ++stats_.inputs;
    stats_.bytes += bytes.size();
    Status sent = bus_.publish_async(bus_.subject(Bus::Stream::kInput, source), bytes,
                                     "in:" + std::to_string(stats_.inputs), time);
    if (!sent) failure_ = sent;
  }
  const Status& failure() const { return failure_; }

 private:
  Bus& bus_;
  FeedStats& stats_;
  engine::SimEncoder encoder_;
  Status failure_ = Ok{};
};

}  // namespace

Result<FeedStats> feed_scenario(const sim::Scenario& scenario, Bus& bus,
                                const std::function<void(const std::string&)>& progress) {
  Result<engine::BuiltinSimulation> built = engine::build_builtin_simulation(scenario);
  if (!built) return built.error();
  FeedStats stats;
  BusSink sink(bus, stats);
  sim::Simulator& simulator = *built->simulator;
  TimeNs next_report = simulator.now() + 3600LL * 1'000'000'000;
  while (!simulator.finished()) {
    const TimeNs next = std::min(simulator.now() + sim::Simulator::kStep, simulator.end_time());
    simulator.step(next, sink);
    if (!sink.failure()) return sink.failure().error();
    if (progress && simulator.now() >= next_report) {
      next_report += 3600LL * 1'000'000'000;
      progress("fed " + std::to_string(stats.inputs) + " inputs");
    }
  }
  // A heartbeat a second past the reorder window releases what every region's window holds
  // without ageing the tracks much past the end.
  const TimeNs end =
      simulator.end_time() + static_cast<TimeNs>((built->config.reorder_window_s + 1.0) * 1e9);
  Status sent = bus.publish_async(bus.subject(Bus::Stream::kInput, "_operator"), engine::kHeartbeat,
                                  "in:end", end);
  if (!sent) return sent.error();
  if (Status flushed = bus.flush(); !flushed) return flushed.error();
  return stats;
}

}  // namespace sw::region
