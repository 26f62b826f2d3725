// HttpServer end to end over loopback sockets (port 0): REST with a bearer token, the
// WebSocket stream (snapshot, updates, viewport, errors, refusals), request limits, a
// client that stops reading being dropped while the others are served, and static files.
// Every wait is bounded by the client socket's own timeout or a polling limit.

#include "server/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "server_fixture.h"
#include "support/tls_files.h"

namespace sw::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using testing::ids_of;
using testing::kBeWatch;
using testing::kStart;
using testing::kUkWatch;
using testing::make_label;
using testing::make_track;
using Ids = std::vector<std::uint64_t>;
using Response = http::response<http::string_body>;

/// Longest any single client operation may take before the test gives up on it.
constexpr auto kWait = std::chrono::seconds(20);

tcp::endpoint loopback(std::uint16_t port) {
  return tcp::endpoint(net::ip::make_address("127.0.0.1"), port);
}

/// What a client exchange gave: the response, or the error that ended it.
struct Exchange {
  beast::error_code error = net::error::would_block;
  Response response;
};

/// Sends `bytes` on a new connection and reads one HTTP response (bounded wait).
Exchange raw_exchange(std::uint16_t port, const std::string& bytes) {
  net::io_context io;
  beast::tcp_stream stream(io);
  beast::flat_buffer buffer;
  Exchange result;
  stream.expires_after(kWait);
  stream.async_connect(loopback(port), [&](beast::error_code error) {
    if (error) {
      result.error = error;
      return;
    }
    net::async_write(stream, net::buffer(bytes), [&](beast::error_code error, std::size_t) {
      if (error) {
        result.error = error;
        return;
      }
      http::async_read(stream, buffer, result.response,
                       [&](beast::error_code error, std::size_t) { result.error = error; });
    });
  });
  io.run();
  return result;
}

/// One request on a new connection.
Exchange exchange(std::uint16_t port, Request request) {
  request.prepare_payload();
  std::ostringstream text;
  text << request;
  return raw_exchange(port, text.str());
}

Exchange http_get(std::uint16_t port, const std::string& target, const std::string& token = {}) {
  return exchange(port, testing::make_request(http::verb::get, target, token));
}

/// A WebSocket client of the live stream; every operation waits at most kWait.
class WsClient {
 public:
  WsClient() : ws_(io_) {}

  /// Connects and upgrades to `target`; the server's handshake response is kept.
  beast::error_code connect(std::uint16_t port, const std::string& target,
                            int receive_buffer_bytes = 0) {
    beast::tcp_stream& stream = beast::get_lowest_layer(ws_);
    if (receive_buffer_bytes > 0) {
      stream.socket().open(tcp::v4());
      stream.socket().set_option(net::socket_base::receive_buffer_size(receive_buffer_bytes));
    }
    beast::error_code error = run([&](auto done) { stream.async_connect(loopback(port), done); });
    if (error) return error;
    return run([&](auto done) {
      ws_.async_handshake(handshake_, "127.0.0.1:" + std::to_string(port), target, done);
    });
  }
  const websocket::response_type& handshake() const { return handshake_; }

  /// The next message as JSON, or nullopt when the connection ended or nothing came.
  std::optional<Json> read() {
    const std::optional<std::string> text = read_text();
    if (!text) return std::nullopt;
    Json message = Json::parse(*text, nullptr, false);
    EXPECT_TRUE(message.is_object()) << text->substr(0, 300);
    return message;
  }

  std::optional<std::string> read_text() {
    buffer_.clear();
    last_error_ = run([&](auto done) { ws_.async_read(buffer_, done); });
    if (last_error_) return std::nullopt;
    return beast::buffers_to_string(buffer_.data());
  }

  /// Reads until a message satisfies `wanted` (at most `limit` messages).
  std::optional<Json> read_until(const std::function<bool(const Json&)>& wanted, int limit = 100) {
    for (int count = 0; count < limit; ++count) {
      std::optional<Json> message = read();
      if (!message) return std::nullopt;
      if (wanted(*message)) return message;
    }
    return std::nullopt;
  }

  std::optional<Json> read_type(const std::string& type) {
    return read_until([&type](const Json& message) { return message["type"] == type; });
  }

