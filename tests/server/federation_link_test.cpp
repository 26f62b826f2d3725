// The federation as part of a node's picture, over a real nats-server with JetStream on
// loopback: what a French node releases to the UK node joins the UK picture under partner
// ids, with its owner's label and node; what it keeps to itself never arrives; an alert's
// subjects point at the partner's tracks; a lost track leaves; a silent partner's tracks
// leave after the stale time; a signed item whose body is not an item is counted and
// changes nothing.

#include "server/federation_link.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "server/federated_items.h"
#include "support/federation_nodes.h"
#include "support/labels.h"
#include "support/nats_server.h"
#include "support/test_support.h"

namespace sw::server {
namespace {

using test_support::kFrNode;
using test_support::kUkNode;
using test_support::make_label;
using test_support::NodeSpec;
using test_support::TempDir;
using test_support::wait_for;

constexpr TimeNs kT0 = 1'700'000'000LL * kNsPerSecond;

track::FusedTrack boat(std::uint64_t id, const Label& label, double lat) {
  track::FusedTrack track;
  track.id = id;
  track.track_class = track::TrackClass::kDark;
  track.time = kT0;
  track.position = {lat, 1.5};
  track.velocity = {1.0, 2.0};
  track.covariance = {400.0, 10.0, 300.0};
  track.sources = {"fr-radar"};
  track.updates = 3;
  track.label = label;
  return track;
}

class FederationLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const NodeSpec* node : {&kUkNode, &kFrNode}) {
      ASSERT_TRUE(test_support::node_key(folder_.path(), *node));
    }
    ASSERT_TRUE(nats_.start()) << "nats-server did not start (is it installed?)";
  }

  share::FederationSetup setup(const NodeSpec& me, const NodeSpec& partner) {
    auto key = test_support::node_key(folder_.path(), me);
    EXPECT_TRUE(key);
    return {test_support::node_config(folder_.path(), nats_.url(), me, {&partner}),
            std::move(*key)};
  }

  std::unique_ptr<FederationLink> start(const NodeSpec& me, const NodeSpec& partner,
                                        LivePicture& picture,
                                        std::chrono::seconds stale = std::chrono::minutes(10),
                                        std::vector<share::DerivedRule> derived = {},
                                        share::AuditLog* audit = nullptr) {
    share::FederationSetup both = setup(me, partner);
    both.derived = std::move(derived);
    auto link = FederationLink::start(std::move(both), picture, audit, clock_, stale);
    EXPECT_TRUE(link) << link.error().detail;
    return link ? std::move(*link) : nullptr;
  }

  TempDir folder_{"federation-link"};
  test_support::NatsServer nats_{folder_.path(),
                                 {{"uk-node", "pw-uk-node"}, {"fr-node", "pw-fr-node"}}};
  ManualClock clock_{kT0};
  LivePicture uk_picture_{clock_};
  LivePicture fr_picture_{clock_};
};

TEST_F(FederationLinkTest, ReleasedItemsJoinThePartnersPictureWithTheirOwnersLabel) {
  auto uk = start(kUkNode, kFrNode, uk_picture_);
  auto fr = start(kFrNode, kUkNode, fr_picture_);
  ASSERT_TRUE(uk && fr);
  const Label shared = make_label("FR/CROSS-GN", {"UK"});
  const Label french_only = make_label("FR/CROSS-GN", {});
  const std::vector<track::FusedTrack> tracks = {boat(7, shared, 50.9), boat(8, french_only, 51.0)};
  fr->offer_tracks(tracks);
  risk::Alert alert;
  alert.id = 3;
  alert.kind = risk::AlertKind::kDrifting;
  alert.key = "drifting:7";
  alert.subjects = {7};
  alert.position = {50.9, 1.5};
  alert.raised_at = kT0;
  alert.updated_at = kT0;
  alert.revision = 1;
  alert.label = shared;
  alert.history = {{kT0, "raised", "system", ""}};
  fr->offer_alerts(std::span(&alert, 1));
  fr->flush();

  const std::uint64_t partner_id = partner_item_id(1, 7);
  ASSERT_TRUE(wait_for([&] { return uk_picture_.alert(partner_item_id(1, 3)) != nullptr; }));
  ASSERT_TRUE(wait_for([&] { return uk_picture_.track(partner_id) != nullptr; }));
  const auto live = uk_picture_.track(partner_id);
  EXPECT_EQ(live->track.node, "fr-node");
  EXPECT_EQ(live->track.label, shared);
  EXPECT_DOUBLE_EQ(live->track.position.lat, 50.9);
  EXPECT_EQ(live->track.sources, std::vector<std::string>{"fr-radar"});
  const auto received_alert = uk_picture_.alert(partner_item_id(1, 3));
  EXPECT_EQ(received_alert->subjects, std::vector<std::uint64_t>{partner_id});
  EXPECT_EQ(received_alert->node, "fr-node");
  EXPECT_EQ(received_alert->label, shared);
  // The French-only boat never crosses, and nothing comes back the other way.
  EXPECT_EQ(uk_picture_.track(partner_item_id(1, 8)), nullptr);
  EXPECT_EQ(uk_picture_.tracks().size(), 1U);
  EXPECT_EQ(fr->stats().refused, 1U);
  EXPECT_EQ(fr_picture_.tracks().size(), 0U);

  // Lost at its owner: gone here too.
  track::FusedTrack lost = tracks[0];
  lost.status = track::PictureStatus::kLost;
  lost.time += kNsPerSecond;
  fr->offer_tracks(std::span(&lost, 1));
  fr->flush();
  EXPECT_TRUE(wait_for([&] { return uk_picture_.track(partner_id) == nullptr; }));
  EXPECT_NE(uk->metrics_text().find("outcome=\"received\"} 3"), std::string::npos)
      << uk->metrics_text();
}

