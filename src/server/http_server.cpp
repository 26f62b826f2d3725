#include "server/http_server.h"

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "server/listener.h"
#include "server/stream_filter.h"

namespace sw::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using SslStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

constexpr auto kReadTimeout = std::chrono::seconds(30);
constexpr auto kCloseGrace = std::chrono::seconds(5);
constexpr std::size_t kMaxStreamMessage = 4096;

std::string content_type(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> types{{".html", "text/html; charset=utf-8"},
                                                        {".js", "text/javascript"},
                                                        {".mjs", "text/javascript"},
                                                        {".css", "text/css"},
                                                        {".json", "application/json"},
                                                        {".geojson", "application/geo+json"},
                                                        {".svg", "image/svg+xml"},
                                                        {".png", "image/png"},
                                                        {".ico", "image/x-icon"},
                                                        {".woff2", "font/woff2"},
                                                        {".map", "application/json"},
                                                        {".txt", "text/plain"}};
  const auto found = types.find(path.extension().string());
  return found == types.end() ? "application/octet-stream" : found->second;
}

}  // namespace

/// A live-stream client the broadcaster can feed.
class StreamClient {
 public:
  virtual ~StreamClient() = default;
  virtual void deliver(const TickEvents& tick) = 0;
  virtual void shut() = 0;
};

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, Api& api, LivePicture& picture, OperatorDesk* desk)
      : options_(std::move(options)),
        api_(api),
        picture_(picture),
        desk_(desk),
        acceptor_(io_),
        tick_timer_(io_),
        ssl_(net::ssl::context::tls_server) {}

  Status open();
  void run() {
    thread_ = std::thread([this] { io_.run(); });
  }
  void stop();

  // Used by sessions (all on the I/O thread).
  void serve(const Request& request, Respond respond);
  bool add_client(const std::shared_ptr<StreamClient>& client);
  void remove_client(const StreamClient* client);
  const HttpServerOptions& options() const { return options_; }
  Api& api() { return api_; }
  LivePicture& picture() { return picture_; }
  HttpServerStats& stats() { return stats_; }
  net::ssl::context& ssl() { return ssl_; }
  TrackTexts& track_texts() { return track_texts_; }
  bool tls() const { return tls_; }
  std::uint16_t port() const { return port_; }
  engine::LatencyHistogram stream_latency() const {
    std::lock_guard lock(latency_mutex_);
    return stream_latency_;
  }
  void record_latency(TimeNs latency) {
    std::lock_guard lock(latency_mutex_);
    stream_latency_.record(latency);
  }
  const Clock* clock() const { return clock_; }
  void set_clock(const Clock* clock) { clock_ = clock; }

 private:
  void accept();
  void tick();
  ApiResponse static_file(const std::string& path) const;

  HttpServerOptions options_;
  Api& api_;
  LivePicture& picture_;
  OperatorDesk* desk_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  net::steady_timer tick_timer_;
  std::chrono::steady_clock::time_point next_tick_;
  TrackTexts track_texts_;
  net::ssl::context ssl_;
  bool tls_ = false;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::vector<std::shared_ptr<StreamClient>> clients_;
  HttpServerStats stats_;
  mutable std::mutex latency_mutex_;
  engine::LatencyHistogram stream_latency_;
  const Clock* clock_ = nullptr;
  bool stopped_ = false;
};

namespace {

/// One WebSocket client of the live stream.
template <class Stream>
class WsSession final : public StreamClient,
                        public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(Stream&& stream, HttpServer::Impl& server, const Principal& principal,
            const Viewport& viewport)
      : ws_(std::move(stream)),
        server_(server),
        filter_(principal, server.track_texts()),
        close_timer_(ws_.get_executor()) {
    filter_.set_viewport(viewport);
  }

  ~WsSession() override {
    if (!accepted_) return;
    server_.api().audit(
        {"session", filter_.principal().name(), "stream", "close", dropping_ ? "slow_consumer" : "",
         std::to_string(messages_) + " messages, " + std::to_string(bytes_) + " bytes sent"});
  }
  WsSession(const WsSession&) = delete;
  WsSession& operator=(const WsSession&) = delete;