  beast::error_code write(const std::string& text) {
    return run([&](auto done) { ws_.async_write(net::buffer(text), done); });
  }

  beast::error_code last_error() const { return last_error_; }
  websocket::close_reason close_reason() const { return ws_.reason(); }

 private:
  /// Starts one operation with a completion handler and runs until it completed.
  template <typename Start>
  beast::error_code run(Start start) {
    beast::error_code result = net::error::would_block;
    beast::get_lowest_layer(ws_).expires_after(kWait);
    start([&result](beast::error_code error, auto&&...) { result = error; });
    io_.restart();
    io_.run();
    return result;
  }

  net::io_context io_;
  websocket::stream<beast::tcp_stream> ws_;
  websocket::response_type handshake_;
  beast::flat_buffer buffer_;
  beast::error_code last_error_;
};

std::string stream_target(const testing::TestPrincipal& who) {
  return std::string("/api/stream?access_token=") + who.token;
}

class HttpServerTest : public ::testing::Test {
 protected:
  static ApiServices services(LivePicture& picture, const Principals& principals,
                              const Clock& clock) {
    ApiServices services;
    services.picture = &picture;
    services.principals = &principals;
    services.clock = &clock;
    services.metrics = [] { return std::string("straitwatch_up 1\n"); };
    return services;
  }

  void start(HttpServerOptions options = {}) {
    options.listen = "127.0.0.1";
    options.port = 0;
    auto server = HttpServer::start(options, api_, picture_, nullptr, &clock_);
    ASSERT_TRUE(server.ok()) << server.error().detail;
    server_ = std::move(*server);
    ASSERT_NE(server_->port(), 0);
    EXPECT_FALSE(server_->tls());
  }

  std::uint16_t port() const { return server_->port(); }

  void apply(const std::vector<track::FusedTrack>& tracks) { picture_.apply_tracks(tracks); }

  ManualClock clock_{kStart};
  LivePicture picture_{clock_};
  Principals principals_ = testing::make_principals();
  Api api_{services(picture_, principals_, clock_)};
  std::unique_ptr<HttpServer> server_;
  const Label uk_ = make_label("UK/HMCG");
};

TEST_F(HttpServerTest, PlainHttpOnlyOnLoopbackAndTlsNeedsItsFiles) {
  HttpServerOptions options;
  options.listen = "192.0.2.10";
  auto refused = HttpServer::start(options, api_, picture_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "tls");
  options.listen = "127.0.0.1";
  options.tls_cert = "/nonexistent/cert.pem";
  options.tls_key = "/nonexistent/key.pem";
  refused = HttpServer::start(options, api_, picture_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "tls");
  options.tls_cert.clear();
  options.listen = "not an address";
  EXPECT_FALSE(HttpServer::start(options, api_, picture_).ok());
}

TEST_F(HttpServerTest, HealthWithATokenOverASocket) {
  start();
  apply({make_track(1, 51.0, 1.4, uk_)});
  Exchange health = http_get(port(), "/api/health", kUkWatch.token);
  ASSERT_FALSE(health.error) << health.error.message();
  EXPECT_EQ(health.response.result(), http::status::ok);
  EXPECT_EQ(health.response[http::field::content_type], "application/json");
  EXPECT_EQ(health.response[http::field::cache_control], "no-store");
  const Json body = Json::parse(health.response.body());
  EXPECT_EQ(body["principal"]["name"], "uk-watch");
  EXPECT_EQ(body["tracks"], 1);

  Exchange refused = http_get(port(), "/api/health");
  ASSERT_FALSE(refused.error) << refused.error.message();
  EXPECT_EQ(refused.response.result(), http::status::unauthorized);
  EXPECT_EQ(refused.response[http::field::www_authenticate], "Bearer");
  EXPECT_EQ(Json::parse(refused.response.body())["error"], "unauthorized");

  EXPECT_GE(server_->stats().requests.load(), 2U);
  EXPECT_GE(server_->stats().unauthorized.load(), 1U);
  EXPECT_GE(server_->stats().responses_4xx.load(), 1U);
}

