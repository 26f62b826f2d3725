// StreamFilter and prepare_tick: what one live-stream client is sent — the snapshot, then
// per tick the visible changes in its viewport, tracks leaving the view or the picture as
// removed, and nothing when nothing it may see changed.

#include "server/stream_filter.h"

#include <gtest/gtest.h>

#include "server_fixture.h"

namespace sw::server {
namespace {

using testing::ids_of;
using testing::kStart;
using testing::make_alert;
using testing::make_label;
using testing::make_track;

/// The Dover side of the Strait; tracks at lon 1.4 are inside, at lon 1.8 outside.
const Viewport kDoverView{1.2, 50.9, 1.6, 51.2};

std::vector<std::uint64_t> removed_of(const Json& message) {
  std::vector<std::uint64_t> ids;
  for (const Json& id : message["removed"]) ids.push_back(id.get<std::uint64_t>());
  return ids;
}

Json parsed(const std::string& text) {
  const Json message = Json::parse(text, nullptr, false);
  EXPECT_TRUE(message.is_object()) << text.substr(0, 300);
  return message.is_object() ? message : Json::object();
}

class StreamFilterTest : public ::testing::Test {
 protected:
  StreamFilterTest() : picture_(clock_), principals_(testing::make_principals()) {
    picture_.attach_consumer();
  }

  const Principal& principal(const testing::TestPrincipal& who) {
    const Principal* found = principals_.authenticate(who.token);
    EXPECT_NE(found, nullptr);
    return *found;
  }

  void apply(std::vector<track::FusedTrack> tracks) {
    clock_.advance(kNsPerSecond);
    picture_.apply_tracks(tracks);
  }

  /// The events since the last tick, prepared as the server does.
  TickEvents tick() { return prepare_tick(picture_.take_events(), picture_.time()); }

  ManualClock clock_{kStart};
  LivePicture picture_;
  Principals principals_;
  TrackTexts texts_;
  const Label uk_ = make_label("UK/HMCG");
  const Label fr_only_ = make_label("FR/CROSS-GN");
  const Label fr_to_uk_ = make_label("FR/CROSS-GN", {"UK"});
};

TEST_F(StreamFilterTest, SnapshotHoldsWhatThePrincipalMaySeeInItsViewport) {
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.41, fr_only_),
         make_track(3, 51.0, 1.8, uk_), make_track(4, 51.05, 1.45, fr_to_uk_),
         make_track(5, 51.1, 1.5, make_label("FR/CROSS-GN", {}, Sensitivity::kClear))});
  const std::vector<risk::Alert> alerts{
      make_alert(10, risk::Severity::kUrgent, kStart, uk_),
      make_alert(11, risk::Severity::kUrgent, kStart, uk_, risk::AlertState::kClosed),
      make_alert(12, risk::Severity::kCritical, kStart, fr_only_)};
  picture_.apply_alerts(alerts);
  SearchJob mine;
  mine.id = 20;
  mine.label = uk_;
  SearchJob theirs;
  theirs.id = 21;
  theirs.label = fr_only_;
  picture_.put_search(mine);
  picture_.put_search(theirs);

  StreamFilter uk_filter(principal(testing::kUkWatch), texts_);
  uk_filter.set_viewport(kDoverView);
  const Json uk_snapshot = parsed(uk_filter.snapshot(picture_));
  EXPECT_EQ(uk_snapshot["type"], "snapshot");
  EXPECT_EQ(uk_snapshot["time"]["ns"], kStart);
  EXPECT_EQ(ids_of(uk_snapshot["tracks"]), (std::vector<std::uint64_t>{1, 4, 5}));
  EXPECT_EQ(ids_of(uk_snapshot["alerts"]), (std::vector<std::uint64_t>{10}));  // open, released
  EXPECT_EQ(ids_of(uk_snapshot["search_areas"]), (std::vector<std::uint64_t>{20}));

  StreamFilter fr_filter(principal(testing::kFrCross), texts_);  // whole world
  const Json fr_snapshot = parsed(fr_filter.snapshot(picture_));
  EXPECT_EQ(ids_of(fr_snapshot["tracks"]), (std::vector<std::uint64_t>{2, 4, 5}));
  EXPECT_EQ(ids_of(fr_snapshot["alerts"]), (std::vector<std::uint64_t>{12}));
  EXPECT_EQ(ids_of(fr_snapshot["search_areas"]), (std::vector<std::uint64_t>{21}));

  StreamFilter be_filter(principal(testing::kBeWatch), texts_);
  const Json be_snapshot = parsed(be_filter.snapshot(picture_));
  EXPECT_EQ(ids_of(be_snapshot["tracks"]), (std::vector<std::uint64_t>{5}));  // TLP:CLEAR only
  EXPECT_TRUE(be_snapshot["alerts"].empty());
  EXPECT_TRUE(be_snapshot["search_areas"].empty());
}

