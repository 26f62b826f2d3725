// Federation over a real nats-server with JetStream on loopback (started here): a UK, a
// French and an EU agency node. FR-only items never reach the UK; SAR alerts reach both
// rescue centres; border items reach the EU agency only; a link cut mid-stream and restored
// loses and duplicates nothing; forged, unsigned and misaddressed messages are counted and
// dropped; a partner's item is applied once however often it is sent.

#include "share/federation/federation.h"

#include <gtest/gtest.h>
#include <nats/nats.h>

#include <mutex>
#include <set>
#include <thread>

#include "support/federation_nodes.h"
#include "support/labels.h"
#include "support/nats_server.h"
#include "support/test_support.h"
#include "support/tls_files.h"

namespace sw::share {
namespace {

using test_support::make_label;
using test_support::TempDir;
using test_support::wait_for;

/// What one node received, by "from/kind/id".
class Inbox {
 public:
  void add(const FederatedItem& item) {
    std::lock_guard lock(mutex_);
    items_.insert(item.from + "/" + item.kind + "/" + std::to_string(item.id));
    ++count_;
    labels_.push_back(item.label);
  }
  std::set<std::string> items() const {
    std::lock_guard lock(mutex_);
    return items_;
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return count_;
  }
  std::vector<Label> labels() const {
    std::lock_guard lock(mutex_);
    return labels_;
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::string> items_;
  std::size_t count_ = 0;
  std::vector<Label> labels_;
};

using test_support::NodeSpec;
const NodeSpec& kUk = test_support::kUkNode;
const NodeSpec& kFr = test_support::kFrNode;
const NodeSpec& kEu = test_support::kEuNode;

class FederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const NodeSpec* node : {&kUk, &kFr, &kEu}) {
      auto key = test_support::node_key(folder_.path(), *node);
      ASSERT_TRUE(key) << key.error().detail;
    }
    ASSERT_TRUE(nats_.start()) << "nats-server did not start (is it installed?)";
  }

  FederationConfig config_for(const NodeSpec& me, const std::vector<const NodeSpec*>& partners) {
    return test_support::node_config(folder_.path(), nats_.url(), me, partners);
  }

  std::unique_ptr<Federation> start(const NodeSpec& me,
                                    const std::vector<const NodeSpec*>& partners, Inbox& inbox) {
    auto key = test_support::node_key(folder_.path(), me);
    EXPECT_TRUE(key);
    auto federation = Federation::start(config_for(me, partners), std::move(*key),
                                        [&inbox](const FederatedItem& item) { inbox.add(item); });
    EXPECT_TRUE(federation) << federation.error().detail;
    return federation ? std::move(*federation) : nullptr;
  }

  TempDir folder_{"federation"};
  test_support::NatsServer nats_{
      folder_.path(),
      {{"uk-node", "pw-uk-node"}, {"fr-node", "pw-fr-node"}, {"eu-node", "pw-eu-node"}}};
};

