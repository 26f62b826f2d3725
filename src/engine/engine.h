#pragma once
/// Engine: the live node. I/O threads (one Asio context, plus a thread per file/stdin
/// source) hand raw inputs through a bounded queue to the engine thread, which appends
/// them to the journal, makes each batch durable with one fsync (group commit), and only
/// then runs them through the Pipeline — so every input that reaches a track is on disk,
/// and replaying the journal reproduces the picture.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "engine/config.h"
#include "engine/pipeline.h"
#include "engine/transport/transport.h"
#include "store/journal/journal_writer.h"

namespace sw::engine {

/// Counters of the engine thread.
struct EngineStats {
  std::uint64_t batches = 0;
  std::uint64_t inputs = 0;
  std::uint64_t journal_refused = 0;  ///< inputs the journal could not take: not processed
  std::uint64_t journal_events = 0;   ///< recovery / retention events reported
};

/// One node's live engine.
class Engine {
 public:
  /// Opens the journal under config.data_dir/journal (recovering a torn tail) and builds
  /// the pipeline; nothing runs until start().
  static Result<std::unique_ptr<Engine>> create(EngineConfig config, const Clock& clock);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Install sinks before start(); they run on the engine thread.
  Pipeline& pipeline() { return *pipeline_; }
  const EngineConfig& config() const { return config_; }

  /// Called on the engine thread after each group commit with the last durable sequence:
  /// every input up to it is on disk (an acknowledgement a harness or peer can rely on).
  void set_durable_callback(std::function<void(std::uint64_t)> callback) {
    durable_callback_ = std::move(callback);
  }

  /// Called on the engine thread about once a second (publish status to readers).
  void set_tick_callback(std::function<void()> callback) { tick_callback_ = std::move(callback); }
  /// Called on the engine thread after every turn of its loop (at least every 20 ms),
  /// e.g. to hand staged changes to readers. Install before start().
  void set_loop_callback(std::function<void()> callback) { loop_callback_ = std::move(callback); }

  /// Hands an input to the engine from any thread (the server's operator actions use the
  /// operator source); false when the queue is full or closed: the caller must say so.
  bool submit(RawInput input);

  /// Binds and connects every source and starts the threads.
  Status start();
  /// Stops the transports, processes what is queued, commits, and finishes the pipeline.
  void stop();
  /// True when every finite source (file, stdin) has been read to its end and processed.
  bool drained() const;
  /// Port bound by source `source` (udp, tcp-server), 0 otherwise.
  std::uint16_t bound_port(std::size_t source) const;

  /// A text summary of the picture and the sources, refreshed by the engine thread.
  std::string summary() const;
  /// The journal's recovery report at open (empty when the journal was clean).
  const std::vector<std::string>& recovery_report() const { return recovery_report_; }

 private:
  Engine(EngineConfig config, const Clock& clock);
  void run();
  void refresh_summary();

  EngineConfig config_;
  const Clock& clock_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<store::JournalWriter> journal_;
  std::unique_ptr<InputQueue> queue_;
  boost::asio::io_context io_;
  std::vector<std::unique_ptr<SourceTransport>> transports_;
  std::thread io_thread_;
  std::thread engine_thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> idle_{false};
  std::atomic<std::uint64_t> queued_processed_{0};
  EngineStats stats_;
  std::vector<std::string> recovery_report_;
  mutable std::mutex summary_mutex_;
  std::string summary_;
  TimeNs last_summary_ = 0;
  TimeNs last_activity_ = 0;  ///< clock time of the last input or heartbeat
  std::function<void(std::uint64_t)> durable_callback_;
  std::function<void()> tick_callback_;
  std::function<void()> loop_callback_;
  LatencyHistogram commit_time_;  ///< journal append + fsync of one batch
};

/// The open alerts, most severe first (part of the summary).
std::string format_alerts(const risk::RiskEngine& risk);

/// Text of the summary for a pipeline (used live and after replay).
std::string format_summary(const Pipeline& pipeline, const EngineConfig& config);

}  // namespace sw::engine