  void accept(Request request) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(kMaxStreamMessage);
    ws_.async_accept(request, [self = this->shared_from_this()](beast::error_code error) {
      self->on_accept(error);
    });
  }

  void deliver(const TickEvents& tick) override {
    if (closing_) return;
    const bool timed = tick.oldest_published != 0 && server_.clock() != nullptr;
    std::string message = filter_.update(tick, timed ? tick.oldest_published : 0);
    if (message.empty()) return;
    if (timed) server_.record_latency(server_.clock()->now() - tick.oldest_published);
    send(std::make_shared<const std::string>(std::move(message)));
  }

  void shut() override {
    closing_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void on_accept(beast::error_code error) {
    if (error) return;
    if (!server_.add_client(this->shared_from_this())) {
      ws_.async_close(websocket::close_reason(websocket::close_code::try_again_later,
                                              "too many stream clients"),
                      [self = this->shared_from_this()](beast::error_code) {});
      return;
    }
    accepted_ = true;
    const Viewport& view = filter_.viewport();
    server_.api().audit({"session", filter_.principal().name(), "stream", "open", "",
                         "viewport " + std::to_string(view.west) + "," +
                             std::to_string(view.south) + "," + std::to_string(view.east) + "," +
                             std::to_string(view.north)});
    send(std::make_shared<const std::string>(filter_.snapshot(server_.picture())));
    read();
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](
                                beast::error_code error, std::size_t) { self->on_read(error); });
  }

  void on_read(beast::error_code error) {
    if (error) {
      closing_ = true;
      server_.remove_client(this);
      return;
    }
    const std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    const Json message = Json::parse(text, nullptr, false);
    std::string problem;
    if (!message.is_object() || !message.contains("viewport")) {
      problem = "send {\"viewport\": [W, S, E, N]}";
    } else if (message["viewport"].is_null()) {
      filter_.set_viewport(Viewport{});
    } else if (!message["viewport"].is_array() || message["viewport"].size() != 4) {
      problem = "viewport: [W, S, E, N]";
    } else {
      std::array<double, 4> values{};
      for (std::size_t index = 0; index < 4; ++index) {
        const Json& value = message["viewport"][index];
        if (!value.is_number()) problem = "viewport: four numbers";
        values[index] = value.is_number() ? value.get<double>() : 0.0;
      }
      if (problem.empty()) {
        auto viewport = make_viewport({values[0], values[1], values[2], values[3]});
        if (!viewport) {
          problem = viewport.error().detail;
        } else {
          filter_.set_viewport(*viewport);
        }
      }
    }
    if (problem.empty()) {
      send(std::make_shared<const std::string>(filter_.snapshot(server_.picture())));
    } else {
      send(std::make_shared<const std::string>(
          to_text(Json{{"type", "error"}, {"error", "bad_message"}, {"detail", problem}})));
    }
    read();
  }

  void send(std::shared_ptr<const std::string> message) {
    if (closing_) return;
    // One message always goes when nothing waits (a large snapshot is not a slow client).
    if (!queue_.empty() && queued_bytes_ + message->size() > server_.options().client_queue_bytes) {
      return drop("slow_consumer");
    }
    queued_bytes_ += message->size();
    queue_.push_back(std::move(message));
    if (!writing_) write_next();
  }

  void write_next() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    [self = this->shared_from_this()](beast::error_code error, std::size_t bytes) {
                      self->on_write(error, bytes);
                    });
  }

  void on_write(beast::error_code error, std::size_t bytes) {
    writing_ = false;
    const std::size_t size = queue_.front()->size();
    queued_bytes_ -= std::min(queued_bytes_, size);
    queue_.pop_front();
    if (error) {
      closing_ = true;
      server_.remove_client(this);
      return;
    }
    server_.stats().stream_messages.fetch_add(1, std::memory_order_relaxed);
    server_.stats().stream_bytes.fetch_add(bytes, std::memory_order_relaxed);
    ++messages_;
    bytes_ += bytes;
    if (!queue_.empty()) return write_next();
    if (dropping_) close_now();
  }

  /// Unsent messages are discarded; the client gets the reason, then the close.
  void drop(const char* reason) {
    closing_ = true;
    dropping_ = true;
    server_.stats().stream_dropped_slow.fetch_add(1, std::memory_order_relaxed);
    server_.remove_client(this);
    // Keep only the message being written; then the reason.
    if (writing_) queue_.erase(queue_.begin() + 1, queue_.end());
    if (!writing_) queue_.clear();
    queue_.push_back(std::make_shared<const std::string>(
        to_text(Json{{"type", "closing"}, {"reason", reason}})));
    queued_bytes_ = 0;
    close_timer_.expires_after(kCloseGrace);
    close_timer_.async_wait([self = this->shared_from_this()](beast::error_code error) {
      if (!error) self->shut();
    });
    if (!writing_) write_next();
  }

  void close_now() {
    ws_.async_close(
        websocket::close_reason(websocket::close_code::policy_error, "slow consumer"),
        [self = this->shared_from_this()](beast::error_code) { self->close_timer_.cancel(); });
  }

  websocket::stream<Stream> ws_;
  HttpServer::Impl& server_;
  StreamFilter filter_;
  net::steady_timer close_timer_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;
  bool dropping_ = false;
  bool accepted_ = false;  ///< in the server's client list once: audited at open and close
  std::uint64_t messages_ = 0;
  std::uint64_t bytes_ = 0;
};

