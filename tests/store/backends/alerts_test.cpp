// Alert revisions, on every backend: every field round-trips, revisions come back in
// (time, alert, revision) order, open_alerts answers "what was open at T", rewriting a
// revision replaces it, the canonical dump does not depend on batching, retention follows
// each revision's label, and bad positions are counted and skipped.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "alert_inputs.h"
#include "core/rng.h"
#include "store_backends.h"

namespace sw::store {
namespace {

using testing::dump;
using testing::kT0;
using testing::make_alert;
using testing::make_update;
using testing::random_alerts;
using testing::write_alerts;

class StoreAlerts : public testing::StoreBackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, StoreAlerts, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

using testing::kHour;
using testing::kMinute;

/// (alert_id, revision) of each record, in order.
using Keys = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

Keys keys(const std::vector<AlertRecord>& alerts) {
  Keys result;
  for (const AlertRecord& alert : alerts) result.emplace_back(alert.alert_id, alert.revision);
  return result;
}

TEST_P(StoreAlerts, EveryFieldRoundTrips) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  AlertRecord collision;
  collision.alert_id = std::numeric_limits<std::uint64_t>::max();
  collision.revision = 7;
  collision.time = kT0 + 123'456'789;
  collision.kind = "collision";
  collision.state = "handed_over";
  collision.severity = 3;
  collision.change = "handed_over";
  collision.actor = "op:dover\t42";
  collision.region = "MRCC Dover";
  collision.position = {51.0612345678912, -1.40123456789};
  collision.subjects = {3, 12, std::numeric_limits<std::uint64_t>::max()};
  collision.body_json = "{\"note\":\"line\\nbreak\",\"tab\":\"\t\",\"name\":\"Gris-Nez \xC3\xA9\"}";
  collision.label = {
      "UK/MRCC-DOVER", {"FR/CROSS-GN", "EU,FRONTEX"}, 3, Sensitivity::kRed, true, 21600};
  AlertRecord bare;  // empty texts, no subjects, zero position
  bare.alert_id = 5;
  bare.revision = 1;
  bare.time = kT0;
  ASSERT_TRUE(write_alerts(*store, {collision, bare}).ok());

  auto history = store->alert_history(collision.alert_id);
  ASSERT_TRUE(history.ok()) << history.error().detail;
  ASSERT_EQ(history->size(), 1U);
  EXPECT_EQ(history->front(), collision);
  auto bare_history = store->alert_history(5);
  ASSERT_EQ(bare_history->size(), 1U);
  EXPECT_EQ(bare_history->front(), bare);
  auto window = store->alert_revisions(kT0, kT0 + kNsPerSecond);
  ASSERT_TRUE(window.ok());
  EXPECT_EQ(*window, (std::vector<AlertRecord>{bare, collision}));
  EXPECT_EQ(store->stats().alerts, 2U);
  EXPECT_TRUE(store->stats().rejected_alerts.empty());
}

TEST_P(StoreAlerts, RevisionsComeBackByTimeThenAlertThenRevision) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  // Written out of order, over two batches.
  ASSERT_TRUE(write_alerts(*store, {make_alert(2, 2, kT0 + 2 * kMinute, "acknowledged"),
                                    make_alert(1, 3, kT0 + 2 * kMinute, "closed", "closed"),
                                    make_alert(2, 1, kT0)})
                  .ok());
  ASSERT_TRUE(write_alerts(*store, {make_alert(1, 2, kT0 + kMinute, "open", "escalated"),
                                    make_alert(1, 1, kT0), make_alert(3, 1, kT0 + 5 * kMinute)})
                  .ok());

  EXPECT_EQ(keys(*store->alert_revisions(0, kT0 + kHour)),
            (Keys{{1, 1}, {2, 1}, {1, 2}, {1, 3}, {2, 2}, {3, 1}}));
  // Both ends of the window are inclusive.
  EXPECT_EQ(keys(*store->alert_revisions(kT0 + kMinute, kT0 + 2 * kMinute)),
            (Keys{{1, 2}, {1, 3}, {2, 2}}));
  EXPECT_TRUE(store->alert_revisions(kT0 + 3 * kMinute, kT0 + 4 * kMinute)->empty());
  EXPECT_EQ(keys(*store->alert_history(1)), (Keys{{1, 1}, {1, 2}, {1, 3}}));
  EXPECT_TRUE(store->alert_history(99)->empty());
}

