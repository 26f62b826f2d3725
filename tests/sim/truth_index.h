#pragma once
// Ground truth of a run, searchable by entity and time (linear interpolation between the
// per-second truth records), to check decoded sensor output against.

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "sim/reports.h"
#include "sim/sink.h"

namespace sw::sim::testing {

class TruthIndex {
 public:
  explicit TruthIndex(const std::vector<Report>& reports) {
    for (const Report& report : reports) {
      if (const auto* truth = std::get_if<TruthRecord>(&report))
        by_id_[truth->id].push_back(*truth);
    }
  }

  /// The record of `id` at exactly `time`, if any.
  const TruthRecord* exact(EntityId id, TimeNs time) const {
    const auto found = by_id_.find(id);
    if (found == by_id_.end()) return nullptr;
    const auto& records = found->second;
    const auto at =
        std::lower_bound(records.begin(), records.end(), time,
                         [](const TruthRecord& record, TimeNs t) { return record.time < t; });
    return at != records.end() && at->time == time ? &*at : nullptr;
  }

  /// Position of `id` at `time`, interpolated between the records either side (at most
  /// `max_gap` apart); nullopt when not bracketed.
  std::optional<LatLon> position(EntityId id, TimeNs time, TimeNs max_gap = kNsPerSecond) const {
    const auto found = by_id_.find(id);
    if (found == by_id_.end()) return std::nullopt;
    const auto& records = found->second;
    const auto after =
        std::lower_bound(records.begin(), records.end(), time,
                         [](const TruthRecord& record, TimeNs t) { return record.time < t; });
    if (after == records.end()) return std::nullopt;
    if (after->time == time) return after->position;
    if (after == records.begin()) return std::nullopt;
    const auto before = after - 1;
    if (after->time - before->time > max_gap) return std::nullopt;
    const double fraction =
        static_cast<double>(time - before->time) / static_cast<double>(after->time - before->time);
    return LatLon{before->position.lat + (after->position.lat - before->position.lat) * fraction,
                  before->position.lon + (after->position.lon - before->position.lon) * fraction};
  }

  const std::map<EntityId, std::vector<TruthRecord>>& by_id() const { return by_id_; }

 private:
  std::map<EntityId, std::vector<TruthRecord>> by_id_;
};

/// Passes every report to two sinks.
class TeeSink final : public ReportSink {
 public:
  TeeSink(ReportSink& first, ReportSink& second) : first_(first), second_(second) {}
  void emit(const Report& report) override {
    first_.emit(report);
    second_.emit(report);
  }

 private:
  ReportSink& first_;
  ReportSink& second_;
};

}  // namespace sw::sim::testing
