// tracks_in_box, on every backend: the latest position of each track at the queried
// time, inside the box; deleted and stale tracks left out; positions written out of time
// order; and agreement with a brute-force answer on random traffic.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/rng.h"
#include "store/sqlite/track_columns.h"
#include "store_backends.h"

namespace sw::store {
namespace {

using testing::kT0;
using testing::make_update;

class StoreTracksInBox : public testing::StoreBackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, StoreTracksInBox, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

/// Dover Strait box used by most tests.
constexpr BoundingBox kStrait{50.8, 1.2, 51.2, 1.8};

std::vector<std::uint64_t> ids(const Result<std::vector<TrackRecord>>& tracks) {
  std::vector<std::uint64_t> result;
  EXPECT_TRUE(tracks.ok());
  if (!tracks.ok()) return result;
  for (const auto& track : *tracks) result.push_back(track.track_id);
  return result;
}

TEST_P(StoreTracksInBox, LatestPositionAtTheQueriedTime) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  // Track 1 sails into the box at t=10 s and out at t=20 s; track 2 stays inside.
  const std::vector<TrackUpdate> updates = {make_update(1, kT0, 51.0, 1.0),
                                            make_update(1, kT0 + 10 * kNsPerSecond, 51.0, 1.5),
                                            make_update(1, kT0 + 20 * kNsPerSecond, 51.0, 2.0),
                                            make_update(2, kT0 + 5 * kNsPerSecond, 50.9, 1.3)};
  ASSERT_TRUE(store->write(updates).ok());

  EXPECT_TRUE(ids(store->tracks_in_box(kStrait, kT0 - 1)).empty());  // nothing existed yet
  EXPECT_TRUE(ids(store->tracks_in_box(kStrait, kT0 + 4 * kNsPerSecond)).empty());
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 5 * kNsPerSecond)),
            (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 10 * kNsPerSecond)),
            (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 20 * kNsPerSecond - 1)),
            (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 20 * kNsPerSecond)),
            (std::vector<std::uint64_t>{2}));

  auto inside = store->tracks_in_box(kStrait, kT0 + 15 * kNsPerSecond);
  ASSERT_TRUE(inside.ok());
  ASSERT_EQ(inside->size(), 2U);
  EXPECT_EQ(inside->front().position.time, kT0 + 10 * kNsPerSecond);
  EXPECT_DOUBLE_EQ(inside->front().position.position.lon, 1.5);
  EXPECT_EQ(inside->front().last_seen, kT0 + 20 * kNsPerSecond);
}

TEST_P(StoreTracksInBox, DeletedAndStaleTracksAreLeftOut) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  const std::vector<TrackUpdate> updates = {
      make_update(1, kT0, 51.0, 1.5),
      make_update(1, kT0 + 10 * kNsPerSecond, 51.0, 1.5, TrackStatus::kDeleted),
      make_update(2, kT0, 51.0, 1.6)};
  ASSERT_TRUE(store->write(updates).ok());
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 5 * kNsPerSecond)),
            (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 10 * kNsPerSecond)),
            (std::vector<std::uint64_t>{2}));
  // With a 60 s limit, track 2 (last seen at kT0) drops out after one minute.
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 60 * kNsPerSecond, 60 * kNsPerSecond)),
            (std::vector<std::uint64_t>{2}));
  EXPECT_TRUE(
      ids(store->tracks_in_box(kStrait, kT0 + 61 * kNsPerSecond, 60 * kNsPerSecond)).empty());
}

TEST_P(StoreTracksInBox, OutOfOrderPositionsSplitTheIntervals) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(
      store
          ->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.0),
                                           make_update(1, kT0 + 20 * kNsPerSecond, 51.0, 1.0)})
          .ok());
  // A late position in between (inside the box).
  ASSERT_TRUE(
      store->write(std::vector<TrackUpdate>{make_update(1, kT0 + 10 * kNsPerSecond, 51.0, 1.5)})
          .ok());
  EXPECT_TRUE(ids(store->tracks_in_box(kStrait, kT0 + 9 * kNsPerSecond)).empty());
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 10 * kNsPerSecond)),
            (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(ids(store->tracks_in_box(kStrait, kT0 + 19 * kNsPerSecond)),
            (std::vector<std::uint64_t>{1}));
  EXPECT_TRUE(ids(store->tracks_in_box(kStrait, kT0 + 20 * kNsPerSecond)).empty());
}

TEST_P(StoreTracksInBox, InvertedBoxIsAnError) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->tracks_in_box({51.2, 1.2, 50.8, 1.8}, kT0).error().code, "bad_box");
  EXPECT_EQ(store->tracks_in_box({50.8, 1.8, 51.2, 1.2}, kT0).error().code, "bad_box");
}

TEST_P(StoreTracksInBox, AgreesWithBruteForceOnRandomTraffic) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  Rng rng(4242);
  std::vector<TrackUpdate> all;
  // 60 tracks, each with 1-30 positions at random times over 10 minutes, some deleted.
  for (std::uint64_t track_id = 1; track_id <= 60; ++track_id) {
    const int count = 1 + static_cast<int>(rng.next() % 30);
    std::vector<TimeNs> times;
    for (int position_idx = 0; position_idx < count; ++position_idx) {
      times.push_back(kT0 + static_cast<TimeNs>(rng.next() % 600'000) * 1'000'000);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    for (std::size_t position_idx = 0; position_idx < times.size(); ++position_idx) {
      const bool last = position_idx + 1 == times.size();
      all.push_back(
          make_update(track_id, times[position_idx], rng.uniform(50.6, 51.4), rng.uniform(1.0, 2.0),
                      last && track_id % 5 == 0 ? TrackStatus::kDeleted : TrackStatus::kConfirmed));
    }
  }
  // Written in a shuffled order, in batches of 50.
  std::vector<TrackUpdate> shuffled = all;
  std::shuffle(shuffled.begin(), shuffled.end(), rng.engine());
  for (std::size_t begin = 0; begin < shuffled.size(); begin += 50) {
    const std::size_t end = std::min(begin + 50, shuffled.size());
    ASSERT_TRUE(
        store->write(std::span<const TrackUpdate>(shuffled.data() + begin, end - begin)).ok());
  }

  for (int query_idx = 0; query_idx < 200; ++query_idx) {
    const double lat = rng.uniform(50.6, 51.4);
    const double lon = rng.uniform(1.0, 2.0);
    const BoundingBox box{lat, lon, lat + rng.uniform(0.0, 0.4), lon + rng.uniform(0.0, 0.5)};
    const TimeNs at = kT0 + static_cast<TimeNs>(rng.next() % 700'000) * 1'000'000;
    std::map<std::uint64_t, const TrackUpdate*> latest;
    for (const TrackUpdate& update : all) {
      if (update.time > at) continue;
      auto& current = latest[update.track_id];
      if (current == nullptr || current->time < update.time) current = &update;
    }
    std::vector<std::uint64_t> expected;
    for (const auto& [track_id, update] : latest) {
      if (update->status != TrackStatus::kDeleted && update->position.lat >= box.min_lat &&
          update->position.lat <= box.max_lat && update->position.lon >= box.min_lon &&
          update->position.lon <= box.max_lon) {
        expected.push_back(track_id);
      }
    }
    ASSERT_EQ(ids(store->tracks_in_box(box, at)), expected) << "query " << query_idx;
  }
}

}  // namespace
}  // namespace sw::store
