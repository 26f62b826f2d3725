#include "load_clients.h"

#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <charconv>
#include <cinttypes>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <random>
#include <string_view>
#include <thread>
#include <vector>

#include "track_feeder.h"

namespace sw::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kMaxMessageBytes = 512U << 20U;
/// Connections in flight per I/O thread (each costs the server its viewport's snapshot).
constexpr std::size_t kConnectingPerThread = 4;
constexpr std::size_t kKeptBufferBytes = 1U << 20U;

TimeNs wall_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double process_cpu_seconds() {
  timespec spec{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec);
  return static_cast<double>(spec.tv_sec) + static_cast<double>(spec.tv_nsec) / 1e9;
}

std::uint64_t rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

/// The integer that starts at `from` in `text` (nullopt when none).
std::optional<std::int64_t> integer_at(std::string_view text, std::size_t from) {
  if (from >= text.size()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data() + from, text.data() + text.size(), value);
  if (error != std::errc{}) return std::nullopt;
  return value;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// Counters and histograms of one I/O thread's clients (touched on that thread only).
struct ThreadWindow {
  bool measuring = false;
  std::uint64_t largest_snapshot = 0;  ///< bytes (kept across windows)
  TimeNs started = 0;
  ClientWindow window;
};

class ClientThread;

/// One WebSocket client of the stream.
class LoadClient : public std::enable_shared_from_this<LoadClient> {
 public:
  /// `target`: the stream URL with the client's viewport (?bbox=).
  LoadClient(net::io_context& io, ClientThread& owner, std::string target)
      : ws_(io), owner_(owner), target_(std::move(target)) {}

  void start(const tcp::endpoint& endpoint);
  bool connected() const { return connected_; }

 private:
  void fail();
  void read();
  void on_message(std::size_t bytes);

  websocket::stream<beast::tcp_stream> ws_;
  ClientThread& owner_;
  std::string target_;
  beast::flat_buffer buffer_;
  TimeNs last_update_ = 0;  ///< receipt of the last update message
  bool ready_ = false;
  bool connected_ = false;
};

/// An io_context with its clients, its ramp of connections and its window counters.
class ClientThread {
 public:
  ClientThread(tcp::endpoint endpoint, std::function<void(bool)> settled)
      : endpoint_(endpoint), settled_(std::move(settled)) {}

  void add(std::string target) {
    pending_.push_back(std::make_shared<LoadClient>(io_, *this, std::move(target)));
  }
  void run() {
    net::post(io_, [this] {
      for (std::size_t started = 0; started < kConnectingPerThread; ++started) launch_next();
    });
    thread_ = std::thread([this] {
      auto guard = net::make_work_guard(io_);
      io_.run();
    });
  }
  void stop() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }
  net::io_context& io() { return io_; }
  ThreadWindow& window() { return window_; }
  std::size_t connected() const {
    std::size_t count = 0;
    for (const auto& client : clients_) count += client->connected() ? 1 : 0;
    return count;
  }

  /// Starts no more connections; returns how many were never started.
  std::size_t abandon_pending() {
    abandoned_ = true;
    const std::size_t count = pending_.size();
    pending_.clear();
    return count;
  }

  /// A client finished its ramp (ready: it holds its viewport snapshot).
  void settled(bool ready) {
    settled_(ready);
    launch_next();
  }

 private:
  void launch_next() {
    if (pending_.empty() || abandoned_) return;
    std::shared_ptr<LoadClient> client = std::move(pending_.front());
    pending_.pop_front();
    clients_.push_back(client);
    client->start(endpoint_);
  }

  net::io_context io_;
  tcp::endpoint endpoint_;
  std::function<void(bool)> settled_;
  std::deque<std::shared_ptr<LoadClient>> pending_;
  std::vector<std::shared_ptr<LoadClient>> clients_;
  ThreadWindow window_;
  std::thread thread_;
  bool abandoned_ = false;
};

void LoadClient::start(const tcp::endpoint& endpoint) {
  beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(120));
  beast::get_lowest_layer(ws_).async_connect(
      endpoint, [self = shared_from_this()](beast::error_code error) {
        if (error) return self->fail();
        self->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        self->ws_.read_message_max(kMaxMessageBytes);
        self->ws_.async_handshake("127.0.0.1", self->target_,
                                  [self](beast::error_code handshake_error) {
                                    if (handshake_error) return self->fail();
                                    beast::get_lowest_layer(self->ws_).expires_never();
                                    self->connected_ = true;
                                    self->read();
                                  });
      });
}

void LoadClient::fail() {
  if (connected_) ++owner_.window().window.disconnects;
  connected_ = false;
  if (!ready_) {
    ready_ = true;  // settled, as a failure
    owner_.settled(false);
  }
}

void LoadClient::read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
    if (error) return self->fail();
    self->on_message(bytes);
    self->buffer_.consume(self->buffer_.size());
    // Do not keep a large snapshot's buffer for every client.
    if (self->buffer_.capacity() > kKeptBufferBytes) self->buffer_.shrink_to_fit();
    self->read();
  });
}

