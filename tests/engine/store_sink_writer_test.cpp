// The store sink writes on a thread of its own and joins what queued up into larger
// transactions: whatever the joining, the store must hold exactly what one direct write of
// the same changes leaves, every change is counted, and flush() returns only once all of
// it is readable.

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <vector>

#include "engine/store_sink.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"

namespace sw::engine {
namespace {

constexpr TimeNs kT0 = 1'700'000'000LL * kNsPerSecond;

std::string dump(store::HistoryStore& store) {
  std::ostringstream out;
  EXPECT_TRUE(store.dump_canonical(out).ok());
  return out.str();
}

/// 40 tracks reporting every 2 s for an hour, in time order (72,000 changes).
std::vector<track::FusedTrack> traffic() {
  std::vector<track::FusedTrack> tracks;
  for (int step = 0; step < 1800; ++step) {
    for (std::uint64_t id = 1; id <= 40; ++id) {
      track::FusedTrack track;
      track.id = id;
      track.time = kT0 + step * 2 * kNsPerSecond + static_cast<TimeNs>(id) * 1000;
      track.position = {50.8 + 0.01 * static_cast<double>(id), 1.2 + 0.0001 * step};
      track.velocity = {1.0, std::sin(step * 0.01)};
      track.label.owner = "UK/HMCG";
      if (id % 3 == 0) {
        track.track_class = track::TrackClass::kCooperative;
        track.mmsi = 235000000 + static_cast<std::uint32_t>(id);
        track.set_detail("shipname", step < 900 ? "FIRST NAME" : "RENAMED");
      }
      tracks.push_back(std::move(track));
    }
  }
  return tracks;
}

TEST(StoreSinkWriter, JoinedTransactionsStoreWhatOneDirectWriteStores) {
  test_support::TempDir folder("store-sink-writer");
  const std::vector<track::FusedTrack> tracks = traffic();

  auto direct = store::SqliteStore::open((folder.path() / "direct.sqlite").string());
  ASSERT_TRUE(direct) << direct.error().detail;
  std::vector<store::TrackUpdate> updates;
  for (const track::FusedTrack& track : tracks) updates.push_back(to_track_update(track));
  ASSERT_TRUE((*direct)->write(updates).ok());

  auto threaded = store::SqliteStore::open((folder.path() / "sink.sqlite").string());
  ASSERT_TRUE(threaded) << threaded.error().detail;
  std::uint64_t transactions = 0;
  {
    StoreSink sink(**threaded, 0);
    // As the pipeline hands them: a few changes at a time.
    for (std::size_t at = 0; at < tracks.size(); at += 7) {
      const std::size_t count = std::min<std::size_t>(7, tracks.size() - at);
      sink.write(std::span(tracks.data() + at, count));
    }
    sink.flush();
    EXPECT_EQ(sink.written(), tracks.size());
    EXPECT_EQ(sink.failed_batches(), 0U);
    transactions = sink.transactions();
    // Flushed: all of it is readable now.
    auto history = (*threaded)->track_history(7, 0, kT0 + 2 * 3600 * kNsPerSecond);
    ASSERT_TRUE(history);
    EXPECT_EQ(history->size(), 1800U);
  }
  // One batch per second of sensor time at most (3,600), fewer when joined.
  EXPECT_GE(transactions, 1U);
  EXPECT_LE(transactions, 3600U);
  EXPECT_EQ(dump(**threaded), dump(**direct));
}

TEST(StoreSinkWriter, DestroyingTheSinkWritesWhatIsGathered) {
  test_support::TempDir folder("store-sink-writer");
  auto store = store::SqliteStore::open((folder.path() / "sink.sqlite").string());
  ASSERT_TRUE(store) << store.error().detail;
  const std::vector<track::FusedTrack> tracks = traffic();
  {
    StoreSink sink(**store, 0);
    sink.write(std::span(tracks.data(), 100));  // less than a batch, within a second
  }
  auto listed = (*store)->list_tracks();
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 40U);
}

}  // namespace
}  // namespace sw::engine
