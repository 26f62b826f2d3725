// Retention by label, on every backend: positions older than their track label's retention_s go (0
// means the store default), tracks with nothing left go, observations and counters follow the
// default, and everything recent stays.

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "store/record_columns.h"
#include "store_backends.h"

namespace sw::store {
namespace {

using testing::kT0;
using testing::make_update;

class StoreRetention : public testing::StoreBackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, StoreRetention, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

constexpr TimeNs kHour = 3600 * kNsPerSecond;

TEST_P(StoreRetention, PositionsFollowTheirLabelRetention) {
  testing::StoreSettings settings;
  settings.default_retention = 24 * kHour;
  auto store = open_store(settings);
  ASSERT_NE(store, nullptr);

  std::vector<TrackUpdate> updates;
  for (int hour = 0; hour < 48; ++hour) {
    // Track 1: a report with personal data kept 6 hours. Track 2: node default (24 h).
    TrackUpdate personal = make_update(1, kT0 + hour * kHour, 51.0, 1.5);
    personal.label.personal_data = true;
    personal.label.retention_s = 6 * 3600;
    updates.push_back(personal);
    updates.push_back(make_update(2, kT0 + hour * kHour, 51.0, 1.6));
  }
  // Track 3 was last seen 30 hours before "now": all its positions expire.
  updates.push_back(make_update(3, kT0 + 17 * kHour, 51.0, 1.7));
  updates.push_back(make_update(3, kT0 + 18 * kHour, 51.0, 1.7));
  ASSERT_TRUE(store->write(updates).ok());
  const std::vector<ObservationRecord> observations = {
      {kT0 + 1 * kHour, "radar", ObservationKind::kRadarPlot, 1, std::nullopt},
      {kT0 + 47 * kHour, "radar", ObservationKind::kRadarPlot, 2, std::nullopt}};
  const std::vector<CounterSample> counters = {{"radar", "plots", 10, kT0 + 2 * kHour},
                                               {"radar", "plots", 20, kT0 + 46 * kHour}};
  WriteBatch batch;
  batch.observations = observations;
  batch.counters = counters;
  ASSERT_TRUE(store->write(batch).ok());

  const TimeNs now = kT0 + 48 * kHour;
  auto report = store->apply_retention(now);
  ASSERT_TRUE(report.ok()) << report.error().detail;

  // Track 1 keeps positions newer than now - 6 h: hours 42..47.
  auto personal = store->track_history(1, 0, now);
  ASSERT_EQ(personal->size(), 6U);
  EXPECT_EQ(personal->front().time, kT0 + 42 * kHour);
  // Track 2 keeps hours 24..47.
  auto normal = store->track_history(2, 0, now);
  ASSERT_EQ(normal->size(), 24U);
  EXPECT_EQ(normal->front().time, kT0 + 24 * kHour);
  // Track 3 is gone, positions and track row.
  EXPECT_TRUE(store->track_history(3, 0, now)->empty());
  const auto tracks = store->list_tracks();
  ASSERT_EQ(tracks->size(), 2U);

  EXPECT_EQ(report->positions, 42U + 24U + 2U);
  EXPECT_EQ(report->tracks, 1U);
  EXPECT_EQ(report->observations, 1U);
  EXPECT_EQ(report->counters, 1U);
  EXPECT_EQ(store->observations(0, now)->size(), 1U);
  EXPECT_EQ(store->counter_history("radar", "plots")->front().value, 20);
  // Deleted positions leave the spatial index too: it holds every remaining position
  // that has a successor (5 of track 1, 23 of track 2).
  if (auto* sqlite = dynamic_cast<SqliteStore*>(store.get()); sqlite != nullptr) {
    EXPECT_EQ(*sqlite->database().query_int("SELECT count(*) FROM position_rtree"), 28);
  }

  // A second pass at the same time deletes nothing.
  auto again = store->apply_retention(now);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->positions + again->tracks + again->observations + again->counters, 0U);
}

TEST_P(StoreRetention, HugeAndNegativeRetentionsAreClamped) {
  testing::StoreSettings settings;
  settings.default_retention = kHour;
  auto store = open_store(settings);
  ASSERT_NE(store, nullptr);
  TrackUpdate forever = make_update(1, kT0, 51.0, 1.5);
  forever.label.retention_s = std::numeric_limits<std::int64_t>::max();
  TrackUpdate negative = make_update(2, kT0, 51.0, 1.5);
  negative.label.retention_s = -5;
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{forever, negative}).ok());
  auto report = store->apply_retention(kT0 + 2 * kHour);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->positions, 1U);  // track 2 follows the 1 h default
  const auto tracks = store->list_tracks();
  ASSERT_EQ(tracks->size(), 1U);
  EXPECT_EQ(tracks->front().label.retention_s, kMaxRetentionSeconds);
}

}  // namespace
}  // namespace sw::store
