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

/// The canonical dump and what it leaves out: each position's end of validity and its
/// interval in the R*Tree.
std::string dump_with_intervals(SqliteStore& store) {
  std::string text = dump(store);
  auto rows = store.database().prepare(
      "SELECT p.track_id, p.time_ns, COALESCE(p.valid_until_ns, -1), COALESCE(r.max_t, -1) "
      "FROM track_positions p LEFT JOIN position_rtree r ON r.id = p.rowid "
      "ORDER BY p.track_id, p.time_ns");
  if (!rows) return text + "no intervals: " + rows.error().detail;
  while (true) {
    auto row = rows->step();
    if (!row || !*row) break;
    for (int column = 0; column < 4; ++column) text += rows->column_text(column) + " ";
    text += "\n";
  }
  auto indexed = store.database().query_int("SELECT COUNT(*) FROM position_rtree");
  return text + "indexed " + (indexed ? std::to_string(*indexed) : indexed.error().detail);
}

// The handle remembers each track's latest position to skip the neighbour look-ups; what it
// remembers of a failed batch, or of positions retention deleted, must not leak into the
// next batch, and a reopened handle starts from the file. Each store below must dump the
// same as one written in a single pass.
TEST(SqliteStore, RememberedLatestPositionsNeverOutliveTheirRows) {
  TempDirectory directory;
  std::vector<TrackUpdate> updates;
  for (int step = 0; step < 12; ++step) {
    for (std::uint64_t track : {1U, 2U, 9U}) {
      updates.push_back(make_update(track, kT0 + step * 10 * kNsPerSecond, 51.0 + 0.001 * step,
                                    1.0 + 0.01 * static_cast<double>(track)));
    }
  }
  const auto part = [&updates](std::size_t from, std::size_t to) {
    return std::vector<TrackUpdate>(updates.begin() + static_cast<std::ptrdiff_t>(from),
                                    updates.begin() + static_cast<std::ptrdiff_t>(to));
  };
  auto single = open_store(directory.sub("single.db"));
  ASSERT_NE(single, nullptr);
  ASSERT_TRUE(single->write(updates).ok());
  const std::string expected = dump_with_intervals(*single);

  // A batch that fails after its first rows were written (a trigger refuses track 9 once).
  auto failing = open_store(directory.sub("failing.db"));
  ASSERT_NE(failing, nullptr);
  ASSERT_TRUE(failing->write(part(0, 12)).ok());
  ASSERT_TRUE(failing->database()
                  .execute("CREATE TABLE refusals (n INTEGER); INSERT INTO refusals VALUES (1);"
                           "CREATE TRIGGER refuse_once BEFORE INSERT ON track_positions WHEN "
                           "new.track_id = 9 AND (SELECT n FROM refusals) = 1 "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END")
                  .ok());
  ASSERT_FALSE(failing->write(part(12, 24)).ok());
  ASSERT_TRUE(failing->database().execute("UPDATE refusals SET n = 0").ok());
  ASSERT_TRUE(failing->write(part(33, 36)).ok());  // the last step, right after the failure
  auto skipped = open_store(directory.sub("skipped.db"));
  ASSERT_NE(skipped, nullptr);
  ASSERT_TRUE(skipped->write(part(0, 12)).ok());
  ASSERT_TRUE(skipped->write(part(33, 36)).ok());
  EXPECT_EQ(dump_with_intervals(*failing), dump_with_intervals(*skipped));
  ASSERT_TRUE(failing->write(part(12, 33)).ok());  // the rest, late
  ASSERT_TRUE(failing->database().execute("DROP TRIGGER refuse_once; DROP TABLE refusals").ok());
  EXPECT_EQ(dump_with_intervals(*failing), expected);

  // Written in two handles, the second opened on the first's file.
  const std::string path = directory.sub("reopened.db");
  {
    auto first = open_store(path);
    ASSERT_NE(first, nullptr);
    ASSERT_TRUE(first->write(part(0, 17)).ok());
  }
  auto second = open_store(path);
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(second->write(part(17, updates.size())).ok());
  EXPECT_EQ(dump_with_intervals(*second), expected);

  // An out-of-order position between batches splits the remembered track's interval.
  auto late = open_store(directory.sub("late.db"));
  ASSERT_NE(late, nullptr);
  std::vector<TrackUpdate> without = updates;
  const TrackUpdate held_back = without[4];  // track 2, second step
  without.erase(without.begin() + 4);
  ASSERT_TRUE(late->write(without).ok());
  ASSERT_TRUE(late->write(std::vector<TrackUpdate>{held_back}).ok());
  ASSERT_TRUE(
      late->write(std::vector<TrackUpdate>{make_update(2, kT0 + 200 * kNsPerSecond, 51.02, 1.02)})
          .ok());
  ASSERT_TRUE(
      single->write(std::vector<TrackUpdate>{make_update(2, kT0 + 200 * kNsPerSecond, 51.02, 1.02)})
          .ok());
  EXPECT_EQ(dump_with_intervals(*late), dump_with_intervals(*single));

  // Retention deletes every position (a day later, one-hour default), then the tracks go on.
  SqliteStoreOptions hour;
  hour.default_retention = 3600 * kNsPerSecond;
  auto purged = open_store(directory.sub("purged.db"), hour);
  auto fresh = open_store(directory.sub("fresh.db"), hour);
  ASSERT_NE(purged, nullptr);
  ASSERT_NE(fresh, nullptr);
  ASSERT_TRUE(purged->write(updates).ok());
  ASSERT_TRUE(purged->apply_retention(kT0 + 24 * kHour).ok());
  std::vector<TrackUpdate> next_day;
  for (std::uint64_t track : {1U, 2U, 9U}) {
    for (int step = 0; step < 3; ++step) {
      next_day.push_back(
          make_update(track, kT0 + 24 * kHour + step * kNsPerSecond, 51.5, 1.5 + 0.1 * step));
    }
  }
  ASSERT_TRUE(purged->write(next_day).ok());
  ASSERT_TRUE(fresh->write(next_day).ok());
  EXPECT_EQ(dump_with_intervals(*purged), dump_with_intervals(*fresh));
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
