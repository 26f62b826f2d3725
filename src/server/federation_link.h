#pragma once
/// FederationLink: a node's federation as part of its picture. This node's tracks and
/// alerts (from its pipeline: received items never enter it, so nothing is re-released)
/// are offered to the partners its policy names; a publisher thread sends them, keeping
/// only the latest change of each item while it is busy, so the engine thread never waits
/// on the network. What partners release to this node joins the live picture under
/// partner ids (server/federated_items.h), keeps its owner's label (so this node's own
/// principals see it only as that label allows) and names its node. A partner's track
/// that nothing refreshed for `stale_after` leaves the picture, so a node that goes away
/// does not leave frozen boats on the map.
///
/// A derived-product rule of the policy (share::DerivedRule) sends an alert its label keeps
/// from a partner as a reduced alert: kind, severity, state, position, times, region,
/// rescue centres, search areas and the details a rescue needs (kDerivedDetails) — no
/// subjects, no free text, no identities of vessels or assets, no operator names — labelled
/// for search and rescue, releasable to those partners only, and audited under the rule.
///
/// Each new seal of this node's audit log goes to every partner (kind "seal": records
/// covered, chain head, signature), and each partner's seals are recorded in this node's
/// audit log: a node that later rewrote its log would contradict what its partners hold.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "server/live_picture.h"
#include "share/federation/federation_config.h"

namespace sw::server {

/// Alert details a derived product keeps.
inline constexpr const char* kDerivedDetails[] = {
    "persons_on_board", "uncertainty_m", "vessel_type",     "vessel_colour",
    "vessel_length_m",  "cpa_m",         "tcpa_s",          "cpa_position",
    "adrift_since",     "adrift_for_s",  "in_traffic_lane", "from_region",
    "to_region",        "crossed"};

/// The reduced alert a derived-product rule releases.
risk::Alert derived_alert(const risk::Alert& alert);

struct FederationLinkStats {
  std::uint64_t coalesced = 0;       ///< changes replaced by a newer one before they were sent
  std::uint64_t bad_bodies = 0;      ///< signed items whose body was not a track or alert
  std::uint64_t stale_tracks = 0;    ///< partner tracks dropped for silence
  std::uint64_t derived = 0;         ///< reduced alerts offered under a derived-product rule
  std::uint64_t seals_sent = 0;      ///< this node's audit seals offered to the partners
  std::uint64_t seals_received = 0;  ///< partners' audit seals recorded here
};

class FederationLink {
 public:
  /// Connects with `setup` and starts the publisher. `picture` and `audit` outlive the link.
  static Result<std::unique_ptr<FederationLink>> start(
      share::FederationSetup setup, LivePicture& picture, share::AuditLog* audit,
      const Clock& clock, std::chrono::seconds stale_after = std::chrono::minutes(10));
  ~FederationLink();
  FederationLink(const FederationLink&) = delete;
  FederationLink& operator=(const FederationLink&) = delete;

  // Engine thread: this node's changes, queued for the publisher.
  void offer_tracks(std::span<const track::FusedTrack> tracks);
  void offer_alerts(std::span<const risk::Alert> alerts);

  /// Sends what is queued now (tests, shutdown); returns when it is sent.
  void flush();
  void stop();

  share::FederationStats stats() const {
    return federation_ ? federation_->stats() : share::FederationStats{};
  }
  FederationLinkStats link_stats() const;
  /// Prometheus text of both.
  std::string metrics_text() const;

 private:
  FederationLink(LivePicture& picture, share::AuditLog* audit, const Clock& clock,
                 std::chrono::seconds stale_after)
      : picture_(picture), audit_(audit), clock_(clock), stale_after_(stale_after) {}
  void receive(const share::FederatedItem& item);  ///< NATS thread
  void run();                                      ///< publisher thread
  void publish_pending();
  void drop_stale();
  void offer_derived(const risk::Alert& alert);  ///< publisher thread
  void offer_seal();                             ///< publisher thread
  void record_seal(const share::FederatedItem& item);

  LivePicture& picture_;
  share::AuditLog* audit_;
  const Clock& clock_;
  std::chrono::seconds stale_after_;
  std::map<std::string, std::size_t> partner_numbers_;  ///< name -> 1-based number
  std::map<std::string, share::Recipient> recipients_;  ///< name -> as the policy sees it
  std::vector<share::DerivedRule> derived_;
  std::uint64_t seal_offered_ = 0;  ///< sealed_records of the last seal offered
  std::unique_ptr<share::Federation> federation_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t flush_wanted_ = 0;
  std::uint64_t flush_done_ = 0;
  std::condition_variable flushed_;
  std::unordered_map<std::uint64_t, track::FusedTrack> pending_tracks_;
  std::map<std::uint64_t, risk::Alert> pending_alerts_;
  FederationLinkStats link_stats_;
  std::unordered_map<std::uint64_t, TimeNs> heard_;  ///< partner track id -> clock time heard
  std::thread publisher_;
};

}  // namespace sw::server
