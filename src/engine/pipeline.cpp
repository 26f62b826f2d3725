#include "engine/pipeline.h"

#include <nlohmann/json.hpp>

namespace sw::engine {
namespace {

/// Sensor times this far ahead of the receive time are a broken clock, not a report.
constexpr TimeNs kMaxFutureNs = 60 * kNsPerSecond;

}  // namespace

Pipeline::Pipeline(const EngineConfig& config, const Clock& clock)
    : clock_(clock),
      window_(static_cast<TimeNs>(config.reorder_window_s * static_cast<double>(kNsPerSecond))) {
  track::PictureSettings settings;
  settings.origin = config.origin;
  picture_ = std::make_unique<track::Picture>(settings);
}

Result<std::unique_ptr<Pipeline>> Pipeline::create(const EngineConfig& config, const Clock& clock) {
  std::unique_ptr<Pipeline> pipeline(new Pipeline(config, clock));
  for (const SourceConfig& source : config.sources) {
    auto decoder = make_source_decoder(source);
    if (!decoder) return decoder.error();
    pipeline->decoders_.push_back(std::move(*decoder));
    pipeline->counters_.push_back(std::make_unique<SourceCounters>());
  }
  if (config.risk) {
    Result<risk::RiskGeography> geography = risk::RiskGeography::load(config.risk->geography);
    if (!geography) return geography.error();
    risk::RiskSettings settings = config.risk->settings;
    settings.origin = config.origin;
    auto risk = risk::RiskEngine::create(std::move(settings), std::move(*geography));
    if (!risk) return risk.error();
    pipeline->risk_ = std::move(*risk);
  }
  pipeline->counters_.push_back(std::make_unique<SourceCounters>());  // the operator source
  return pipeline;
}

void Pipeline::process(const RawInput& input) {
  ++inputs_;
  if (input.source == decoders_.size()) {
    apply_operator(input);
    return;
  }
  if (input.source > decoders_.size()) {
    ++unknown_source_;
    return;
  }
  SourceCounters& counters = *counters_[input.source];
  scratch_.clear();
  const TimeNs decode_start = clock_.now();
  decoders_[input.source]->decode(input, scratch_);
  decode_time_.record(clock_.now() - decode_start);
  for (Observation& observation : scratch_) {
    ++counters.observations;
    if (observation.time > input.receive_time + kMaxFutureNs) {
      ++counters.future;
      continue;
    }
    if (observation.time < released_up_to_) {
      ++counters.late;
      continue;
    }
    // Sensor time moves the window, but never past the receive time: a source whose clock
    // runs ahead cannot make the others late. Recorded files (old sensor times, receive
    // time now) are ordered by their own times.
    watermark_ = std::max(watermark_, std::min(observation.time, input.receive_time));
    watermark_receive_ = std::max(watermark_receive_, input.receive_time);
    // Observations outside the area still move the window: the sea's time is one.
    if (filter_ && !filter_(observation)) {
      ++counters.outside;
      continue;
    }
    held_.emplace(std::make_pair(observation.time, arrivals_++),
                  Held{std::move(observation), input.source, input.receive_time});
  }
  release(watermark_ - window_);
}

void Pipeline::release(TimeNs up_to) {
  bool any = false;
  while (!held_.empty() && held_.begin()->first.first <= up_to) {
    auto node = held_.extract(held_.begin());
    const Held& held = node.mapped();
    released_up_to_ = std::max(released_up_to_, held.observation.time);
    for (const ObservationSink& sink : observation_sinks_) sink(held.observation);
    if (risk_) risk_->on_observation(held.observation);
    const TimeNs fuse_start = clock_.now();
    picture_->add(held.observation);
    const TimeNs fused = clock_.now();
    fuse_time_.record(fused - fuse_start);
    latency_.record(fused - held.receive_time);
    any = true;
  }
  if (up_to > released_up_to_) {
    picture_->advance(up_to);
    released_up_to_ = up_to;
    any = true;
  }
  if (any) publish();
}

void Pipeline::publish() {
  std::vector<track::FusedTrack> updates = picture_->take_updates();
  if (!updates.empty()) {
    for (const UpdateSink& sink : update_sinks_) sink(updates);
  }
  if (!risk_) return;
  risk_->on_tracks(updates);
  risk_->advance(released_up_to_);
  publish_alerts();
}

void Pipeline::publish_alerts() {
  const std::vector<risk::Alert> revisions = risk_->take_revisions();
  if (!revisions.empty()) {
    for (const AlertSink& sink : alert_sinks_) sink(revisions);
  }
}

void Pipeline::apply_operator(const RawInput& input) {
  if (input.bytes == kHeartbeat) {
    if (watermark_receive_ != 0 && input.receive_time > watermark_receive_) {
      watermark_ += input.receive_time - watermark_receive_;
      watermark_receive_ = input.receive_time;
      release(watermark_ - window_);
    }
    return;
  }
  ++counters_.back()->observations;
  OperatorOutcome outcome;
  const nlohmann::json action = nlohmann::json::parse(input.bytes, nullptr, false);
  const auto text = [&](const char* key) {
    const auto found = action.find(key);
    return found != action.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  if (!action.is_object() || !action.contains("alert") || !action["alert"].is_number_unsigned()) {
    outcome.status = Error{"bad_action", "an operator action is a JSON object naming its alert"};
  } else {
    outcome.request = text("request");
    outcome.alert = action["alert"].get<std::uint64_t>();
    const std::string verb = text("action");
    const std::string actor = text("actor");
    if (risk_ == nullptr) {
      outcome.status = Error{"no_risk", "this node assesses no risk: it has no alerts"};
    } else if (actor.empty()) {
      outcome.status = Error{"bad_action", "an operator action names its actor"};
    } else if (verb == "acknowledge") {
      outcome.status = risk_->acknowledge(outcome.alert, actor, input.receive_time);
    } else if (verb == "hand_over") {
      outcome.status = risk_->hand_over(outcome.alert, actor, text("to"), input.receive_time);
    } else if (verb == "close") {
      outcome.status = risk_->close(outcome.alert, actor, text("reason"), input.receive_time);
    } else {
      outcome.status = Error{"bad_action", "unknown action '" + verb + "'"};
    }
    if (risk_ != nullptr) publish_alerts();
  }
  if (!outcome.status.ok()) ++operator_refusals_[outcome.status.error().code];
  if (operator_sink_) operator_sink_(outcome);
}

void Pipeline::finish() {
  TimeNs last = released_up_to_;
  if (!held_.empty()) last = std::max(last, std::prev(held_.end())->first.first);
  release(last);
}

}  // namespace sw::engine
