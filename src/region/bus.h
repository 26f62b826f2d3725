#pragma once
/// The regions' bus over NATS JetStream (nats.c). Four streams, named after the plan's
/// prefix P (file storage):
///   P_INPUT     P.in.<source>        raw sensor inputs, header Sw-Receive (ns); the journal
///                                    every region process replays (keep_hours)
///   P_TRACKS    P.trk.<region>       track updates each region publishes (RegionMessage)
///   P_HANDOVER  P.ho.<region>        tracks handed to a region (RegionMessage with `to`)
///   P_STATE     P.state.<region>.*   a region's checkpoint and its handover matches
/// Every publish carries a message id (Nats-Msg-Id) made from the input that caused it, so
/// what a restarted region says again is stored once (the streams' duplicate window).

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nats/nats.h>

#include "core/clock.h"
#include "core/result.h"
#include "region/region_plan.h"

namespace sw::region {

/// A message read from a stream. Owns its natsMsg (acknowledged through ack()).
class BusMessage {
 public:
  explicit BusMessage(natsMsg* message);
  ~BusMessage();
  BusMessage(BusMessage&& other) noexcept : message_(other.message_), sequence_(other.sequence_) {
    other.message_ = nullptr;
  }
  BusMessage& operator=(BusMessage&&) = delete;
  BusMessage(const BusMessage&) = delete;

  std::string_view subject() const;
  std::string_view data() const;
  /// Last token of the subject (the source or region).
  std::string_view last_token() const;
  /// Stream sequence (0 when the message carries no JetStream metadata).
  std::uint64_t sequence() const { return sequence_; }
  /// A header's value; empty when absent.
  std::string header(const char* key) const;
  /// A header as a number; none when absent or not a number.
  std::optional<std::int64_t> header_number(const char* key) const;
  void ack();

 private:
  natsMsg* message_;
  std::uint64_t sequence_ = 0;
};

class Bus {
 public:
  enum class Stream { kInput, kTracks, kHandover, kState };

  /// Connects and makes sure the four streams exist.
  static Result<std::unique_ptr<Bus>> connect(const BusSettings& settings);
  ~Bus();
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;

  std::string stream_name(Stream stream) const;
  /// P.in.<token>, P.trk.<token>, P.ho.<token>, P.state.<token>.
  std::string subject(Stream stream, const std::string& token) const;

  /// Publishes without waiting for the stream's acknowledgement (see flush).
  Status publish_async(const std::string& subject, std::string_view data,
                       const std::string& message_id,
                       std::optional<std::int64_t> receive_time = std::nullopt);
  /// Waits until every asynchronous publish is acknowledged; error if one failed.
  Status flush();
  /// Publishes and waits for the acknowledgement.
  Status publish(const std::string& subject, std::string_view data, const std::string& message_id);

  /// The last message on `subject` of `stream`; none when there is none.
  Result<std::optional<BusMessage>> last(Stream stream, const std::string& subject);

  natsConnection* connection() { return connection_; }
  jsCtx* jetstream() { return js_; }

 private:
  Bus() = default;
  Status ensure_streams();

  BusSettings settings_;
  natsOptions* options_ = nullptr;
  natsConnection* connection_ = nullptr;
  jsCtx* js_ = nullptr;
  std::atomic<std::uint64_t> failed_{0};  ///< asynchronous publishes the server refused
};

/// Reads the messages of `filter` in stream order through an ordered consumer (no
/// acknowledgements, no state on the server): from the start of the stream, or from the
/// first message stored at or after `since` (UTC ns).
class StreamReader {
 public:
  static Result<std::unique_ptr<StreamReader>> open(Bus& bus, Bus::Stream stream,
                                                    const std::string& filter,
                                                    std::optional<TimeNs> since = std::nullopt);
  ~StreamReader();
  /// The next message; none once the messages stored at open are read.
  Result<std::optional<BusMessage>> next();
  /// The next message, following the stream as it grows; none when nothing came within
  /// `wait_ms`.
  Result<std::optional<BusMessage>> follow(int wait_ms);
  /// Whether every message stored when the reader opened has been read.
  bool caught_up() const { return pending_ == 0; }
  /// How many messages were stored when the reader opened.
  std::uint64_t stored_at_open() const { return stored_at_open_; }

 private:
  StreamReader() = default;
  natsSubscription* subscription_ = nullptr;
  std::uint64_t pending_ = 0;  ///< messages stored at open not read yet
  std::uint64_t stored_at_open_ = 0;
};

/// A durable pull consumer.
class DurableConsumer {
 public:
  /// `ack_all`: acknowledging one message acknowledges all before it (inputs); otherwise
  /// each is acknowledged on its own, and one not acknowledged within `ack_wait_s` comes again.
  static Result<std::unique_ptr<DurableConsumer>> open(Bus& bus, Bus::Stream stream,
                                                       const std::string& filter,
                                                       const std::string& durable, bool ack_all,
                                                       double ack_wait_s = 30.0);
  ~DurableConsumer();
  /// Up to `batch` messages, waiting at most `wait_ms` for the first (0: what is there).
  Result<std::vector<BusMessage>> fetch(int batch, int wait_ms);

 private:
  DurableConsumer() = default;
  natsSubscription* subscription_ = nullptr;
};

}  // namespace sw::region
