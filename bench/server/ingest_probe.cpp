#include "ingest_probe.h"

#include <time.h>

#include <chrono>
#include <memory>
#include <unordered_map>

#include "engine/pipeline.h"
#include "server/track_staging.h"
#include "store/journal/journal_reader.h"

namespace sw::bench {
namespace {

/// The live engine hands staged changes over after each loop turn; here after this many inputs
/// (TrackStaging itself limits the hand-overs to one per 50 ms).
constexpr std::size_t kInputsPerLoopTurn = 64;

double thread_cpu_seconds() {
  timespec spec{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec);
  return static_cast<double>(spec.tv_sec) + static_cast<double>(spec.tv_nsec) / 1e9;
}

}  // namespace

Result<IngestProbe> IngestProbe::load(const std::string& journal_dir, engine::EngineConfig config) {
  auto reader = store::JournalReader::open(journal_dir);
  if (!reader) return reader.error();
  std::unordered_map<std::string, std::uint32_t> source_index;
  for (std::size_t source = 0; source < config.sources.size(); ++source) {
    source_index.emplace(config.sources[source].id, static_cast<std::uint32_t>(source));
  }
  source_index.emplace(engine::kOperatorSourceId,
                       static_cast<std::uint32_t>(config.sources.size()));
  std::vector<engine::RawInput> inputs;
  while (auto record = reader->next()) {
    const auto found = source_index.find(std::string(record->source_id));
    if (found == source_index.end()) continue;
    inputs.push_back({record->receive_time, found->second, std::string(record->payload)});
  }
  if (inputs.empty()) return Error{"empty", "no records of configured sources in " + journal_dir};
  return IngestProbe(std::move(config), std::move(inputs));
}

Result<IngestRun> IngestProbe::run(server::LivePicture* picture) const {
  ManualClock clock(0);  // as `straitwatch replay`: the clock only times latency metrics
  auto pipeline = engine::Pipeline::create(config_, clock);
  if (!pipeline) return pipeline.error();
  IngestRun result;
  std::unique_ptr<server::TrackStaging> staging;
  if (picture != nullptr) {
    // As NodeServer wires it: the update sink stages, the loop callback flushes.
    staging = std::make_unique<server::TrackStaging>(*picture, std::chrono::milliseconds(50));
    server::TrackStaging* raw = staging.get();
    (*pipeline)->add_update_sink(
        [raw](std::span<const track::FusedTrack> tracks) { raw->stage(tracks); });
    (*pipeline)->add_alert_sink(
        [picture](std::span<const risk::Alert> alerts) { picture->apply_alerts(alerts); });
  } else {
    (*pipeline)->add_update_sink([&result](std::span<const track::FusedTrack> tracks) {
      result.track_changes += tracks.size();
    });
  }
  const double cpu_start = thread_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  std::size_t turn = 0;
  for (const engine::RawInput& input : inputs_) {
    (*pipeline)->process(input);
    if (staging && ++turn == kInputsPerLoopTurn) {
      turn = 0;
      staging->flush();
    }
  }
  (*pipeline)->finish();
  if (staging) staging->flush(true);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.engine_cpu_seconds = thread_cpu_seconds() - cpu_start;
  result.inputs = inputs_.size();
  for (std::size_t source = 0; source < (*pipeline)->source_count(); ++source) {
    result.observations += (*pipeline)->counters(source).observations;
  }
  if (staging) result.track_changes = staging->staged();
  return result;
}

}  // namespace sw::bench