TEST_P(StoreAlerts, OpenAlertsFollowTheLatestRevisionAtTheTime) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  const TimeNs closed_at = kT0 + 20 * kMinute;
  ASSERT_TRUE(
      write_alerts(*store, {make_alert(1, 1, kT0),
                            make_alert(1, 2, kT0 + 10 * kMinute, "acknowledged", "acknowledged"),
                            make_alert(1, 3, closed_at, "closed", "closed"),
                            make_alert(1, 4, kT0 + 40 * kMinute, "open", "reraised"),
                            make_alert(2, 1, kT0 + 5 * kMinute),
                            make_alert(2, 2, kT0 + 15 * kMinute, "handed_over", "handed_over"),
                            make_alert(3, 1, kT0 + 30 * kMinute)})
          .ok());
  const auto open_at = [&](TimeNs at) {
    auto open = store->open_alerts(at);
    EXPECT_TRUE(open.ok());
    return open.ok() ? keys(*open) : Keys{};
  };
  EXPECT_TRUE(open_at(kT0 - 1).empty());
  EXPECT_EQ(open_at(kT0), (Keys{{1, 1}}));
  EXPECT_EQ(open_at(kT0 + 5 * kMinute), (Keys{{1, 1}, {2, 1}}));
  EXPECT_EQ(open_at(kT0 + 10 * kMinute), (Keys{{1, 2}, {2, 1}}));
  // Open just before it was closed, not at the moment of closing.
  EXPECT_EQ(open_at(closed_at - 1), (Keys{{1, 2}, {2, 2}}));
  EXPECT_EQ(open_at(closed_at), (Keys{{2, 2}}));
  EXPECT_EQ(open_at(kT0 + 30 * kMinute), (Keys{{2, 2}, {3, 1}}));
  EXPECT_EQ(open_at(kT0 + 40 * kMinute), (Keys{{1, 4}, {2, 2}, {3, 1}}));
  // The returned record is the whole revision.
  const auto open = store->open_alerts(kT0 + 10 * kMinute);
  EXPECT_EQ(open->front(), make_alert(1, 2, kT0 + 10 * kMinute, "acknowledged", "acknowledged"));
}

TEST_P(StoreAlerts, RewritingARevisionReplacesIt) {
  auto once = open_store();
  auto twice = open_store();
  ASSERT_NE(once, nullptr);
  ASSERT_NE(twice, nullptr);
  const std::vector<AlertRecord> alerts = {make_alert(1, 1, kT0),
                                           make_alert(1, 2, kT0 + kMinute, "closed", "closed")};
  ASSERT_TRUE(write_alerts(*once, alerts).ok());
  ASSERT_TRUE(write_alerts(*twice, alerts).ok());
  ASSERT_TRUE(write_alerts(*twice, alerts).ok());  // a replayed batch
  EXPECT_EQ(twice->alert_history(1)->size(), 2U);
  EXPECT_EQ(dump(*once), dump(*twice));

  // A corrected revision replaces every field of the old one.
  AlertRecord corrected = make_alert(1, 2, kT0 + 2 * kMinute, "acknowledged", "acknowledged");
  corrected.actor = "op:gris-nez-3";
  corrected.subjects = {12, 14};
  corrected.label.retention_s = 3600;
  ASSERT_TRUE(write_alerts(*twice, {corrected}).ok());
  auto history = twice->alert_history(1);
  ASSERT_EQ(history->size(), 2U);
  EXPECT_EQ(history->back(), corrected);
  EXPECT_EQ(keys(*twice->open_alerts(kT0 + kHour)), (Keys{{1, 2}}));
}

std::string write_in_batches(std::unique_ptr<HistoryStore> store,
                             const std::vector<AlertRecord>& alerts, std::size_t batch_size) {
  if (store == nullptr) return {};
  for (std::size_t begin = 0; begin < alerts.size(); begin += batch_size) {
    WriteBatch batch;
    batch.alerts = std::span(alerts.data() + begin, std::min(batch_size, alerts.size() - begin));
    EXPECT_TRUE(store->write(batch).ok());
  }
  return dump(*store);
}

