#pragma once
/// Federation: what this node releases to each partner node, and what partners release to
/// it, over NATS JetStream (nats.c).
///
/// Every item this node owns is offered to every partner; the one release decision
/// (share::decide, with the partner as recipient and its policy's purposes and sensitivity
/// cap) chooses which partners get it. A released item goes to the subject
/// swfed.<from>.<to>.<kind> as signed JSON (Ed25519 over the payload, header Sw-Signature),
/// with the JetStream message id <to>:<kind>:<id>:<version> so a re-sent item is stored once
/// per partner.
/// Each node keeps one stream per sending node (SWFED_<from>, file storage) and reads its
/// partners' streams through durable consumers named <me>-from-<partner>: a link that drops
/// and returns resumes where it acknowledged, losing nothing; a redelivered item is applied
/// once (by item id and version). A message that is unsigned, signed by another key, sent
/// by an unknown node or addressed elsewhere is counted and dropped. Received items keep
/// their owner's label and are never offered on: only an item's owner publishes it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/label.h"
#include "core/result.h"
#include "share/audit_log.h"
#include "share/release.h"
#include "share/signing_key.h"

namespace sw::share {

/// A partner node as this node's policy sees it.
struct PartnerNode {
  std::string name;      ///< node id, e.g. "fr-node"
  Recipient recipient;   ///< its nation, agency, purposes, personal-data right, sensitivity cap
  VerifyKey public_key;  ///< checks what it sends
};

struct FederationConfig {
  std::string node;  ///< this node's id ([A-Za-z0-9_-]+)
  std::string nats_url = "nats://127.0.0.1:4222";
  std::string nats_user;  ///< per-node credentials on the NATS server (empty: none)
  std::string nats_password;
  /// TLS to the NATS server: the CA that signed its certificate (set: TLS required), and
  /// this node's client certificate and key when the server asks for one.
  std::string nats_ca;
  std::string nats_cert;
  std::string nats_key;
  /// How long a stream of released items keeps them for a partner that is away (JetStream
  /// max age): released items do not stay on the NATS server for ever.
  std::int64_t keep_s = 7 * 86400;
  std::vector<PartnerNode> partners;
};

/// An item as it crosses between nodes.
struct FederatedItem {
  std::string from;  ///< owning node
  std::string kind;  ///< "track", "alert", "search_area"
  std::uint64_t id = 0;
  std::uint64_t version = 0;  ///< higher replaces lower; equal or lower is a duplicate
  Label label;                ///< the owner's label, kept as it came
  std::string body;           ///< the item's JSON
};

struct FederationStats {
  std::uint64_t offered = 0;
  std::uint64_t released = 0;  ///< item x partner sends
  std::uint64_t refused = 0;   ///< item x partner withheld by the policy
  std::uint64_t publish_errors = 0;
  std::uint64_t received = 0;    ///< applied
  std::uint64_t duplicates = 0;  ///< redelivered or re-sent, applied once
  std::uint64_t rejected_signature = 0;
  std::uint64_t rejected_sender = 0;  ///< unknown node, or one posing as another
  std::uint64_t rejected_malformed = 0;
  std::uint64_t remembered = 0;  ///< items whose newest version is held for the duplicate check
};

class Federation {
 public:
  using Sink = std::function<void(const FederatedItem&)>;

  /// Connects, makes sure the streams exist, and starts one durable consumer per partner.
  /// `sink` is called (on a NATS thread) for each new item a partner released to this node.
  static Result<std::unique_ptr<Federation>> start(FederationConfig config, SigningKey key,
                                                   Sink sink, AuditLog* audit = nullptr);
  ~Federation();
  Federation(const Federation&) = delete;
  Federation& operator=(const Federation&) = delete;

  /// Offers an item of this node to every partner; returns how many got it.
  std::size_t offer(const std::string& kind, std::uint64_t id, std::uint64_t version,
                    const Label& label, const std::string& body_json);
  FederationStats stats() const;

  class Impl;

 private:
  explicit Federation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The wire form of an item and its check: the payload JSON, and the item back from it.
std::string federated_payload(const FederatedItem& item, const std::string& to);
Result<FederatedItem> parse_federated_payload(std::string_view payload, std::string& to);

}  // namespace sw::share
