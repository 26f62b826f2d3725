#pragma once
/// A region process: one RegionTracker fed from the bus. On start it reads its last
/// checkpoint (the input sequence up to which everything it said is stored) and its log of
/// handover matches, replays the input stream up to the checkpoint in silence to rebuild
/// the tracker, then takes inputs from its durable consumer: every batch is processed, what
/// it says is published (and acknowledged by the streams), the checkpoint is written, and
/// only then is the batch acknowledged. A process killed at any point therefore resumes
/// without losing a track update or storing one twice (repeats carry the same message id).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/config.h"
#include "region/bus.h"
#include "region/region_tracker.h"

namespace sw::region {

struct RegionProcessStats {
  RegionStats tracker;
  std::uint64_t replayed = 0;       ///< inputs replayed in silence at start
  std::uint64_t checkpoint = 0;     ///< input sequence of the last checkpoint
  std::uint64_t bad_inputs = 0;     ///< unknown source subject or no receive time
  std::uint64_t bad_handovers = 0;  ///< malformed handover messages (acknowledged, dropped)
  std::uint64_t processed = 0;      ///< inputs taken live (after the replay)
  double busy_s = 0;                ///< wall time from the first live batch to the last one's end
};

class RegionProcess {
 public:
  static Result<std::unique_ptr<RegionProcess>> start(const engine::EngineConfig& config,
                                                      const RegionPlan& plan,
                                                      const std::string& region,
                                                      const Clock& clock);
  ~RegionProcess();

  /// Runs until `stop` is set (or, with `exit_idle_s` > 0, until no input came for that
  /// long). `report` gets a status line every few seconds.
  Status run(const std::atomic<bool>& stop, double exit_idle_s,
             const std::function<void(const std::string&)>& report);
  RegionProcessStats stats() const;
  /// The picture and every source's counters (inputs, rejects by reason, observations
  /// outside the region), as `straitwatch run` prints them.
  std::string summary() const;

 private:
  RegionProcess() = default;
  Status replay();
  Status take_handovers();
  Status process_batch(std::vector<BusMessage>& batch);
  void on_publish(const track::FusedTrack& track);
  void on_hand_over(const RegionMessage& handover);
  void on_match(std::uint64_t token, std::uint64_t local, std::uint64_t id, std::uint64_t sequence);
  void on_expire(std::uint64_t token);
  /// The input of a bus message; none (counted) when it names no known source.
  std::optional<engine::RawInput> input_of(const BusMessage& message);
  std::string message_id();

  std::string name_;
  engine::EngineConfig config_;
  std::unique_ptr<Bus> bus_;
  std::unique_ptr<RegionTracker> tracker_;
  std::unique_ptr<DurableConsumer> inputs_;
  std::unique_ptr<DurableConsumer> handovers_;
  std::map<std::uint64_t, BusMessage> pending_handovers_;  ///< by stream sequence
  std::set<std::uint64_t> matched_handovers_;
  std::uint64_t checkpoint_ = 0;
  std::uint64_t output_index_ = 0;  ///< outputs of the input being processed
  Status failure_ = Ok{};           ///< first publish error, reported by run()
  RegionProcessStats stats_;
  std::optional<std::chrono::steady_clock::time_point> first_batch_;
};

}  // namespace sw::region
