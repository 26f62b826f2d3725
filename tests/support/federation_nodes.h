#pragma once
// Federation nodes for tests: a UK and a French rescue node and an EU border agency node,
// their signing keys in a folder, and a node's FederationConfig naming its partners.

#include <filesystem>
#include <string>
#include <vector>

#include "share/federation/federation_config.h"

namespace sw::test_support {

struct NodeSpec {
  std::string name;
  std::string nation;
  std::string agency;
  std::uint8_t purposes;
  Sensitivity cap;
};

inline const NodeSpec kUkNode{"uk-node", "UK", "UK/HMCG", kPurposeSearchAndRescue,
                              Sensitivity::kAmber};
inline const NodeSpec kFrNode{"fr-node", "FR", "FR/CROSS-GN", kPurposeSearchAndRescue,
                              Sensitivity::kAmber};
inline const NodeSpec kEuNode{"eu-node", "EU", "EU/FRONTEX", kPurposeBorderMonitoring,
                              Sensitivity::kGreen};

/// The node's signing key in `folder` (created on first use, with its .pub.pem).
inline Result<share::SigningKey> node_key(const std::filesystem::path& folder,
                                          const NodeSpec& node) {
  return share::SigningKey::load_or_create(folder / (node.name + ".pem"),
                                           folder / (node.name + ".pub.pem"));
}

/// `me`'s configuration on the NATS server at `url` (user = node name, password
/// "pw-" + name), with `partners` as its policy's partner nodes.
inline share::FederationConfig node_config(const std::filesystem::path& folder,
                                           const std::string& url, const NodeSpec& me,
                                           const std::vector<const NodeSpec*>& partners) {
  share::FederationConfig config;
  config.node = me.name;
  config.nats_url = url;
  config.nats_user = me.name;
  config.nats_password = "pw-" + me.name;
  for (const NodeSpec* partner : partners) {
    share::Recipient recipient;
    recipient.name = "node:" + partner->name;
    recipient.nation = partner->nation;
    recipient.agency = partner->agency;
    recipient.purposes = partner->purposes;
    recipient.max_sensitivity = partner->cap;
    if (!node_key(folder, *partner)) continue;
    auto key = share::VerifyKey::load(folder / (partner->name + ".pub.pem"));
    if (!key) continue;
    config.partners.push_back(share::PartnerNode{partner->name, recipient, std::move(*key)});
  }
  return config;
}

}  // namespace sw::test_support
