#include "server/federation_link.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>

#include "server/federated_items.h"

namespace sw::server {
namespace {

constexpr auto kPublishInterval = std::chrono::milliseconds(200);
constexpr const char* kTrackKind = "track";
constexpr const char* kAlertKind = "alert";
constexpr const char* kSealKind = "seal";

}  // namespace

Result<std::unique_ptr<FederationLink>> FederationLink::start(share::FederationSetup setup,
                                                              LivePicture& picture,
                                                              share::AuditLog* audit,
                                                              const Clock& clock,
                                                              std::chrono::seconds stale_after) {
  std::unique_ptr<FederationLink> link(new FederationLink(picture, audit, clock, stale_after));
  for (std::size_t index = 0; index < setup.config.partners.size(); ++index) {
    const share::PartnerNode& partner = setup.config.partners[index];
    link->partner_numbers_[partner.name] = index + 1;
    link->recipients_[partner.name] = partner.recipient;
  }
  link->derived_ = std::move(setup.derived);
  FederationLink* raw = link.get();
  auto federation = share::Federation::start(
      std::move(setup.config), std::move(setup.key),
      [raw](const share::FederatedItem& item) { raw->receive(item); }, audit);
  if (!federation) return federation.error();
  link->federation_ = std::move(*federation);
  link->publisher_ = std::thread([raw] { raw->run(); });
  return link;
}

FederationLink::~FederationLink() { stop(); }

void FederationLink::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !publisher_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (publisher_.joinable()) publisher_.join();
  // Closing the connection ends the callbacks into the picture.
  federation_.reset();
}

void FederationLink::offer_tracks(std::span<const track::FusedTrack> tracks) {
  std::lock_guard lock(mutex_);
  for (const track::FusedTrack& track : tracks) {
    auto [slot, fresh] = pending_tracks_.try_emplace(track.id, track);
    if (!fresh) {
      slot->second = track;
      ++link_stats_.coalesced;
    }
  }
}

void FederationLink::offer_alerts(std::span<const risk::Alert> alerts) {
  std::lock_guard lock(mutex_);
  for (const risk::Alert& alert : alerts) {
    auto [slot, fresh] = pending_alerts_.try_emplace(alert.id, alert);
    if (!fresh) {
      slot->second = alert;
      ++link_stats_.coalesced;
    }
  }
}

void FederationLink::flush() {
  std::unique_lock lock(mutex_);
  if (!publisher_.joinable() || stopping_) return;
  const std::uint64_t ticket = ++flush_wanted_;
  wake_.notify_all();
  flushed_.wait(lock, [&] { return flush_done_ >= ticket || stopping_; });
}

void FederationLink::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, kPublishInterval,
                   [&] { return stopping_ || flush_wanted_ > flush_done_; });
    const std::uint64_t ticket = flush_wanted_;
    lock.unlock();
    publish_pending();
    offer_seal();
    drop_stale();
    lock.lock();
    flush_done_ = ticket;
    flushed_.notify_all();
    if (stopping_) return;
  }
}

void FederationLink::publish_pending() {
  std::unordered_map<std::uint64_t, track::FusedTrack> tracks;
  std::map<std::uint64_t, risk::Alert> alerts;
  {
    std::lock_guard lock(mutex_);
    tracks.swap(pending_tracks_);
    alerts.swap(pending_alerts_);
  }
  // Alerts first: a warning matters more than the next position of a ship.
  for (const auto& [id, alert] : alerts) {
    federation_->offer(kAlertKind, id, alert.revision, alert.label, alert_body(alert));
    offer_derived(alert);
  }
  for (const auto& [id, track] : tracks) {
    federation_->offer(kTrackKind, id, track_version(track), track.label, track_body(track));
  }
}