TEST_F(HttpServerTest, SeveralRequestsOnOneKeptAliveConnection) {
  start();
  Request first = testing::make_request(http::verb::get, "/api/health", kUkWatch.token);
  Request second = testing::make_request(http::verb::get, "/api/tracks", kUkWatch.token);
  std::ostringstream text;
  text << first << second;
  // Both answers come on the one connection; read the first, then the second.
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(kWait);
  beast::flat_buffer buffer;
  Response one;
  Response two;
  beast::error_code failure = net::error::would_block;
  stream.async_connect(loopback(port()), [&](beast::error_code error) {
    if (error) return void(failure = error);
    net::async_write(stream, net::buffer(text.str()), [&](beast::error_code error, std::size_t) {
      if (error) return void(failure = error);
      http::async_read(stream, buffer, one, [&](beast::error_code error, std::size_t) {
        if (error) return void(failure = error);
        http::async_read(stream, buffer, two,
                         [&](beast::error_code error, std::size_t) { failure = error; });
      });
    });
  });
  io.run();
  ASSERT_FALSE(failure) << failure.message();
  EXPECT_EQ(one.result(), http::status::ok);
  EXPECT_TRUE(Json::parse(one.body()).contains("principal"));
  EXPECT_EQ(two.result(), http::status::ok);
  EXPECT_TRUE(Json::parse(two.body()).contains("tracks"));
}

TEST_F(HttpServerTest, OversizeBodiesAndBrokenHttpAreRefused) {
  start();
  const std::string head = std::string("POST /api/search-areas HTTP/1.1\r\nHost: x\r\n") +
                           "Authorization: Bearer " + kUkWatch.token + "\r\n";
  // The announced length alone is over the limit.
  Exchange large = raw_exchange(port(), head + "Content-Length: 70000\r\n\r\n");
  ASSERT_FALSE(large.error) << large.error.message();
  EXPECT_EQ(large.response.result(), http::status::payload_too_large);
  EXPECT_EQ(Json::parse(large.response.body())["error"], "too_large");
  EXPECT_FALSE(large.response.keep_alive());

  // Exactly the limit is read, and answered by the Api.
  const std::string body(64U << 10U, ' ');
  Exchange at_limit = raw_exchange(
      port(), head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_FALSE(at_limit.error) << at_limit.error.message();
  EXPECT_EQ(at_limit.response.result(), http::status::not_found);  // no drift on this node

  Exchange garbage = raw_exchange(port(), "NOT HTTP AT ALL\r\n\r\n");
  ASSERT_FALSE(garbage.error) << garbage.error.message();
  EXPECT_EQ(garbage.response.result(), http::status::bad_request);
  EXPECT_EQ(Json::parse(garbage.response.body())["error"], "bad_http");

  Exchange long_header = raw_exchange(
      port(), "GET /api/health HTTP/1.1\r\nX-Long: " + std::string(20000, 'a') + "\r\n\r\n");
  ASSERT_FALSE(long_header.error) << long_header.error.message();
  EXPECT_EQ(long_header.response.result(), http::status::bad_request);
  EXPECT_GE(server_->stats().bad_requests.load(), 3U);

  // The server still answers.
  EXPECT_EQ(http_get(port(), "/api/health", kUkWatch.token).response.result(), http::status::ok);
}

TEST_F(HttpServerTest, StreamSendsASnapshotThenUpdates) {
  // Before the server starts: no events, so the first update holds only what follows.
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.41, make_label("FR/CROSS-GN"))});
  start();
  WsClient client;
  ASSERT_FALSE(client.connect(port(), stream_target(kUkWatch)));
  const std::optional<Json> snapshot = client.read();
  ASSERT_TRUE(snapshot);
  EXPECT_EQ((*snapshot)["type"], "snapshot");
  EXPECT_EQ(ids_of((*snapshot)["tracks"]), (Ids{1}));  // 2 is French, not released

  apply({make_track(7, 51.02, 1.42, uk_)});
  const std::optional<Json> update = client.read_type("update");
  ASSERT_TRUE(update) << client.last_error().message();
  EXPECT_EQ(ids_of((*update)["tracks"]), (Ids{7}));
  EXPECT_TRUE((*update)["removed"].empty());
  EXPECT_TRUE(update->contains("published_ns"));  // the server was given a clock
  EXPECT_EQ(server_->stats().stream_clients.load(), 1U);
  EXPECT_GE(server_->stats().stream_messages.load(), 1U);
  EXPECT_TRUE(testing::wait_for([&] { return server_->stream_latency().count() > 0; }));
}

