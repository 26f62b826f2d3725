#include "engine/replay.h"

#include <chrono>
#include <thread>
#include <unordered_map>
#include <vector>

namespace sw::engine {

namespace {
constexpr std::size_t kBatchRecords = 4096;
}  // namespace

Result<ReplayStats> replay_journal(const std::string& directory, const EngineConfig& config,
                                   Pipeline& pipeline, double speed,
                                   store::JournalWriter* rejournal, bool finish_pipeline) {
  auto reader = store::JournalReader::open(directory);
  if (!reader) return reader.error();
  std::unordered_map<std::string, std::uint32_t> source_index;
  for (std::size_t source = 0; source < config.sources.size(); ++source) {
    source_index.emplace(config.sources[source].id, static_cast<std::uint32_t>(source));
  }
  source_index.emplace(kOperatorSourceId, static_cast<std::uint32_t>(config.sources.size()));
  ReplayStats stats;
  const auto wall_start = std::chrono::steady_clock::now();
  TimeNs first_receive = 0;
  RawInput input;
  std::vector<RawInput> batch;
  auto process_batch = [&]() -> Status {
    if (rejournal != nullptr && !batch.empty()) {
      for (const RawInput& pending : batch) {
        auto appended = rejournal->append(pending.receive_time, source_id(config, pending.source),
                                          pending.bytes);
        if (!appended) return appended.error();
      }
      if (Status committed = rejournal->commit(); !committed) return committed;
    }
    for (const RawInput& pending : batch) pipeline.process(pending);
    batch.clear();
    return Ok{};
  };
  while (auto record = reader->next()) {
    ++stats.records;
    const auto found = source_index.find(std::string(record->source_id));
    if (found == source_index.end()) {
      ++stats.unknown_source;
      continue;
    }
    if (speed > 0.0) {
      if (first_receive == 0) first_receive = record->receive_time;
      const auto offset = std::chrono::nanoseconds(static_cast<std::int64_t>(
          static_cast<double>(record->receive_time - first_receive) / speed));
      std::this_thread::sleep_until(wall_start + offset);
    }
    input.receive_time = record->receive_time;
    input.source = found->second;
    input.bytes.assign(record->payload);
    ++pipeline.counters(input.source).journaled;
    pipeline.counters(input.source).received.fetch_add(1, std::memory_order_relaxed);
    batch.push_back(input);
    if (batch.size() >= kBatchRecords || speed > 0.0) {
      if (Status done = process_batch(); !done) return done.error();
    }
  }
  if (Status done = process_batch(); !done) return done.error();
  if (finish_pipeline) pipeline.finish();
  stats.journal = reader->stats();
  return stats;
}

}  // namespace sw::engine
