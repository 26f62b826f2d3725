#pragma once
/// IngestProbe: the engine side of the server load benchmark. Loads a recorded journal
/// into memory once, then times engine::Pipeline over it — decode, reorder, fuse, as
/// `straitwatch replay --no-store` does — either bare or with the server's sinks attached
/// (TrackStaging into the LivePicture the HTTP server streams from, flushed as the live
/// engine loop does), so the two rates are measured on the same input in the same process.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/config.h"
#include "engine/raw_input.h"
#include "server/live_picture.h"

namespace sw::bench {

/// One timed pass of the pipeline over the recording.
struct IngestRun {
  std::uint64_t inputs = 0;
  std::uint64_t observations = 0;
  double seconds = 0;
  double engine_cpu_seconds = 0;    ///< of the thread that ran the pipeline
  std::uint64_t track_changes = 0;  ///< handed to the update sinks
  double observations_per_s() const {
    return seconds > 0 ? static_cast<double>(observations) / seconds : 0.0;
  }
};

class IngestProbe {
 public:
  /// Reads `journal_dir` (records of sources unknown to `config` are left out).
  static Result<IngestProbe> load(const std::string& journal_dir, engine::EngineConfig config);

  /// One pass; with `picture`, the server's sinks are attached to that picture.
  Result<IngestRun> run(server::LivePicture* picture) const;
  std::size_t inputs() const { return inputs_.size(); }

 private:
  IngestProbe(engine::EngineConfig config, std::vector<engine::RawInput> inputs)
      : config_(std::move(config)), inputs_(std::move(inputs)) {}

  engine::EngineConfig config_;
  std::vector<engine::RawInput> inputs_;
};

}  // namespace sw::bench
