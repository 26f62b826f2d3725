// Server load benchmark (built and run by bench/server/bench.sh): the live stream of the
// HTTP server under the issue's load — N WebSocket clients on loopback, each with a
// viewport, and 10,000 live tracks each updated every 2.5 s (4,000 updates/s) — and the
// engine's ingest rate with and without that load, measured in the same process.
//
//   server_load [--clients 1000] [--tracks 10000] [--duration 60] [--warmup 10]
//               [--journal DIR [--config FILE] [--ingest-runs 3]] ...   (--help lists all)
//
// One process, forked at start into:
// - the server process: a LivePicture, principals with one generated token (nation UK,
//   purpose sar), the Api and the HttpServer on 127.0.0.1:0 (SystemClock), and a feeder
//   thread handing the synthetic tracks to the picture in small batches (track_feeder.h);
// - the client process: the WebSocket clients on their own I/O thread(s) (load_clients.h).
// Phases, each reported separately:
//   0. engine alone: the pipeline over the recorded journal (only with --journal);
//   1. serve: after the connection ramp and a warm-up, a window of --duration seconds;
//   2. serve + engine: the same load while the pipeline runs over the journal with the
//      server's sinks attached (TrackStaging into the served picture), --ingest-runs times;
//   3. engine + sinks + feeder + server, no clients; then without the feeder;
//   4. the engine alone again (the baseline is the better of 0 and 4).
// Latency is measured at the client on the wall clock both processes share: per update
// message, receipt - published_ns (the oldest event of that tick: the worst track in the
// message), and per synthetic track, receipt - the track's own update time.

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ingest_probe.h"
#include "load_clients.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/principals.h"
#include "server/stream_filter.h"
#include "track_feeder.h"

namespace {

using sw::bench::ClientWindow;
using Steady = std::chrono::steady_clock;

struct Options {
  std::size_t clients = 1000;
  std::size_t tracks = 10'000;
  int period_ms = 2500;
  int batch_ms = 20;
  double duration_s = 60;
  double warmup_s = 10;
  std::size_t client_threads = 1;
  std::size_t whole_every = 100;
  double client_queue_mb = 16;  ///< just above the whole-picture snapshot (the node's is 8)
  double ramp_limit_s = 900;    ///< clients not started by then are left out
  double max_rss_mb = 8192;     ///< the run stops when the server process exceeds it
  int tick_ms = 100;
  std::uint64_t seed = 1;
  std::string journal;
  std::string config;
  int ingest_runs = 3;
  double goal_p99_ms = 250;
  double goal_ingest_ratio = 0.95;
};

std::uint64_t status_kib(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0) return std::strtoull(line.c_str() + std::strlen(key), nullptr, 10);
  }
  return 0;
}

std::set<int> thread_ids() {
  std::set<int> ids;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) {
    ids.insert(std::stoi(entry.path().filename().string()));
  }
  return ids;
}

