#include "engine/engine.h"

#include <algorithm>

#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <boost/asio/executor_work_guard.hpp>

namespace sw::engine {

namespace {
constexpr std::size_t kMaxBatchInputs = 4096;
}  // namespace

Engine::Engine(EngineConfig config, const Clock& clock)
    : config_(std::move(config)), clock_(clock) {}

Engine::~Engine() { stop(); }

Result<std::unique_ptr<Engine>> Engine::create(EngineConfig config, const Clock& clock) {
  std::unique_ptr<Engine> engine(new Engine(std::move(config), clock));
  auto pipeline = Pipeline::create(engine->config_, clock);
  if (!pipeline) return pipeline.error();
  engine->pipeline_ = std::move(*pipeline);

  store::JournalOptions options;
  options.directory = (std::filesystem::path(engine->config_.data_dir) / "journal").string();
  options.segment_max_bytes = engine->config_.segment_bytes;
  options.retain_max_bytes = engine->config_.journal_retain_bytes;
  options.retain_max_age = static_cast<TimeNs>(engine->config_.journal_retain_days * 86400.0 *
                                               static_cast<double>(kNsPerSecond));
  options.batch_max_records = kMaxBatchInputs;
  options.batch_max_latency = static_cast<TimeNs>(engine->config_.commit_latency_ms * 1'000'000.0);
  options.sync = engine->config_.fsync;
  Engine* raw = engine.get();
  options.on_event = [raw](const store::JournalEvent& event) {
    ++raw->stats_.journal_events;
    raw->recovery_report_.push_back(fmt::format(
        "journal {}: {} at byte {}: {} bytes, {} records ({})", store::to_string(event.kind),
        event.segment, event.offset, event.bytes, event.records, event.reason));
  };
  auto journal = store::JournalWriter::open(std::move(options), clock);
  if (!journal) return journal.error();
  engine->journal_ = std::move(*journal);
  engine->queue_ = std::make_unique<InputQueue>(engine->config_.queue_capacity);
  return engine;
}

Status Engine::start() {
  for (std::size_t source = 0; source < config_.sources.size(); ++source) {
    TransportContext context;
    context.source = static_cast<std::uint32_t>(source);
    context.config = &config_.sources[source];
    context.queue = queue_.get();
    context.counters = &pipeline_->counters(source);
    context.clock = &clock_;
    auto transport = make_transport(context, io_);
    if (!transport) return Error{"bad_config", "no transport for " + config_.sources[source].id};
    if (Status started = transport->start(); !started) return started.error();
    transports_.push_back(std::move(transport));
  }
  io_thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(io_);
    io_.run();
  });
  engine_thread_ = std::thread([this] { run(); });
  return Ok{};
}

void Engine::run() {
  std::vector<RawInput> batch;
  batch.reserve(kMaxBatchInputs);
  for (;;) {
    batch.clear();
    const bool open = queue_->pop_batch(batch, kMaxBatchInputs, std::chrono::milliseconds(20));
    idle_ = batch.empty();
    std::vector<bool> accepted(batch.size(), false);
    const TimeNs commit_start = clock_.now();
    for (std::size_t input_idx = 0; input_idx < batch.size(); ++input_idx) {
      const RawInput& input = batch[input_idx];
      auto sequence =
          journal_->append(input.receive_time, source_id(config_, input.source), input.bytes);
      accepted[input_idx] = sequence.ok();
      if (!sequence.ok()) ++stats_.journal_refused;
    }
    if (!batch.empty()) {
      if (Status committed = journal_->commit(); !committed) {
        // Not durable: nothing of this batch may reach a track.
        stats_.journal_refused += batch.size();
        std::fill(accepted.begin(), accepted.end(), false);
      } else if (durable_callback_) {
        durable_callback_(journal_->durable_sequence());
      }
      ++stats_.batches;
      commit_time_.record(clock_.now() - commit_start);
    }
    for (std::size_t input_idx = 0; input_idx < batch.size(); ++input_idx) {
      if (!accepted[input_idx]) continue;
      ++pipeline_->counters(batch[input_idx].source).journaled;
      pipeline_->process(batch[input_idx]);
      ++stats_.inputs;
    }
    queued_processed_ += batch.size();
    const TimeNs now = clock_.now();
    if (!batch.empty()) {
      last_activity_ = now;
    } else if (pipeline_->holding() && now - last_activity_ >= kNsPerSecond) {
      // A quiet feed: let the reorder window move on (see Pipeline).
      last_activity_ = now;
      submit(RawInput{now, static_cast<std::uint32_t>(config_.sources.size()), kHeartbeat});
    }
    if (loop_callback_) loop_callback_();
    if (clock_.now() - last_summary_ >= kNsPerSecond || !open) refresh_summary();
    if (!open) break;
  }
  pipeline_->finish();
  refresh_summary();
}

void Engine::stop() {
  if (stopping_.exchange(true)) return;
  // The I/O thread first: a socket closed here while a handler on that thread closes it too
  // (end of stream) is a data race in Asio. With no I/O thread left, closing is safe.
  io_.stop();
  if (io_thread_.joinable()) io_thread_.join();
  for (auto& transport : transports_) transport->stop();
  if (queue_) queue_->close();
  if (engine_thread_.joinable()) engine_thread_.join();
  if (journal_) (void)journal_->commit();
}