TEST_F(StreamFilterTest, UpdatesSendTracksEnteringAndRemoveTracksLeaving) {
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.8, uk_)});
  StreamFilter filter(principal(testing::kUkWatch), texts_);
  filter.set_viewport(kDoverView);
  EXPECT_EQ(ids_of(parsed(filter.snapshot(picture_))["tracks"]), (std::vector<std::uint64_t>{1}));
  (void)tick();  // what happened before the snapshot is in it

  // 1 leaves the view, 3 appears in it, 4 appears outside, 2 moves outside.
  apply({make_track(1, 51.0, 1.7, uk_), make_track(3, 51.0, 1.5, uk_),
         make_track(4, 51.0, 1.9, uk_), make_track(2, 51.0, 1.85, uk_)});
  Json update = parsed(filter.update(tick()));
  EXPECT_EQ(update["type"], "update");
  EXPECT_EQ(ids_of(update["tracks"]), (std::vector<std::uint64_t>{3}));
  EXPECT_EQ(removed_of(update), (std::vector<std::uint64_t>{1}));
  EXPECT_TRUE(update["alerts"].empty());
  EXPECT_TRUE(update["search_areas"].empty());

  // Changes outside the view only: nothing to send.
  apply({make_track(1, 51.0, 1.75, uk_), make_track(4, 51.0, 1.95, uk_)});
  EXPECT_EQ(filter.update(tick()), "");

  // 1 comes back: sent whole, with its trail.
  apply({make_track(1, 51.0, 1.45, uk_, std::nullopt, kStart + 60 * kNsPerSecond)});
  update = parsed(filter.update(tick()));
  ASSERT_EQ(ids_of(update["tracks"]), (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(update["tracks"][0]["lon"], 1.45);
  EXPECT_FALSE(update["tracks"][0]["trail"].empty());
  EXPECT_TRUE(update["removed"].empty());

  // A held track lost from the picture is removed; one never held is not mentioned.
  track::FusedTrack lost = make_track(3, 51.0, 1.5, uk_);
  lost.status = track::PictureStatus::kLost;
  track::FusedTrack lost_outside = make_track(4, 51.0, 1.95, uk_);
  lost_outside.status = track::PictureStatus::kMerged;
  apply({lost, lost_outside});
  update = parsed(filter.update(tick()));
  EXPECT_TRUE(update["tracks"].empty());
  EXPECT_EQ(removed_of(update), (std::vector<std::uint64_t>{3}));
  // ... and only once.
  apply({lost});
  EXPECT_EQ(filter.update(tick()), "");
}

TEST_F(StreamFilterTest, AHeldTrackIsSentItsChangeWithOnlyTheTrailPointsItLacks) {
  apply({make_track(1, 51.0, 1.40, uk_)});
  StreamFilter filter(principal(testing::kUkWatch), texts_);
  const Json snapshot = parsed(filter.snapshot(picture_));
  ASSERT_EQ(snapshot["tracks"].size(), 1U);
  EXPECT_EQ(snapshot["trail_points"], picture_.trail_points());
  (void)tick();

  // The client's trail, kept as the web map keeps it, must always equal the server's.
  Json trail = snapshot["tracks"][0]["trail"];
  const auto server_trail = [&] {
    Json points = Json::array();
    for (const TrailPoint& point : picture_.track(1)->trail) {
      points.push_back(Json::array({point.position.lon, point.position.lat, point.time}));
    }
    return points;
  };
  TimeNs time = kStart;
  int points_added = 0;
  // 4 s apart against a 10 s trail spacing, 1 to 6 updates per tick: ticks that add no
  // point, one, or two; 40 ticks run the trail past its 20-point cap.
  for (int tick_index = 0; tick_index < 40; ++tick_index) {
    const int updates = 1 + (tick_index * 7) % 6;
    for (int step = 0; step < updates; ++step) {
      time += 4 * kNsPerSecond;
      apply({make_track(1, 51.0 + (time - kStart) / kNsPerSecond * 1e-4, 1.40, uk_, std::nullopt,
                        time)});
    }
    const Json update = parsed(filter.update(tick()));
    ASSERT_EQ(update["tracks"].size(), 1U);
    const Json& change = update["tracks"][0];
    EXPECT_FALSE(change.contains("trail"));
    ASSERT_TRUE(change["trail_add"].is_array());
    points_added += static_cast<int>(change["trail_add"].size());
    for (const Json& point : change["trail_add"]) trail.push_back(point);
    while (trail.size() > picture_.trail_points()) trail.erase(trail.begin());
    ASSERT_EQ(trail, server_trail()) << "tick " << tick_index;
  }
  EXPECT_GT(points_added, static_cast<int>(picture_.trail_points()));
}

TEST_F(StreamFilterTest, ALabelThatNoLongerReleasesRemovesTheTrack) {
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.41, fr_only_)});
  StreamFilter filter(principal(testing::kUkWatch), texts_);
  EXPECT_EQ(ids_of(parsed(filter.snapshot(picture_))["tracks"]), (std::vector<std::uint64_t>{1}));
  (void)tick();

  // 1 now rests on French data not released to the UK; 2 becomes released to the UK.
  apply({make_track(1, 51.0, 1.4, fr_only_), make_track(2, 51.0, 1.41, fr_to_uk_)});
  const Json update = parsed(filter.update(tick()));
  EXPECT_EQ(ids_of(update["tracks"]), (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(removed_of(update), (std::vector<std::uint64_t>{1}));
  // The French track and its removal never reach a principal that never held it.
  StreamFilter belgian(principal(testing::kBeWatch), texts_);
  EXPECT_EQ(ids_of(parsed(belgian.snapshot(picture_))["tracks"]), std::vector<std::uint64_t>{});
  apply({make_track(2, 51.0, 1.42, fr_to_uk_)});
  EXPECT_EQ(belgian.update(tick()), "");
}

TEST_F(StreamFilterTest, AlertsAndSearchesIgnoreTheViewportButNotTheLabel) {
  StreamFilter filter(principal(testing::kUkWatch), texts_);
  filter.set_viewport(kDoverView);
  (void)filter.snapshot(picture_);
  risk::Alert far_away = make_alert(7, risk::Severity::kWarning, kStart, uk_);
  far_away.position = {49.0, -3.0};
  const risk::Alert french = make_alert(8, risk::Severity::kCritical, kStart, fr_only_);
  picture_.apply_alerts(std::vector<risk::Alert>{far_away, french});
  SearchJob job;
  job.id = 3;
  job.label = fr_to_uk_;
  job.position = {49.0, -3.0};
  picture_.put_search(job);
  Json update = parsed(filter.update(tick()));
  EXPECT_EQ(ids_of(update["alerts"]), (std::vector<std::uint64_t>{7}));
  EXPECT_EQ(ids_of(update["search_areas"]), (std::vector<std::uint64_t>{3}));

  // A change of an alert the principal may not see is no message at all.
  picture_.apply_alerts(std::vector<risk::Alert>{french});
  EXPECT_EQ(filter.update(tick()), "");
  // A closed alert is sent (the client learns it closed).
  far_away.state = risk::AlertState::kClosed;
  picture_.apply_alerts(std::vector<risk::Alert>{far_away});
  update = parsed(filter.update(tick()));
  ASSERT_EQ(update["alerts"].size(), 1U);
  EXPECT_EQ(update["alerts"][0]["state"], "closed");
}

TEST_F(StreamFilterTest, AnAlertWhoseLabelNoLongerReleasesItIsWithdrawn) {
  risk::Alert alert = make_alert(7, risk::Severity::kUrgent, kStart, uk_);
  risk::Alert later = make_alert(8, risk::Severity::kWarning, kStart, uk_);
  picture_.apply_alerts(std::vector<risk::Alert>{alert});
  StreamFilter filter(principal(testing::kUkWatch), texts_);
  EXPECT_EQ(ids_of(parsed(filter.snapshot(picture_))["alerts"]), (std::vector<std::uint64_t>{7}));
  (void)tick();
  picture_.apply_alerts(std::vector<risk::Alert>{later});  // raised after the snapshot
  EXPECT_EQ(ids_of(parsed(filter.update(tick()))["alerts"]), (std::vector<std::uint64_t>{8}));

  // Both now rest on French data not released to the UK: withdrawn, once.
  alert.label = fr_only_;
  later.label = fr_only_;
  picture_.apply_alerts(std::vector<risk::Alert>{alert, later});
  Json update = parsed(filter.update(tick()));
  EXPECT_TRUE(update["alerts"].empty());
  EXPECT_EQ(update["withdrawn_alerts"], Json::array({7, 8}));
  picture_.apply_alerts(std::vector<risk::Alert>{alert});
  EXPECT_EQ(filter.update(tick()), "");
  // Released again: sent again.
  alert.label = fr_to_uk_;
  picture_.apply_alerts(std::vector<risk::Alert>{alert});
  update = parsed(filter.update(tick()));
  EXPECT_EQ(ids_of(update["alerts"]), (std::vector<std::uint64_t>{7}));
  EXPECT_FALSE(update.contains("withdrawn_alerts"));
}

TEST_F(StreamFilterTest, ANewViewportSnapshotForgetsWhatWasHeld) {
  apply({make_track(1, 51.0, 1.4, uk_), make_track(2, 51.0, 1.8, uk_)});
  StreamFilter filter(principal(testing::kUkWatch), texts_);
  EXPECT_EQ(ids_of(parsed(filter.snapshot(picture_))["tracks"]),
            (std::vector<std::uint64_t>{1, 2}));
  (void)tick();
  filter.set_viewport(kDoverView);
  EXPECT_EQ(ids_of(parsed(filter.snapshot(picture_))["tracks"]), (std::vector<std::uint64_t>{1}));
  // 2 was dropped by the new snapshot: its loss is not news to this client.
  track::FusedTrack lost = make_track(2, 51.0, 1.8, uk_);
  lost.status = track::PictureStatus::kLost;
  apply({lost});
  EXPECT_EQ(filter.update(tick()), "");
}

TEST_F(StreamFilterTest, PrepareTickKeepsTheLastWordPerItemInFirstChangeOrder) {
  apply({make_track(1, 51.0, 1.4, uk_)});
  apply({make_track(2, 51.0, 1.41, uk_)});
  apply({make_track(1, 51.01, 1.4, uk_, std::nullopt, kStart + kNsPerSecond)});
  track::FusedTrack lost = make_track(2, 51.0, 1.41, uk_);
  lost.status = track::PictureStatus::kLost;
  apply({lost});
  picture_.apply_alerts(std::vector<risk::Alert>{make_alert(1, risk::Severity::kInfo, kStart)});

  const TickEvents prepared = tick();
  ASSERT_EQ(prepared.items.size(), 3U);  // track 1, track 2, alert 1 (same id, other kind)
  EXPECT_EQ(prepared.items[0].event.kind, LiveEvent::Kind::kTrack);
  EXPECT_EQ(prepared.items[0].event.id, 1U);
  EXPECT_NE(prepared.items[0].json.find("51.01"), std::string::npos);
  EXPECT_EQ(prepared.items[1].event.kind, LiveEvent::Kind::kTrackRemoved);
  EXPECT_EQ(prepared.items[1].event.id, 2U);
  EXPECT_TRUE(prepared.items[1].json.empty());
  EXPECT_EQ(prepared.items[2].event.kind, LiveEvent::Kind::kAlert);
  EXPECT_EQ(parsed(prepared.items[2].json)["id"], 1);
  EXPECT_EQ(prepared.time, kStart + kNsPerSecond);
  EXPECT_EQ(prepared.oldest_published, kStart + kNsPerSecond);  // the clock of the first apply
  EXPECT_TRUE(tick().items.empty());
}

TEST_F(StreamFilterTest, NoEventsAreQueuedWithoutAConsumer) {
  picture_.detach_consumer();
  apply({make_track(1, 51.0, 1.4, uk_)});
  EXPECT_TRUE(picture_.take_events().empty());
  EXPECT_NE(picture_.track(1), nullptr);
}

}  // namespace
}  // namespace sw::server