/// One HTTP connection: requests in order, answered one at a time (keep-alive).
template <class Stream>
class HttpSession final : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(Stream&& stream, HttpServer::Impl& server)
      : stream_(std::move(stream)), server_(server) {}

  void start() {
    if constexpr (std::is_same_v<Stream, SslStream>) {
      beast::get_lowest_layer(stream_).expires_after(kReadTimeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code error) {
                                if (!error) self->read();
                              });
    } else {
      read();
    }
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(server_.options().max_body_bytes);
    parser_->header_limit(16U << 10U);
    beast::get_lowest_layer(stream_).expires_after(kReadTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_read(error);
                     });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::end_of_stream) return close();
    if (error) {
      if (error == http::error::body_limit) {
        server_.stats().bad_requests.fetch_add(1, std::memory_order_relaxed);
        return reply(error_response(413, "too_large", "request bodies are at most 64 KiB"), 11,
                     false);
      }
      if (error.category() == http::make_error_code(http::error::end_of_stream).category() ||
          error == http::error::header_limit) {
        server_.stats().bad_requests.fetch_add(1, std::memory_order_relaxed);
        return reply(error_response(400, "bad_http", error.message()), 11, false);
      }
      return;  // timeout or reset
    }
    Request request = parser_->release();
    server_.stats().requests.fetch_add(1, std::memory_order_relaxed);
    if (websocket::is_upgrade(request)) return upgrade(std::move(request));
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    auto self = this->shared_from_this();
    server_.serve(request, [self, version, keep_alive](ApiResponse response) {
      // Answers from the engine thread come back to this connection's executor.
      net::post(self->stream_.get_executor(),
                [self, version, keep_alive, response = std::move(response)]() mutable {
                  self->reply(std::move(response), version, keep_alive);
                });
    });
  }

  void upgrade(Request request) {
    const auto target =
        parse_target(std::string_view(request.target().data(), request.target().size()));
    const Principal* who = target ? server_.api().authenticate(request, *target) : nullptr;
    if (!target || target->path != "/api/stream") {
      return reply(error_response(404, "not_found", "the stream is at /api/stream"), 11, false);
    }
    if (who == nullptr) {
      server_.stats().unauthorized.fetch_add(1, std::memory_order_relaxed);
      return reply(error_response(401, "unauthorized", "a valid access_token is required"), 11,
                   false);
    }
    // The first snapshot is of the viewport given here (?bbox=W,S,E,N), or of everything.
    Viewport viewport;
    if (const auto found = target->query.find("bbox"); found != target->query.end()) {
      auto parsed = parse_viewport(found->second);
      if (!parsed)
        return reply(error_response(400, "bad_parameter", parsed.error().detail), 11, false);
      viewport = *parsed;
    }
    beast::get_lowest_layer(stream_).expires_never();
    std::make_shared<WsSession<Stream>>(std::move(stream_), server_, *who, viewport)
        ->accept(std::move(request));
  }

  void reply(ApiResponse body, unsigned version, bool keep_alive) {
    if (body.status >= 500) {
      server_.stats().responses_5xx.fetch_add(1, std::memory_order_relaxed);
    } else if (body.status >= 400) {
      server_.stats().responses_4xx.fetch_add(1, std::memory_order_relaxed);
      if (body.status == 401) server_.stats().unauthorized.fetch_add(1, std::memory_order_relaxed);
    }
    auto response = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(body.status), version);
    response->set(http::field::server, "straitwatch");
    response->set(http::field::content_type, body.content_type);
    response->set(http::field::cache_control, "no-store");
    if (body.status == 401) response->set(http::field::www_authenticate, "Bearer");
    response->keep_alive(keep_alive);
    response->body() = std::move(body.body);
    response->prepare_payload();
    http::async_write(
        stream_, *response,
        [self = this->shared_from_this(), response](beast::error_code error, std::size_t) {
          if (error || !response->keep_alive()) return self->close();
          self->read();
        });
  }

  void close() {
    beast::error_code ignored;
    if constexpr (std::is_same_v<Stream, SslStream>) {
      beast::get_lowest_layer(stream_).expires_after(kCloseGrace);
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

Status HttpServer::Impl::open() {
  auto tls = configure_tls(ssl_, options_.tls_cert, options_.tls_key, options_.listen, "HTTP");
  if (!tls) return tls.error();
  tls_ = *tls;
  if (Status opened = open_acceptor(acceptor_, options_.listen, options_.port, "HTTP"); !opened) {
    return opened;
  }
  port_ = acceptor_.local_endpoint().port();
  picture_.attach_consumer();
  accept();
  tick();
  return Ok{};
}

void HttpServer::Impl::accept() {
  acceptor_.async_accept([this](beast::error_code error, tcp::socket socket) {
    if (error) {
      if (error != net::error::operation_aborted) accept();
      return;
    }
    // Stream messages go out as soon as they are written (no Nagle wait for an ACK).
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    if (tls_) {
      std::make_shared<HttpSession<SslStream>>(
          SslStream(beast::tcp_stream(std::move(socket)), ssl_), *this)
          ->start();
    } else {
      std::make_shared<HttpSession<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), *this)
          ->start();
    }
    accept();
  });
}

