#include "engine/metrics.h"

#include <algorithm>
#include <bit>

namespace sw::engine {

void LatencyHistogram::record(TimeNs latency) {
  const auto micros = static_cast<std::uint64_t>(std::max<TimeNs>(latency, 0) / 1000);
  const std::size_t bucket =
      std::min<std::size_t>(kBuckets - 1, static_cast<std::size_t>(std::bit_width(micros)));
  ++buckets_[bucket];
  ++count_;
  max_ns_ = std::max(max_ns_, latency);
}

double LatencyHistogram::quantile_us(double q) const {
  if (count_ == 0) return 0.0;
  const auto target = static_cast<std::uint64_t>(q * static_cast<double>(count_ - 1)) + 1;
  std::uint64_t seen = 0;
  for (std::size_t bucket = 0; bucket < kBuckets; ++bucket) {
    seen += buckets_[bucket];
    if (seen >= target) return bucket == 0 ? 1.0 : static_cast<double>(1ULL << bucket);
  }
  return max_us();
}

}  // namespace sw::engine
