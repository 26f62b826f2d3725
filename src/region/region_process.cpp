#include "region/region_process.h"

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "engine/engine.h"

namespace sw::region {

using Json = nlohmann::json;

namespace {

constexpr int kInputBatch = 1000;
constexpr int kInputWaitMs = 200;
/// An unmatched handover is redelivered after this long (and recognised by its sequence):
/// short, so a restarted region gets the handovers its predecessor held.
constexpr double kHandoverAckWaitS = 10.0;

}  // namespace

RegionProcess::~RegionProcess() = default;

Result<std::unique_ptr<RegionProcess>> RegionProcess::start(const engine::EngineConfig& config,
                                                            const RegionPlan& plan,
                                                            const std::string& region,
                                                            const Clock& clock) {
  Result<std::size_t> index = plan.find(region);
  if (!index) return index.error();
  std::unique_ptr<RegionProcess> process(new RegionProcess());
  process->name_ = region;
  process->config_ = config;
  Result<std::unique_ptr<RegionTracker>> tracker =
      RegionTracker::create(config, plan, *index, clock);
  if (!tracker) return tracker.error();
  process->tracker_ = std::move(*tracker);
  Result<std::unique_ptr<Bus>> bus = Bus::connect(plan.bus);
  if (!bus) return bus.error();
  process->bus_ = std::move(*bus);
  RegionProcess* raw = process.get();
  process->tracker_->set_outputs(
      {[raw](const track::FusedTrack& track) { raw->on_publish(track); },
       [raw](const RegionMessage& handover) { raw->on_hand_over(handover); },
       [raw](std::uint64_t token, std::uint64_t local, std::uint64_t id, std::uint64_t sequence) {
         raw->on_match(token, local, id, sequence);
       },
       [raw](std::uint64_t token) { raw->on_expire(token); }});
  if (Status replayed = process->replay(); !replayed) return replayed.error();
  Result<std::unique_ptr<DurableConsumer>> inputs = DurableConsumer::open(
      *process->bus_, Bus::Stream::kInput, process->bus_->subject(Bus::Stream::kInput, ">"),
      "region-" + region, true);
  if (!inputs) return inputs.error();
  process->inputs_ = std::move(*inputs);
  Result<std::unique_ptr<DurableConsumer>> handovers =
      DurableConsumer::open(*process->bus_, Bus::Stream::kHandover,
                            process->bus_->subject(Bus::Stream::kHandover, region),
                            "handover-" + region, false, kHandoverAckWaitS);
  if (!handovers) return handovers.error();
  process->handovers_ = std::move(*handovers);
  return process;
}

Status RegionProcess::replay() {
  const std::string state = bus_->subject(Bus::Stream::kState, name_);
  Result<std::optional<BusMessage>> checkpoint =
      bus_->last(Bus::Stream::kState, state + ".checkpoint");
  if (!checkpoint) return checkpoint.error();
  if (*checkpoint) {
    const Json json = Json::parse((*checkpoint)->data(), nullptr, false);
    if (!json.is_object() || !json.contains("sequence") || !json["sequence"].is_number_unsigned()) {
      return Error{"region_state", "checkpoint of region " + name_ + " is malformed"};
    }
    checkpoint_ = json["sequence"].get<std::uint64_t>();
  }
  Result<std::unique_ptr<StreamReader>> matches =
      StreamReader::open(*bus_, Bus::Stream::kState, state + ".match");
  if (!matches) return matches.error();
  while (true) {
    Result<std::optional<BusMessage>> message = (*matches)->next();
    if (!message) return message.error();
    if (!*message) break;
    const Json json = Json::parse((*message)->data(), nullptr, false);
    if (!json.is_object() || !json.value("local", Json()).is_number_unsigned() ||
        !json.value("id", Json()).is_number_unsigned() ||
        !json.value("sequence", Json()).is_number_unsigned() ||
        !json.value("handover", Json()).is_number_unsigned()) {
      return Error{"region_state", "a handover match of region " + name_ + " is malformed"};
    }
    tracker_->force_match(json["local"].get<std::uint64_t>(), json["id"].get<std::uint64_t>(),
                          json["sequence"].get<std::uint64_t>());
    matched_handovers_.insert(json["handover"].get<std::uint64_t>());
  }
  if (checkpoint_ == 0) return Ok{};
  Result<std::unique_ptr<StreamReader>> reader =
      StreamReader::open(*bus_, Bus::Stream::kInput, bus_->subject(Bus::Stream::kInput, ">"));
  if (!reader) return reader.error();
  tracker_->set_quiet(true);
  while (true) {
    Result<std::optional<BusMessage>> message = (*reader)->next();
    if (!message) return message.error();
    if (!*message || (*message)->sequence() > checkpoint_) break;
    if (std::optional<engine::RawInput> input = input_of(**message)) {
      tracker_->process(*input, (*message)->sequence());
    }
    ++stats_.replayed;
    if ((*message)->sequence() == checkpoint_) break;
  }
  tracker_->set_quiet(false);
  return Ok{};
}

std::optional<engine::RawInput> RegionProcess::input_of(const BusMessage& message) {
  const std::optional<std::size_t> source =
      tracker_->source_index(std::string(message.last_token()));
  const std::optional<std::int64_t> receive = message.header_number("Sw-Receive");
  if (!source || !receive) {
    ++stats_.bad_inputs;
    return std::nullopt;
  }
  engine::RawInput input;
  input.source = static_cast<std::uint32_t>(*source);
  input.receive_time = *receive;
  input.bytes.assign(message.data());
  return input;
}

Status RegionProcess::run(const std::atomic<bool>& stop, double exit_idle_s,
                          const std::function<void(const std::string&)>& report) {
  auto last_input = std::chrono::steady_clock::now();
  auto last_report = last_input;
  while (!stop.load()) {
    if (Status taken = take_handovers(); !taken) return taken;
    Result<std::vector<BusMessage>> batch = inputs_->fetch(kInputBatch, kInputWaitMs);
    if (!batch) return batch.error();
    const auto now = std::chrono::steady_clock::now();
    if (!batch->empty()) {
      last_input = now;
      if (!first_batch_) first_batch_ = now;
      stats_.processed += batch->size();
      if (Status processed = process_batch(*batch); !processed) return processed;
      stats_.busy_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - *first_batch_).count();
    } else if (exit_idle_s > 0 &&
               std::chrono::duration<double>(now - last_input).count() > exit_idle_s) {
      break;
    }
    if (report && now - last_report > std::chrono::seconds(5)) {
      last_report = now;
      const RegionProcessStats s = stats();
      report("region " + name_ + ": input " + std::to_string(s.checkpoint) + ", published " +
             std::to_string(s.tracker.published) + ", handovers out " +
             std::to_string(s.tracker.handovers_sent) + " in " +
             std::to_string(s.tracker.handovers_received) + " matched " +
             std::to_string(s.tracker.handovers_matched) + " pending " +
             std::to_string(s.tracker.pending));
    }
  }
  return bus_->flush();
}

