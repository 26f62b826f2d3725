#include "risk/alert_book.h"

#include <algorithm>
#include <utility>

namespace sw::risk {
namespace {

constexpr const char* kSystem = "system";

TimeNs seconds_to_ns(double seconds) {
  return static_cast<TimeNs>(seconds * static_cast<double>(kNsPerSecond));
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (item.empty()) return;
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

/// Region and addressees of an alert at its position.
void address(Alert& alert, const std::vector<std::string>& extra, const RiskGeography& geography) {
  const SarRegion* region = geography.region_at(alert.position);
  alert.region = region != nullptr ? region->name : std::string();
  if (region != nullptr) add_unique(alert.addressed_to, region->rescue_centre);
  for (const std::string& centre : extra) add_unique(alert.addressed_to, centre);
}

}  // namespace

void AlertBook::record(Entry& entry, TimeNs at, const std::string& change, const std::string& actor,
                       const std::string& note) {
  Alert& alert = entry.alert;
  ++alert.revision;
  alert.updated_at = at;
  alert.history.push_back(AlertChange{at, change, actor, note});
  entry.last_revision = at;
  revisions_.push_back(alert);
  ++stats_.revisions;
}

void AlertBook::raise(const Finding& finding, const std::string& key, TimeNs now,
                      const RiskGeography& geography, const RaiseHook& on_raise) {
  Entry entry;
  Alert& alert = entry.alert;
  alert.id = next_id_++;
  alert.kind = finding.kind;
  alert.key = key;
  alert.severity = finding.severity;
  alert.state = AlertState::kOpen;
  alert.subjects = finding.subjects;
  alert.position = finding.position;
  alert.raised_at = now;
  alert.event_time = finding.event_time;
  alert.details = finding.details;
  alert.label = finding.label;
  alert.raises = 1;
  address(alert, finding.addressed_to, geography);
  entry.sticky = finding.sticky;
  entry.last_found = now;
  if (on_raise) on_raise(alert, finding);
  by_key_[key] = alert.id;
  ++stats_.raised;
  Entry& stored = entries_.emplace(alert.id, std::move(entry)).first->second;
  record(stored, now, "raised", kSystem);
}

void AlertBook::refresh(Entry& entry, const Finding& finding, TimeNs now,
                        const RiskGeography& geography) {
  Alert& alert = entry.alert;
  entry.last_found = now;
  entry.subject_lost = false;
  alert.position = finding.position;
  alert.event_time = finding.event_time;
  alert.details = finding.details;
  alert.subjects = finding.subjects;
  alert.label = finding.label;
  address(alert, finding.addressed_to, geography);

  const bool reopen = alert.state == AlertState::kClosed;
  if (finding.severity > alert.severity || reopen) {
    const bool escalation = finding.severity > alert.severity;
    alert.severity = std::max(alert.severity, finding.severity);
    entry.lower_since = -1;
    if (alert.state != AlertState::kOpen) {
      alert.state = AlertState::kOpen;
      entry.suppressed = false;
      ++alert.raises;
      ++stats_.reraised;
      record(entry, now, "reraised", kSystem, escalation ? "escalated" : "situation returned");
    } else {
      ++stats_.escalated;
      record(entry, now, "escalated", kSystem);
    }
    return;
  }
  if (finding.severity < alert.severity) {
    if (entry.lower_since < 0) entry.lower_since = now;
    if (now - entry.lower_since >= seconds_to_ns(settings_.clear_after_s)) {
      alert.severity = finding.severity;
      entry.lower_since = -1;
      record(entry, now, "updated", kSystem, "severity lowered");
      return;
    }
  } else {
    entry.lower_since = -1;
  }
  if (now - entry.last_revision >= seconds_to_ns(settings_.update_interval_s)) {
    record(entry, now, "updated", kSystem);
  }
}

void AlertBook::apply(std::vector<Finding> findings, TimeNs now,
                      const std::vector<AlertKind>& assessed, const RiskGeography& geography,
                      const std::function<bool(std::uint64_t)>& exists, const RaiseHook& on_raise) {
  std::set<std::string> found_keys;
  for (const Finding& finding : findings) {
    const std::string key = finding_key(finding);
    if (!found_keys.insert(key).second) continue;  // the same situation twice: one alert
    const auto known = by_key_.find(key);
    if (known != by_key_.end()) {
      Entry& entry = entries_.at(known->second);
      if (entry.suppressed) {
        // Closed by an operator: stays closed while the situation lasts, unless it escalates.
        if (finding.severity > entry.alert.severity) {
          refresh(entry, finding, now, geography);
        } else {
          entry.last_found = now;
        }
        continue;
      }
      const bool recently_closed =
          entry.alert.state == AlertState::kClosed &&
          now - entry.alert.updated_at <= seconds_to_ns(settings_.reopen_within_s);
      if (entry.alert.state != AlertState::kClosed || recently_closed) {
        refresh(entry, finding, now, geography);
        continue;
      }
    }
    Pending& pending = pending_[key];
    pending.count =
        pending.last != 0 && now - pending.last <= seconds_to_ns(settings_.clear_after_s)
            ? pending.count + 1
            : 1;
    pending.last = now;
    if (finding.immediate || finding.severity >= Severity::kCritical ||
        pending.count >= settings_.confirm_evaluations) {
      pending_.erase(key);
      raise(finding, key, now, geography, on_raise);
    }
  }
  // A pending situation not found at this evaluation starts again from zero.
  for (auto pending = pending_.begin(); pending != pending_.end();) {
    pending = found_keys.count(pending->first) == 0 ? pending_.erase(pending) : std::next(pending);
  }
  expire(now, assessed, exists);
}

void AlertBook::expire(TimeNs now, const std::vector<AlertKind>& assessed,
                       const std::function<bool(std::uint64_t)>& exists) {
  const TimeNs clear_after = seconds_to_ns(settings_.clear_after_s);
  for (auto item = entries_.begin(); item != entries_.end();) {
    Entry& entry = item->second;
    Alert& alert = entry.alert;
    if (alert.state == AlertState::kClosed) {
      const bool forget = now - alert.updated_at > seconds_to_ns(settings_.keep_closed_s) &&
                          now - entry.last_found > clear_after;
      if (forget) {
        const auto key = by_key_.find(alert.key);
        if (key != by_key_.end() && key->second == alert.id) by_key_.erase(key);
        item = entries_.erase(item);
        continue;
      }
      if (entry.suppressed && now - entry.last_found > clear_after) entry.suppressed = false;
      ++item;
      continue;
    }
    const bool was_assessed =
        std::find(assessed.begin(), assessed.end(), alert.kind) != assessed.end();
    if (!was_assessed || entry.sticky || now - entry.last_found < clear_after) {
      ++item;
      continue;
    }
    const bool lost = std::any_of(alert.subjects.begin(), alert.subjects.end(),
                                  [&exists](std::uint64_t subject) { return !exists(subject); });
    if (lost) {
      if (!entry.subject_lost) {
        entry.subject_lost = true;
        record(entry, now, "subject_lost", kSystem, "track lost: kept open for an operator");
      }
    } else {
      alert.state = AlertState::kClosed;
      ++stats_.closed_by_system;
      record(entry, now, "closed", kSystem, "situation cleared");
    }
    ++item;
  }
}

AlertBook::Entry* AlertBook::entry_for(std::uint64_t id) {
  const auto found = entries_.find(id);
  return found == entries_.end() ? nullptr : &found->second;
}

Status AlertBook::acknowledge(std::uint64_t id, const std::string& actor, TimeNs at) {
  Entry* entry = entry_for(id);
  if (entry == nullptr) return Error{"alert_unknown", std::to_string(id)};
  if (entry->alert.state == AlertState::kClosed) return Error{"alert_closed", std::to_string(id)};
  if (entry->alert.state != AlertState::kOpen) return Error{"alert_state", "not open"};
  entry->alert.state = AlertState::kAcknowledged;
  record(*entry, at, "acknowledged", actor);
  return Ok{};
}

Status AlertBook::hand_over(std::uint64_t id, const std::string& actor, const std::string& to,
                            TimeNs at) {
  Entry* entry = entry_for(id);
  if (entry == nullptr) return Error{"alert_unknown", std::to_string(id)};
  if (entry->alert.state == AlertState::kClosed) return Error{"alert_closed", std::to_string(id)};
  if (to.empty()) return Error{"alert_state", "hand over needs a receiving centre"};
  entry->alert.state = AlertState::kHandedOver;
  add_unique(entry->alert.addressed_to, to);
  record(*entry, at, "handed_over", actor, to);
  return Ok{};
}

Status AlertBook::close(std::uint64_t id, const std::string& actor, const std::string& reason,
                        TimeNs at) {
  Entry* entry = entry_for(id);
  if (entry == nullptr) return Error{"alert_unknown", std::to_string(id)};
  if (entry->alert.state == AlertState::kClosed) return Error{"alert_closed", std::to_string(id)};
  entry->alert.state = AlertState::kClosed;
  entry->suppressed = true;
  ++stats_.closed_by_operator;
  record(*entry, at, "closed", actor, reason);
  return Ok{};
}

void AlertBook::rename_subject(std::uint64_t from, std::uint64_t into, TimeNs at) {
  for (auto& [id, entry] : entries_) {
    Alert& alert = entry.alert;
    if (alert.state == AlertState::kClosed) continue;
    if (std::find(alert.subjects.begin(), alert.subjects.end(), from) == alert.subjects.end()) {
      continue;
    }
    std::replace(alert.subjects.begin(), alert.subjects.end(), from, into);
    if (alert.kind == AlertKind::kDistress) {  // keyed by report, not by subjects
      record(entry, at, "updated", kSystem,
             "track " + std::to_string(from) + " is track " + std::to_string(into));
      continue;
    }
    // The suffix (after '#') survives; the subject part is rebuilt.
    const std::size_t hash = alert.key.find('#');
    const std::string suffix = hash == std::string::npos ? "" : alert.key.substr(hash + 1);
    const std::string new_key = finding_key(alert.kind, alert.subjects, suffix);
    const auto existing = by_key_.find(new_key);
    if (existing != by_key_.end() && existing->second != id &&
        entries_.at(existing->second).alert.state != AlertState::kClosed) {
      alert.state = AlertState::kClosed;
      ++stats_.merged;
      record(entry, at, "closed", kSystem, "merged into alert " + std::to_string(existing->second));
      continue;
    }
    if (by_key_[alert.key] == id) by_key_.erase(alert.key);
    alert.key = new_key;
    by_key_[new_key] = id;
    record(entry, at, "updated", kSystem,
           "track " + std::to_string(from) + " is track " + std::to_string(into));
  }
}

std::vector<std::string> AlertBook::active_keys() const {
  std::vector<std::string> keys;
  for (const auto& [id, entry] : entries_) {
    if (entry.alert.state != AlertState::kClosed) keys.push_back(entry.alert.key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<const Alert*> AlertBook::open_alerts() const {
  std::vector<const Alert*> open;
  for (const auto& [id, entry] : entries_) {
    if (entry.alert.state != AlertState::kClosed) open.push_back(&entry.alert);
  }
  return open;
}

const Alert* AlertBook::find(std::uint64_t id) const {
  const auto found = entries_.find(id);
  return found == entries_.end() ? nullptr : &found->second.alert;
}

std::vector<Alert> AlertBook::take_revisions() {
  std::vector<Alert> taken;
  taken.swap(revisions_);
  return taken;
}

}  // namespace sw::risk
