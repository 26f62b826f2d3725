#include "cli/engine_command.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/node_server_setup.h"
#include "cli/stop_signal.h"
#include "engine/builtin_sim.h"
#include "engine/engine.h"
#include "engine/replay.h"
#include "engine/scaled_clock.h"
#include "engine/store_sink.h"
#include "sim/geography.h"
#include "sim/scenario.h"
#include "store/open_store.h"
#include "store/sqlite/sqlite_store.h"
#if STRAITWATCH_POSTGRES
#include "store/postgres/postgres_store.h"
#endif

namespace sw::cli {
namespace {

struct RunOptions {
  std::string config_path;
  std::string data_dir = "straitwatch-data";
  std::string scenario_path = "data/sim/dover_default.toml";
  std::optional<std::uint64_t> seed;
  std::optional<double> duration_s;
  double speed = 1.0;
  double summary_every_s = 5.0;
  bool quiet = false;
  bool fresh = false;
  bool report_durable = false;
  std::string dump_path;
  // Server.
  bool no_server = false;
  std::optional<std::uint16_t> http_port;  ///< overrides [server] port; built-in default 8080
  std::string principals_path;             ///< built-in: default fresh demo principals
  std::string web_root = "web/dist";
};

struct ReplayOptions {
  std::string journal_dir;
  std::string config_path;
  std::string store_path;
  std::string dump_path;
  std::string rejournal_dir;
  bool no_store = false;
  double speed = 0.0;
};

int fail(const char* command, const Error& error) {
  std::fprintf(stderr, "straitwatch %s: %s (%s)\n", command, error.detail.c_str(),
               error.code.c_str());
  return 1;
}

std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

/// The configuration a run used, kept beside its journal so replay needs nothing else.
Status keep_config(const std::string& data_dir, const std::string& text) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  std::ofstream file(std::filesystem::path(data_dir) / "config.toml");
  file << text;
  if (!file) return Error{"io_error", "cannot write " + data_dir + "/config.toml"};
  return Ok{};
}

/// The node's history store as its configuration names it: data_dir/history.sqlite, or
/// the PostgreSQL database of [store] postgres. Both the engine's writer and the server's
/// reader open it from these settings.
store::StoreSettings history_settings(const engine::EngineConfig& config) {
  store::StoreSettings settings;
  settings.kind = config.store_backend == engine::StoreBackend::kPostgres
                      ? store::StoreKind::kPostgres
                      : store::StoreKind::kSqlite;
  settings.sqlite_path = (std::filesystem::path(config.data_dir) / "history.sqlite").string();
  settings.postgres = config.store_postgres;
  settings.default_retention = static_cast<TimeNs>(config.store_default_retention_days * 86400.0 *
                                                   static_cast<double>(kNsPerSecond));
  return settings;
}

/// Opens the store `settings` name (a PostgreSQL history is emptied first when `fresh`:
/// the history is rebuilt from the journal).
Result<std::unique_ptr<store::HistoryStore>> open_store(const store::StoreSettings& settings,
                                                        bool fresh) {
  if (fresh && settings.kind == store::StoreKind::kPostgres) {
#if STRAITWATCH_POSTGRES
    store::PostgresStoreOptions options;
    options.default_retention = settings.default_retention;
    auto store = store::PostgresStore::open(settings.postgres, options);
    if (!store) return store.error();
    if (Status cleared = (*store)->clear(); !cleared) return cleared.error();
    return std::unique_ptr<store::HistoryStore>(std::move(*store));
#endif
  }
  return store::open_history_store(settings);
}

/// Opens the history store of `config` (data_dir/history.sqlite, or PostgreSQL as the
/// configuration says; a replay's SQLite file when `path` is given) and makes it the
/// pipeline's update sink. `fresh`: a PostgreSQL history is emptied first.
Result<std::unique_ptr<store::HistoryStore>> attach_store(engine::Pipeline& pipeline,
                                                          const engine::EngineConfig& config,
                                                          std::string path,
                                                          std::unique_ptr<engine::StoreSink>& sink,
                                                          bool fresh = false) {
  store::StoreSettings settings = history_settings(config);
  if (!path.empty()) {  // replay: a file
    settings.kind = store::StoreKind::kSqlite;
    settings.sqlite_path = std::move(path);
  }
  auto store = open_store(settings, fresh);
  if (!store) return store.error();
  sink = std::make_unique<engine::StoreSink>(**store);
  engine::StoreSink* raw = sink.get();
  pipeline.add_update_sink(
      [raw](std::span<const track::FusedTrack> tracks) { raw->write(tracks); });
  pipeline.add_alert_sink(
      [raw](std::span<const risk::Alert> alerts) { raw->write_alerts(alerts); });
  return store;
}

/// Runs the engine until interrupted, until finite inputs are drained, or until the
/// built-in simulation ends; prints the summary every few seconds.
/// Writes the store's canonical dump to `path` (nothing when empty).
Status dump_store(store::HistoryStore& store, const std::string& path) {
  if (path.empty()) return Ok{};
  std::ofstream dump(path);
  if (Status dumped = store.dump_canonical(dump); !dumped) return dumped;
  if (!dump) return Error{"io_error", "cannot write " + path};
  return Ok{};
}

int run_engine(engine::Engine& engine, const RunOptions& options, engine::SimFeeder* feeder,
               engine::StoreSink& sink, store::HistoryStore& store) {
  const std::atomic<bool>& interrupted = stop_on_signals();
  auto last_print = std::chrono::steady_clock::now();
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // A node without sources of its own (one that only shows what partners share) runs
    // until it is stopped; otherwise the run ends when every finite source is read.
    const bool drained = !engine.config().sources.empty() && engine.drained();
    const bool done = interrupted || (feeder != nullptr ? feeder->finished() : drained);
    const auto now = std::chrono::steady_clock::now();
    if (!options.quiet &&
        now - last_print >= std::chrono::duration<double>(options.summary_every_s)) {
      std::printf("--\n%s", engine.summary().c_str());
      std::fflush(stdout);
      last_print = now;
    }
    if (done) break;
  }
  if (feeder != nullptr) feeder->stop();
  engine.stop();
  sink.flush();
  std::printf("== final\n%s", engine.summary().c_str());
  if (feeder != nullptr) {
    std::printf("simulator: %llu reports sent (%llu datagrams, %llu stream bytes, %llu errors)\n",
                static_cast<unsigned long long>(feeder->stats().reports.load()),
                static_cast<unsigned long long>(feeder->stats().datagrams.load()),
                static_cast<unsigned long long>(feeder->stats().stream_bytes.load()),
                static_cast<unsigned long long>(feeder->stats().send_errors.load()));
  }
  std::printf(
      "history: %llu track updates and %llu alert revisions stored (%llu failed batches, %llu "
      "transactions, the pipeline waited %llu times for the writer)\n",
      static_cast<unsigned long long>(sink.written()),
      static_cast<unsigned long long>(sink.alerts_written()),
      static_cast<unsigned long long>(sink.failed_batches()),
      static_cast<unsigned long long>(sink.transactions()),
      static_cast<unsigned long long>(sink.waits()));
  std::printf("retention: %llu passes (%llu failed) purged %llu positions, %llu alert revisions\n",
              static_cast<unsigned long long>(sink.retention_runs()),
              static_cast<unsigned long long>(sink.retention_failures()),
              static_cast<unsigned long long>(sink.retained_away().positions),
              static_cast<unsigned long long>(sink.retained_away().alerts));
  std::printf("journal, history and configuration in %s (replay: straitwatch replay %s/journal)\n",
              engine.config().data_dir.c_str(), engine.config().data_dir.c_str());
  if (Status dumped = dump_store(store, options.dump_path); !dumped) {
    return fail("run", dumped.error());
  }
  return 0;
}

