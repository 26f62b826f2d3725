// Retention in the running node: the store sink purges what the labels no longer allow as
// sensor time passes each hour — a distress alert's free text (personal data, kept one
// hour) leaves the store with its revisions, positions older than the default go, and
// fresh ones stay.

#include "engine/store_sink.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"

namespace sw::engine {
namespace {

constexpr TimeNs kHour = 3600 * kNsPerSecond;
constexpr TimeNs kT0 = 1'700'000'000LL * kNsPerSecond / kHour * kHour;  // on the hour

track::FusedTrack boat_at(TimeNs time) {
  track::FusedTrack track;
  track.id = 3;
  track.time = time;
  track.position = {51.0, 1.5};
  track.label.owner = "UK/HMCG";
  return track;
}

TEST(StoreSinkRetention, PersonalDataAndOldPositionsLeaveAsSensorTimePasses) {
  test_support::TempDir folder("store-retention");
  store::SqliteStoreOptions options;
  options.default_retention = 2 * kHour;
  auto store = store::SqliteStore::open((folder.path() / "history.sqlite").string(), options);
  ASSERT_TRUE(store) << store.error().detail;
  StoreSink sink(**store, kHour);

  risk::Alert distress;
  distress.id = 1;
  distress.kind = risk::AlertKind::kDistress;
  distress.key = "distress:1";
  distress.raised_at = kT0 + 60 * kNsPerSecond;
  distress.updated_at = distress.raised_at;
  distress.revision = 1;
  distress.details = {{"text", "we are 40, the engine stopped"}};
  distress.label.owner = "FR/CROSS-GN";
  distress.label.personal_data = true;
  distress.label.retention_s = 3600;
  distress.history = {{distress.raised_at, "raised", "system", ""}};
  sink.write_alerts(std::span(&distress, 1));

  // A position every 10 minutes for five hours.
  for (TimeNs time = kT0; time <= kT0 + 5 * kHour; time += 600 * kNsPerSecond) {
    const track::FusedTrack track = boat_at(time);
    sink.write(std::span(&track, 1));
    if (time == kT0 + 30 * 60 * kNsPerSecond) {
      sink.flush();
      auto stored = (*store)->alert_history(1);
      ASSERT_TRUE(stored);
      EXPECT_EQ(stored->size(), 1U) << "the alert is kept within its hour";
    }
  }
  sink.flush();
  EXPECT_EQ(sink.retention_runs(), 5U);  // at 1 h, 2 h, 3 h, 4 h, 5 h
  EXPECT_EQ(sink.retention_failures(), 0U);
  auto alert = (*store)->alert_history(1);
  ASSERT_TRUE(alert);
  EXPECT_TRUE(alert->empty()) << "the distress text outlived its retention";
  EXPECT_EQ(sink.retained_away().alerts, 1U);
  auto history = (*store)->track_history(3, 0, kT0 + 6 * kHour);
  ASSERT_TRUE(history);
  ASSERT_FALSE(history->empty());
  // The last pass ran at 5 h: positions older than 3 h are gone, the rest stays.
  EXPECT_GE(history->front().time, kT0 + 3 * kHour);
  EXPECT_EQ(history->back().time, kT0 + 5 * kHour);
  EXPECT_GT(sink.retained_away().positions, 0U);
}

}  // namespace
}  // namespace sw::engine