TEST_F(HttpServerTest, ViewportLimitsWhatIsSentAndBadOnesAreAnswered) {
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.8, uk_)});
  start();
  WsClient client;
  ASSERT_FALSE(client.connect(port(), stream_target(kUkWatch)));
  std::optional<Json> message = client.read_type("snapshot");
  ASSERT_TRUE(message);
  EXPECT_EQ(ids_of((*message)["tracks"]), (Ids{1, 2}));

  ASSERT_FALSE(client.write(R"({"viewport": [1.2, 50.9, 1.6, 51.2]})"));
  message = client.read_type("snapshot");
  ASSERT_TRUE(message);
  EXPECT_EQ(ids_of((*message)["tracks"]), (Ids{1}));

  // 1 leaves the view, 3 appears inside it, 4 outside.
  apply({make_track(1, 51.0, 1.7, uk_), make_track(3, 51.0, 1.5, uk_),
         make_track(4, 51.0, 1.9, uk_)});
  message = client.read_type("update");
  ASSERT_TRUE(message);
  EXPECT_EQ(ids_of((*message)["tracks"]), (Ids{3}));
  EXPECT_EQ((*message)["removed"], Json::array({1}));

  for (const char* bad : {R"({"viewport": [1, 2, 3]})", R"({"viewport": [1.6, 50, 1.2, 51]})",
                          R"({"viewport": [1, "50", 2, 51]})", R"({"viewport": "all"})",
                          R"({"zoom": 3})", "not json", "[1, 2, 3, 4]"}) {
    SCOPED_TRACE(bad);
    ASSERT_FALSE(client.write(bad));
    message = client.read();
    ASSERT_TRUE(message);
    EXPECT_EQ((*message)["type"], "error");
    EXPECT_EQ((*message)["error"], "bad_message");
  }
  // The stream goes on with the viewport it had; null clears it.
  ASSERT_FALSE(client.write(R"({"viewport": null})"));
  message = client.read_type("snapshot");
  ASSERT_TRUE(message);
  EXPECT_EQ(ids_of((*message)["tracks"]), (Ids{1, 2, 3, 4}));
}

TEST_F(HttpServerTest, AViewportInTheStreamUrlShapesTheFirstSnapshot) {
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.8, uk_)});
  start();
  WsClient client;
  ASSERT_FALSE(client.connect(port(), stream_target(kUkWatch) + "&bbox=1.2,50.9,1.6,51.2"));
  std::optional<Json> message = client.read();
  ASSERT_TRUE(message);
  EXPECT_EQ((*message)["type"], "snapshot");
  EXPECT_EQ(ids_of((*message)["tracks"]), (Ids{1}));
  // A held track changing is sent as a change (trail_add), one entering the view whole.
  apply({make_track(1, 51.01, 1.4, uk_, std::nullopt, kStart + 20 * kNsPerSecond),
         make_track(2, 51.0, 1.5, uk_, std::nullopt, kStart + 20 * kNsPerSecond)});
  message = client.read_type("update");
  ASSERT_TRUE(message);
  ASSERT_EQ(ids_of((*message)["tracks"]), (Ids{1, 2}));
  EXPECT_EQ((*message)["tracks"][0]["trail_add"].size(), 1U);
  EXPECT_FALSE((*message)["tracks"][0].contains("trail"));
  EXPECT_EQ((*message)["tracks"][1]["trail"].size(), 2U);

  for (const char* bad : {"&bbox=1,2,3", "&bbox=1.6,50,1.2,51", "&bbox=west", "&bbox="}) {
    SCOPED_TRACE(bad);
    WsClient refused;
    EXPECT_TRUE(refused.connect(port(), stream_target(kUkWatch) + bad));
    EXPECT_EQ(refused.handshake().result(), http::status::bad_request);
  }
}