TEST_F(FederationLinkTest, ASilentPartnersTracksLeaveAfterTheStaleTime) {
  auto uk = start(kUkNode, kFrNode, uk_picture_, std::chrono::seconds(60));
  auto fr = start(kFrNode, kUkNode, fr_picture_);
  ASSERT_TRUE(uk && fr);
  const track::FusedTrack track = boat(9, make_label("FR/CROSS-GN", {"UK"}), 50.95);
  fr->offer_tracks(std::span(&track, 1));
  fr->flush();
  const std::uint64_t id = partner_item_id(1, 9);
  ASSERT_TRUE(wait_for([&] { return uk_picture_.track(id) != nullptr; }));
  clock_.advance(59 * kNsPerSecond);
  uk->flush();
  EXPECT_NE(uk_picture_.track(id), nullptr);
  clock_.advance(2 * kNsPerSecond);
  uk->flush();
  EXPECT_EQ(uk_picture_.track(id), nullptr);
  EXPECT_EQ(uk->link_stats().stale_tracks, 1U);
}

TEST_F(FederationLinkTest, ASignedItemThatIsNotAnItemIsCountedAndChangesNothing) {
  auto uk = start(kUkNode, kFrNode, uk_picture_);
  ASSERT_TRUE(uk);
  auto key = test_support::node_key(folder_.path(), kFrNode);
  ASSERT_TRUE(key);
  auto fr = share::Federation::start(
      test_support::node_config(folder_.path(), nats_.url(), kFrNode, {&kUkNode}), std::move(*key),
      {});
  ASSERT_TRUE(fr) << fr.error().detail;
  const Label shared = make_label("FR/CROSS-GN", {"UK"});
  (*fr)->offer("track", 1, 1, shared, "{\"id\":1}");
  (*fr)->offer("track", 2, 1, shared, "not json");
  (*fr)->offer("alert", 3, 1, shared, track_body(boat(3, shared, 50.9)));
  (*fr)->offer("weather", 4, 1, shared, "{}");
  // A track whose id does not fit the partner id space.
  (*fr)->offer("track", kPartnerIdSpan, 1, shared, track_body(boat(kPartnerIdSpan, shared, 51)));
  (*fr)->offer("track", 5, 1, shared, track_body(boat(5, shared, 50.9)));
  ASSERT_TRUE(wait_for([&] { return uk_picture_.track(partner_item_id(1, 5)) != nullptr; }));
  EXPECT_TRUE(wait_for([&] { return uk->link_stats().bad_bodies == 5; }))
      << uk->link_stats().bad_bodies;
  EXPECT_EQ(uk_picture_.tracks().size(), 1U);
  EXPECT_TRUE(uk_picture_.alerts().empty());
}

