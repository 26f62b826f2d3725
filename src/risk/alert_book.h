#pragma once
/// AlertBook: the alerts and their lifecycle. Findings of each evaluation raise, update,
/// escalate or (by their absence) close alerts; operators acknowledge, hand over and
/// close them. Rules:
/// - a situation must be found at `confirm_evaluations` evaluations in a row before it is
///   raised (unless the finding is immediate or critical): one noisy estimate does not alert;
/// - the same situation (same key) is one alert: duplicates merge, and a situation that
///   returns within `reopen_within_s` of closing re-raises the same alert;
/// - severity goes up at once (and re-opens an acknowledged or handed-over alert: it is
///   re-raised) but only comes down after the lower level held for `clear_after_s`;
/// - an alert closes when its situation has not been found for `clear_after_s`, except
///   sticky ones (distress) and ones whose subject track was lost (a lost boat is no
///   reason to stop worrying): those wait for an operator;
/// - an alert an operator closed stays closed while its situation lasts, unless it
///   escalates.
/// Every change is a revision, returned by take_revisions() in order.

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "risk/alert.h"
#include "risk/assessor.h"
#include "risk/risk_geography.h"

namespace sw::risk {

/// Lifecycle parameters.
struct AlertBookSettings {
  int confirm_evaluations = 2;
  double clear_after_s = 120.0;
  double reopen_within_s = 600.0;
  double update_interval_s = 60.0;  ///< at most one "updated" revision per alert per this
  double keep_closed_s = 3600.0;    ///< closed alerts are forgotten (not their revisions) after
};

/// Counters of the book.
struct AlertBookStats {
  std::uint64_t raised = 0;
  std::uint64_t reraised = 0;
  std::uint64_t escalated = 0;
  std::uint64_t closed_by_system = 0;
  std::uint64_t closed_by_operator = 0;
  std::uint64_t merged = 0;
  std::uint64_t revisions = 0;
};

class AlertBook {
 public:
  explicit AlertBook(AlertBookSettings settings = {}) : settings_(settings) {}

  /// Called on an alert about to be raised (e.g. to attach search areas).
  using RaiseHook = std::function<void(Alert&, const Finding&)>;

  /// One evaluation's findings. `assessed` lists the kinds that were evaluated (an alert
  /// of another kind is not closed for lack of findings). `geography` gives the region.
  /// `exists` tells whether a subject track is still in the picture.
  void apply(std::vector<Finding> findings, TimeNs now, const std::vector<AlertKind>& assessed,
             const RiskGeography& geography, const std::function<bool(std::uint64_t)>& exists,
             const RaiseHook& on_raise = {});

  /// Operator actions. Errors: "alert_unknown", "alert_closed", "alert_state".
  Status acknowledge(std::uint64_t id, const std::string& actor, TimeNs at);
  Status hand_over(std::uint64_t id, const std::string& actor, const std::string& to, TimeNs at);
  Status close(std::uint64_t id, const std::string& actor, const std::string& reason, TimeNs at);

  /// Track `from` was found to be track `into` (a dark contact merged into an AIS track):
  /// alerts about `from` now name `into`, and two alerts that become the same merge.
  void rename_subject(std::uint64_t from, std::uint64_t into, TimeNs at);

  /// Keys of alerts not closed, sorted.
  std::vector<std::string> active_keys() const;
  /// Alerts not closed, by id.
  std::vector<const Alert*> open_alerts() const;
  const Alert* find(std::uint64_t id) const;
  /// Every revision since the last call, in order of change.
  std::vector<Alert> take_revisions();
  const AlertBookStats& stats() const { return stats_; }

 private:
  struct Entry {
    Alert alert;
    bool sticky = false;
    bool suppressed = false;  ///< closed by an operator while the situation lasted
    TimeNs last_found = 0;
    TimeNs lower_since = -1;  ///< since when findings have been below the severity
    TimeNs last_revision = 0;
    bool subject_lost = false;
  };
  struct Pending {
    int count = 0;
    TimeNs last = 0;
  };

  void record(Entry& entry, TimeNs at, const std::string& change, const std::string& actor,
              const std::string& note = {});
  void raise(const Finding& finding, const std::string& key, TimeNs now,
             const RiskGeography& geography, const RaiseHook& on_raise);
  void refresh(Entry& entry, const Finding& finding, TimeNs now, const RiskGeography& geography);
  void expire(TimeNs now, const std::vector<AlertKind>& assessed,
              const std::function<bool(std::uint64_t)>& exists);
  Entry* entry_for(std::uint64_t id);

  AlertBookSettings settings_;
  std::map<std::uint64_t, Entry> entries_;       ///< by alert id
  std::map<std::string, std::uint64_t> by_key_;  ///< latest alert of each key
  std::map<std::string, Pending> pending_;
  std::uint64_t next_id_ = 1;
  std::vector<Alert> revisions_;
  AlertBookStats stats_;
};

}  // namespace sw::risk
