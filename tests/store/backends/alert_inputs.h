#pragma once
/// Alert revisions for the store tests: one revision with every field set, a random
/// history of 30 alerts, and writing alerts as one batch.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "../sqlite/store_test_util.h"
#include "core/rng.h"
#include "store/store.h"

namespace sw::store::testing {

inline constexpr TimeNs kMinute = 60 * kNsPerSecond;
inline constexpr TimeNs kHour = 60 * kMinute;

inline AlertRecord make_alert(std::uint64_t alert_id, std::uint32_t revision, TimeNs time,
                              const std::string& state = "open",
                              const std::string& change = "raised") {
  AlertRecord alert;
  alert.alert_id = alert_id;
  alert.revision = revision;
  alert.time = time;
  alert.kind = "drifting";
  alert.state = state;
  alert.severity = 2;
  alert.change = change;
  alert.actor = "system";
  alert.region = "CROSS Gris-Nez";
  alert.position = {50.95, 1.61};
  alert.subjects = {12};
  alert.body_json =
      R"({"id":)" + std::to_string(alert_id) + R"(,"rev":)" + std::to_string(revision) + "}";
  alert.label = {"FR/CROSS-GN", {"UK/MRCC-DOVER"}, 1, Sensitivity::kAmber, false, 0};
  return alert;
}

inline Status write_alerts(HistoryStore& store, const std::vector<AlertRecord>& alerts) {
  WriteBatch batch;
  batch.alerts = alerts;
  return store.write(batch);
}

inline constexpr const char* kLaterStates[] = {"acknowledged", "handed_over", "closed"};

/// 30 alerts with 1 to 4 revisions each over an hour, in time order.
inline std::vector<AlertRecord> random_alerts(std::uint64_t seed) {
  Rng rng(seed);
  std::vector<AlertRecord> alerts;
  for (std::uint64_t alert_id = 1; alert_id <= 30; ++alert_id) {
    TimeNs time = kT0 + static_cast<TimeNs>(rng.uniform(0.0, 3600.0) * 1e9);
    const auto revisions = static_cast<std::uint32_t>(1 + rng.next() % 4);
    for (std::uint32_t revision = 1; revision <= revisions; ++revision) {
      AlertRecord alert = revision == 1 ? make_alert(alert_id, revision, time)
                                        : make_alert(alert_id, revision, time,
                                                     kLaterStates[rng.next() % 3], "updated");
      alert.position = {rng.uniform(50.8, 51.2), rng.uniform(1.2, 1.8)};
      alert.severity = static_cast<std::int32_t>(rng.next() % 4);
      alert.subjects = {rng.next() % 50, rng.next() % 50};
      alerts.push_back(alert);
      time += static_cast<TimeNs>(rng.uniform(1.0, 600.0) * 1e9);
    }
  }
  std::stable_sort(alerts.begin(), alerts.end(),
                   [](const AlertRecord& a, const AlertRecord& b) { return a.time < b.time; });
  return alerts;
}

}  // namespace sw::store::testing