int run_command(const RunOptions& options) {
  if (!options.config_path.empty()) {
    const std::string text = read_text(options.config_path);
    auto config = engine::parse_config_text(text, options.config_path);
    if (!config) return fail("run", config.error());
    if (Status kept = keep_config(config->data_dir, text); !kept) return fail("run", kept.error());
    // The journal is the truth: after a stop or a crash, the picture and the history are
    // rebuilt from it before new input is taken, exactly as a clean replay would build them.
    const std::filesystem::path data_dir(config->data_dir);
    std::error_code ignored;
    const bool recovering = std::filesystem::exists(data_dir / "journal") &&
                            !std::filesystem::is_empty(data_dir / "journal", ignored);
    if (recovering) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(data_dir / (std::string("history.sqlite") + suffix), ignored);
      }
    }
    SystemClock clock;
    auto engine = engine::Engine::create(*config, clock);
    if (!engine) return fail("run", engine.error());
    for (const std::string& line : (*engine)->recovery_report()) std::printf("%s\n", line.c_str());
    std::unique_ptr<engine::StoreSink> sink;
    auto store = attach_store((*engine)->pipeline(), *config, "", sink, recovering);
    if (!store) return fail("run", store.error());
    if (recovering) {
      auto replayed = engine::replay_journal((data_dir / "journal").string(), *config,
                                             (*engine)->pipeline(), 0.0, nullptr, false);
      if (!replayed) return fail("run", replayed.error());
      std::printf("recovered: %llu journal records replayed into the picture and the history\n",
                  static_cast<unsigned long long>(replayed->records));
      std::fflush(stdout);
    }
    if (options.report_durable) {
      (*engine)->set_durable_callback([](std::uint64_t sequence) {
        std::printf("durable %llu\n", static_cast<unsigned long long>(sequence));
        std::fflush(stdout);
      });
    }
    std::unique_ptr<server::NodeServer> node;
    if (config->server && !options.no_server) {
      engine::ServerConfig server_config = *config->server;
      if (options.http_port) server_config.port = *options.http_port;
      auto started =
          start_node_server(**engine, server_config, history_settings(*config), clock, {});
      if (!started) return fail("run", started.error());
      node = std::move(*started);
    }
    if (Status started = (*engine)->start(); !started) return fail("run", started.error());
    return run_engine(**engine, options, nullptr, *sink, **store);
  }

  // No configuration: the built-in Dover Strait simulation feeds the engine over loopback.
  // Each simulation starts at the scenario's start time, so its journal cannot continue an
  // earlier run's: the data directory must be new, or replaced with --fresh.
  const std::filesystem::path journal_dir = std::filesystem::path(options.data_dir) / "journal";
  std::error_code ignored;
  if (std::filesystem::exists(journal_dir) && !std::filesystem::is_empty(journal_dir, ignored)) {
    if (!options.fresh) {
      return fail("run", Error{"data_dir_in_use", options.data_dir +
                                                      " holds the journal of an earlier "
                                                      "simulation; pass --fresh to replace it"});
    }
    std::filesystem::remove_all(options.data_dir, ignored);
  }
  auto scenario = sim::load_scenario(options.scenario_path);
  if (!scenario) return fail("run", scenario.error());
  if (options.seed) scenario->seed = *options.seed;
  if (options.duration_s) scenario->duration_s = *options.duration_s;
  auto geography = sim::load_geography(scenario->geography_path());
  if (!geography) return fail("run", geography.error());
  auto simulator = sim::Simulator::create(*scenario, *geography);
  if (!simulator) return fail("run", simulator.error());
  std::string text = engine::builtin_config_toml(**simulator, options.data_dir, options.speed);
  std::vector<DemoLogin> logins;
  if (!options.no_server) {
    std::string principals = options.principals_path;
    if (principals.empty()) {
      auto demo = write_demo_principals(options.data_dir);
      if (!demo) return fail("run", demo.error());
      logins = std::move(*demo);
      principals = (std::filesystem::path(options.data_dir) / "principals.toml").string();
    }
    text += server_config_toml(options.http_port.value_or(8080),
                               std::filesystem::absolute(principals).generic_string(),
                               std::filesystem::absolute(options.web_root).generic_string());
  }
  auto config = engine::parse_config_text(text, "built-in simulation");
  if (!config) return fail("run", config.error());
  if (Status kept = keep_config(config->data_dir, text); !kept) return fail("run", kept.error());
  // The engine's receive clock is the simulation's clock, so any --speed keeps sensor
  // time and receive time together (and the journal replays the same).
  engine::ScaledClock clock(scenario->start, options.speed);
  auto engine = engine::Engine::create(*config, clock);
  if (!engine) return fail("run", engine.error());
  std::unique_ptr<engine::StoreSink> sink;
  auto store = attach_store((*engine)->pipeline(), *config, "", sink);
  if (!store) return fail("run", store.error());
  std::unique_ptr<server::NodeServer> node;
  if (config->server) {
    auto started =
        start_node_server(**engine, *config->server, history_settings(*config), clock, logins);
    if (!started) return fail("run", started.error());
    node = std::move(*started);
  }
  if (Status started = (*engine)->start(); !started) return fail("run", started.error());
  engine::SimFeeder feeder(**simulator, **engine, clock);
  if (Status fed = feeder.start(); !fed) return fail("run", fed.error());
  std::printf("straitwatch run: built-in simulation '%s', seed %llu, %.0f s at %gx; data in %s\n",
              scenario->name.c_str(), static_cast<unsigned long long>(scenario->seed),
              scenario->duration_s, options.speed, config->data_dir.c_str());
  return run_engine(**engine, options, &feeder, *sink, **store);
}

