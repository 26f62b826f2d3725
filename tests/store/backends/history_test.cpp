// Store writes and queries, on every backend: one transaction per batch, history by id
// and time range, latest identity and label per track, out-of-order positions, rejected
// updates counted by reason, and the observation index, sources and counters round trips.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "store_backends.h"

namespace sw::store {
namespace {

using testing::kT0;
using testing::make_update;

class StoreHistory : public testing::StoreBackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, StoreHistory, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

TEST_P(StoreHistory, HistoryByIdAndTimeRange) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  std::vector<TrackUpdate> updates;
  for (int step = 0; step < 10; ++step) {
    updates.push_back(make_update(7, kT0 + step * kNsPerSecond, 51.0 + step * 0.001, 1.5));
    updates.push_back(make_update(8, kT0 + step * kNsPerSecond, 50.9, 1.4 + step * 0.001));
  }
  ASSERT_TRUE(store->write(updates).ok());

  auto history = store->track_history(7, kT0 + 2 * kNsPerSecond, kT0 + 5 * kNsPerSecond);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 4U);
  for (std::size_t position_idx = 0; position_idx < history->size(); ++position_idx) {
    const TrackPosition& position = (*history)[position_idx];
    EXPECT_EQ(position.track_id, 7U);
    EXPECT_EQ(position.time, kT0 + static_cast<TimeNs>(position_idx + 2) * kNsPerSecond);
    EXPECT_DOUBLE_EQ(position.position.lat, 51.0 + static_cast<double>(position_idx + 2) * 0.001);
    EXPECT_DOUBLE_EQ(position.velocity.east, 1.5);
    EXPECT_DOUBLE_EQ(position.covariance.en, 5.0);
    EXPECT_EQ(position.status, TrackStatus::kConfirmed);
  }
  EXPECT_TRUE(store->track_history(9, kT0, kT0 + 100 * kNsPerSecond)->empty());
  EXPECT_EQ(store->stats().batches, 1U);
  EXPECT_EQ(store->stats().track_updates, 20U);
}

TEST_P(StoreHistory, TrackKeepsLatestIdentityAndLabelAndSeenTimes) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  TrackUpdate first = make_update(42, kT0 + 10 * kNsPerSecond, 51.0, 1.5);
  first.track_class = TrackClass::kDark;
  TrackUpdate second = make_update(42, kT0 + 20 * kNsPerSecond, 51.01, 1.51);
  second.track_class = TrackClass::kCooperative;
  second.identity.mmsi = 227006760;
  second.identity.name = "PRIDE OF KENT";
  second.identity.callsign = "ZDLC3";
  second.identity.ship_type = 60;
  second.identity.length_m = 179.7;
  second.identity.width_m = 28.3;
  second.label.releasable_to = {"UK/MRCC-DOVER", "BE,NL", "odd\\name"};
  second.label.sensitivity = Sensitivity::kAmber;
  second.label.personal_data = true;
  second.label.retention_s = 86400;
  // An older update arriving late must not overwrite the identity, but moves first_seen.
  TrackUpdate late = make_update(42, kT0 + 5 * kNsPerSecond, 50.99, 1.49);
  late.identity.name = "STALE NAME";

  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{first, second}).ok());
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{late}).ok());

  auto tracks = store->list_tracks();
  ASSERT_TRUE(tracks.ok());
  ASSERT_EQ(tracks->size(), 1U);
  const TrackRecord& track = tracks->front();
  EXPECT_EQ(track.track_id, 42U);
  EXPECT_EQ(track.track_class, TrackClass::kCooperative);
  EXPECT_EQ(track.identity, second.identity);
  EXPECT_EQ(track.label, second.label);
  EXPECT_EQ(track.first_seen, kT0 + 5 * kNsPerSecond);
  EXPECT_EQ(track.last_seen, kT0 + 20 * kNsPerSecond);
  EXPECT_EQ(track.position.time, kT0 + 20 * kNsPerSecond);
  EXPECT_DOUBLE_EQ(track.position.position.lat, 51.01);
}

