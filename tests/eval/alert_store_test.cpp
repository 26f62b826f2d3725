// Alerts kept with the tracks: a simulated stretch of data/sim/encounters.toml through the
// pipeline with the history store attached as the engine attaches it (StoreSink); every
// alert revision is in SQLite, in order, with its JSON body and label, and the open alerts
// at the end are the ones the risk stage holds open.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../store/temp_directory.h"
#include "engine/store_sink.h"
#include "eval/sim_pipeline.h"
#include "risk/alert.h"
#include "sim/scenario.h"
#include "store/sqlite/sqlite_store.h"

namespace sw::eval {
namespace {

TEST(AlertStore, EveryRevisionIsStoredWithTheTracks) {
  Result<sim::Scenario> scenario =
      sim::load_scenario(std::string(SW_TEST_DATA_DIR) + "/../../data/sim/encounters.toml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().detail;
  scenario->duration_s = 1500.0;  // the drifting alert, its distress call and lane alerts
  store::testing::TempDirectory directory;
  auto store = store::SqliteStore::open(directory.sub("history.sqlite"));
  ASSERT_TRUE(store.ok()) << store.error().detail;
  engine::StoreSink sink(**store);

  Result<std::unique_ptr<SimPipeline>> run = SimPipeline::create(*scenario);
  ASSERT_TRUE(run.ok()) << run.error().detail;
  std::vector<risk::Alert> revisions;
  (*run)->pipeline().add_update_sink(
      [&sink](std::span<const track::FusedTrack> tracks) { sink.write(tracks); });
  (*run)->pipeline().add_alert_sink([&](std::span<const risk::Alert> alerts) {
    sink.write_alerts(alerts);
    revisions.insert(revisions.end(), alerts.begin(), alerts.end());
  });
  (*run)->run();
  sink.flush();
  ASSERT_GT(revisions.size(), 3U);
  EXPECT_EQ(sink.failed_batches(), 0U);
  EXPECT_EQ(sink.alerts_written(), revisions.size());

  const auto stored = (*store)->alert_revisions(0, std::numeric_limits<TimeNs>::max());
  ASSERT_TRUE(stored.ok()) << stored.error().detail;
  ASSERT_EQ(stored->size(), revisions.size());
  // Stored by (time, alert, revision); every revision the risk stage made is there, whole.
  for (const risk::Alert& revision : revisions) {
    const auto history = (*store)->alert_history(revision.id);
    ASSERT_TRUE(history.ok());
    ASSERT_GE(history->size(), revision.revision);
    const store::AlertRecord& record = (*history)[revision.revision - 1];
    EXPECT_EQ(record.revision, revision.revision);
    EXPECT_EQ(record.kind, risk::to_string(revision.kind));
    EXPECT_EQ(record.state, risk::to_string(revision.state));
    EXPECT_EQ(record.change, revision.history.back().change);
    EXPECT_EQ(record.subjects, revision.subjects);
    EXPECT_EQ(record.label, revision.label);
    EXPECT_EQ(record.body_json, risk::alert_json(revision));
    const auto body = nlohmann::json::parse(record.body_json);
    EXPECT_EQ(body["id"], revision.id);
  }
  // Open at the end: exactly the alerts the book holds open.
  const auto open = (*store)->open_alerts(std::numeric_limits<TimeNs>::max());
  ASSERT_TRUE(open.ok());
  std::vector<std::uint64_t> stored_open;
  for (const store::AlertRecord& record : *open) stored_open.push_back(record.alert_id);
  std::vector<std::uint64_t> book_open;
  for (const risk::Alert* alert : (*run)->pipeline().risk()->book().open_alerts()) {
    book_open.push_back(alert->id);
  }
  EXPECT_EQ(stored_open, book_open);
  EXPECT_FALSE(book_open.empty());
}

}  // namespace
}  // namespace sw::eval