TEST_F(HttpServerTest, StreamWithoutAValidTokenIsRefused) {
  start();
  for (const std::string& target :
       {std::string("/api/stream"), std::string("/api/stream?access_token=wrong"),
        std::string("/api/stream?access_token=")}) {
    SCOPED_TRACE(target);
    WsClient client;
    EXPECT_TRUE(client.connect(port(), target));
    EXPECT_EQ(client.handshake().result(), http::status::unauthorized);
  }
  WsClient elsewhere;
  EXPECT_TRUE(elsewhere.connect(port(), std::string("/api/other?access_token=") + kUkWatch.token));
  EXPECT_EQ(elsewhere.handshake().result(), http::status::not_found);
  EXPECT_EQ(server_->stats().stream_connects.load(), 0U);
  EXPECT_GE(server_->stats().unauthorized.load(), 3U);
}

TEST_F(HttpServerTest, StreamClientsOverTheLimitAreClosed) {
  HttpServerOptions options;
  options.max_clients = 1;
  start(options);
  WsClient first;
  ASSERT_FALSE(first.connect(port(), stream_target(kUkWatch)));
  ASSERT_TRUE(first.read_type("snapshot"));
  WsClient second;
  ASSERT_FALSE(second.connect(port(), stream_target(kBeWatch)));
  EXPECT_FALSE(second.read());
  EXPECT_EQ(second.last_error(), websocket::error::closed);
  EXPECT_EQ(second.close_reason().code, websocket::close_code::try_again_later);
  EXPECT_EQ(server_->stats().stream_refused.load(), 1U);
  // The first still gets its updates.
  apply({make_track(8, 51.0, 1.4, uk_)});
  const std::optional<Json> update = first.read_type("update");
  ASSERT_TRUE(update);
  EXPECT_EQ(ids_of((*update)["tracks"]), (Ids{8}));
}

/// Reads every message of a stream on its own thread until a track with `marker` as id
/// arrives or the connection ends; counts the messages.
class StreamReader {
 public:
  StreamReader(std::uint16_t port, const std::string& target, std::uint64_t marker) {
    connected_ = !client_.connect(port, target);
    if (!connected_) return;
    thread_ = std::thread([this, marker] {
      const std::string wanted = "{\"id\":" + std::to_string(marker) + ",";
      while (std::optional<std::string> text = client_.read_text()) {
        messages_.fetch_add(1);
        if (text->find(wanted) != std::string::npos) {
          saw_marker_ = true;
          return;
        }
      }
    });
  }
  ~StreamReader() {
    if (thread_.joinable()) thread_.join();
  }
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;

  bool connected() const { return connected_; }
  std::uint64_t messages() const { return messages_.load(); }
  bool saw_marker() const { return saw_marker_.load(); }

 private:
  WsClient client_;
  bool connected_ = false;
  std::atomic<std::uint64_t> messages_{0};
  std::atomic<bool> saw_marker_{false};
  std::thread thread_;
};