/// CPU seconds (user + system) of one thread of this process (10 ms resolution).
double thread_cpu_seconds(int tid) {
  if (tid <= 0) return 0;
  std::ifstream stat("/proc/self/task/" + std::to_string(tid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  unsigned long long utime = 0;
  unsigned long long stime = 0;
  for (int index = 3; index <= 15 && fields >> field; ++index) {
    if (index == 14) utime = std::stoull(field);
    if (index == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double process_cpu_seconds() {
  timespec spec{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec);
  return static_cast<double>(spec.tv_sec) + static_cast<double>(spec.tv_nsec) / 1e9;
}

std::string random_token() {
  std::random_device device;
  std::string token;
  for (int index = 0; index < 32; ++index) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", device() & 0xFFU);
    token += hex;
  }
  return token;
}

/// The server side's counters at one moment.
struct Sample {
  Steady::time_point at = Steady::now();
  double server_cpu = 0;
  double feeder_cpu = 0;
  double process_cpu = 0;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::uint64_t dropped_slow = 0;
  std::uint64_t ticks = 0;
  std::uint64_t events_dropped = 0;
  std::uint64_t feeder_updates = 0;
  std::uint64_t late_batches = 0;
};

/// Everything the phases share.
struct Bench {
  Options options;
  FILE* to_child = nullptr;
  FILE* from_child = nullptr;
  pid_t child = 0;
  sw::server::LivePicture* picture = nullptr;
  sw::server::HttpServer* server = nullptr;
  sw::bench::TrackFeeder* feeder = nullptr;
  int server_tid = 0;

  Sample sample() const {
    Sample now;
    now.server_cpu = thread_cpu_seconds(server_tid);
    now.feeder_cpu = thread_cpu_seconds(feeder->thread_id());
    now.process_cpu = process_cpu_seconds();
    const auto& stats = server->stats();
    now.messages = stats.stream_messages.load();
    now.bytes = stats.stream_bytes.load();
    now.dropped_slow = stats.stream_dropped_slow.load();
    now.ticks = stats.ticks.load();
    now.events_dropped = picture->stats().events_dropped;
    now.feeder_updates = feeder->updates();
    now.late_batches = feeder->late_batches();
    return now;
  }

  void command(const char* text) const {
    std::fputs(text, to_child);
    std::fflush(to_child);
  }

  std::string line() const {
    char* buffer = nullptr;
    std::size_t size = 0;
    const ssize_t read = getline(&buffer, &size, from_child);
    std::string text = read > 0 ? std::string(buffer, static_cast<std::size_t>(read)) : "";
    std::free(buffer);
    return text;
  }

  bool window(ClientWindow& result) const {
    command("stop\n");
    const std::string counters = line();
    const std::string messages = line();
    const std::string tracks = line();
    const std::string gaps = line();
    return result.from_lines(counters, messages, tracks, gaps);
  }
};

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

void print_window(const char* name, const Bench& bench, const ClientWindow& window,
                  const Sample& before, const Sample& after) {
  const double seconds = std::chrono::duration<double>(after.at - before.at).count();
  const double per_s = 1.0 / std::max(window.seconds, 1e-9);
  std::printf("== %s: window %.1f s, %llu clients connected at its end\n", name, window.seconds,
              static_cast<unsigned long long>(window.connected));
  std::printf(
      "clients received: %.0f messages/s (%.0f updates/s), %.0f track updates/s, %.1f MB/s; "
      "slow-consumer closings %llu, disconnects %llu, snapshots %llu\n",
      static_cast<double>(window.messages) * per_s, static_cast<double>(window.updates) * per_s,
      static_cast<double>(window.track_entries) * per_s,
      static_cast<double>(window.bytes) * per_s / 1e6,
      static_cast<unsigned long long>(window.closing_slow),
      static_cast<unsigned long long>(window.disconnects),
      static_cast<unsigned long long>(window.snapshots));
  const auto& track = window.track_latency;
  const auto& message = window.message_latency;
  std::printf(
      "latency per track (receipt - that track's update time): p50 %.1f  p90 %.1f  p99 %.1f  "
      "max %.1f ms over %llu track updates\n",
      track.quantile_ms(0.5), track.quantile_ms(0.9), track.quantile_ms(0.99), track.max_ms(),
      static_cast<unsigned long long>(track.count()));
  std::printf(
      "latency per message (receipt - published_ns, the tick's oldest event): p50 %.1f  p90 "
      "%.1f  p99 %.1f  max %.1f ms over %llu messages%s\n",
      message.quantile_ms(0.5), message.quantile_ms(0.9), message.quantile_ms(0.99),
      message.max_ms(), static_cast<unsigned long long>(message.count()),
      window.unparsed > 0 ? " (some without published_ns)" : "");
  const auto& gap = window.update_gap;
  std::printf(
      "gap between two updates to one client (nominal: the %d ms tick): p50 %.1f  p99 %.1f  "
      "max %.1f ms\n",
      bench.options.tick_ms, gap.quantile_ms(0.5), gap.quantile_ms(0.99), gap.max_ms());
  const double server_s = std::max(seconds, 1e-9);
  std::printf(
      "server: %.0f messages/s, %.1f MB/s sent; %llu clients dropped as slow (%llu in the "
      "window); %.1f ticks/s (nominal %.1f); picture events lost %llu; feeder %.0f updates/s, "
      "%llu late batches\n",
      static_cast<double>(after.messages - before.messages) / server_s,
      static_cast<double>(after.bytes - before.bytes) / server_s / 1e6,
      static_cast<unsigned long long>(after.dropped_slow),
      static_cast<unsigned long long>(after.dropped_slow - before.dropped_slow),
      static_cast<double>(after.ticks - before.ticks) / server_s, 1000.0 / bench.options.tick_ms,
      static_cast<unsigned long long>(after.events_dropped),
      static_cast<double>(after.feeder_updates - before.feeder_updates) / server_s,
      static_cast<unsigned long long>(after.late_batches - before.late_batches));
  std::printf(
      "cpu (share of one core): server I/O thread %.0f%%, feeder %.0f%%, server process %.0f%%, "
      "client process %.0f%% (of %u cores)\n",
      100.0 * (after.server_cpu - before.server_cpu) / server_s,
      100.0 * (after.feeder_cpu - before.feeder_cpu) / server_s,
      100.0 * (after.process_cpu - before.process_cpu) / server_s,
      100.0 * window.cpu_seconds / std::max(window.seconds, 1e-9),
      std::thread::hardware_concurrency());
  std::printf(
      "memory: server process VmRSS %.1f MiB (peak VmHWM %.1f MiB); client process %.1f MiB\n",
      static_cast<double>(status_kib("VmRSS:")) / 1024.0,
      static_cast<double>(status_kib("VmHWM:")) / 1024.0,
      static_cast<double>(window.rss_kib) / 1024.0);
}

/// Runs the pipeline `runs` times; prints and returns the median rate (0 on failure).
double ingest_case(const char* name, const sw::bench::IngestProbe& probe,
                   sw::server::LivePicture* picture, int runs) {
  std::vector<double> rates;
  std::string list;
  double cpu = 0;
  double seconds = 0;
  for (int attempt = 0; attempt < runs; ++attempt) {
    auto run = probe.run(picture);
    if (!run) {
      std::fprintf(stderr, "ingest: %s\n", run.error().detail.c_str());
      return 0;
    }
    rates.push_back(run->observations_per_s());
    list += (list.empty() ? "" : " ") + std::to_string(static_cast<long long>(rates.back()));
    cpu += run->engine_cpu_seconds;
    seconds += run->seconds;
  }
  const double rate = median(rates);
  std::printf(
      "ingest %-44s %9.0f observations/s  (runs: %s; engine thread on CPU %.0f%% of the time)\n",
      name, rate, list.c_str(), 100.0 * cpu / std::max(seconds, 1e-9));
  return rate;
}

std::string load_average() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  file >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

/// Milliseconds of the fastest of `repeats` calls of `work`.
template <class Work>
double fastest_ms(int repeats, Work&& work) {
  double best = 1e300;
  for (int attempt = 0; attempt < repeats; ++attempt) {
    const auto start = Steady::now();
    work();
    best = std::min(best, std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  }
  return best;
}

/// What the server's I/O thread does per connection and per tick, timed here on the same
/// picture through the same socket-free functions (stream_filter.h), before any load.
void print_io_costs(const sw::server::LivePicture& picture, const sw::server::Principal& principal,
                    const Options& options) {
  const sw::bench::StraitBox box;
  sw::server::TrackTexts texts;  // the server's: each track version serialised once
  sw::server::StreamFilter whole(principal, texts);
  std::size_t snapshot_bytes = 0;
  // The first snapshot serialises every track; later ones copy the texts.
  const double first_snapshot_ms =
      fastest_ms(1, [&] { snapshot_bytes = whole.snapshot(picture).size(); });
  const double snapshot_ms =
      fastest_ms(3, [&] { snapshot_bytes = whole.snapshot(picture).size(); });
  sw::server::StreamFilter part(principal, texts);
  const double width = (box.east - box.west) * std::sqrt(1.0 / 20.0);
  const double height = (box.north - box.south) * std::sqrt(1.0 / 20.0);
  const double west = (box.west + box.east - width) / 2;
  const double south = (box.south + box.north - height) / 2;
  part.set_viewport({west, south, west + width, south + height});
  std::size_t part_bytes = 0;
  const double part_ms = fastest_ms(3, [&] { part_bytes = part.snapshot(picture).size(); });
  // One tick's events: the tracks a tick collects at the nominal rate.
  const auto tracks = picture.tracks();
  const auto per_tick = static_cast<std::size_t>(static_cast<double>(options.tracks) *
                                                 options.tick_ms / options.period_ms);
  std::vector<sw::server::LiveEvent> events;
  for (std::size_t index = 0; index < std::min(per_tick, tracks.size()); ++index) {
    events.push_back(
        {sw::server::LiveEvent::Kind::kTrack, tracks[index]->track.id, 1, tracks[index], {}, {}});
  }
  sw::server::TickEvents tick;
  const double prepare_ms =
      fastest_ms(5, [&] { tick = sw::server::prepare_tick(events, picture.time()); });
  std::size_t part_update = 0;
  std::size_t whole_update = 0;
  const double part_update_ms = fastest_ms(5, [&] { part_update = part.update(tick).size(); });
  const double whole_update_ms = fastest_ms(5, [&] { whole_update = whole.update(tick).size(); });
  const std::size_t whole_clients =
      options.whole_every > 0 ? options.clients / options.whole_every : 0;
  const double tick_ms = prepare_ms +
                         part_update_ms * static_cast<double>(options.clients - whole_clients) +
                         whole_update_ms * static_cast<double>(whole_clients);
  std::printf(
      "I/O thread work, timed alone: snapshot of the whole picture %.1f ms the first time, then "
      "%.1f ms (%.1f MB), of a 1/20 viewport %.1f ms (%.2f MB); per tick (%zu changed tracks): "
      "prepare_tick %.2f ms, "
      "update() %.3f ms per 1/20 client (%.1f kB), %.3f ms per whole-area client (%.0f kB); "
      "=> %.1f ms of filtering per tick for %zu clients, before any socket write\n",
      first_snapshot_ms, snapshot_ms, static_cast<double>(snapshot_bytes) / 1e6, part_ms,
      static_cast<double>(part_bytes) / 1e6, events.size(), prepare_ms, part_update_ms,
      static_cast<double>(part_update) / 1e3, whole_update_ms,
      static_cast<double>(whole_update) / 1e3, tick_ms, options.clients);
}

int run_server(Bench& bench) {
  const Options& options = bench.options;
  std::printf("load average at the start: %s (other work on this machine skews every figure)\n",
              load_average().c_str());
  std::optional<sw::bench::IngestProbe> probe;
  double alone = 0;
  if (!options.journal.empty()) {
    const std::string config_path =
        !options.config.empty()
            ? options.config
            : (std::filesystem::path(options.journal).parent_path() / "config.toml").string();
    auto config = sw::engine::load_config(config_path);
    if (!config) {
      std::fprintf(stderr, "server_load: %s\n", config.error().detail.c_str());
      return 1;
    }
    auto loaded = sw::bench::IngestProbe::load(options.journal, *config);
    if (!loaded) {
      std::fprintf(stderr, "server_load: %s\n", loaded.error().detail.c_str());
      return 1;
    }
    probe.emplace(std::move(*loaded));
    std::printf("== engine alone (%zu recorded inputs from %s, nothing else running)\n",
                probe->inputs(), options.journal.c_str());
    alone = ingest_case("alone (no sinks, no server)", *probe, nullptr, options.ingest_runs);
  }

  sw::SystemClock clock;
  sw::server::LivePicture picture(clock);
  const std::string token = random_token();
  sw::server::Principal principal;
  principal.recipient = {"bench-uk", "UK", "UK/HMCG", sw::kPurposeSearchAndRescue, false};
  principal.token_sha256 = sw::server::sha256_hex(token);
  principal.roles = sw::server::kRoleWatchOfficer;
  const sw::server::Principals principals({principal});
  sw::server::ApiServices services;
  services.picture = &picture;
  services.principals = &principals;
  services.geography_json = R"({"type":"FeatureCollection","features":[]})";
  services.clock = &clock;
  sw::server::Api api(std::move(services));

  sw::bench::FeederOptions feeder_options;
  feeder_options.count = options.tracks;
  feeder_options.period = std::chrono::milliseconds(options.period_ms);
  feeder_options.batch = std::chrono::milliseconds(options.batch_ms);
  feeder_options.seed = options.seed;
  sw::bench::TrackFeeder feeder(picture, clock, feeder_options);
  feeder.prefill();
  const std::uint64_t rss_picture = status_kib("VmRSS:");
  print_io_costs(picture, principal, options);

  sw::server::HttpServerOptions server_options;
  server_options.listen = "127.0.0.1";
  server_options.port = 0;
  server_options.client_queue_bytes =
      static_cast<std::size_t>(options.client_queue_mb * 1024.0 * 1024.0);
  server_options.tick = std::chrono::milliseconds(options.tick_ms);
  const std::set<int> before_start = thread_ids();
  auto started = sw::server::HttpServer::start(server_options, api, picture, nullptr, &clock);
  if (!started) {
    std::fprintf(stderr, "server_load: %s\n", started.error().detail.c_str());
    return 1;
  }
  std::unique_ptr<sw::server::HttpServer> server = std::move(*started);
  for (const int tid : thread_ids()) {
    if (!before_start.contains(tid)) bench.server_tid = tid;
  }
  feeder.start();
  // Unsent messages are held per client up to the client queue limit: when the clients cannot
  // keep up, 1,000 of them may hold gigabytes. Stop the run before the machine runs out.
  const std::jthread guard([&options, &server, child = bench.child](const std::stop_token& stop) {
    while (!stop.stop_requested()) {
      const double rss_mb = static_cast<double>(status_kib("VmRSS:")) / 1024.0;
      if (rss_mb > options.max_rss_mb) {
        const auto& stats = server->stats();
        std::printf(
            "STOPPED: the server process holds %.0f MiB (limit --max-rss-mb %.0f): unsent "
            "messages pile up faster than the clients read them; %llu clients streaming, %llu "
            "dropped as slow, %llu messages (%.0f MB) sent so far\n",
            rss_mb, options.max_rss_mb,
            static_cast<unsigned long long>(stats.stream_clients.load()),
            static_cast<unsigned long long>(stats.stream_dropped_slow.load()),
            static_cast<unsigned long long>(stats.stream_messages.load()),
            static_cast<double>(stats.stream_bytes.load()) / 1e6);
        std::fflush(stdout);
        kill(child, SIGKILL);
        _exit(3);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  bench.picture = &picture;
  bench.server = server.get();
  bench.feeder = &feeder;

  std::printf(
      "== setup: %zu tracks (update every %d ms: %.0f updates/s, batches every %d ms), "
      "%zu clients (every %zuth the whole area, others 1/20 of it) on %zu client thread(s), "
      "server tick %d ms, client queue %.0f MiB; port %u\n",
      options.tracks, options.period_ms,
      1000.0 * static_cast<double>(options.tracks) / options.period_ms, options.batch_ms,
      options.clients, options.whole_every, options.client_threads, options.tick_ms,
      options.client_queue_mb, server->port());
  std::printf("memory: server process VmRSS %.1f MiB with the picture filled, before the server\n",
              static_cast<double>(rss_picture) / 1024.0);
  std::fflush(stdout);
  char go[320];
  std::snprintf(go, sizeof go, "go %u %s %zu %zu %zu %llu %.3f\n", server->port(), token.c_str(),
                options.clients, options.client_threads, options.whole_every,
                static_cast<unsigned long long>(options.seed), options.ramp_limit_s);
  bench.command(go);
  // The ramp: report progress while the clients connect.
  const auto ramp_start = Steady::now();
  pollfd ready_fd{fileno(bench.from_child), POLLIN, 0};
  while (poll(&ready_fd, 1, 30'000) == 0) {
    std::printf(
        "ramp: %.0f s, %llu clients streaming, %llu dropped as slow, server VmRSS %.0f MiB\n",
        std::chrono::duration<double>(Steady::now() - ramp_start).count(),
        static_cast<unsigned long long>(server->stats().stream_clients.load()),
        static_cast<unsigned long long>(server->stats().stream_dropped_slow.load()),
        static_cast<double>(status_kib("VmRSS:")) / 1024.0);
    std::fflush(stdout);
  }
  const std::string ready = bench.line();
  unsigned long long connected = 0;
  unsigned long long failed = 0;
  double ramp_s = 0;
  unsigned long long snapshot_bytes = 0;
  unsigned long long abandoned = 0;
  if (std::sscanf(ready.c_str(), "ready %llu %llu %lf %llu %llu", &connected, &failed, &ramp_s,
                  &snapshot_bytes, &abandoned) != 5) {
    std::fprintf(stderr, "server_load: the client process did not start\n");
    return 1;
  }
  std::printf(
      "ramp: %llu clients connected and holding their viewport snapshot, %llu failed, in %.1f s "
      "(%llu dropped as slow so far); the largest snapshot a client received: %.1f MB\n",
      connected, failed, ramp_s,
      static_cast<unsigned long long>(server->stats().stream_dropped_slow.load()),
      static_cast<double>(snapshot_bytes) / 1e6);
  if (abandoned > 0) {
    std::printf("ramp: %llu clients never started: the ramp passed --ramp-limit %.0f s\n",
                abandoned, options.ramp_limit_s);
  }
  std::fflush(stdout);
  std::this_thread::sleep_for(std::chrono::duration<double>(options.warmup_s));

  // 1. serve
  Sample before = bench.sample();
  bench.command("start\n");
  std::this_thread::sleep_for(std::chrono::duration<double>(options.duration_s));
  ClientWindow serve;
  if (!bench.window(serve)) {
    std::fprintf(stderr, "server_load: unreadable client report\n");
    return 1;
  }
  Sample after = bench.sample();
  print_window("serve", bench, serve, before, after);
  const sw::engine::LatencyHistogram server_latency = server->stream_latency();
  std::printf(
      "server stream_latency (picture -> handed to the socket; since start, includes the ramp; "
      "power-of-two bins): p50 <= %.0f  p90 <= %.0f  p99 <= %.0f  max %.0f ms over %llu\n",
      server_latency.quantile_us(0.5) / 1000, server_latency.quantile_us(0.9) / 1000,
      server_latency.quantile_us(0.99) / 1000, server_latency.max_us() / 1000,
      static_cast<unsigned long long>(server_latency.count()));
  std::fflush(stdout);

  // 2. serve + engine
  double loaded = 0;
  ClientWindow with_engine;
  if (probe) {
    before = bench.sample();
    bench.command("start\n");
    loaded = ingest_case("with sinks, server, feeder and clients", *probe, &picture,
                         options.ingest_runs);
    if (!bench.window(with_engine)) return 1;
    after = bench.sample();
    print_window("serve + engine at full speed", bench, with_engine, before, after);
  }
  bench.command("quit\n");
  int status = 0;
  waitpid(bench.child, &status, 0);
  bench.child = 0;

  // 3. engine with the sinks, no clients
  double no_clients = 0;
  if (probe) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    no_clients = ingest_case("with sinks, server and feeder, no clients", *probe, &picture,
                             options.ingest_runs);
  }
  feeder.stop();
  double sinks_only = 0;
  if (probe) {
    // The server still takes the picture's events each tick, but nothing else runs: what the
    // sinks cost the engine thread itself.
    sinks_only = ingest_case("with sinks and server, no feeder, no clients", *probe, &picture,
                             options.ingest_runs);
  }
  server->stop();
  double alone_after = 0;
  if (probe) {
    alone_after = ingest_case("alone again (server, feeder, clients stopped)", *probe, nullptr,
                              options.ingest_runs);
    alone = std::max(alone, alone_after);
  }
  std::printf("load average at the end: %s\n", load_average().c_str());

  std::printf("== against the goals\n");
  const double p99 = serve.track_latency.quantile_ms(0.99);
  std::printf(
      "p99 update latency per track (serve): %.1f ms vs goal %.0f ms: %.2fx the budget, %s\n", p99,
      options.goal_p99_ms, p99 / options.goal_p99_ms,
      p99 <= options.goal_p99_ms ? "met (for the clients connected)" : "MISSED");
  if (probe) {
    const double p99_engine = with_engine.track_latency.quantile_ms(0.99);
    std::printf("p99 update latency per track (serve + engine): %.1f ms: %.2fx the budget\n",
                p99_engine, p99_engine / options.goal_p99_ms);
    std::printf(
        "ingest ratio loaded/alone (alone: the better of before and after): %.3f vs goal "
        "%.2f: %s\n",
        loaded / alone, options.goal_ingest_ratio,
        loaded / alone >= options.goal_ingest_ratio ? "met" : "MISSED");
    std::printf("ingest ratio sinks+server+feeder without clients/alone: %.3f\n",
                no_clients / alone);
    std::printf("ingest ratio sinks+server, no feeder, no clients/alone: %.3f\n",
                sinks_only / alone);
  }
  if (serve.connected < options.clients) {
    std::printf("clients: only %llu of %zu connected at the end of the window: MISSED\n",
                static_cast<unsigned long long>(serve.connected), options.clients);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Load benchmark of the live stream: WebSocket clients x live tracks"};
  app.add_option("--clients", options.clients, "WebSocket clients");
  app.add_option("--tracks", options.tracks, "live synthetic tracks");
  app.add_option("--period-ms", options.period_ms, "between two updates of one track");
  app.add_option("--batch-ms", options.batch_ms, "between two batches handed to the picture");
  app.add_option("--duration", options.duration_s, "measured window (s)");
  app.add_option("--warmup", options.warmup_s, "after the connection ramp (s)");
  app.add_option("--client-threads", options.client_threads, "I/O threads of the client process");
  app.add_option("--whole-every", options.whole_every,
                 "every Nth client views the whole area (0: none)");
  app.add_option("--client-queue-mb", options.client_queue_mb,
                 "server: unsent MiB before a client is dropped (the node's default is 8)");
  app.add_option("--tick-ms", options.tick_ms, "server: stream tick");
  app.add_option("--ramp-limit", options.ramp_limit_s,
                 "seconds of connection ramp; clients not started by then are left out");
  app.add_option("--max-rss-mb", options.max_rss_mb,
                 "stop the run when the server process's resident memory exceeds this");
  app.add_option("--seed", options.seed, "tracks and viewports");
  app.add_option("--journal", options.journal,
                 "recorded journal for the ingest comparison (e.g. the engine benchmark's)");
  app.add_option("--config", options.config, "its engine configuration (default: beside it)");
  app.add_option("--ingest-runs", options.ingest_runs, "pipeline passes per ingest case");
  app.add_option("--goal-p99-ms", options.goal_p99_ms, "latency goal");
  CLI11_PARSE(app, argc, argv);
  if (options.tracks == 0 || options.period_ms <= 0 || options.batch_ms <= 0 ||
      options.tick_ms <= 0 || options.ingest_runs <= 0) {
    std::fprintf(stderr, "server_load: sizes and intervals must be positive\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);

  // Fork the client process first, while this process has no threads.
  int commands[2];
  int results[2];
  if (pipe(commands) != 0 || pipe(results) != 0) {
    std::perror("pipe");
    return 1;
  }
  const pid_t child = fork();
  if (child < 0) {
    std::perror("fork");
    return 1;
  }
  if (child == 0) {
    close(commands[1]);
    close(results[0]);
    std::fflush(stdout);
    _exit(sw::bench::run_client_process(commands[0], results[1]));
  }
  close(commands[0]);
  close(results[1]);
  Bench bench;
  bench.options = options;
  bench.child = child;
  bench.to_child = fdopen(commands[1], "w");
  bench.from_child = fdopen(results[0], "r");
  const int status = run_server(bench);
  std::fclose(bench.to_child);  // the child ends at end of input
  if (bench.child != 0) waitpid(bench.child, nullptr, 0);
  return status;
}