risk::Alert derived_alert(const risk::Alert& alert) {
  risk::Alert reduced;
  reduced.id = alert.id;
  reduced.kind = alert.kind;
  reduced.key = std::string(risk::to_string(alert.kind)) + ":" + std::to_string(alert.id);
  reduced.severity = alert.severity;
  reduced.state = alert.state;
  reduced.position = alert.position;
  reduced.raised_at = alert.raised_at;
  reduced.updated_at = alert.updated_at;
  reduced.event_time = alert.event_time;
  reduced.region = alert.region;
  reduced.addressed_to = alert.addressed_to;
  for (const auto& [key, value] : alert.details) {
    if (std::find(std::begin(kDerivedDetails), std::end(kDerivedDetails), key) !=
        std::end(kDerivedDetails)) {
      reduced.details.emplace_back(key, value);
    }
  }
  reduced.search_areas = alert.search_areas;
  reduced.revision = alert.revision;
  reduced.raises = alert.raises;
  for (const risk::AlertChange& change : alert.history) {
    reduced.history.push_back({change.time, change.change, {}, {}});
  }
  return reduced;
}

void FederationLink::offer_derived(const risk::Alert& alert) {
  const std::string kind = risk::to_string(alert.kind);
  Label label;
  label.owner = alert.label.owner;
  label.purposes = kPurposeSearchAndRescue;
  label.sensitivity = Sensitivity::kClear;
  label.retention_s = alert.label.retention_s;
  std::vector<std::string> rules;  // per entry of label.releasable_to
  for (const share::DerivedRule& rule : derived_) {
    if (std::find(rule.alert_kinds.begin(), rule.alert_kinds.end(), kind) ==
        rule.alert_kinds.end()) {
      continue;
    }
    for (const std::string& partner : rule.partners) {
      const auto recipient = recipients_.find(partner);
      if (recipient == recipients_.end()) continue;
      const std::string& to = recipient->second.name;
      // Only partners the alert's own label keeps it from (the others have it whole), each
      // under the first rule that names it.
      if (share::decide(alert.label, recipient->second) == share::Decision::kReleased ||
          std::find(label.releasable_to.begin(), label.releasable_to.end(), to) !=
              label.releasable_to.end()) {
        continue;
      }
      label.releasable_to.push_back(to);
      rules.push_back(rule.name);
      label.sensitivity = std::max(label.sensitivity, rule.sensitivity);
    }
  }
  if (label.releasable_to.empty()) return;
  if (audit_ != nullptr) {
    for (std::size_t index = 0; index < rules.size(); ++index) {
      audit_->record({"derived", label.releasable_to[index], "federation",
                      "alert:" + std::to_string(alert.id), "derived:" + rules[index],
                      "reduced alert, label owner " + alert.label.owner + ", revision " +
                          std::to_string(alert.revision)});
    }
  }
  federation_->offer(kAlertKind, alert.id, alert.revision, label, alert_body(derived_alert(alert)));
  std::lock_guard lock(mutex_);
  ++link_stats_.derived;
}

void FederationLink::offer_seal() {
  if (audit_ == nullptr) return;
  const share::AuditSeal seal = audit_->latest_seal();
  if (seal.sealed_records == 0 || seal.sealed_records == seal_offered_) return;
  seal_offered_ = seal.sealed_records;
  // For every partner, whatever its purposes: a seal says nothing about the Strait.
  Label label;
  label.owner = "node";
  label.sensitivity = Sensitivity::kClear;
  label.purposes = kPurposeSearchAndRescue | kPurposeBorderMonitoring | kPurposeLawEnforcement;
  const nlohmann::json body{
      {"sealed_records", seal.sealed_records}, {"head", seal.head}, {"signature", seal.signature}};
  federation_->offer(kSealKind, seal.sealed_records, 1, label, body.dump());
  std::lock_guard lock(mutex_);
  ++link_stats_.seals_sent;
}

void FederationLink::record_seal(const share::FederatedItem& item) {
  const nlohmann::json body = nlohmann::json::parse(item.body, nullptr, false);
  const auto hex_of = [&](const char* key, std::size_t size) {
    const auto found = body.is_object() ? body.find(key) : body.end();
    if (found == body.end() || !found->is_string()) return std::string();
    const auto text = found->get<std::string>();
    const bool hex =
        text.size() == size && text.find_first_not_of("0123456789abcdef") == std::string::npos;
    return hex ? text : std::string();
  };
  const std::string head = hex_of("head", 64);
  const std::string signature = hex_of("signature", 128);
  if (head.empty() || signature.empty() || audit_ == nullptr) {
    if (head.empty() || signature.empty()) {
      std::lock_guard lock(mutex_);
      ++link_stats_.bad_bodies;
    }
    return;
  }
  audit_->record({"partner_seal", "node:" + item.from, "federation",
                  "seal:" + std::to_string(item.id), "partner audit seal",
                  "head " + head + " signature " + signature});
  std::lock_guard lock(mutex_);
  ++link_stats_.seals_received;
}