TEST_F(HttpServerTest, AClientThatStopsReadingIsDroppedAndTheOthersAreServed) {
  HttpServerOptions options;
  options.client_queue_bytes = 256U << 10U;
  options.tick = std::chrono::milliseconds(10);
  start(options);
  constexpr std::uint64_t kMarker = 999999;
  // 64 tracks with 1 kB of details each: every batch is a ~100 kB update, so a client that
  // reads keeps at most two in its queue, and one that does not read exceeds it.
  std::vector<track::FusedTrack> batch;
  for (std::uint64_t id = 1; id <= 64; ++id) {
    track::FusedTrack track = make_track(id, 51.0 + 0.001 * static_cast<double>(id), 1.4, uk_);
    track.set_detail("remarks", std::string(1000, 'x'));
    batch.push_back(track);
  }

  WsClient stalled;  // reads its snapshot, then nothing
  ASSERT_FALSE(stalled.connect(port(), stream_target(kUkWatch), 4096));
  ASSERT_TRUE(stalled.read_type("snapshot"));
  StreamReader reader(port(), stream_target(kUkWatch), kMarker);
  ASSERT_TRUE(reader.connected());
  ASSERT_TRUE(testing::wait_for([&] { return reader.messages() >= 1; }));  // its snapshot

  bool dropped = false;
  for (int round = 1; round <= 2000 && !dropped; ++round) {
    for (track::FusedTrack& track : batch) track.time = kStart + round * kNsPerSecond;
    const std::uint64_t before = reader.messages();
    apply(batch);
    // Paced by the reader, so only the client that stopped reading falls behind.
    ASSERT_TRUE(testing::wait_for([&] { return reader.messages() > before; }))
        << "the reading client got nothing in round " << round << " (ticks "
        << server_->stats().ticks.load() << ", messages " << server_->stats().stream_messages.load()
        << ", clients " << server_->stats().stream_clients.load() << ", dropped "
        << server_->stats().stream_dropped_slow.load() << ")";
    dropped = server_->stats().stream_dropped_slow.load() > 0;
  }
  ASSERT_TRUE(dropped);
  EXPECT_EQ(server_->stats().stream_dropped_slow.load(), 1U);
  EXPECT_TRUE(testing::wait_for([&] { return server_->stats().stream_clients.load() == 1U; }));

  // The server goes on: the reading client gets the next change, and REST answers.
  apply({make_track(kMarker, 51.0, 1.45, uk_)});
  EXPECT_TRUE(testing::wait_for([&] { return reader.saw_marker(); }));
  EXPECT_EQ(http_get(port(), "/api/health", kUkWatch.token).response.result(), http::status::ok);
  WsClient late;
  ASSERT_FALSE(late.connect(port(), stream_target(kUkWatch)));
  const std::optional<Json> snapshot = late.read_type("snapshot");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ((*snapshot)["tracks"].size(), 65U);
  server_->stop();  // ends the reader if it is still waiting
}

class StaticFilesTest : public HttpServerTest {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(directory_.path() / "web" / "assets");
    std::ofstream(directory_.path() / "web" / "index.html") << kIndex;
    std::ofstream(directory_.path() / "web" / "assets" / "app.js") << "console.log(1);\n";
    std::ofstream(directory_.path() / "secret.txt") << "not for the web\n";
    HttpServerOptions options;
    options.web_root = (directory_.path() / "web").string();
    start(options);
  }

  static constexpr const char* kIndex = "<!doctype html><title>straitwatch</title>\n";
  testing::TempDir directory_{"static"};
};

TEST_F(StaticFilesTest, ServesTheMapAndNothingOutsideIt) {
  Exchange index = http_get(port(), "/");
  ASSERT_FALSE(index.error) << index.error.message();
  EXPECT_EQ(index.response.result(), http::status::ok);
  EXPECT_EQ(index.response[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index.response.body(), kIndex);

  Exchange script = http_get(port(), "/assets/app.js");
  EXPECT_EQ(script.response.result(), http::status::ok);
  EXPECT_EQ(script.response[http::field::content_type], "text/javascript");
  EXPECT_EQ(script.response.body(), "console.log(1);\n");

  // A route of the single-page map gets the page; a missing file does not.
  EXPECT_EQ(http_get(port(), "/tracks/12").response.body(), kIndex);
  EXPECT_EQ(http_get(port(), "/assets/missing.css").response.result(), http::status::not_found);

  for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                             "/assets/%2E%2E/%2E%2E/secret.txt", "/..", "/%00"}) {
    SCOPED_TRACE(target);
    Exchange escape = http_get(port(), target);
    ASSERT_FALSE(escape.error) << escape.error.message();
    EXPECT_EQ(escape.response.result(), http::status::bad_request);
    EXPECT_EQ(escape.response.body().find("not for the web"), std::string::npos);
  }
  EXPECT_EQ(http_get(port(), "/%zz").response.result(), http::status::bad_request);
  EXPECT_EQ(
      exchange(port(), testing::make_request(http::verb::post, "/", "", "{}")).response.result(),
      http::status::method_not_allowed);
  // The API is still the API, token and all.
  EXPECT_EQ(http_get(port(), "/api/health").response.result(), http::status::unauthorized);
  EXPECT_EQ(http_get(port(), "/api/health", kUkWatch.token).response.result(), http::status::ok);
}

// ---------------------------------------------------------------------------------------
// HTTPS and WSS: the same API and stream behind TLS; plain HTTP gets no answer there.

