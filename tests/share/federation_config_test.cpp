// A node's federation policy file: partners with their purposes, sensitivity cap, personal
// data right and public key; the node's own key created when missing; every mistake named.

#include "share/federation/federation_config.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace sw::share {
namespace {

class FederationConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(SigningKey::load_or_create(folder_.path() / "fr-node.pem",
                                           folder_.path() / "fr-node.pub.pem"));
  }
  Result<FederationSetup> parse(const std::string& text) {
    return parse_federation_config(text, "policy.toml", folder_.path(), "secret");
  }
  test_support::TempDir folder_{"federation-config"};
};

constexpr const char* kNode = R"(
[node]
name = "uk-node"
nats_url = "nats://127.0.0.1:4333"
nats_user = "uk-node"
key = "uk-key.pem"
)";

constexpr const char* kPartner = R"(
[[partner]]
name = "fr-node"
nation = "FR"
agency = "FR/CROSS-GN"
purposes = ["sar", "border"]
max_sensitivity = "green"
personal_data = true
public_key = "fr-node.pub.pem"
)";

TEST_F(FederationConfigTest, ReadsTheNodeAndItsPartners) {
  auto setup = parse(std::string(kNode) + kPartner);
  ASSERT_TRUE(setup) << setup.error().detail;
  const FederationConfig& config = setup->config;
  EXPECT_EQ(config.node, "uk-node");
  EXPECT_EQ(config.nats_url, "nats://127.0.0.1:4333");
  EXPECT_EQ(config.nats_user, "uk-node");
  EXPECT_EQ(config.nats_password, "secret");
  ASSERT_EQ(config.partners.size(), 1U);
  const Recipient& fr = config.partners[0].recipient;
  EXPECT_EQ(config.partners[0].name, "fr-node");
  EXPECT_EQ(fr.name, "node:fr-node");
  EXPECT_EQ(fr.nation, "FR");
  EXPECT_EQ(fr.agency, "FR/CROSS-GN");
  EXPECT_EQ(fr.purposes, kPurposeSearchAndRescue | kPurposeBorderMonitoring);
  EXPECT_EQ(fr.max_sensitivity, Sensitivity::kGreen);
  EXPECT_TRUE(fr.personal_data);
  // The node's own key pair was created, and the partner's key checks what it signs.
  EXPECT_TRUE(std::filesystem::exists(folder_.path() / "uk-key.pem"));
  EXPECT_TRUE(std::filesystem::exists(folder_.path() / "uk-key.pub.pem"));
  auto fr_key = SigningKey::load_or_create(folder_.path() / "fr-node.pem",
                                           folder_.path() / "fr-node.pub.pem");
  ASSERT_TRUE(fr_key);
  EXPECT_TRUE(config.partners[0].public_key.verify("item", fr_key->sign("item")));
  EXPECT_FALSE(config.partners[0].public_key.verify("item", setup->key.sign("item")));
}

TEST_F(FederationConfigTest, APartnerWithoutACapGetsNothingRed) {
  std::string partner = kPartner;
  partner.replace(partner.find("max_sensitivity = \"green\"\n"), 26, "");
  auto setup = parse(std::string(kNode) + partner);
  ASSERT_TRUE(setup) << setup.error().detail;
  EXPECT_EQ(setup->config.partners[0].recipient.max_sensitivity, Sensitivity::kAmber);
}

constexpr const char* kDerived = R"(
[[derived]]
name = "sar-alert-core"
alert_kinds = ["distress", "drifting"]
partners = ["fr-node"]
sensitivity = "green"
)";

TEST_F(FederationConfigTest, ReadsDerivedProductRulesTlsAndKeepTime) {
  std::string node = kNode;
  node +=
      "nats_ca = \"ca.pem\"\nnats_cert = \"/etc/uk.pem\"\nnats_key = \"uk.key\"\nkeep_days = 2\n";
  auto setup = parse(node + kPartner + kDerived);
  ASSERT_TRUE(setup) << setup.error().detail;
  ASSERT_EQ(setup->derived.size(), 1U);
  EXPECT_EQ(setup->derived[0].name, "sar-alert-core");
  EXPECT_EQ(setup->derived[0].alert_kinds, (std::vector<std::string>{"distress", "drifting"}));
  EXPECT_EQ(setup->derived[0].partners, std::vector<std::string>{"fr-node"});
  EXPECT_EQ(setup->derived[0].sensitivity, Sensitivity::kGreen);
  EXPECT_EQ(setup->config.nats_ca, (folder_.path() / "ca.pem").string());
  EXPECT_EQ(setup->config.nats_cert, "/etc/uk.pem");
  EXPECT_EQ(setup->config.keep_s, 2 * 86400);
}

TEST_F(FederationConfigTest, EveryMistakeIsNamed) {
  const std::string node = kNode;
  const std::string partner = kPartner;
  const auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> cases{
      {partner, "no [node]"},
      {node + replaced(partner, "\"sar\"", "\"spying\""), "purpose 'spying'"},
      {node + replaced(partner, "\"green\"", "\"pink\""), "max_sensitivity 'pink'"},
      {node + replaced(partner, "fr-node.pub.pem", "missing.pem"), "missing.pem"},
      {node + replaced(partner, "nation", "country"), "unknown key 'country'"},
      {node + partner + partner, "repeated"},
      {replaced(node, "name = \"uk-node\"", "name = \"fr-node\"") + partner, "repeated"},
      {replaced(node, "key = \"uk-key.pem\"\n", ""), "'key' is required"},
      {node + "[[partner]]\nname = "
              "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
       "nested too deeply"},
      {node + "\xff", "not UTF-8"},
      {node + partner + replaced(kDerived, "\"drifting\"", "\"weather\""),
       "unknown alert kind 'weather'"},
      {node + partner + replaced(kDerived, "[\"fr-node\"]", "[\"eu-node\"]"),
       "'eu-node' is not a [[partner]]"},
      {node + partner + replaced(kDerived, "\"green\"", "\"red\""), "sensitivity 'red'"},
      {node + partner + replaced(kDerived, "[\"fr-node\"]", "[]"),
       "names alert kinds and partners"},
      {node + "nats_cert = \"uk.pem\"\n" + partner, "go together"},
      {node + "keep_days = 0\n" + partner, "keep_days"},
  };
  for (const auto& [text, expected] : cases) {
    auto setup = parse(text);
    ASSERT_FALSE(setup) << expected;
    EXPECT_EQ(setup.error().code, "bad_federation");
    EXPECT_NE(setup.error().detail.find(expected), std::string::npos)
        << setup.error().detail << " (expected: " << expected << ")";
  }
  EXPECT_EQ(load_federation_config(folder_.path() / "none.toml").error().code, "io_error");
}

}  // namespace
}  // namespace sw::share
