// The [store] table: SQLite by default, PostgreSQL when asked for with a conninfo, and a
// clear error for an unknown backend or a PostgreSQL backend without a database.

#include <gtest/gtest.h>

#include "engine/config.h"

namespace sw::engine {
namespace {

TEST(StoreConfig, SqliteIsTheDefault) {
  auto config = parse_config_text("[store]\nretention_days = 7\n", "store.toml");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  EXPECT_EQ(config->store_backend, StoreBackend::kSqlite);
  EXPECT_TRUE(config->store_postgres.empty());
  auto bare = parse_config_text("", "empty.toml");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->store_backend, StoreBackend::kSqlite);
}

TEST(StoreConfig, PostgresqlWithAConninfo) {
  auto config = parse_config_text(
      "[store]\nbackend = \"postgresql\"\n"
      "postgres = \"host=127.0.0.1 port=5432 dbname=straitwatch\"\n",
      "store.toml");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  EXPECT_EQ(config->store_backend, StoreBackend::kPostgres);
  EXPECT_EQ(config->store_postgres, "host=127.0.0.1 port=5432 dbname=straitwatch");
}

TEST(StoreConfig, BadBackendSettingsAreClearErrors) {
  auto unknown = parse_config_text("[store]\nbackend = \"mysql\"\n", "store.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "bad_config");
  EXPECT_NE(unknown.error().detail.find("backend must be"), std::string::npos);
  auto no_database = parse_config_text("[store]\nbackend = \"postgresql\"\n", "store.toml");
  ASSERT_FALSE(no_database.ok());
  EXPECT_NE(no_database.error().detail.find("needs postgres"), std::string::npos);
  auto not_text = parse_config_text("[store]\nbackend = 3\n", "store.toml");
  ASSERT_FALSE(not_text.ok());
}

}  // namespace
}  // namespace sw::engine