int replay_command(const ReplayOptions& options) {
  const std::string config_path =
      !options.config_path.empty()
          ? options.config_path
          : (std::filesystem::path(options.journal_dir).parent_path() / "config.toml").string();
  auto config = engine::load_config(config_path);
  if (!config) return fail("replay", config.error());
  ManualClock clock(0);
  auto pipeline = engine::Pipeline::create(*config, clock);
  if (!pipeline) return fail("replay", pipeline.error());
  const std::string store_path =
      !options.store_path.empty()
          ? options.store_path
          : (std::filesystem::path(options.journal_dir).parent_path() / "replay.sqlite").string();
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(store_path + suffix, ignored);  // a replay builds its store anew
  }
  std::unique_ptr<engine::StoreSink> sink;
  Result<std::unique_ptr<store::HistoryStore>> store = Error{"no_store", "--no-store"};
  if (!options.no_store) {
    store = attach_store(**pipeline, *config, store_path, sink);
    if (!store) return fail("replay", store.error());
  }
  std::unique_ptr<store::JournalWriter> rejournal;
  if (!options.rejournal_dir.empty()) {
    std::filesystem::remove_all(options.rejournal_dir, ignored);
    store::JournalOptions journal_options;
    journal_options.directory = options.rejournal_dir;
    journal_options.segment_max_bytes = config->segment_bytes;
    journal_options.sync = config->fsync;
    journal_options.batch_max_records = 4096;
    SystemClock wall;
    auto opened = store::JournalWriter::open(std::move(journal_options), wall);
    if (!opened) return fail("replay", opened.error());
    rejournal = std::move(*opened);
  }
  const auto started = std::chrono::steady_clock::now();
  auto replayed = engine::replay_journal(options.journal_dir, *config, **pipeline, options.speed,
                                         rejournal.get());
  if (sink) sink->flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!replayed) return fail("replay", replayed.error());
  std::printf("%s", engine::format_summary(**pipeline, *config).c_str());
  std::uint64_t observations = 0;
  for (std::size_t source = 0; source < (*pipeline)->source_count(); ++source) {
    observations += (*pipeline)->counters(source).observations;
  }
  std::printf("replay: %llu records, %llu observations in %.3f s (%.0f observations/s)%s\n",
              static_cast<unsigned long long>(replayed->records),
              static_cast<unsigned long long>(observations), seconds,
              static_cast<double>(observations) / std::max(seconds, 1e-9),
              rejournal ? (config->fsync ? ", re-journaled with fsync" : ", re-journaled") : "");
  std::printf("replay: %llu of unknown sources, %llu damaged regions skipped\n",
              static_cast<unsigned long long>(replayed->unknown_source),
              static_cast<unsigned long long>(replayed->journal.corrupt_regions));
  if (options.no_store) return 0;
  std::printf(
      "history: %llu track updates and %llu alert revisions stored in %s (%llu transactions, "
      "the pipeline waited %llu times for the writer)\n",
      static_cast<unsigned long long>(sink->written()),
      static_cast<unsigned long long>(sink->alerts_written()), store_path.c_str(),
      static_cast<unsigned long long>(sink->transactions()),
      static_cast<unsigned long long>(sink->waits()));
  if (Status dumped = dump_store(**store, options.dump_path); !dumped) {
    return fail("replay", dumped.error());
  }
  return 0;
}

}  // namespace