TEST_P(StoreHistory, RewritingAPositionReplacesIt) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.0)}).ok());
  ASSERT_TRUE(
      store->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.5, 1.5, TrackStatus::kCoasting)})
          .ok());
  auto history = store->track_history(1, kT0, kT0);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1U);
  EXPECT_DOUBLE_EQ(history->front().position.lat, 51.5);
  EXPECT_EQ(history->front().status, TrackStatus::kCoasting);
}

TEST_P(StoreHistory, BadUpdatesAreCountedByReasonAndTheRestWritten) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  std::vector<TrackUpdate> updates = {
      make_update(1, kT0, 51.0, 1.0), make_update(2, kT0, std::nan(""), 1.0),
      make_update(3, kT0, 91.0, 1.0), make_update(4, kT0, 51.0, -180.5),
      make_update(5, kT0, 51.0, 1.0)};
  updates[4].covariance.nn = std::numeric_limits<double>::infinity();
  ASSERT_TRUE(store->write(updates).ok());
  EXPECT_EQ(store->stats().track_updates, 1U);
  EXPECT_EQ(store->stats().rejected_updates.at("non_finite"), 2U);
  EXPECT_EQ(store->stats().rejected_updates.at("bad_position"), 2U);
  EXPECT_EQ(store->list_tracks()->size(), 1U);
}

TEST_P(StoreHistory, ObservationsSourcesAndCountersRoundTrip) {
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  const std::vector<SourceRecord> sources = {
      {"radar-dover",
       "asterix-cat010",
       "Dover coastguard radar",
       {"UK/HMCG", {"FR"}, 3, Sensitivity::kAmber, false, 0}},
      {"ais-gris-nez",
       "nmea-ais",
       "Gris-Nez AIS base station",
       {"FR/CROSS-GN", {}, 1, Sensitivity::kGreen, false, 0}}};
  const std::vector<ObservationRecord> observations = {
      {kT0 + 2, "radar-dover", ObservationKind::kRadarPlot, 11, std::nullopt},
      {kT0 + 1, "ais-gris-nez", ObservationKind::kAisPosition, 10, 42},
      {kT0 + 3, "ais-gris-nez", ObservationKind::kAisStatic, 12, 42}};
  const std::vector<CounterSample> counters = {
      {"ais-gris-nez", "bad_checksum", 3, kT0},
      {"ais-gris-nez", "bad_checksum", 5, kT0 + kNsPerSecond}};
  WriteBatch batch;
  batch.sources = sources;
  batch.observations = observations;
  batch.counters = counters;
  ASSERT_TRUE(store->write(batch).ok());

  auto read_sources = store->sources();
  ASSERT_TRUE(read_sources.ok());
  EXPECT_EQ(*read_sources, (std::vector<SourceRecord>{sources[1], sources[0]}));  // by id
  auto read_observations = store->observations(kT0, kT0 + 2);
  ASSERT_TRUE(read_observations.ok());
  EXPECT_EQ(*read_observations,
            (std::vector<ObservationRecord>{observations[1], observations[0]}));  // by time
  auto samples = store->counter_history("ais-gris-nez", "bad_checksum");
  ASSERT_TRUE(samples.ok());
  EXPECT_EQ(*samples, counters);

  // Sources are replaced by id; a counter sample at the same time replaces the value.
  std::vector<SourceRecord> renamed = {sources[0]};
  renamed[0].description = "Dover radar (replacement head)";
  std::vector<CounterSample> corrected = {{"ais-gris-nez", "bad_checksum", 4, kT0}};
  WriteBatch second;
  second.sources = renamed;
  second.counters = corrected;
  ASSERT_TRUE(store->write(second).ok());
  EXPECT_EQ(store->sources()->back().description, "Dover radar (replacement head)");
  EXPECT_EQ(store->counter_history("ais-gris-nez", "bad_checksum")->front().value, 4);
}

}  // namespace
}  // namespace sw::store
