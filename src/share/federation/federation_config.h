#pragma once
/// A node's federation policy file (TOML): who this node is, where its NATS server is, its
/// signing key, and per partner node what it may get (purposes, the most sensitive items,
/// personal data) and the public key its items are checked with. Paths are relative to the
/// file. Example:
///
///   [node]
///   name = "uk-node"
///   nats_url = "nats://127.0.0.1:4222"
///   nats_user = "uk-node"            # optional; the password from STRAITWATCH_NATS_PASSWORD
///   key = "federation-key.pem"       # created with its .pub.pem beside it when missing
///
///   [[partner]]
///   name = "fr-node"
///   nation = "FR"
///   agency = "FR/CROSS-GN"
///   purposes = ["sar"]
///   max_sensitivity = "amber"
///   personal_data = false
///   public_key = "fr-node.pub.pem"
///
///   # A derived product released more widely than its inputs, by name (audited):
///   [[derived]]
///   name = "sar-alert-core"
///   alert_kinds = ["distress", "drifting", "collision"]
///   partners = ["fr-node"]
///   sensitivity = "green"            # of the derived product (default green)
///
/// [node] may also set nats_ca, nats_cert, nats_key (TLS to the NATS server) and keep_days
/// (how long the server keeps released items for a partner that is away; default 7).

#include <string>
#include <vector>

#include "share/federation/federation.h"

namespace sw::share {

/// A derived-product rule: alerts of these kinds go to these partners, reduced to what a
/// rescue needs (server/federation_link.h says which fields), even where the alert's own
/// label would not release them. Every such release is audited under the rule's name.
struct DerivedRule {
  std::string name;
  std::vector<std::string> alert_kinds;  ///< risk::to_string(AlertKind) names
  std::vector<std::string> partners;     ///< partner node names
  Sensitivity sensitivity = Sensitivity::kGreen;
};

struct FederationSetup {
  FederationConfig config;
  SigningKey key;
  std::vector<DerivedRule> derived;
};

/// Parses `text` (`name` in messages; `base` resolves relative paths) and loads the keys.
Result<FederationSetup> parse_federation_config(const std::string& text, const std::string& name,
                                                const std::filesystem::path& base,
                                                const std::string& nats_password = {});
/// Reads the file at `path` (the NATS password from STRAITWATCH_NATS_PASSWORD).
Result<FederationSetup> load_federation_config(const std::filesystem::path& path);

}  // namespace sw::share
