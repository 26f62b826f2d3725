#pragma once
/// Replay: runs the pipeline over a journal, record by record in journal order, exactly as
/// the live engine did — the same tracks, ids and store contents come out.

#include <cstdint>
#include <string>

#include "core/result.h"
#include "engine/config.h"
#include "engine/pipeline.h"
#include "store/journal/journal_reader.h"
#include "store/journal/journal_writer.h"

namespace sw::engine {

/// What a replay read.
struct ReplayStats {
  std::uint64_t records = 0;
  std::uint64_t unknown_source = 0;  ///< records of a source id not in the configuration
  store::JournalReadStats journal;
};

/// Feeds every record of the journal in `directory` to `pipeline` (built from `config`),
/// then finishes it. `speed` > 0 paces the records by their receive times (2 = twice as
/// fast as they arrived); 0 runs as fast as possible. Pacing never changes the results.
/// Crash recovery passes `finish_pipeline` = false: the live inputs that follow continue the
/// same sequence of process() calls a single clean replay would make.
/// With `rejournal`, every record is first appended to that journal and each batch of up to
/// 4096 records made durable (one fsync) before it is processed — the live engine's ingest
/// path without the sockets, for benchmarks.
Result<ReplayStats> replay_journal(const std::string& directory, const EngineConfig& config,
                                   Pipeline& pipeline, double speed = 0.0,
                                   store::JournalWriter* rejournal = nullptr,
                                   bool finish_pipeline = true);

}  // namespace sw::engine