TEST_F(FederationTest, EachPartnerGetsOnlyWhatItsOwnerReleasedToIt) {
  Inbox uk_inbox;
  Inbox fr_inbox;
  Inbox eu_inbox;
  auto uk = start(kUk, {&kFr, &kEu}, uk_inbox);
  auto fr = start(kFr, {&kUk, &kEu}, fr_inbox);
  auto eu = start(kEu, {&kUk, &kFr}, eu_inbox);
  ASSERT_TRUE(uk && fr && eu);

  // UK: a radar track for the UK only; a SAR alert for the French rescue centre.
  EXPECT_EQ(uk->offer("track", 1, 1, make_label("UK/HMCG", {}), R"({"id":1})"), 0U);
  EXPECT_EQ(uk->offer("alert", 2, 1, make_label("UK/HMCG", {"FR", "EU"}), R"({"id":2})"), 1U);
  // FR: a track for France only; a SAR alert for the UK; a customs track for the EU agency's
  // border monitoring; an AMBER SAR alert the EU may not get (purpose and cap).
  EXPECT_EQ(fr->offer("track", 10, 1, make_label("FR/CROSS-GN", {}), R"({"id":10})"), 0U);
  EXPECT_EQ(fr->offer("alert", 11, 1, make_label("FR/CROSS-GN", {"UK"}), R"({"id":11})"), 1U);
  EXPECT_EQ(
      fr->offer("track", 12, 1,
                make_label("FR/DOUANE", {"EU"}, Sensitivity::kGreen, kPurposeBorderMonitoring),
                R"({"id":12})"),
      1U);
  EXPECT_EQ(fr->offer("alert", 13, 1, make_label("FR/CROSS-GN", {"*"}, Sensitivity::kAmber),
                      R"({"id":13})"),
            1U);  // the UK only: the EU agency has no SAR purpose
  // FR: a SAR alert also released for border monitoring goes to both partners.
  EXPECT_EQ(fr->offer("alert", 14, 1,
                      make_label("FR/CROSS-GN", {"UK", "EU"}, Sensitivity::kGreen,
                                 kPurposeSearchAndRescue | kPurposeBorderMonitoring),
                      R"({"id":14})"),
            2U);
  // EU: its aircraft sees a boat in distress; the SAR alert goes to both rescue centres.
  EXPECT_EQ(eu->offer("alert", 20, 1,
                      make_label("EU/FRONTEX", {"UK", "FR"}, Sensitivity::kGreen,
                                 kPurposeSearchAndRescue | kPurposeBorderMonitoring),
                      R"({"id":20})"),
            2U);

  ASSERT_TRUE(wait_for(
      [&] { return uk_inbox.count() == 4 && fr_inbox.count() == 2 && eu_inbox.count() == 2; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing else comes
  EXPECT_EQ(uk_inbox.items(), (std::set<std::string>{"fr-node/alert/11", "fr-node/alert/13",
                                                     "fr-node/alert/14", "eu-node/alert/20"}));
  EXPECT_EQ(fr_inbox.items(), (std::set<std::string>{"uk-node/alert/2", "eu-node/alert/20"}));
  EXPECT_EQ(eu_inbox.items(), (std::set<std::string>{"fr-node/track/12", "fr-node/alert/14"}));
  // Received items keep their owner's label.
  for (const Label& label : uk_inbox.labels()) {
    EXPECT_TRUE(label.owner == "FR/CROSS-GN" || label.owner == "EU/FRONTEX") << label.owner;
  }
  EXPECT_EQ(fr->stats().released, 5U);
  EXPECT_EQ(fr->stats().refused, 5U);  // 10 to UK and EU; 11 to EU; 12 to UK; 13 to EU
}

TEST_F(FederationTest, ALinkCutMidStreamLosesAndDuplicatesNothing) {
  Inbox uk_inbox;
  Inbox fr_inbox;
  auto uk = start(kUk, {&kFr}, uk_inbox);
  auto fr = start(kFr, {&kUk}, fr_inbox);
  ASSERT_TRUE(uk && fr);
  const Label to_fr = make_label("UK/HMCG", {"FR"});
  for (std::uint64_t id = 1; id <= 20; ++id) uk->offer("track", id, 1, to_fr, "{}");
  ASSERT_TRUE(wait_for([&] { return fr_inbox.count() == 20; }));

  fr.reset();  // the French link drops
  for (std::uint64_t id = 21; id <= 60; ++id) uk->offer("track", id, 1, to_fr, "{}");
  for (std::uint64_t id = 1; id <= 10; ++id) uk->offer("track", id, 1, to_fr, "{}");  // re-sent
  Inbox fr_after;
  fr = start(kFr, {&kUk}, fr_after);  // and comes back: the durable consumer resumes
  ASSERT_TRUE(fr);
  ASSERT_TRUE(wait_for([&] { return fr_after.count() == 40; })) << fr_after.count();
  for (std::uint64_t id = 1; id <= 5; ++id) uk->offer("track", id, 2, to_fr, "{}");  // newer
  ASSERT_TRUE(wait_for([&] { return fr_after.count() == 45; })) << fr_after.count();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(fr_after.count(), 45U);  // 21-60 once, then the five newer versions
  EXPECT_EQ(fr_after.items().size(), 45U);

  // The NATS server itself restarts (streams and consumers are on disk); both nodes
  // reconnect by themselves and the link goes on.
  nats_.stop();
  ASSERT_TRUE(nats_.start());
  ASSERT_TRUE(wait_for([&] { return uk->offer("track", 100, 1, to_fr, "{}") == 1; }));
  ASSERT_TRUE(wait_for([&] { return fr_after.count() == 46; })) << fr_after.count();
}

TEST_F(FederationTest, TheDuplicateCheckForgetsItemsPastTheKeepTime) {
  Inbox uk_inbox;
  Inbox fr_inbox;
  auto uk = start(kUk, {&kFr}, uk_inbox);
  FederationConfig config = config_for(kFr, {&kUk});
  config.keep_s = 1;
  auto key = test_support::node_key(folder_.path(), kFr);
  ASSERT_TRUE(key);
  auto fr = Federation::start(std::move(config), std::move(*key),
                              [&](const FederatedItem& item) { fr_inbox.add(item); });
  ASSERT_TRUE(uk && fr) << fr.error().detail;
  const Label to_fr = make_label("UK/HMCG", {"FR"});
  for (std::uint64_t id = 1; id <= 10; ++id) uk->offer("track", id, 1, to_fr, "{}");
  ASSERT_TRUE(wait_for([&] { return fr_inbox.count() == 10; }));
  EXPECT_EQ((*fr)->stats().remembered, 10U);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  uk->offer("track", 11, 1, to_fr, "{}");
  ASSERT_TRUE(wait_for([&] { return fr_inbox.count() == 11; }));
  EXPECT_EQ((*fr)->stats().remembered, 1U);  // items 1-10 were forgotten
}

TEST_F(FederationTest, ForgedUnsignedAndMisaddressedMessagesAreCountedAndDropped) {
  Inbox fr_inbox;
  auto fr = start(kFr, {&kUk}, fr_inbox);
  ASSERT_TRUE(fr);
  // A client with the UK node's NATS credentials but not its signing key.
  natsConnection* connection = nullptr;
  natsOptions* options = nullptr;
  ASSERT_EQ(natsOptions_Create(&options), NATS_OK);
  natsOptions_SetURL(options, nats_.url().c_str());
  natsOptions_SetUserInfo(options, "uk-node", "pw-uk-node");
  ASSERT_EQ(natsConnection_Connect(&connection, options), NATS_OK);
  jsCtx* js = nullptr;
  ASSERT_EQ(natsConnection_JetStream(&js, connection, nullptr), NATS_OK);
  const auto publish = [&](const std::string& subject, const std::string& payload, const char* from,
                           const std::string& signature) {
    natsMsg* message = nullptr;
    natsMsg_Create(&message, subject.c_str(), nullptr, payload.data(),
                   static_cast<int>(payload.size()));
    if (from != nullptr) natsMsgHeader_Set(message, "Sw-From", from);
    if (!signature.empty()) natsMsgHeader_Set(message, "Sw-Signature", signature.c_str());
    jsPubAck* ack = nullptr;
    EXPECT_EQ(js_PublishMsg(&ack, js, message, nullptr, nullptr), NATS_OK);
    jsPubAck_Destroy(ack);
    natsMsg_Destroy(message);
  };
  FederatedItem item{"uk-node", "track", 7, 1, make_label("UK/HMCG", {"FR"}), "{}"};
  const std::string payload = federated_payload(item, "fr-node");
  // Signed with the French key, not the UK's.
  auto wrong_key = SigningKey::load_or_create(folder_.path() / "fr-node.pem",
                                              folder_.path() / "fr-node.pub.pem");
  ASSERT_TRUE(wrong_key);
  publish("swfed.uk-node.fr-node.track", payload, "uk-node", to_hex(wrong_key->sign(payload)));
  publish("swfed.uk-node.fr-node.track", payload, "uk-node", "");  // unsigned
  publish("swfed.uk-node.fr-node.track", payload, "eu-node",
          to_hex(wrong_key->sign(payload)));  // posing as another
  publish("swfed.uk-node.fr-node.track", "not json", "uk-node", std::string(128, 'a'));
  // Signed right, but addressed to another node: the UK key signs it here.
  auto uk_key = SigningKey::load_or_create(folder_.path() / "uk-node.pem",
                                           folder_.path() / "uk-node.pub.pem");
  ASSERT_TRUE(uk_key);
  const std::string elsewhere = federated_payload(item, "eu-node");
  publish("swfed.uk-node.fr-node.track", elsewhere, "uk-node", to_hex(uk_key->sign(elsewhere)));
  publish("swfed.uk-node.fr-node.track", payload, "uk-node", to_hex(uk_key->sign(payload)));
  ASSERT_TRUE(wait_for([&] {
    const FederationStats stats = fr->stats();
    return stats.received + stats.rejected_signature + stats.rejected_sender +
               stats.rejected_malformed ==
           6;
  }));
  const FederationStats stats = fr->stats();
  EXPECT_EQ(stats.received, 1U);            // only the last
  EXPECT_EQ(stats.rejected_signature, 3U);  // wrong key, unsigned, bad signature on junk
  EXPECT_EQ(stats.rejected_sender, 2U);     // posing as eu-node; addressed to eu-node
  EXPECT_EQ(fr_inbox.items(), (std::set<std::string>{"uk-node/track/7"}));
  jsCtx_Destroy(js);
  natsConnection_Destroy(connection);
  natsOptions_Destroy(options);
}

TEST_F(FederationTest, BadConfigurationAndAnUnreachableServerAreErrors) {
  Inbox inbox;
  auto key = SigningKey::load_or_create(folder_.path() / "uk-node.pem",
                                        folder_.path() / "uk-node.pub.pem");
  ASSERT_TRUE(key);
  FederationConfig bad = config_for(kUk, {&kFr});
  bad.node = "uk node.*";
  EXPECT_FALSE(Federation::start(bad, *key, {}));
  FederationConfig wrong_password = config_for(kUk, {&kFr});
  wrong_password.nats_password = "guess";
  EXPECT_FALSE(Federation::start(wrong_password, *key, {}));
  nats_.stop();
  EXPECT_FALSE(Federation::start(config_for(kUk, {&kFr}), *key, {}));
}

TEST(FederationTls, NodesTalkOnlyOverTlsToAServerTheyTrust) {
  TempDir folder("federation-tls");
  const std::string cert = (folder.path() / "nats-cert.pem").string();
  const std::string key = (folder.path() / "nats-key.pem").string();
  const std::string other_cert = (folder.path() / "other-cert.pem").string();
  const std::string other_key = (folder.path() / "other-key.pem").string();
  ASSERT_TRUE(test_support::write_self_signed(cert, key));
  ASSERT_TRUE(test_support::write_self_signed(other_cert, other_key));
  test_support::NatsServer nats(folder.path(),
                                {{"uk-node", "pw-uk-node"}, {"fr-node", "pw-fr-node"}}, cert, key);
  ASSERT_TRUE(nats.start()) << "nats-server did not start with TLS";
  for (const NodeSpec* node : {&kUk, &kFr})
    ASSERT_TRUE(test_support::node_key(folder.path(), *node));
  const auto start = [&](const NodeSpec& me, const NodeSpec& partner, const std::string& ca,
                         Inbox* inbox) -> Result<std::unique_ptr<Federation>> {
    // The server's certificate names localhost: TLS checks the name it connects to.
    std::string url = nats.url();
    url.replace(url.find("127.0.0.1"), 9, "localhost");
    FederationConfig config = test_support::node_config(folder.path(), url, me, {&partner});
    config.nats_ca = ca;
    auto signing = test_support::node_key(folder.path(), me);
    if (!signing) return signing.error();
    Federation::Sink sink;
    if (inbox != nullptr) sink = [inbox](const FederatedItem& item) { inbox->add(item); };
    return Federation::start(std::move(config), std::move(*signing), std::move(sink));
  };
  // Plain text to a TLS-only server, and TLS to a server whose certificate another CA made,
  // are both refused.
  EXPECT_FALSE(start(kUk, kFr, "", nullptr));
  EXPECT_FALSE(start(kUk, kFr, other_cert, nullptr));
  Inbox fr_inbox;
  auto uk = start(kUk, kFr, cert, nullptr);
  auto fr = start(kFr, kUk, cert, &fr_inbox);
  ASSERT_TRUE(uk) << uk.error().detail;
  ASSERT_TRUE(fr) << fr.error().detail;
  EXPECT_EQ((*uk)->offer("alert", 1, 1, make_label("UK/HMCG", {"FR"}), R"({"id":1})"), 1U);
  EXPECT_TRUE(wait_for([&] { return fr_inbox.count() == 1; }));
}

}  // namespace
}  // namespace sw::share
