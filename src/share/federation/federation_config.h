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

#include <string>

#include "share/federation/federation.h"

namespace sw::share {

struct FederationSetup {
  FederationConfig config;
  SigningKey key;
};

/// Parses `text` (`name` in messages; `base` resolves relative paths) and loads the keys.
Result<FederationSetup> parse_federation_config(const std::string& text, const std::string& name,
                                                const std::filesystem::path& base,
                                                const std::string& nats_password = {});
/// Reads the file at `path` (the NATS password from STRAITWATCH_NATS_PASSWORD).
Result<FederationSetup> load_federation_config(const std::filesystem::path& path);

}  // namespace sw::share
