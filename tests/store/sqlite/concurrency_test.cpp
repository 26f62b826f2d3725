// A reader handle on another thread while the writer writes: every read sees whole
// batches only (WAL snapshot per query), never blocks the writer into failing, and
// finally sees everything.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store_test_util.h"

namespace sw::store {
namespace {

using testing::kT0;
using testing::make_update;
using testing::open_store;
using testing::TempDirectory;

constexpr int kTracks = 20;
constexpr int kBatches = 150;

TEST(StoreConcurrency, ReaderSeesWholeBatchesWhileTheWriterWrites) {
  TempDirectory directory;
  const std::string path = directory.sub("concurrent.db");
  auto writer = open_store(path);
  ASSERT_NE(writer, nullptr);

  std::atomic<bool> writing{true};
  std::atomic<int> reads{0};
  std::vector<std::string> failures;
  std::thread reader_thread([&] {
    SqliteStoreOptions options;
    options.read_only = true;
    auto reader = SqliteStore::open(path, options);
    if (!reader) {
      failures.push_back("open: " + reader.error().detail);
      return;
    }
    bool finished = false;
    while (!finished) {
      finished = !writing.load();  // one more read after the writer is done
      auto tracks = (*reader)->list_tracks();
      if (!tracks) {
        failures.push_back("read: " + tracks.error().detail);
        return;
      }
      ++reads;
      if (tracks->empty()) continue;
      // Batch k writes position k of every track in one transaction: all tracks must
      // show the same latest time.
      const TimeNs latest = tracks->front().last_seen;
      for (const auto& track : *tracks) {
        if (track.last_seen != latest || tracks->size() != kTracks) {
          failures.push_back("torn batch seen");
          return;
        }
      }
    }
  });

  for (int batch_idx = 0; batch_idx < kBatches; ++batch_idx) {
    std::vector<TrackUpdate> batch;
    for (int track_idx = 1; track_idx <= kTracks; ++track_idx) {
      batch.push_back(make_update(static_cast<std::uint64_t>(track_idx),
                                  kT0 + batch_idx * kNsPerSecond, 51.0 + track_idx * 0.001,
                                  1.5 + batch_idx * 0.0001));
    }
    ASSERT_TRUE(writer->write(batch).ok());
  }
  writing = false;
  reader_thread.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  EXPECT_GT(reads.load(), 0);

  SqliteStoreOptions options;
  options.read_only = true;
  auto reader = SqliteStore::open(path, options);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->track_history(1, 0, kT0 + kBatches * kNsPerSecond)->size(),
            static_cast<std::size_t>(kBatches));
}

}  // namespace
}  // namespace sw::store