void FederationLink::receive(const share::FederatedItem& item) {
  const auto partner = partner_numbers_.find(item.from);
  const std::size_t number = partner == partner_numbers_.end() ? 0 : partner->second;
  const auto bad = [this] {
    std::lock_guard lock(mutex_);
    ++link_stats_.bad_bodies;
  };
  if (item.kind == kTrackKind) {
    auto track = track_from_body(item.body);
    if (!track || track->id != item.id || partner_item_id(number, track->id) == 0) return bad();
    track->id = partner_item_id(number, track->id);
    track->merged_into = partner_item_id(number, track->merged_into);
    track->label = item.label;
    track->node = item.from;
    const bool gone = track->status == track::PictureStatus::kLost ||
                      track->status == track::PictureStatus::kMerged;
    {
      std::lock_guard lock(mutex_);
      if (gone) {
        heard_.erase(track->id);
      } else {
        heard_[track->id] = clock_.now();
      }
    }
    picture_.apply_tracks(std::span(&*track, 1));
    return;
  }
  if (item.kind == kSealKind) return record_seal(item);
  if (item.kind == kAlertKind) {
    auto alert = alert_from_body(item.body);
    if (!alert || alert->id != item.id || partner_item_id(number, alert->id) == 0) return bad();
    alert->id = partner_item_id(number, alert->id);
    for (std::uint64_t& subject : alert->subjects) subject = partner_item_id(number, subject);
    alert->label = item.label;
    alert->node = item.from;
    picture_.apply_alerts(std::span(&*alert, 1));
    return;
  }
  bad();
}

void FederationLink::drop_stale() {
  const TimeNs now = clock_.now();
  const TimeNs limit = static_cast<TimeNs>(stale_after_.count()) * kNsPerSecond;
  std::vector<std::uint64_t> stale;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(heard_, [&](const auto& entry) {
      if (now - entry.second < limit) return false;
      stale.push_back(entry.first);
      return true;
    });
    link_stats_.stale_tracks += stale.size();
  }
  for (const std::uint64_t id : stale) {
    const auto live = picture_.track(id);
    if (!live) continue;
    track::FusedTrack last = live->track;
    last.status = track::PictureStatus::kLost;
    picture_.apply_tracks(std::span(&last, 1));
  }
}

FederationLinkStats FederationLink::link_stats() const {
  std::lock_guard lock(mutex_);
  return link_stats_;
}

std::string FederationLink::metrics_text() const {
  const share::FederationStats stats = this->stats();
  const FederationLinkStats link = link_stats();
  std::string text =
      "# HELP straitwatch_federation_items_total Items through the federation, by outcome.\n"
      "# TYPE straitwatch_federation_items_total counter\n";
  for (const auto& [outcome, value] :
       {std::pair{"offered", stats.offered}, std::pair{"released", stats.released},
        std::pair{"refused", stats.refused}, std::pair{"publish_error", stats.publish_errors},
        std::pair{"received", stats.received}, std::pair{"duplicate", stats.duplicates},
        std::pair{"rejected_signature", stats.rejected_signature},
        std::pair{"rejected_sender", stats.rejected_sender},
        std::pair{"rejected_malformed", stats.rejected_malformed},
        std::pair{"rejected_body", link.bad_bodies}, std::pair{"coalesced", link.coalesced},
        std::pair{"derived", link.derived}, std::pair{"seal_sent", link.seals_sent},
        std::pair{"seal_received", link.seals_received},
        std::pair{"stale_dropped", link.stale_tracks}}) {
    text +=
        fmt::format("straitwatch_federation_items_total{{outcome=\"{}\"}} {}\n", outcome, value);
  }
  text += fmt::format(
      "# HELP straitwatch_federation_remembered_items Partner items held for the duplicate "
      "check.\n# TYPE straitwatch_federation_remembered_items gauge\n"
      "straitwatch_federation_remembered_items {}\n",
      stats.remembered);
  return text;
}

}  // namespace sw::server
