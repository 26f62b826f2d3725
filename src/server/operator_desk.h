#pragma once
/// OperatorDesk: carries operator actions on alerts (acknowledge, hand over, close) from the
/// server to the engine and their outcomes back. An action becomes an input of the engine's
/// `operator` source, so it is journaled before it takes effect and a replay repeats it; the
/// answer to the operator waits until the pipeline has applied it (or a timeout passes).

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "engine/pipeline.h"
#include "engine/raw_input.h"

namespace sw::server {

class OperatorDesk {
 public:
  /// Hands an input to the engine; false when it cannot take it (queue full).
  using Submit = std::function<bool(engine::RawInput)>;
  /// Called with the outcome (on the engine thread, or on the caller's for a refusal).
  using Done = std::function<void(const Status&)>;

  /// `operator_source` is the engine's index of the operator source.
  OperatorDesk(Submit submit, std::uint32_t operator_source, const Clock& clock);

  /// Sends {"action", "alert", "actor", "to", "reason"} to the engine; `done` gets the
  /// pipeline's outcome, or "engine_busy" at once when the engine queue is full.
  void act(const std::string& action, std::uint64_t alert, const std::string& actor,
           const std::string& to, const std::string& reason, Done done);

  /// The pipeline's OperatorSink: completes the waiting request.
  void complete(const engine::OperatorOutcome& outcome);
  /// Fails requests older than `timeout` with "timeout" (call periodically).
  void expire(std::chrono::milliseconds timeout);

 private:
  struct Waiting {
    Done done;
    std::chrono::steady_clock::time_point since;
  };

  Submit submit_;
  std::uint32_t operator_source_;
  const Clock& clock_;
  std::mutex mutex_;
  std::uint64_t next_request_ = 1;
  std::string prefix_;  ///< makes request ids unique across restarts of the node
  std::map<std::string, Waiting> waiting_;
};

}  // namespace sw::server
