// Store benchmark (built and run by bench/store/bench.sh): journal group commit, CRC-32C,
// and SQLite position inserts, each next to a baseline measured in the same process.
//
//   store_bench DIR [RECORDS] [BATCH]
//
// 1. journal: RECORDS AIS-sized records appended in batches of BATCH with one fdatasync per
//    batch, against the baseline of writing the same bytes with write() + fdatasync per
//    batch (what group commit cannot beat); also both without fsync (framing cost alone).
// 2. crc32c: SSE4.2 path against the table-driven software path over 64 MiB.
// 3. sqlite: 200 tracks x steps written one pipeline batch (200 updates) per transaction
//    through SqliteStore, against plain INSERTs of the same rows into an unindexed table on
//    the same settings (WAL, synchronous=NORMAL): the cost of the key, the intervals and the
//    R*Tree.

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/journal/crc32c.h"
#include "store/journal/journal_format.h"
#include "store/journal/journal_writer.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using Seconds = std::chrono::duration<double>;

double elapsed_since(std::chrono::steady_clock::time_point start) {
  return Seconds(std::chrono::steady_clock::now() - start).count();
}

const std::string kPayload = "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23";

/// Seconds to journal `records` records in batches of `batch`.
double journal_seconds(const std::string& directory, std::size_t records, std::size_t batch,
                       bool sync) {
  std::filesystem::remove_all(directory);
  sw::SystemClock clock;
  sw::store::JournalOptions options;
  options.directory = directory;
  options.sync = sync;
  options.batch_max_records = batch;
  options.batch_max_latency = 3600 * sw::kNsPerSecond;
  auto writer = sw::store::JournalWriter::open(options, clock);
  if (!writer) {
    std::fprintf(stderr, "journal: %s\n", writer.error().detail.c_str());
    std::exit(1);
  }
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t record_idx = 0; record_idx < records; ++record_idx) {
    if (!(*writer)->append(static_cast<sw::TimeNs>(record_idx), "ais-dover", kPayload))
      std::exit(1);
  }
  if (!(*writer)->commit()) std::exit(1);
  return elapsed_since(start);
}

/// Seconds to write the same bytes with write() (+ fdatasync) per batch.
double raw_seconds(const std::string& path, std::size_t records, std::size_t batch, bool sync) {
  std::filesystem::remove(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) std::exit(1);
  const std::size_t frame = sw::store::frame_size(9, kPayload.size());
  const std::string bytes(frame * batch, 'x');
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t written = 0; written < records; written += batch) {
    const std::size_t count = std::min(batch, records - written) * frame;
    if (::write(fd, bytes.data(), count) != static_cast<ssize_t>(count)) std::exit(1);
    if (sync && ::fdatasync(fd) != 0) std::exit(1);
  }
  const double seconds = elapsed_since(start);
  ::close(fd);
  return seconds;
}

void bench_journal(const std::string& directory, std::size_t records, std::size_t batch) {
  const double frame_mb =
      static_cast<double>(sw::store::frame_size(9, kPayload.size()) * records) / 1e6;
  for (const bool sync : {true, false}) {
    const double journal = journal_seconds(directory + "/journal", records, batch, sync);
    const double raw = raw_seconds(directory + "/raw.bin", records, batch, sync);
    std::printf(
        "journal %-8s batch %5zu: %10.0f records/s %7.1f MB/s | raw write%s %10.0f records/s | "
        "journal/raw %.2f\n",
        sync ? "fsync" : "no-fsync", batch, static_cast<double>(records) / journal,
        frame_mb / journal, sync ? "+fdatasync" : "          ", static_cast<double>(records) / raw,
        raw / journal);
  }
}

