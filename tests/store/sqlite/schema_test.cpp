// Schema creation and migration: a new store is at the latest version in WAL mode, a
// reopen keeps its data, a version 1 file migrates to the latest version with its
// positions indexed, and files that are not ours (or newer than this build) are refused.

#include "store/sqlite/schema.h"

#include <gtest/gtest.h>

#include <vector>

#include "store_test_util.h"

namespace sw::store {
namespace {

using testing::kT0;
using testing::make_update;
using testing::open_store;
using testing::TempDirectory;

TEST(StoreSchema, NewStoreIsAtLatestVersionInWalMode) {
  TempDirectory directory;
  auto store = open_store(directory.sub("new.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kLatestSchemaVersion);
  EXPECT_EQ(*store->journal_mode(), "wal");
  EXPECT_EQ(*store->database().query_int("PRAGMA application_id"), kStoreApplicationId);
  for (const char* table : {"sources", "tracks", "track_positions", "observations", "counters",
                            "position_rtree", "alert_revisions"}) {
    EXPECT_EQ(*store->database().query_int(
                  std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'"),
              1)
        << table;
  }
}

TEST(StoreSchema, ReopenKeepsDataAndVersion) {
  TempDirectory directory;
  const std::string path = directory.sub("reopen.db");
  {
    auto store = open_store(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.0)}).ok());
  }
  auto store = open_store(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kLatestSchemaVersion);
  EXPECT_EQ(store->list_tracks()->size(), 1U);
}

TEST(StoreSchema, VersionOneFileMigratesAndIndexesItsPositions) {
  TempDirectory directory;
  const std::string path = directory.sub("v1.db");
  {
    SqliteStoreOptions options;
    options.schema_version = 1;
    auto store = open_store(path, options);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schema_version(), 1);
    EXPECT_EQ(*store->database().query_int(
                  "SELECT count(*) FROM sqlite_schema WHERE name = 'position_rtree'"),
              0);
    ASSERT_TRUE(store
                    ->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.5),
                                                     make_update(1, kT0 + kNsPerSecond, 51.1, 1.5),
                                                     make_update(2, kT0, 50.0, 1.0)})
                    .ok());
    EXPECT_EQ(store->tracks_in_box({50.5, 1.0, 51.5, 2.0}, kT0).error().code, "schema_outdated");
  }
  auto store = open_store(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kLatestSchemaVersion);
  // Backfilled: the one position with a successor (latest positions are not in the tree).
  EXPECT_EQ(*store->database().query_int("SELECT count(*) FROM position_rtree"), 1);
  // The backfilled intervals answer "where was each track at time T".
  auto at_start = store->tracks_in_box({50.5, 1.0, 51.05, 2.0}, kT0);
  ASSERT_TRUE(at_start.ok());
  ASSERT_EQ(at_start->size(), 1U);
  EXPECT_EQ(at_start->front().track_id, 1U);
  EXPECT_TRUE(store->tracks_in_box({50.5, 1.0, 51.05, 2.0}, kT0 + kNsPerSecond)->empty());
}

TEST(StoreSchema, ForeignDatabaseIsRefused) {
  TempDirectory directory;
  const std::string path = directory.sub("foreign.db");
  {
    auto database = Database::open(path, false, 1000);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(database->execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)").ok());
  }
  auto store = SqliteStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "not_a_store");
}

TEST(StoreSchema, NewerSchemaIsRefused) {
  TempDirectory directory;
  const std::string path = directory.sub("future.db");
  {
    auto store = open_store(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->database().execute("PRAGMA user_version = 99").ok());
  }
  auto store = SqliteStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "schema_too_new");
}

TEST(StoreSchema, ReadOnlyHandleNeedsAMigratedStore) {
  TempDirectory directory;
  const std::string path = directory.sub("readonly.db");
  SqliteStoreOptions old_schema;
  old_schema.schema_version = 1;
  ASSERT_NE(open_store(path, old_schema), nullptr);
  SqliteStoreOptions read_only;
  read_only.read_only = true;
  auto outdated = SqliteStore::open(path, read_only);
  ASSERT_FALSE(outdated.ok());
  EXPECT_EQ(outdated.error().code, "schema_outdated");

  ASSERT_NE(open_store(path), nullptr);  // a writer migrates it
  auto reader = SqliteStore::open(path, read_only);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.0)}).error().code,
            "read_only");
}

}  // namespace
}  // namespace sw::store