void add_engine_commands(CLI::App& app) {
  auto run_options = std::make_shared<RunOptions>();
  CLI::App* run =
      app.add_subcommand("run",
                         "run a node: sources -> journal -> tracks; without --config, the built-in "
                         "Dover Strait simulation over loopback sockets");
  run->add_option("--config", run_options->config_path, "engine configuration (TOML)");
  run->add_option("--data-dir", run_options->data_dir,
                  "journal and history directory of the built-in simulation run");
  run->add_option("--scenario", run_options->scenario_path, "simulation scenario (TOML)");
  run->add_option("--seed", run_options->seed, "simulation seed (overrides the scenario's)");
  run->add_option("--duration", run_options->duration_s, "simulated seconds");
  run->add_option("--speed", run_options->speed, "simulated seconds per second (1 = real time)")
      ->check(CLI::PositiveNumber);
  run->add_option("--summary-every", run_options->summary_every_s, "seconds between summaries");
  run->add_flag("--quiet", run_options->quiet, "print only the final summary");
  run->add_option("--dump", run_options->dump_path,
                  "at the end, write the history store's canonical dump here");
  run->add_flag("--report-durable", run_options->report_durable,
                "print 'durable N' after each group commit (inputs up to N are on disk)");
  run->add_flag("--fresh", run_options->fresh,
                "built-in simulation: replace the data directory of an earlier run");
  run->add_flag("--no-server", run_options->no_server, "no HTTP/WebSocket server and web map");
  run->add_option("--http-port", run_options->http_port,
                  "HTTP port of the server (0: any free port; built-in default 8080)");
  run->add_option("--principals", run_options->principals_path,
                  "principals file (built-in default: fresh demo principals, printed at start)");
  run->add_option("--web-root", run_options->web_root, "built web map to serve (web/dist)");
  run->callback([run_options] {
    if (const int status = run_command(*run_options); status != 0) throw CLI::RuntimeError(status);
  });

  auto replay_options = std::make_shared<ReplayOptions>();
  CLI::App* replay =
      app.add_subcommand("replay", "run a journal through the pipeline again, as it ran live");
  replay->add_option("journal", replay_options->journal_dir, "journal directory")->required();
  replay->add_option("--config", replay_options->config_path,
                     "engine configuration (default: config.toml beside the journal)");
  replay->add_option("--store", replay_options->store_path,
                     "history store to build (default: replay.sqlite beside the journal)");
  replay->add_option("--dump", replay_options->dump_path,
                     "write the store's canonical dump here (to compare stores byte for byte)");
  replay->add_option("--rejournal", replay_options->rejournal_dir,
                     "append every record to a new journal here first, fsync per batch "
                     "(the live ingest path, for benchmarks)");
  replay->add_flag("--no-store", replay_options->no_store, "keep no history (benchmarks)");
  replay->add_option("--speed", replay_options->speed,
                     "pace by receive times (2 = twice as fast); default as fast as possible");
  replay->callback([replay_options] {
    if (const int status = replay_command(*replay_options); status != 0) {
      throw CLI::RuntimeError(status);
    }
  });
}

}  // namespace sw::cli
