// The bodies of tracks and alerts as they cross between nodes: every field comes back as it
// went, versions order as the owner's changes do, and a body that is not a well-formed item
// is an error (never an exception, never a half-read item).

#include "server/federated_items.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sw::server {
namespace {

constexpr TimeNs kT0 = 1'700'000'000LL * kNsPerSecond;

track::FusedTrack ship() {
  track::FusedTrack track;
  track.id = 41;
  track.track_class = track::TrackClass::kCooperative;
  track.status = track::PictureStatus::kCoasting;
  track.time = kT0 + 123'456'789;
  track.position = {51.0123456, 1.4567891};
  track.velocity = {-3.25, 6.5};
  track.covariance = {420.5, -12.25, 380.0};
  track.velocity_covariance = {0.5, 0.01, 0.6};
  track.mmsi = 235012345;
  track.callsign = "GABC1";
  track.details = {{"shipname", "DOVER SPIRIT"}, {"shiptype", "70"}};
  track.sources = {"ais-dover", "radar-gris-nez"};
  track.merged_into = 0;
  track.updates = 77;
  return track;
}

risk::Alert collision() {
  risk::Alert alert;
  alert.id = 12;
  alert.kind = risk::AlertKind::kCollision;
  alert.key = "collision:41:42";
  alert.severity = risk::Severity::kCritical;
  alert.state = risk::AlertState::kAcknowledged;
  alert.subjects = {41, 42};
  alert.position = {51.01, 1.46};
  alert.raised_at = kT0;
  alert.updated_at = kT0 + 60 * kNsPerSecond;
  alert.event_time = kT0 + 600 * kNsPerSecond;
  alert.region = "UK";
  alert.addressed_to = {"MRCC Dover"};
  alert.details = {{"cpa_m", "80"}, {"tcpa_s", "540"}};
  risk::AttachedSearchArea area;
  area.hours = 1;
  area.object_class = "7 LIFE-RAFT-DB-10";
  area.seed = 99;
  area.particles = 2000;
  area.centroid = {51.02, 1.47};
  area.r50_m = 800;
  area.r90_m = 1900;
  area.area50_km2 = 2.1;
  area.area90_km2 = 11.4;
  area.p50 = {{{{51.0, 1.4}, {51.1, 1.4}, {51.1, 1.5}, {51.0, 1.4}}}};
  area.p90 = area.p50;
  alert.search_areas = {area};
  alert.revision = 4;
  alert.raises = 1;
  alert.history = {{kT0, "raised", "system", ""}, {kT0 + 1, "acknowledged", "uk.watch", "seen"}};
  return alert;
}

TEST(FederatedItems, ATrackComesBackAsItWent) {
  const track::FusedTrack sent = ship();
  auto back = track_from_body(track_body(sent));
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(back->id, sent.id);
  EXPECT_EQ(back->track_class, sent.track_class);
  EXPECT_EQ(back->status, sent.status);
  EXPECT_EQ(back->time, sent.time);
  EXPECT_DOUBLE_EQ(back->position.lat, sent.position.lat);
  EXPECT_DOUBLE_EQ(back->position.lon, sent.position.lon);
  EXPECT_DOUBLE_EQ(back->velocity.east, sent.velocity.east);
  EXPECT_DOUBLE_EQ(back->covariance.en, sent.covariance.en);
  EXPECT_DOUBLE_EQ(back->velocity_covariance.nn, sent.velocity_covariance.nn);
  EXPECT_EQ(back->mmsi, sent.mmsi);
  EXPECT_EQ(back->callsign, sent.callsign);
  EXPECT_EQ(back->details, sent.details);
  EXPECT_EQ(back->sources, sent.sources);
  EXPECT_EQ(back->updates, sent.updates);
  // The label and node are not in the body: they come from the signed envelope.
  track::FusedTrack dark = sent;
  dark.mmsi.reset();
  auto dark_back = track_from_body(track_body(dark));
  ASSERT_TRUE(dark_back);
  EXPECT_FALSE(dark_back->mmsi.has_value());
}

TEST(FederatedItems, AnAlertComesBackAsItWent) {
  const risk::Alert sent = collision();
  auto back = alert_from_body(alert_body(sent));
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(risk::alert_json(*back), risk::alert_json(sent));
}

TEST(FederatedItems, VersionsOrderAsTheOwnersChanges) {
  track::FusedTrack track = ship();
  track.status = track::PictureStatus::kConfirmed;
  const std::uint64_t first = track_version(track);
  track.status = track::PictureStatus::kCoasting;
  const std::uint64_t coasting = track_version(track);
  track.status = track::PictureStatus::kLost;
  const std::uint64_t lost = track_version(track);
  EXPECT_LT(first, coasting);
  EXPECT_LT(coasting, lost);
  track.status = track::PictureStatus::kConfirmed;
  track.updates += 1;  // static data, same time
  EXPECT_GT(track_version(track), first);
  track.time += 1000;  // a microsecond later, however the update counter wrapped
  track.updates = 0;
  EXPECT_GT(track_version(track), lost);
}

TEST(FederatedItems, PartnerIdsNeverMeetThisNodesIds) {
  EXPECT_EQ(partner_item_id(1, 7), kPartnerIdSpan + 7);
  EXPECT_EQ(partner_item_id(2, 0), 2 * kPartnerIdSpan);
  EXPECT_EQ(partner_item_id(0, 7), 0U);
  EXPECT_EQ(partner_item_id(1, kPartnerIdSpan), 0U);
  // Within JavaScript's exact integers for any allowed partner.
  EXPECT_LT(partner_item_id(9000, kPartnerIdSpan - 1), 1ULL << 53U);
}

TEST(FederatedItems, ABodyThatIsNotAnItemIsAnError) {
  using Json = nlohmann::json;
  const Json good = Json::parse(track_body(ship()));
  const std::vector<std::pair<const char*, Json>> bad_fields = {
      {"id", -1},
      {"id", "41"},
      {"class", 3},
      {"status", 9},
      {"time", -5},
      {"position", Json::array({91.0, 1.0})},
      {"position", 51.0},
      {"velocity", Json::array({1.0})},
      {"covariance", Json::array({-1.0, 0.0, 1.0})},
      {"mmsi", 1e12},
      {"mmsi", "235"},
      {"details", Json::array({Json::array({1, 2})})},
      {"sources", "radar"},
      {"updates", 1.5},
      {"callsign", std::string(5000, 'x')}};
  for (const auto& [field, value] : bad_fields) {
    Json body = good;
    body[field] = value;
    EXPECT_FALSE(track_from_body(body.dump())) << field << " = " << value.dump();
  }
  for (const char* field : {"id", "time", "position", "covariance", "sources"}) {
    Json body = good;
    body.erase(field);
    EXPECT_FALSE(track_from_body(body.dump())) << "without " << field;
  }
  for (const char* text : {"", "null", "[]", "{", "{\"id\":1}", "\xff\xfe"}) {
    EXPECT_FALSE(track_from_body(text)) << text;
    EXPECT_FALSE(alert_from_body(text)) << text;
  }
  const Json alert = Json::parse(alert_body(collision()));
  for (const auto& [field, value] : std::vector<std::pair<const char*, Json>>{
           {"kind", 5},
           {"severity", 4},
           {"subjects", Json::array({-1})},
           {"history", Json::array({Json::array({1, "raised"})})},
           {"search_areas", Json::array({Json{{"hours", 1}}})}}) {
    Json body = alert;
    body[field] = value;
    EXPECT_FALSE(alert_from_body(body.dump())) << field << " = " << value.dump();
  }
}

}  // namespace
}  // namespace sw::server