Status RegionProcess::take_handovers() {
  Result<std::vector<BusMessage>> messages = handovers_->fetch(100, 0);
  if (!messages) return messages.error();
  for (BusMessage& message : *messages) {
    const std::uint64_t token = message.sequence();
    if (matched_handovers_.count(token) != 0) {
      message.ack();
      continue;
    }
    if (pending_handovers_.count(token) != 0) continue;  // redelivered while still pending
    Result<RegionMessage> handover = parse_region_payload(message.data());
    if (!handover || handover->to != name_) {
      ++stats_.bad_handovers;
      message.ack();
      continue;
    }
    tracker_->receive(*handover, token);
    pending_handovers_.emplace(token, std::move(message));
  }
  return Ok{};
}

Status RegionProcess::process_batch(std::vector<BusMessage>& batch) {
  std::uint64_t last = 0;
  for (const BusMessage& message : batch) {
    last = message.sequence();
    if (last <= checkpoint_) continue;  // replayed already
    output_index_ = 0;
    if (std::optional<engine::RawInput> input = input_of(message)) {
      tracker_->process(*input, last);
    }
  }
  if (!failure_) return failure_;
  if (Status flushed = bus_->flush(); !flushed) return flushed;
  if (last > checkpoint_) {
    const std::string subject = bus_->subject(Bus::Stream::kState, name_) + ".checkpoint";
    const std::string body = Json{{"sequence", last}}.dump();
    if (Status written = bus_->publish(subject, body, name_ + ":c:" + std::to_string(last));
        !written) {
      return written;
    }
    checkpoint_ = last;
  }
  batch.back().ack();  // acknowledges the whole batch
  return Ok{};
}

std::string RegionProcess::message_id() {
  return output_message_id(name_, tracker_->sequence(), output_index_++);
}

void RegionProcess::on_publish(const track::FusedTrack& track) {
  const Status sent =
      bus_->publish_async(bus_->subject(Bus::Stream::kTracks, name_),
                          region_payload(RegionMessage{name_, "", track}), message_id());
  if (!sent && failure_) failure_ = sent;
}

void RegionProcess::on_hand_over(const RegionMessage& handover) {
  const Status sent = bus_->publish_async(bus_->subject(Bus::Stream::kHandover, handover.to),
                                          region_payload(handover), message_id());
  if (!sent && failure_) failure_ = sent;
}

void RegionProcess::on_match(std::uint64_t token, std::uint64_t local, std::uint64_t id,
                             std::uint64_t sequence) {
  const std::string subject = bus_->subject(Bus::Stream::kState, name_) + ".match";
  const std::string body =
      Json{{"local", local}, {"id", id}, {"sequence", sequence}, {"handover", token}}.dump();
  const Status written = bus_->publish(subject, body, name_ + ":m:" + std::to_string(token));
  if (!written && failure_) failure_ = written;
  matched_handovers_.insert(token);
  if (auto found = pending_handovers_.find(token); found != pending_handovers_.end()) {
    found->second.ack();
    pending_handovers_.erase(found);
  }
}

void RegionProcess::on_expire(std::uint64_t token) {
  if (auto found = pending_handovers_.find(token); found != pending_handovers_.end()) {
    found->second.ack();
    pending_handovers_.erase(found);
  }
}

std::string RegionProcess::summary() const {
  return engine::format_summary(tracker_->pipeline(), config_);
}

RegionProcessStats RegionProcess::stats() const {
  RegionProcessStats stats = stats_;
  stats.tracker = tracker_->stats();
  stats.checkpoint = checkpoint_;
  return stats;
}

}  // namespace sw::region