TEST_P(StoreAlerts, CanonicalDumpDoesNotDependOnBatching) {
  const std::vector<AlertRecord> alerts = random_alerts(11);
  const std::string one_batch = write_in_batches(open_store(), alerts, alerts.size());
  const std::string small_batches = write_in_batches(open_store(), alerts, 4);
  std::vector<AlertRecord> reversed(alerts.rbegin(), alerts.rend());
  const std::string reversed_singles = write_in_batches(open_store(), reversed, 1);
  ASSERT_FALSE(one_batch.empty());
  EXPECT_EQ(one_batch, small_batches);
  EXPECT_EQ(one_batch, reversed_singles);

  // One row per revision after the [alerts] header, which is the last section.
  const std::size_t section = one_batch.find("[alerts] ");
  ASSERT_NE(section, std::string::npos);
  const std::string rows = one_batch.substr(one_batch.find('\n', section) + 1);
  EXPECT_EQ(static_cast<std::size_t>(std::count(rows.begin(), rows.end(), '\n')), alerts.size());
  EXPECT_EQ(rows.substr(0, rows.find('\t')), "1");

  std::vector<AlertRecord> changed = alerts;
  changed[9].position.lon += 1e-8;
  EXPECT_NE(write_in_batches(open_store(), changed, 4), one_batch);
}

TEST_P(StoreAlerts, RetentionFollowsEachRevisionsLabel) {
  testing::StoreSettings settings;
  settings.default_retention = 24 * kHour;
  auto store = open_store(settings);
  ASSERT_NE(store, nullptr);
  std::vector<AlertRecord> alerts;
  for (std::uint32_t hour = 0; hour < 48; ++hour) {
    // Alert 1: a distress report with personal data kept 6 hours; alert 2: node default.
    AlertRecord distress = make_alert(1, hour + 1, kT0 + hour * kHour, "open", "updated");
    distress.kind = "distress";
    distress.label.personal_data = true;
    distress.label.retention_s = 6 * 3600;
    alerts.push_back(distress);
    alerts.push_back(make_alert(2, hour + 1, kT0 + hour * kHour, "open", "updated"));
  }
  ASSERT_TRUE(write_alerts(*store, alerts).ok());

  const TimeNs now = kT0 + 48 * kHour;
  auto report = store->apply_retention(now);
  ASSERT_TRUE(report.ok()) << report.error().detail;
  EXPECT_EQ(report->alerts, 42U + 24U);
  EXPECT_EQ(report->positions, 0U);
  auto distress = store->alert_history(1);
  ASSERT_EQ(distress->size(), 6U);
  EXPECT_EQ(distress->front().time, kT0 + 42 * kHour);
  auto normal = store->alert_history(2);
  ASSERT_EQ(normal->size(), 24U);
  EXPECT_EQ(normal->front().time, kT0 + 24 * kHour);

  auto again = store->apply_retention(now);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->alerts, 0U);
}

TEST_P(StoreAlerts, BadPositionsAreCountedAndTheRestIsWritten) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  AlertRecord nan_lat = make_alert(1, 1, kT0);
  nan_lat.position.lat = std::nan("");
  AlertRecord infinite_lon = make_alert(2, 1, kT0);
  infinite_lon.position.lon = std::numeric_limits<double>::infinity();
  AlertRecord north_of_pole = make_alert(3, 1, kT0);
  north_of_pole.position.lat = 90.5;
  AlertRecord west_of_dateline = make_alert(4, 1, kT0);
  west_of_dateline.position.lon = -180.01;
  const AlertRecord good = make_alert(5, 1, kT0);
  AlertRecord edge = make_alert(6, 1, kT0);
  edge.position = {-90.0, 180.0};
  const std::vector<AlertRecord> alerts = {nan_lat,          infinite_lon, north_of_pole,
                                           west_of_dateline, good,         edge};
  const std::vector<TrackUpdate> tracks = {make_update(12, kT0, 50.95, 1.61)};
  WriteBatch batch;
  batch.tracks = tracks;
  batch.alerts = alerts;
  ASSERT_TRUE(store->write(batch).ok());

  EXPECT_EQ(keys(*store->alert_revisions(0, kT0)), (Keys{{5, 1}, {6, 1}}));
  EXPECT_EQ(store->list_tracks()->size(), 1U);
  EXPECT_EQ(store->stats().alerts, 2U);
  EXPECT_EQ(store->stats().rejected_alerts,
            (std::map<std::string, std::uint64_t>{{"bad_position", 2}, {"non_finite", 2}}));
  EXPECT_TRUE(store->stats().rejected_updates.empty());
}

}  // namespace
}  // namespace sw::store
