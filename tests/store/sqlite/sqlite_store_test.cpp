// What only the SQLite store has: a failed batch (a trigger refuses a row) leaves nothing
// and the handle usable, the box query's plan uses the R*Tree and the last-seen index, a
// reopened file (and a read-only handle) reads back the same alerts, and a version 2 file
// refuses alerts until migrated. The behaviour every backend shares is tested in
// tests/store/backends on each of them.

#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "../backends/alert_inputs.h"
#include "store/sqlite/track_columns.h"
#include "store_test_util.h"

namespace sw::store {
namespace {

using testing::dump;
using testing::kHour;
using testing::kT0;
using testing::make_alert;
using testing::make_update;
using testing::open_store;
using testing::random_alerts;
using testing::TempDirectory;
using testing::write_alerts;

TEST(SqliteStore, FailedBatchWritesNothing) {
  TempDirectory directory;
  auto store = open_store(directory.sub("atomic.db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->database()
                  .execute("CREATE TRIGGER refuse_track_9 BEFORE INSERT ON track_positions WHEN "
                           "new.track_id = 9 "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END")
                  .ok());
  const std::vector<TrackUpdate> updates = {make_update(1, kT0, 51.0, 1.0),
                                            make_update(9, kT0, 51.0, 1.0)};
  const Status written = store->write(updates);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "sqlite_error");
  EXPECT_TRUE(store->list_tracks()->empty());
  EXPECT_EQ(store->stats().batches, 0U);
  // The handle stays usable.
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.0)}).ok());
  EXPECT_EQ(store->list_tracks()->size(), 1U);
}

TEST(SqliteStore, QueryPlanUsesTheRtreeAndTheLastSeenIndex) {
  TempDirectory directory;
  auto store = open_store(directory.sub("plan.db"));
  ASSERT_NE(store, nullptr);
  // With statistics of a store holding 50 tracks x 20 positions (as after PRAGMA optimize).
  std::vector<TrackUpdate> updates;
  for (std::uint64_t track_id = 1; track_id <= 50; ++track_id) {
    for (int step = 0; step < 20; ++step) {
      updates.push_back(make_update(track_id, kT0 + step * kNsPerSecond, 51.0, 1.5));
    }
  }
  ASSERT_TRUE(store->write(updates).ok());
  ASSERT_TRUE(store->database().execute("ANALYZE").ok());
  auto plan = store->database().prepare("EXPLAIN QUERY PLAN " + tracks_in_box_sql());
  ASSERT_TRUE(plan.ok());
  std::string details;
  while (*plan->step()) details += plan->column_text(3) + "\n";
  EXPECT_NE(details.find("SCAN r VIRTUAL TABLE INDEX 2:"), std::string::npos) << details;
  EXPECT_NE(details.find("SEARCH p USING INTEGER PRIMARY KEY"), std::string::npos) << details;
  EXPECT_NE(details.find("SEARCH t USING INDEX tracks_by_last_seen"), std::string::npos) << details;
}

TEST(SqliteStore, ReopenedFileReadsBackTheSameAlerts) {
  TempDirectory directory;
  const std::string path = directory.sub("reopen.db");
  const std::vector<AlertRecord> alerts = random_alerts(5);
  std::string written_dump;
  {
    auto store = open_store(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(write_alerts(*store, alerts).ok());
    written_dump = dump(*store);
  }
  auto store = open_store(path);
  ASSERT_NE(store, nullptr);
  std::vector<AlertRecord> expected = alerts;
  std::stable_sort(
      expected.begin(), expected.end(), [](const AlertRecord& a, const AlertRecord& b) {
        return std::tie(a.time, a.alert_id, a.revision) < std::tie(b.time, b.alert_id, b.revision);
      });
  EXPECT_EQ(*store->alert_revisions(0, kT0 + 24 * kHour), expected);
  EXPECT_EQ(dump(*store), written_dump);

  SqliteStoreOptions read_only;
  read_only.read_only = true;
  auto reader = SqliteStore::open(path, read_only);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*(*reader)->alert_revisions(0, kT0 + 24 * kHour), expected);
  EXPECT_EQ((*reader)->open_alerts(kT0 + 24 * kHour)->size(),
            store->open_alerts(kT0 + 24 * kHour)->size());
}

TEST(SqliteStore, VersionTwoFileRefusesAlertsUntilMigrated) {
  TempDirectory directory;
  const std::string path = directory.sub("v2.db");
  const std::vector<AlertRecord> alerts = {make_alert(1, 1, kT0)};
  {
    SqliteStoreOptions options;
    options.schema_version = 2;
    auto store = open_store(path, options);
    ASSERT_NE(store, nullptr);
    const std::vector<TrackUpdate> tracks = {make_update(1, kT0, 51.0, 1.5)};
    WriteBatch batch;
    batch.tracks = tracks;
    batch.alerts = alerts;
    // Refused as a whole: the tracks of that batch are not written either.
    EXPECT_EQ(store->write(batch).error().code, "schema_outdated");
    EXPECT_TRUE(store->list_tracks()->empty());
    EXPECT_EQ(store->open_alerts(kT0).error().code, "schema_outdated");
    ASSERT_TRUE(store->write(tracks).ok());
    EXPECT_NE(dump(*store).find("[alerts] "), std::string::npos);
  }
  auto store = open_store(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kLatestSchemaVersion);
  EXPECT_EQ(store->list_tracks()->size(), 1U);
  ASSERT_TRUE(write_alerts(*store, alerts).ok());
  EXPECT_EQ(*store->open_alerts(kT0), alerts);
}

}  // namespace
}  // namespace sw::store
