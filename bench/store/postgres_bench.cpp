// PostgreSQL store throughput against the SQLite store, in the same process on the same
// workload: 200 tracks x STEPS pipeline steps of track updates, written STEPS_PER_WRITE
// steps per write() (one transaction). PostgreSQL runs on a fresh local server
// (tests/support/postgres_server.h: loopback TCP, fsync off, asynchronous commit), so the
// figures are the stores' CPU and protocol costs, not a disk's.
//
//   postgres_bench [STEPS] (default 250)
//
// Prints positions/s of each store and the ratio PostgreSQL/SQLite, per batch size.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/postgres_server.h"

namespace {

constexpr int kTracks = 200;

double elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Seconds to write `steps` steps of kTracks updates, `steps_per_write` steps per write().
double write_seconds(sw::store::HistoryStore& store, int steps, int steps_per_write) {
  std::vector<sw::store::TrackUpdate> batch;
  const auto start = std::chrono::steady_clock::now();
  for (int step = 0; step < steps; ++step) {
    for (int track_idx = 0; track_idx < kTracks; ++track_idx) {
      sw::store::TrackUpdate update;
      update.track_id = static_cast<std::uint64_t>(track_idx + 1);
      update.time = 1'700'000'000 * sw::kNsPerSecond + step * sw::kNsPerSecond;
      update.position = {50.8 + track_idx * 0.002, 1.2 + step * 0.0001};
      update.velocity = {3.0, 0.5};
      update.covariance = {100.0, 2.0, 90.0};
      update.status = sw::store::TrackStatus::kConfirmed;
      update.identity.name = "TRACK " + std::to_string(track_idx);
      batch.push_back(update);
    }
    if ((step + 1) % steps_per_write == 0 || step + 1 == steps) {
      if (const sw::Status written = store.write(batch); !written) {
        std::fprintf(stderr, "write: %s\n", written.error().detail.c_str());
        std::exit(1);
      }
      batch.clear();
    }
  }
  return elapsed_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  const int steps = argc > 1 ? std::atoi(argv[1]) : 250;
  sw::test_support::PostgresServer server;
  if (const std::string started = server.start(); !started.empty()) {
    std::fprintf(stderr, "postgres server: %s\n", started.c_str());
    return 1;
  }
  const std::string folder =
      (std::filesystem::temp_directory_path() / "sw-store-bench-sqlite").string();
  for (const int steps_per_write : {1, 10}) {
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    auto sqlite = sw::store::SqliteStore::open(folder + "/history.db");
    const std::string database = "bench_" + std::to_string(steps_per_write);
    if (!sqlite || !server.create_database(database).empty()) return 1;
    auto postgres = sw::store::PostgresStore::open(server.conninfo(database));
    if (!postgres) {
      std::fprintf(stderr, "postgres store: %s\n", postgres.error().detail.c_str());
      return 1;
    }
    const double sqlite_seconds = write_seconds(**sqlite, steps, steps_per_write);
    const double postgres_seconds = write_seconds(**postgres, steps, steps_per_write);
    const double positions = static_cast<double>(steps) * kTracks;
    std::printf(
        "positions, batches of %5d: sqlite %8.0f positions/s | postgresql %8.0f positions/s | "
        "postgresql/sqlite %.2f\n",
        kTracks * steps_per_write, positions / sqlite_seconds, positions / postgres_seconds,
        sqlite_seconds / postgres_seconds);
  }
  std::filesystem::remove_all(folder);
  return 0;
}