TEST_F(FederationLinkTest, ADerivedProductRuleReleasesAReducedAlertAndAuditsIt) {
  auto audit = share::AuditLog::open(folder_.path() / "fr-audit", clock_);
  ASSERT_TRUE(audit) << audit.error().detail;
  auto uk = start(kUkNode, kFrNode, uk_picture_);
  auto fr =
      start(kFrNode, kUkNode, fr_picture_, std::chrono::minutes(10),
            {share::DerivedRule{"sar-alert-core", {"distress"}, {"uk-node"}, Sensitivity::kGreen}},
            audit->get());
  ASSERT_TRUE(uk && fr);
  // A distress report France keeps to itself (personal data: the caller's words).
  Label french_only = make_label("FR/CROSS-GN", {}, Sensitivity::kAmber);
  french_only.personal_data = true;
  risk::Alert distress;
  distress.id = 5;
  distress.kind = risk::AlertKind::kDistress;
  distress.key = "distress:call-77";
  distress.severity = risk::Severity::kCritical;
  distress.subjects = {7};
  distress.position = {50.95, 1.6};
  distress.raised_at = kT0;
  distress.updated_at = kT0;
  distress.region = "FR";
  distress.addressed_to = {"CROSS Gris-Nez"};
  distress.details = {{"persons_on_board", "45"},
                      {"text", "we are 45, water coming in, call Ahmed"},
                      {"source", "phone +33 6 12 34 56 78"},
                      {"nearest_assets", "FR patrol boat 3 at 2.1 NM"}};
  distress.revision = 1;
  distress.label = french_only;
  distress.history = {{kT0, "raised", "system", ""}, {kT0 + 1, "acknowledged", "cross.op", "ok"}};
  risk::Alert drifting = distress;  // no rule for this kind: stays in France
  drifting.id = 6;
  drifting.kind = risk::AlertKind::kDrifting;
  const std::vector<risk::Alert> alerts = {distress, drifting};
  fr->offer_alerts(alerts);
  fr->flush();

  const std::uint64_t id = partner_item_id(1, 5);
  ASSERT_TRUE(wait_for([&] { return uk_picture_.alert(id) != nullptr; }));
  const auto received = uk_picture_.alert(id);
  EXPECT_EQ(received->kind, risk::AlertKind::kDistress);
  EXPECT_EQ(received->severity, risk::Severity::kCritical);
  EXPECT_DOUBLE_EQ(received->position.lat, 50.95);
  EXPECT_EQ(received->addressed_to, std::vector<std::string>{"CROSS Gris-Nez"});
  EXPECT_EQ(received->details,
            (std::vector<std::pair<std::string, std::string>>{{"persons_on_board", "45"}}));
  EXPECT_TRUE(received->subjects.empty());
  for (const risk::AlertChange& change : received->history) EXPECT_EQ(change.actor, "");
  EXPECT_EQ(received->label.owner, "FR/CROSS-GN");
  EXPECT_EQ(received->label.releasable_to, std::vector<std::string>{"node:uk-node"});
  EXPECT_EQ(received->label.purposes, kPurposeSearchAndRescue);
  EXPECT_EQ(received->label.sensitivity, Sensitivity::kGreen);
  EXPECT_FALSE(received->label.personal_data);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(uk_picture_.alert(partner_item_id(1, 6)), nullptr);
  EXPECT_EQ(fr->link_stats().derived, 1U);
  fr->stop();
  (*audit).reset();  // sealed and closed
  std::ifstream log(folder_.path() / "fr-audit" / "audit.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(
      text.find(
          R"("kind":"derived","principal":"node:uk-node","path":"federation","item":"alert:5","rule":"derived:sar-alert-core")"),
      std::string::npos)
      << text;
}

TEST_F(FederationLinkTest, EachAuditSealIsHeldByThePartners) {
  auto fr_audit = share::AuditLog::open(folder_.path() / "fr-audit", clock_);
  auto uk_audit = share::AuditLog::open(folder_.path() / "uk-audit", clock_);
  ASSERT_TRUE(fr_audit && uk_audit);
  auto uk = start(kUkNode, kFrNode, uk_picture_, std::chrono::minutes(10), {}, uk_audit->get());
  auto fr = start(kFrNode, kUkNode, fr_picture_, std::chrono::minutes(10), {}, fr_audit->get());
  ASSERT_TRUE(uk && fr);
  (*fr_audit)->record({"access", "fr-cross", "api", "GET /api/tracks", "released", ""});
  (*fr_audit)->seal();
  fr->flush();
  ASSERT_TRUE(wait_for([&] { return uk->link_stats().seals_received == 1; }));
  fr->flush();  // the same seal is not sent twice
  EXPECT_EQ(fr->link_stats().seals_sent, 1U);
  const share::AuditSeal seal = (*fr_audit)->latest_seal();
  EXPECT_EQ(seal.sealed_records, 2U);  // the log's "open" record and the access
  uk->stop();
  (*uk_audit).reset();
  std::ifstream log(folder_.path() / "uk-audit" / "audit.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(
      text.find(
          R"("kind":"partner_seal","principal":"node:fr-node","path":"federation","item":"seal:2")"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("head " + seal.head + " signature " + seal.signature), std::string::npos);
  // The UK log, with the French seal in it, still verifies.
  auto verified = share::verify_audit_log(folder_.path() / "uk-audit" / "audit.log",
                                          folder_.path() / "uk-audit" / "audit-key.pub.pem");
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_TRUE(verified->ok) << verified->problem;
}

}  // namespace
}  // namespace sw::server
