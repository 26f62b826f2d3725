#pragma once
/// The built-in Dover Strait simulation as live sensors: the engine configuration for the
/// simulator's sensors (every one a real loopback socket source), and a feeder thread that
/// runs the simulator on the engine's clock and sends each report in its real format —
/// AIS NMEA and ASTERIX over UDP, Cursor-on-Target and distress JSON over TCP.

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/result.h"
#include "engine/engine.h"
#include "sim/geography.h"
#include "sim/simulator.h"

namespace sw::engine {

/// Engine configuration (TOML text) with one source per simulated sensor feed, all on
/// 127.0.0.1 with port 0 (the feeder asks the engine for the bound ports); the reorder
/// window is 5 s of wall time at `speed` simulated seconds per second.
std::string builtin_config_toml(const sim::Simulator& simulator, const std::string& data_dir,
                                double speed);

/// A scenario's simulator, its geography, and the engine configuration of its sensors (as
/// builtin_config_toml gives it): what runs the simulation in simulated time, in one process
/// (the evaluation) or onto the region bus.
struct BuiltinSimulation {
  sim::Geography geography;
  std::unique_ptr<sim::Simulator> simulator;
  EngineConfig config;
};
Result<BuiltinSimulation> build_builtin_simulation(const sim::Scenario& scenario);

/// Counters of the feeder.
struct FeederStats {
  std::atomic<std::uint64_t> reports{0};
  std::atomic<std::uint64_t> datagrams{0};
  std::atomic<std::uint64_t> stream_bytes{0};
  std::atomic<std::uint64_t> send_errors{0};
};

/// Drives `simulator` up to clock.now() every `tick` and sends what it reports.
class SimFeeder {
 public:
  SimFeeder(sim::Simulator& simulator, const Engine& engine, const Clock& clock);
  ~SimFeeder();
  SimFeeder(const SimFeeder&) = delete;
  SimFeeder& operator=(const SimFeeder&) = delete;

  /// Opens the sockets (connecting the TCP ones) and starts the thread.
  Status start();
  void stop();
  /// The simulation reached its end and everything was sent.
  bool finished() const { return finished_; }
  const FeederStats& stats() const { return stats_; }

 private:
  class Sender;
  void run();

  sim::Simulator& simulator_;
  const Engine& engine_;
  const Clock& clock_;
  std::unique_ptr<Sender> sender_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> finished_{false};
  FeederStats stats_;
};

}  // namespace sw::engine
