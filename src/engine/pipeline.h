#pragma once
/// Pipeline: the deterministic heart of the engine. Raw inputs, in journal order, are
/// decoded per source into Observations, put in sensor-time order within a bounded
/// reorder window, and fused into the Picture; every track change is handed to the
/// update sink (the store, the server). Live running and replay both drive this class,
/// so the same journal gives the same tracks, ids and store contents.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "engine/config.h"
#include "engine/metrics.h"
#include "engine/source_decoder.h"
#include "risk/risk_engine.h"
#include "track/fusion/picture.h"

namespace sw::engine {

/// Receives every batch of track changes, in order.
using UpdateSink = std::function<void(std::span<const track::FusedTrack>)>;
/// Receives every observation as it enters fusion (e.g. distress reports for risk).
using ObservationSink = std::function<void(const Observation&)>;
/// Whether an observation is for this pipeline (a region's takes those of its sea area).
using ObservationFilter = std::function<bool(const Observation&)>;
/// Receives every alert revision of the risk stage, in order.
using AlertSink = std::function<void(std::span<const risk::Alert>)>;

/// What became of one operator action (see Pipeline::process).
struct OperatorOutcome {
  std::string request;  ///< the request id the action carried
  std::uint64_t alert = 0;
  Status status = Ok{};
};
/// Receives the outcome of every operator action, in order.
using OperatorSink = std::function<void(const OperatorOutcome&)>;

/// Decode -> reorder -> fuse -> assess risk, for every configured source. An observation is
/// released to fusion once the watermark (the newest sensor time seen, capped by its receive time)
/// is a reorder window past it; one older than what was released is counted late and dropped.
///
/// A quiet feed must not hold its last observations back: while the pipeline holds some and
/// no input has come for a second, the engine journals a heartbeat (kHeartbeat on the
/// operator source) at its receive time, which moves the watermark on by the receive time
/// elapsed since the input that last moved it. Journaled like any input, so a replay
/// releases at the same points.
///
/// Operator actions on alerts (acknowledge, hand over, close) arrive as inputs of the
/// reserved source `operator` (index source_count()), journaled like sensor input, so a
/// replay applies each one at the same point of the stream: JSON
/// {"request", "action": "acknowledge"|"hand_over"|"close", "alert", "actor", "to", "reason"}.
/// The bytes of a heartbeat input of the operator source.
inline constexpr const char* kHeartbeat = R"({"heartbeat":true})";

class Pipeline {
 public:
  /// `clock` only times latency metrics; results never depend on it.
  static Result<std::unique_ptr<Pipeline>> create(const EngineConfig& config, const Clock& clock);

  /// Sinks are called in the order they were added (the store first, then the server).
  void add_update_sink(UpdateSink sink) { update_sinks_.push_back(std::move(sink)); }
  void add_observation_sink(ObservationSink sink) { observation_sinks_.push_back(std::move(sink)); }
  void add_alert_sink(AlertSink sink) { alert_sinks_.push_back(std::move(sink)); }
  void set_operator_sink(OperatorSink sink) { operator_sink_ = std::move(sink); }
  /// Observations the filter refuses are counted (SourceCounters::outside) and not fused.
  void set_observation_filter(ObservationFilter filter) { filter_ = std::move(filter); }

  /// Processes one raw input of source `input.source`.
  void process(const RawInput& input);
  /// End of input: releases every observation still held and publishes the changes.
  void finish();

  /// Whether observations wait in the reorder window.
  bool holding() const { return !held_.empty(); }

  const track::Picture& picture() const { return *picture_; }
  /// The risk stage (nullptr when the configuration has none).
  risk::RiskEngine* risk() { return risk_.get(); }
  const risk::RiskEngine* risk() const { return risk_.get(); }
  /// Configured sources; the operator source has the index one past them.
  std::size_t source_count() const { return decoders_.size(); }
  const SourceDecoder& decoder(std::size_t source) const { return *decoders_[source]; }
  /// Counters of a configured source or of the operator source.
  SourceCounters& counters(std::size_t source) { return *counters_[source]; }
  const SourceCounters& counters(std::size_t source) const { return *counters_[source]; }
  /// Receive -> picture, per observation (includes the reorder window).
  const LatencyHistogram& latency() const { return latency_; }
  /// Stage times: decoding one input; fusing one observation.
  const LatencyHistogram& decode_time() const { return decode_time_; }
  const LatencyHistogram& fuse_time() const { return fuse_time_; }
  std::uint64_t inputs() const { return inputs_; }
  std::uint64_t unknown_source() const { return unknown_source_; }
  /// Operator actions refused, by reason (alert_unknown, alert_closed, bad_action, ...).
  const std::map<std::string, std::uint64_t>& operator_refusals() const {
    return operator_refusals_;
  }

 private:
  Pipeline(const EngineConfig& config, const Clock& clock);
  void release(TimeNs up_to);
  void publish();
  void apply_operator(const RawInput& input);
  void publish_alerts();

  struct Held {
    Observation observation;
    std::uint32_t source = 0;
    TimeNs receive_time = 0;
  };

  const Clock& clock_;
  TimeNs window_;
  std::vector<std::unique_ptr<SourceDecoder>> decoders_;
  std::vector<std::unique_ptr<SourceCounters>> counters_;
  std::unique_ptr<track::Picture> picture_;
  std::unique_ptr<risk::RiskEngine> risk_;
  std::multimap<std::pair<TimeNs, std::uint64_t>, Held> held_;  ///< by (time, arrival)
  std::uint64_t arrivals_ = 0;
  TimeNs released_up_to_ = 0;
  TimeNs watermark_ = 0;          ///< newest sensor time seen, capped by its receive time
  TimeNs watermark_receive_ = 0;  ///< receive time of the input that last moved it
  std::vector<Observation> scratch_;
  std::vector<UpdateSink> update_sinks_;
  std::vector<ObservationSink> observation_sinks_;
  std::vector<AlertSink> alert_sinks_;
  OperatorSink operator_sink_;
  ObservationFilter filter_;
  LatencyHistogram latency_;
  LatencyHistogram decode_time_;
  LatencyHistogram fuse_time_;
  std::uint64_t inputs_ = 0;
  std::uint64_t unknown_source_ = 0;
  std::map<std::string, std::uint64_t> operator_refusals_;
};

}  // namespace sw::engine