using SslStream = beast::ssl_stream<beast::tcp_stream>;

/// A TLS client context that accepts the test's self-signed certificate.
net::ssl::context trusting_client() {
  net::ssl::context context(net::ssl::context::tls_client);
  context.set_verify_mode(net::ssl::verify_none);  // self-signed, test only
  return context;
}

Exchange https_get(std::uint16_t port, const std::string& target, const std::string& token) {
  net::io_context io;
  net::ssl::context context = trusting_client();
  SslStream stream(io, context);
  beast::flat_buffer buffer;
  Request request = testing::make_request(http::verb::get, target, token);
  request.prepare_payload();
  Exchange result;
  const auto fail = [&result](beast::error_code error) {
    result.error = error;
    return error.failed();
  };
  beast::get_lowest_layer(stream).expires_after(kWait);
  beast::get_lowest_layer(stream).async_connect(loopback(port), [&](beast::error_code error) {
    if (fail(error)) return;
    stream.async_handshake(net::ssl::stream_base::client, [&](beast::error_code error) {
      if (fail(error)) return;
      http::async_write(stream, request, [&](beast::error_code error, std::size_t) {
        if (fail(error)) return;
        http::async_read(stream, buffer, result.response,
                         [&](beast::error_code error, std::size_t) { fail(error); });
      });
    });
  });
  io.run();
  return result;
}

/// The first message of a wss:// stream, or "" with the error.
std::string first_wss_message(std::uint16_t port, const std::string& target) {
  net::io_context io;
  net::ssl::context context = trusting_client();
  websocket::stream<SslStream> ws(io, context);
  beast::flat_buffer buffer;
  std::string message;
  beast::get_lowest_layer(ws).expires_after(kWait);
  beast::get_lowest_layer(ws).async_connect(loopback(port), [&](beast::error_code error) {
    if (error) return;
    ws.next_layer().async_handshake(net::ssl::stream_base::client, [&](beast::error_code error) {
      if (error) return;
      ws.async_handshake("localhost", target, [&](beast::error_code error) {
        if (error) return;
        ws.async_read(buffer, [&](beast::error_code error, std::size_t) {
          if (!error) message = beast::buffers_to_string(buffer.data());
        });
      });
    });
  });
  io.run_for(kWait);
  return message;
}

TEST_F(HttpServerTest, HttpsAndWssServeTheApiAndTheStream) {
  testing::TempDir folder("https");
  const std::string cert = (folder.path() / "cert.pem").string();
  const std::string key = (folder.path() / "key.pem").string();
  ASSERT_TRUE(test_support::write_self_signed(cert, key));
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.8, uk_)});
  HttpServerOptions options;
  options.tls_cert = cert;
  options.tls_key = key;
  auto server = HttpServer::start(options, api_, picture_, nullptr, &clock_);
  ASSERT_TRUE(server.ok()) << server.error().detail;
  server_ = std::move(*server);
  EXPECT_TRUE(server_->tls());

  Exchange health = https_get(port(), "/api/health", kUkWatch.token);
  ASSERT_FALSE(health.error) << health.error.message();
  EXPECT_EQ(health.response.result(), http::status::ok);
  EXPECT_EQ(Json::parse(health.response.body(), nullptr, false)["status"], "ok");
  Exchange anonymous = https_get(port(), "/api/tracks", "");
  ASSERT_FALSE(anonymous.error);
  EXPECT_EQ(anonymous.response.result(), http::status::unauthorized);

  const Json snapshot =
      Json::parse(first_wss_message(port(), stream_target(kUkWatch) + "&bbox=1.2,50.9,1.6,51.2"),
                  nullptr, false);
  ASSERT_TRUE(snapshot.is_object());
  EXPECT_EQ(snapshot["type"], "snapshot");
  EXPECT_EQ(ids_of(snapshot["tracks"]), (Ids{1}));

  // Plain HTTP on the TLS port is not answered in HTTP.
  const Exchange plain = http_get(port(), "/api/health", kUkWatch.token);
  EXPECT_TRUE(plain.error.failed());
  EXPECT_TRUE(plain.response.body().empty());
}

}  // namespace
}  // namespace sw::server
