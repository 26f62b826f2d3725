#include "sim/sink.h"

#include <algorithm>

namespace sw::sim {
namespace {

struct Later {
  template <typename Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    return a.time != b.time ? a.time > b.time : a.sequence > b.sequence;
  }
};

}  // namespace

TimeNs report_time(const Report& report) {
  return std::visit([](const auto& alternative) { return alternative.time; }, report);
}

void ReportQueue::push(Report report) {
  const TimeNs time = report_time(report);
  heap_.push_back(Entry{time, next_sequence_++, std::move(report)});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
}

std::size_t ReportQueue::flush_before(TimeNs before, ReportSink& sink) {
  std::size_t emitted = 0;
  while (!heap_.empty() && heap_.front().time < before) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    sink.emit(heap_.back().report);
    heap_.pop_back();
    ++emitted;
  }
  return emitted;
}

}  // namespace sw::sim
