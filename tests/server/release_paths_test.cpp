// Every way out of the server asks the one release decision: for 400 tracks and 200 alerts
// with random labels, what the REST API lists, answers one by one, and what the live stream
// snapshot holds are, for each principal, exactly the items share::decide releases to it.

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "server/stream_filter.h"
#include "server_fixture.h"
#include "share/release.h"

namespace sw::server {
namespace {

using testing::ids_of;
using testing::kStart;
using Ids = std::set<std::uint64_t>;

Label random_label(std::mt19937_64& random) {
  static const std::vector<std::string> owners{
      "UK/HMCG", "FR/CROSS-GN", "FR/DOUANE",          "UK/NCA",
      "BE/MRCC", "EU/FRONTEX",  "UK/HMCG+FR/CROSS-GN"};
  static const std::vector<std::string> names{"UK",       "FR",       "BE",       "UK/NCA",
                                              "uk-watch", "be-watch", "fr-cross", "*"};
  const auto index = [&random](std::size_t size) {
    return std::uniform_int_distribution<std::size_t>(0, size - 1)(random);
  };
  Label label = testing::make_label(owners[index(owners.size())]);
  label.releasable_to.clear();
  for (std::size_t count = index(3); count > 0; --count) {
    label.releasable_to.push_back(names[index(names.size())]);
  }
  label.sensitivity = static_cast<Sensitivity>(index(4));
  label.purposes = static_cast<std::uint8_t>(1 + index(7));
  label.personal_data = index(4) == 0;
  return label;
}

TEST(ReleasePaths, TheApiAndTheStreamReleaseExactlyWhatThePolicyDecides) {
  std::mt19937_64 random(20261124);  // seed recorded
  ManualClock clock(kStart);
  LivePicture picture(clock);
  Principals principals = testing::make_principals();
  std::vector<track::FusedTrack> tracks;
  std::vector<risk::Alert> alerts;
  std::uniform_real_distribution<double> lat(50.7, 51.2);
  std::uniform_real_distribution<double> lon(1.0, 2.0);
  for (std::uint64_t id = 1; id <= 400; ++id) {
    tracks.push_back(testing::make_track(id, lat(random), lon(random), random_label(random)));
  }
  for (std::uint64_t id = 1; id <= 200; ++id) {
    alerts.push_back(
        testing::make_alert(id, risk::Severity::kWarning, kStart, random_label(random)));
  }
  picture.apply_tracks(tracks);
  picture.apply_alerts(alerts);
  ApiServices services;
  services.picture = &picture;
  services.principals = &principals;
  services.clock = &clock;
  Api api(std::move(services));
  TrackTexts texts;

  std::size_t released_somewhere = 0;
  for (const testing::TestPrincipal& test_principal :
       {testing::kUkWatch, testing::kFrCross, testing::kUkAnalyst, testing::kAdmin,
        testing::kBeWatch}) {
    SCOPED_TRACE(test_principal.name);
    const Principal* who = principals.authenticate(test_principal.token);
    ASSERT_NE(who, nullptr);
    Ids expected_tracks;
    Ids expected_alerts;
    for (const auto& track : tracks) {
      if (share::decide(track.label, who->recipient) == share::Decision::kReleased) {
        expected_tracks.insert(track.id);
      }
    }
    for (const auto& alert : alerts) {
      if (share::decide(alert.label, who->recipient) == share::Decision::kReleased) {
        expected_alerts.insert(alert.id);
      }
    }
    released_somewhere += expected_tracks.size() + expected_alerts.size();

    const auto listed = [](const Json& items) {
      const auto ids = ids_of(items);
      return Ids(ids.begin(), ids.end());
    };
    const Json track_list =
        testing::body_json(testing::get(api, "/api/tracks", test_principal.token));
    EXPECT_EQ(listed(track_list["tracks"]), expected_tracks) << "GET /api/tracks";
    const Json alert_list =
        testing::body_json(testing::get(api, "/api/alerts", test_principal.token));
    EXPECT_EQ(listed(alert_list["alerts"]), expected_alerts) << "GET /api/alerts";
    for (std::uint64_t id = 1; id <= 400; id += 7) {
      const unsigned status =
          testing::get(api, "/api/tracks/" + std::to_string(id), test_principal.token).status;
      EXPECT_EQ(status, expected_tracks.count(id) > 0 ? 200U : 404U) << "GET /api/tracks/" << id;
    }
    for (std::uint64_t id = 1; id <= 200; id += 3) {
      const unsigned status =
          testing::get(api, "/api/alerts/" + std::to_string(id), test_principal.token).status;
      EXPECT_EQ(status, expected_alerts.count(id) > 0 ? 200U : 404U) << "GET /api/alerts/" << id;
    }

    StreamFilter filter(*who, texts);
    const Json snapshot = Json::parse(filter.snapshot(picture));
    EXPECT_EQ(listed(snapshot["tracks"]), expected_tracks) << "stream snapshot";
    EXPECT_EQ(listed(snapshot["alerts"]), expected_alerts) << "stream snapshot";
  }
  // The labels reach some principals and not others: the check is not vacuous.
  EXPECT_GT(released_somewhere, 300U);
  EXPECT_LT(released_somewhere, 5U * 600U - 300U);
}

}  // namespace
}  // namespace sw::server