bool Engine::submit(RawInput input) {
  if (input.source > config_.sources.size()) return false;
  SourceCounters& counters = pipeline_->counters(input.source);
  return deliver(*queue_, counters, std::move(input));
}

bool Engine::drained() const {
  for (const auto& transport : transports_) {
    if (!transport->finished()) return false;
  }
  return queue_->size() == 0 && idle_;
}

std::uint16_t Engine::bound_port(std::size_t source) const {
  return source < transports_.size() ? transports_[source]->bound_port() : 0;
}

std::string Engine::summary() const {
  std::lock_guard lock(summary_mutex_);
  return summary_;
}

void Engine::refresh_summary() {
  last_summary_ = clock_.now();
  if (tick_callback_) tick_callback_();
  std::string text = format_summary(*pipeline_, config_);
  text += fmt::format(
      "engine: {} inputs in {} durable batches, {} refused by the journal, "
      "queue high water {} of {}; journal commit p50 {:.0f} us, p99 {:.0f} us\n",
      stats_.inputs, stats_.batches, stats_.journal_refused, queue_->high_water(),
      queue_->capacity(), commit_time_.quantile_us(0.5), commit_time_.quantile_us(0.99));
  std::lock_guard lock(summary_mutex_);
  summary_ = std::move(text);
}

std::string format_alerts(const risk::RiskEngine& risk) {
  constexpr std::size_t kShown = 8;
  std::vector<const risk::Alert*> open = risk.book().open_alerts();
  // Most severe first, then most recent.
  std::sort(open.begin(), open.end(), [](const risk::Alert* left, const risk::Alert* right) {
    if (left->severity != right->severity) return left->severity > right->severity;
    return left->raised_at > right->raised_at;
  });
  const risk::AlertBookStats& stats = risk.book().stats();
  std::string text =
      fmt::format("alerts: {} open; {} raised, {} re-raised, {} closed so far\n", open.size(),
                  stats.raised, stats.reraised, stats.closed_by_system + stats.closed_by_operator);
  for (std::size_t index = 0; index < open.size() && index < kShown; ++index) {
    const risk::Alert& alert = *open[index];
    std::string what;
    for (const char* key : {"small_craft", "ship", "cpa_m", "tcpa_s", "lane", "crossing_angle_deg",
                            "to_region", "crossing_in_s", "persons_on_board", "matching_tracks"}) {
      const std::string value = alert.detail(key);
      if (!value.empty()) what += fmt::format(" {}={}", key, value);
    }
    text += fmt::format("  #{:<4} {:<8} {:<13} {:<12} {:.4f},{:.4f} [{}]{}\n", alert.id,
                        risk::to_string(alert.severity), risk::to_string(alert.kind),
                        risk::to_string(alert.state), alert.position.lat, alert.position.lon,
                        alert.region, what);
  }
  if (open.size() > kShown) text += fmt::format("  ... and {} more\n", open.size() - kShown);
  return text;
}

std::string format_summary(const Pipeline& pipeline, const EngineConfig& config) {
  std::size_t cooperative = 0;
  std::size_t dark = 0;
  std::size_t assets = 0;
  std::size_t coasting = 0;
  for (const track::FusedTrack& track : pipeline.picture().current()) {
    if (track.status == track::PictureStatus::kCoasting) ++coasting;
    switch (track.track_class) {
      case track::TrackClass::kCooperative: ++cooperative; break;
      case track::TrackClass::kDark: ++dark; break;
      case track::TrackClass::kOwnAsset: ++assets; break;
    }
  }
  std::string text =
      fmt::format("picture: {} cooperative (AIS), {} DARK contacts, {} own assets; {} coasting\n",
                  cooperative, dark, assets, coasting);
  for (std::size_t source = 0; source < pipeline.source_count(); ++source) {
    const SourceCounters& counters = pipeline.counters(source);
    std::string rejects;
    for (const auto& [reason, count] : pipeline.decoder(source).rejections()) {
      rejects += fmt::format(" {}={}", reason, count);
    }
    text += fmt::format(
        "  {:<18} {:<8} inputs {:>8} decoded {:>8} observations {:>8} dropped {} late {} "
        "future {}{}{}{}\n",
        config.sources[source].id, to_string(config.sources[source].format),
        counters.received.load(), pipeline.decoder(source).decoded(), counters.observations,
        counters.dropped_queue.load(), counters.late, counters.future,
        counters.outside != 0 ? fmt::format(" outside {}", counters.outside) : std::string(),
        rejects.empty() ? "" : " rejects:", rejects);
  }
  if (const risk::RiskEngine* risk = pipeline.risk()) text += format_alerts(*risk);
  const LatencyHistogram& latency = pipeline.latency();
  text += fmt::format(
      "latency receive->picture (clock time, includes the reorder window): p50 {:.0f} us, "
      "p99 {:.0f} us over {} observations; decode p50 {:.0f} us per input, fuse p50 {:.0f} us "
      "per observation\n",
      latency.quantile_us(0.5), latency.quantile_us(0.99), latency.count(),
      pipeline.decode_time().quantile_us(0.5), pipeline.fuse_time().quantile_us(0.5));
  return text;
}

}  // namespace sw::engine
