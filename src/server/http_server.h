#pragma once
/// HttpServer: the node's HTTP(S) and WebSocket server on Boost.Beast. One I/O thread
/// serves the REST API (Api), the built web map (static files), and the live stream:
/// every `tick` it takes the LivePicture's events, serialises each once, and sends each
/// WebSocket client what its StreamFilter lets through. A client whose unsent messages
/// exceed the limit is sent {"type":"closing","reason":"slow_consumer"} and dropped: the
/// engine never waits for a client. TLS (OpenSSL) when a certificate is configured.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "engine/metrics.h"
#include "server/api.h"
#include "server/stream_filter.h"

namespace sw::server {

/// Counters of the server (read from any thread).
struct HttpServerStats {
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> responses_4xx{0};
  std::atomic<std::uint64_t> responses_5xx{0};
  std::atomic<std::uint64_t> unauthorized{0};
  std::atomic<std::uint64_t> bad_requests{0};  ///< unparseable HTTP, over-size bodies
  std::atomic<std::uint64_t> stream_clients{0};
  std::atomic<std::uint64_t> stream_connects{0};
  std::atomic<std::uint64_t> stream_refused{0};  ///< over max_clients
  std::atomic<std::uint64_t> stream_dropped_slow{0};
  std::atomic<std::uint64_t> stream_messages{0};
  std::atomic<std::uint64_t> stream_bytes{0};
  std::atomic<std::uint64_t> ticks{0};
};

struct HttpServerOptions {
  std::string listen = "127.0.0.1";
  std::uint16_t port = 0;
  std::string web_root;  ///< static files; empty: none
  std::string tls_cert;  ///< PEM; empty: plain HTTP
  std::string tls_key;
  std::size_t client_queue_bytes = 8U << 20U;
  std::size_t max_clients = 4096;
  std::chrono::milliseconds tick{100};
  std::size_t max_body_bytes = 64U << 10U;
  /// Also given every tick's events (on the server's I/O thread), e.g. the CoT stream.
  std::function<void(const TickEvents&)> tick_listener;
};

class HttpServer {
 public:
  /// Binds and starts the I/O thread. Plain HTTP only on a loopback address. `clock`
  /// (optional) times the stream latency.
  static Result<std::unique_ptr<HttpServer>> start(HttpServerOptions options, Api& api,
                                                   LivePicture& picture,
                                                   OperatorDesk* desk = nullptr,
                                                   const Clock* clock = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  bool tls() const;
  void stop();
  const HttpServerStats& stats() const;
  /// Time from an event reaching the picture to its message being handed to the socket.
  engine::LatencyHistogram stream_latency() const;

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sw::server