void bench_crc() {
  std::string buffer(64U << 20U, '\0');
  for (std::size_t byte_idx = 0; byte_idx < buffer.size(); ++byte_idx) {
    buffer[byte_idx] = static_cast<char>(byte_idx * 2654435761U >> 24U);
  }
  auto start = std::chrono::steady_clock::now();
  const std::uint32_t fast = sw::store::crc32c_extend(0, buffer.data(), buffer.size());
  const double fast_seconds = elapsed_since(start);
  start = std::chrono::steady_clock::now();
  const std::uint32_t slow = sw::store::crc32c_extend_software(0, buffer.data(), buffer.size());
  const double slow_seconds = elapsed_since(start);
  if (fast != slow) std::exit(1);
  std::printf("crc32c %s: %.2f GB/s | software slicing-by-8: %.2f GB/s | ratio %.1f\n",
              sw::store::crc32c_uses_hardware() ? "sse4.2" : "software",
              static_cast<double>(buffer.size()) / fast_seconds / 1e9,
              static_cast<double>(buffer.size()) / slow_seconds / 1e9, slow_seconds / fast_seconds);
}

void bench_sqlite(const std::string& directory, int steps) {
  constexpr int kTracks = 200;
  std::filesystem::remove_all(directory + "/store");
  std::filesystem::create_directories(directory + "/store");
  auto store = sw::store::SqliteStore::open(directory + "/store/history.db");
  if (!store) {
    std::fprintf(stderr, "sqlite: %s\n", store.error().detail.c_str());
    std::exit(1);
  }
  std::vector<sw::store::TrackUpdate> batch(kTracks);
  const auto start = std::chrono::steady_clock::now();
  for (int step = 0; step < steps; ++step) {
    for (int track_idx = 0; track_idx < kTracks; ++track_idx) {
      sw::store::TrackUpdate& update = batch[static_cast<std::size_t>(track_idx)];
      update.track_id = static_cast<std::uint64_t>(track_idx + 1);
      update.time = 1'700'000'000 * sw::kNsPerSecond + step * sw::kNsPerSecond;
      update.position = {50.8 + track_idx * 0.002, 1.2 + step * 0.0001};
      update.velocity = {3.0, 0.5};
      update.covariance = {100.0, 2.0, 90.0};
      update.status = sw::store::TrackStatus::kConfirmed;
    }
    if (!(*store)->write(batch)) std::exit(1);
  }
  const double store_seconds = elapsed_since(start);

  sw::store::Database& database = (*store)->database();
  if (!database.execute("CREATE TABLE plain (track_id INTEGER, time_ns INTEGER, lat REAL, "
                        "lon REAL, vel_east REAL, vel_north REAL, cov_ee REAL, cov_en REAL, "
                        "cov_nn REAL, status INTEGER)")) {
    std::exit(1);
  }
  auto insert =
      database.prepare("INSERT INTO plain VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert) std::exit(1);
  const auto plain_start = std::chrono::steady_clock::now();
  for (int step = 0; step < steps; ++step) {
    if (!database.execute("BEGIN")) std::exit(1);
    for (int track_idx = 0; track_idx < kTracks; ++track_idx) {
      insert->reset();
      insert->bind(1, static_cast<std::int64_t>(track_idx + 1));
      insert->bind(
          2, static_cast<std::int64_t>(1'700'000'000 * sw::kNsPerSecond + step * sw::kNsPerSecond));
      insert->bind(3, 50.8 + track_idx * 0.002);
      insert->bind(4, 1.2 + step * 0.0001);
      for (int column = 5; column <= 9; ++column) insert->bind(column, 1.0);
      insert->bind(10, static_cast<std::int64_t>(1));
      if (!insert->run()) std::exit(1);
    }
    if (!database.execute("COMMIT")) std::exit(1);
  }
  const double plain_seconds = elapsed_since(plain_start);
  const double positions = static_cast<double>(steps) * kTracks;
  std::printf(
      "sqlite positions (batches of %d): %10.0f positions/s | plain unindexed INSERT: %10.0f "
      "rows/s | store/plain %.2f\n",
      kTracks, positions / store_seconds, positions / plain_seconds, plain_seconds / store_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: store_bench DIR [RECORDS] [BATCH]\n");
    return 2;
  }
  const std::string directory = argv[1];
  const std::size_t records = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200'000;
  const std::size_t batch = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1024;
  std::filesystem::create_directories(directory);
  bench_crc();
  for (const std::size_t batch_size : {batch / 16 > 0 ? batch / 16 : 1, batch}) {
    bench_journal(directory, records, batch_size);
  }
  bench_sqlite(directory, 250);
  return 0;
}
