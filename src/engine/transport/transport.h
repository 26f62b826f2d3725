#pragma once
/// Transports: the I/O side of the engine. Each configured source gets one; it only reads
/// bytes, stamps them with the receive time and source index, and hands them to the
/// engine through the InputQueue. A full queue drops the input and counts it; stream
/// transports reconnect with backoff. An empty RawInput on a stream source marks a new
/// connection, so the decoder drops the partial message of the previous one.

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <utility>  // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange

#include <boost/asio/io_context.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "engine/bounded_queue.h"
#include "engine/config.h"
#include "engine/metrics.h"
#include "engine/raw_input.h"

namespace sw::engine {

using InputQueue = BoundedQueue<RawInput>;

/// What every transport needs from the engine.
struct TransportContext {
  std::uint32_t source = 0;
  const SourceConfig* config = nullptr;
  InputQueue* queue = nullptr;
  SourceCounters* counters = nullptr;
  const Clock* clock = nullptr;
};

/// One source's I/O.
class SourceTransport {
 public:
  virtual ~SourceTransport() = default;
  /// Binds / connects / opens; errors here are configuration errors (port in use, no file).
  virtual Status start() = 0;
  /// Stops reading; after stop() returns nothing more is pushed.
  virtual void stop() = 0;
  /// Port actually bound (udp, tcp-server) — useful with port 0; else 0.
  virtual std::uint16_t bound_port() const { return 0; }
  /// True once a finite input (file, stdin) has been read to its end.
  virtual bool finished() const { return false; }
};

/// Socket transports run on `io`; file and stdin transports use their own thread.
std::unique_ptr<SourceTransport> make_transport(const TransportContext& context,
                                                boost::asio::io_context& io);

/// Pushes one input, counting it as received or as dropped when the queue is full;
/// false when dropped.
inline bool deliver(InputQueue& queue, SourceCounters& counters, RawInput&& input) {
  const std::size_t bytes = input.bytes.size();
  if (queue.push(std::move(input))) {
    counters.received.fetch_add(1, std::memory_order_relaxed);
    counters.received_bytes.fetch_add(bytes, std::memory_order_relaxed);
    return true;
  }
  counters.dropped_queue.fetch_add(1, std::memory_order_relaxed);
  return false;
}

inline bool deliver(const TransportContext& context, RawInput&& input) {
  return deliver(*context.queue, *context.counters, std::move(input));
}

}  // namespace sw::engine
