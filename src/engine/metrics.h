#pragma once
/// Metrics: counters per source and latency histograms per stage, printable as text and
/// as JSON (served by the HTTP API later).

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"

namespace sw::engine {

/// Latency histogram with power-of-two microsecond buckets (1 us .. ~1 h).
class LatencyHistogram {
 public:
  void record(TimeNs latency);
  std::uint64_t count() const { return count_; }
  /// Upper bound of the bucket holding quantile `q` (0..1), in microseconds: within 1/8
  /// of the true value (eight buckets per doubling), never above the largest recorded.
  double quantile_us(double q) const;
  double max_us() const { return static_cast<double>(max_ns_) / 1000.0; }

 private:
  static std::size_t bucket_of(std::uint64_t micros);
  static double upper_bound_us(std::size_t bucket);
  /// Up to 2^40 us (some 12 days); above, the last bucket.
  static constexpr std::size_t kBuckets = 8 + 37 * 8;
  std::array<std::uint64_t, kBuckets> buckets_{};
  std::uint64_t count_ = 0;
  TimeNs max_ns_ = 0;
};

/// What happened to one source's inputs. Atomic where I/O threads write.
struct SourceCounters {
  std::atomic<std::uint64_t> received{0};  ///< inputs read from the transport
  std::atomic<std::uint64_t> received_bytes{0};
  std::atomic<std::uint64_t> dropped_queue{0};  ///< refused by the full engine queue
  std::atomic<std::uint64_t> connects{0};       ///< (re)connections of stream transports
  std::atomic<std::uint64_t> transport_errors{0};
  std::uint64_t journaled = 0;     ///< inputs made durable
  std::uint64_t observations = 0;  ///< decoded observations
  std::uint64_t late = 0;          ///< older than the reorder window allowed: dropped
  std::uint64_t future = 0;        ///< sensor time far ahead of the receive time: dropped
  std::uint64_t outside = 0;       ///< outside the pipeline's area (a region's): not fused
};

}  // namespace sw::engine
