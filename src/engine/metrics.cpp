#include "engine/metrics.h"

#include <algorithm>
#include <bit>

namespace sw::engine {

namespace {

/// Buckets per doubling: a quantile is read to within 1/8 of its value.
constexpr int kStepBits = 3;
constexpr std::uint64_t kSteps = std::uint64_t{1} << kStepBits;

}  // namespace

std::size_t LatencyHistogram::bucket_of(std::uint64_t micros) {
  if (micros < kSteps) return static_cast<std::size_t>(micros);
  const int exponent = std::bit_width(micros) - 1;  // >= kStepBits
  const std::uint64_t step = (micros >> (exponent - kStepBits)) - kSteps;
  return static_cast<std::size_t>(kSteps + (exponent - kStepBits) * kSteps + step);
}

double LatencyHistogram::upper_bound_us(std::size_t bucket) {
  if (bucket < kSteps) return static_cast<double>(bucket + 1);
  const std::uint64_t exponent = (bucket - kSteps) / kSteps;
  const std::uint64_t step = (bucket - kSteps) % kSteps;
  return static_cast<double>((kSteps + step + 1) << exponent);
}

void LatencyHistogram::record(TimeNs latency) {
  const auto micros = static_cast<std::uint64_t>(std::max<TimeNs>(latency, 0) / 1000);
  const std::size_t bucket = std::min(kBuckets - 1, bucket_of(micros));
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
    if (seen < target) continue;
    if (bucket == kBuckets - 1) return max_us();  // beyond the buckets
    return std::min(upper_bound_us(bucket), std::max(max_us(), 1.0));
  }
  return max_us();
}

}  // namespace sw::engine
