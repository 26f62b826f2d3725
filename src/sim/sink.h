#pragma once
/// ReportSink: where the simulator sends its reports, in time order. ReportQueue: the
/// time-ordered buffer between the sensor models (which may produce reports a little
/// ahead, e.g. the plots of a whole radar scan) and the sink.

#include <cstdint>
#include <vector>

#include "sim/reports.h"

namespace sw::sim {

/// Receives reports in non-decreasing time order (ties in a fixed, seed-determined order).
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void emit(const Report& report) = 0;
};

/// A sink that keeps every report (tests, small runs).
class CollectingSink final : public ReportSink {
 public:
  void emit(const Report& report) override { reports.push_back(report); }
  std::vector<Report> reports;
};

/// A min-heap of reports by (time, insertion number).
class ReportQueue {
 public:
  void push(Report report);
  /// Emit, in order, every report with time < `before`; returns how many.
  std::size_t flush_before(TimeNs before, ReportSink& sink);
  /// Drop every report still held.
  void clear() { heap_.clear(); }
  std::size_t size() const { return heap_.size(); }

 private:
  struct Entry {
    TimeNs time;
    std::uint64_t sequence;
    Report report;
  };
  std::vector<Entry> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace sw::sim