void LoadClient::on_message(std::size_t bytes) {
  const TimeNs now = wall_now();
  const std::string_view text(static_cast<const char*>(buffer_.cdata().data()),
                              buffer_.cdata().size());
  ThreadWindow& state = owner_.window();
  ClientWindow& window = state.window;
  const bool measuring = state.measuring;
  if (measuring) {
    ++window.messages;
    window.bytes += bytes;
  }
  if (starts_with(text, R"({"type":"snapshot")")) {
    if (measuring) ++window.snapshots;
    state.largest_snapshot = std::max<std::uint64_t>(state.largest_snapshot, bytes);
    // The snapshot on connect is of the viewport given in the stream URL.
    if (!ready_) {
      ready_ = true;
      owner_.settled(true);
    }
    return;
  }
  if (starts_with(text, R"({"type":"closing")")) {
    ++window.closing_slow;
    return;
  }
  if (!starts_with(text, R"({"type":"update")")) return;
  const TimeNs previous = last_update_;
  last_update_ = now;
  if (!measuring) return;
  ++window.updates;
  if (previous != 0) window.update_gap.record(now - previous);
  constexpr std::string_view kPublished = R"("published_ns":)";
  const std::size_t published = text.rfind(kPublished);
  const auto published_ns = published == std::string_view::npos
                                ? std::nullopt
                                : integer_at(text, published + kPublished.size());
  if (published_ns) {
    window.message_latency.record(now - *published_ns);
  } else {
    ++window.unparsed;
  }
  // Tracks: between "tracks":[ and ],"removed":[ ; each starts {"id":N,... "time":{..."ns":T}.
  constexpr std::string_view kTracks = R"("tracks":[)";
  constexpr std::string_view kRemoved = R"(],"removed":[)";
  constexpr std::string_view kId = R"({"id":)";
  constexpr std::string_view kNs = R"("ns":)";
  const std::size_t begin = text.find(kTracks);
  const std::size_t end = text.rfind(kRemoved);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) return;
  std::string_view tracks = text.substr(0, end);
  std::size_t cursor = begin + kTracks.size();
  while ((cursor = tracks.find(kId, cursor)) != std::string_view::npos) {
    cursor += kId.size();
    ++window.track_entries;
    const auto id = integer_at(tracks, cursor);
    if (!id || static_cast<std::uint64_t>(*id) < kSyntheticIdBase) continue;
    const std::size_t ns = tracks.find(kNs, cursor);
    if (ns == std::string_view::npos) break;
    if (const auto time = integer_at(tracks, ns + kNs.size())) {
      window.track_latency.record(now - *time);
    }
    cursor = ns;
  }
}

/// Runs `work` on each thread's io_context and waits for all.
void on_each(std::vector<std::unique_ptr<ClientThread>>& threads,
             const std::function<void(ClientThread&)>& work) {
  std::vector<std::future<void>> done;
  for (auto& thread : threads) {
    auto promise = std::make_shared<std::promise<void>>();
    done.push_back(promise->get_future());
    net::post(thread->io(), [&work, &thread, promise] {
      work(*thread);
      promise->set_value();
    });
  }
  for (auto& future : done) future.wait();
}

std::string viewport_query(double west, double south, double east, double north) {
  char text[160];
  std::snprintf(text, sizeof text, "&bbox=%.6f,%.6f,%.6f,%.6f", west, south, east, north);
  return text;
}

}  // namespace

std::string ClientWindow::to_lines() const {
  char counters[512];
  std::snprintf(counters, sizeof counters,
                "window %.6f %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
                " %" PRIu64 " %" PRIu64 " %" PRIu64 " %.6f %" PRIu64 "\n",
                seconds, connected, messages, updates, snapshots, bytes, track_entries,
                closing_slow, disconnects, unparsed, cpu_seconds, rss_kib);
  return counters + message_latency.serialize() + "\n" + track_latency.serialize() + "\n" +
         update_gap.serialize() + "\n";
}

bool ClientWindow::from_lines(const std::string& counters, const std::string& messages_line,
                              const std::string& tracks_line, const std::string& gaps_line) {
  const int read =
      std::sscanf(counters.c_str(),
                  "window %lf %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
                  " %" SCNu64 " %" SCNu64 " %" SCNu64 " %lf %" SCNu64,
                  &seconds, &connected, &messages, &updates, &snapshots, &bytes, &track_entries,
                  &closing_slow, &disconnects, &unparsed, &cpu_seconds, &rss_kib);
  return read == 12 && message_latency.parse(messages_line) && track_latency.parse(tracks_line) &&
         update_gap.parse(gaps_line);
}