void HttpServer::Impl::tick() {
  // A fixed rate: the next tick is due a period after the last was due, not after it ended
  // (a late tick is not made up for with a burst).
  const auto now = std::chrono::steady_clock::now();
  next_tick_ = std::max(next_tick_ + options_.tick, now);
  tick_timer_.expires_at(next_tick_);
  tick_timer_.async_wait([this](beast::error_code error) {
    if (error) return;
    stats_.ticks.fetch_add(1, std::memory_order_relaxed);
    if (desk_ != nullptr) desk_->expire(std::chrono::seconds(10));
    std::vector<LiveEvent> events = picture_.take_events();
    for (const LiveEvent& event : events) {
      if (event.kind == LiveEvent::Kind::kTrackRemoved) track_texts_.forget(event.id);
    }
    if (!events.empty() && (!clients_.empty() || options_.tick_listener)) {
      const TickEvents prepared = prepare_tick(std::move(events), picture_.time());
      if (options_.tick_listener) options_.tick_listener(prepared);
      // Copy: a delivery may drop its client from the list.
      const std::vector<std::shared_ptr<StreamClient>> clients = clients_;
      for (const auto& client : clients) client->deliver(prepared);
    }
    tick();
  });
}

void HttpServer::Impl::serve(const Request& request, Respond respond) {
  const std::string_view target(request.target().data(), request.target().size());
  const bool api =
      target.rfind("/api/", 0) == 0 || target == "/metrics" || target.rfind("/metrics?", 0) == 0;
  if (api || options_.web_root.empty()) return api_.handle(request, respond);
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    return respond(error_response(405, "method_not_allowed", "static files are read-only"));
  }
  const auto parsed = parse_target(target);
  if (!parsed) return respond(error_response(400, "bad_target", "malformed percent-escape"));
  respond(static_file(parsed->path));
}

ApiResponse HttpServer::Impl::static_file(const std::string& path) const {
  if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos ||
      path.empty() || path[0] != '/') {
    return error_response(400, "bad_path", "no such file");
  }
  std::filesystem::path file = std::filesystem::path(options_.web_root) / path.substr(1);
  std::error_code error;
  if (path == "/" || std::filesystem::is_directory(file, error)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file, error)) {
    // The map is a single page: unknown paths without an extension get it.
    if (std::filesystem::path(path).has_extension()) {
      return error_response(404, "not_found", "no such file");
    }
    file = std::filesystem::path(options_.web_root) / "index.html";
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return error_response(404, "not_found", "the web map is not built (web/dist)");
  std::ostringstream body;
  body << in.rdbuf();
  return ApiResponse{200, content_type(file), body.str()};
}

bool HttpServer::Impl::add_client(const std::shared_ptr<StreamClient>& client) {
  if (clients_.size() >= options_.max_clients) {
    stats_.stream_refused.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  clients_.push_back(client);
  stats_.stream_connects.fetch_add(1, std::memory_order_relaxed);
  stats_.stream_clients.store(clients_.size(), std::memory_order_relaxed);
  return true;
}

void HttpServer::Impl::remove_client(const StreamClient* client) {
  std::erase_if(clients_, [client](const auto& held) { return held.get() == client; });
  stats_.stream_clients.store(clients_.size(), std::memory_order_relaxed);
}

void HttpServer::Impl::stop() {
  if (stopped_) return;
  stopped_ = true;
  net::post(io_, [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    tick_timer_.cancel();
    for (const auto& client : clients_) client->shut();
    clients_.clear();
  });
  // Give sessions a moment to finish, then stop the loop.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  io_.stop();
  if (thread_.joinable()) thread_.join();
  picture_.detach_consumer();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::start(HttpServerOptions options, Api& api,
                                                      LivePicture& picture, OperatorDesk* desk,
                                                      const Clock* clock) {
  auto impl = std::make_unique<Impl>(std::move(options), api, picture, desk);
  impl->set_clock(clock);
  if (Status opened = impl->open(); !opened) return opened.error();
  impl->run();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const { return impl_->port(); }
bool HttpServer::tls() const { return impl_->tls(); }
void HttpServer::stop() { impl_->stop(); }
const HttpServerStats& HttpServer::stats() const { return impl_->stats(); }
engine::LatencyHistogram HttpServer::stream_latency() const { return impl_->stream_latency(); }

}  // namespace sw::server