int run_client_process(int command_fd, int result_fd) {
  FILE* commands = fdopen(command_fd, "r");
  FILE* results = fdopen(result_fd, "w");
  if (commands == nullptr || results == nullptr) return 2;
  char line[512];
  if (std::fgets(line, sizeof line, commands) == nullptr) return 0;  // parent gave up
  unsigned port = 0;
  char token[129] = {};
  std::size_t clients = 0;
  std::size_t thread_count = 1;
  std::size_t whole_every = 0;
  unsigned long long seed = 1;
  double ramp_limit_s = 0;
  if (std::sscanf(line, "go %u %128s %zu %zu %zu %llu %lf", &port, token, &clients, &thread_count,
                  &whole_every, &seed, &ramp_limit_s) != 7) {
    std::fprintf(stderr, "clients: bad command: %s", line);
    return 2;
  }
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(port));
  const std::string target = std::string("/api/stream?access_token=") + token;

  std::mutex mutex;
  std::condition_variable changed;
  std::size_t ready = 0;
  std::size_t failed = 0;
  auto settled = [&](bool ok) {
    std::lock_guard lock(mutex);
    ++(ok ? ready : failed);
    changed.notify_all();
  };

  // Viewports: about 1/20 of the box at random places; every `whole_every`-th the whole box.
  const StraitBox box;
  const double width = (box.east - box.west) * std::sqrt(1.0 / 20.0);
  const double height = (box.north - box.south) * std::sqrt(1.0 / 20.0);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::unique_ptr<ClientThread>> threads;
  for (std::size_t index = 0; index < std::max<std::size_t>(1, thread_count); ++index) {
    threads.push_back(std::make_unique<ClientThread>(endpoint, settled));
  }
  for (std::size_t index = 0; index < clients; ++index) {
    std::string query;
    if (whole_every > 0 && index % whole_every == whole_every - 1) {
      query = viewport_query(box.west, box.south, box.east, box.north);
    } else {
      const double west = box.west + unit(rng) * (box.east - box.west - width);
      const double south = box.south + unit(rng) * (box.north - box.south - height);
      query = viewport_query(west, south, west + width, south + height);
    }
    threads[index % threads.size()]->add(target + query);
  }
  const auto ramp_start = std::chrono::steady_clock::now();
  for (auto& thread : threads) thread->run();
  std::size_t abandoned = 0;
  {
    std::unique_lock lock(mutex);
    const auto deadline = ramp_start + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                           std::chrono::duration<double>(ramp_limit_s));
    if (!changed.wait_until(lock, deadline, [&] { return ready + failed == clients; })) {
      // Past the deadline: start no more; wait for those already connecting.
      lock.unlock();
      std::size_t never_started = 0;
      on_each(threads, [&never_started](ClientThread& thread) {
        never_started += thread.abandon_pending();
      });
      lock.lock();
      abandoned = never_started;
      changed.wait(lock, [&] { return ready + failed + abandoned == clients; });
    }
  }
  const double ramp_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - ramp_start).count();
  std::uint64_t largest_snapshot = 0;
  on_each(threads, [&largest_snapshot](ClientThread& thread) {
    largest_snapshot = std::max(largest_snapshot, thread.window().largest_snapshot);
  });
  std::fprintf(results, "ready %zu %zu %.3f %" PRIu64 " %zu\n", ready, failed, ramp_s,
               largest_snapshot, abandoned);
  std::fflush(results);

  double cpu_start = 0;
  auto window_start = std::chrono::steady_clock::now();
  while (std::fgets(line, sizeof line, commands) != nullptr) {
    const std::string_view command(line);
    if (starts_with(command, "start")) {
      on_each(threads, [](ClientThread& thread) {
        const std::uint64_t largest = thread.window().largest_snapshot;
        thread.window() = ThreadWindow{};
        thread.window().largest_snapshot = largest;
        thread.window().measuring = true;
      });
      cpu_start = process_cpu_seconds();
      window_start = std::chrono::steady_clock::now();
    } else if (starts_with(command, "stop")) {
      ClientWindow total;
      on_each(threads, [&total](ClientThread& thread) {
        ClientWindow& window = thread.window().window;
        thread.window().measuring = false;
        total.connected += thread.connected();
        total.messages += window.messages;
        total.updates += window.updates;
        total.snapshots += window.snapshots;
        total.bytes += window.bytes;
        total.track_entries += window.track_entries;
        total.closing_slow += window.closing_slow;
        total.disconnects += window.disconnects;
        total.unparsed += window.unparsed;
        total.message_latency.merge(window.message_latency);
        total.track_latency.merge(window.track_latency);
        total.update_gap.merge(window.update_gap);
      });
      total.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - window_start).count();
      total.cpu_seconds = process_cpu_seconds() - cpu_start;
      total.rss_kib = rss_kib();
      std::fputs(total.to_lines().c_str(), results);
      std::fflush(results);
    } else if (starts_with(command, "quit")) {
      break;
    }
  }
  for (auto& thread : threads) thread->stop();
  return 0;
}

}  // namespace sw::bench
