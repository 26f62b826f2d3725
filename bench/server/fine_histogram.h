#pragma once
/// FineHistogram: latencies in 50 us bins up to 30 s (beyond: one overflow bin, and the exact
/// maximum), so the load benchmark's percentiles are exact to 50 us — the engine's
/// LatencyHistogram has power-of-two bins, too coarse to tell 180 ms from 250 ms.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/clock.h"

namespace sw::bench {

class FineHistogram {
 public:
  static constexpr TimeNs kBinNs = 50'000;
  static constexpr std::size_t kBins = 600'000;  ///< 30 s

  FineHistogram() : bins_(kBins + 1, 0) {}

  void record(TimeNs latency) {
    latency = std::max<TimeNs>(latency, 0);
    const auto bin = std::min<std::size_t>(kBins, static_cast<std::size_t>(latency / kBinNs));
    ++bins_[bin];
    ++count_;
    max_ns_ = std::max(max_ns_, latency);
  }

  void merge(const FineHistogram& other) {
    for (std::size_t bin = 0; bin <= kBins; ++bin) bins_[bin] += other.bins_[bin];
    count_ += other.count_;
    max_ns_ = std::max(max_ns_, other.max_ns_);
  }

  void clear() {
    std::fill(bins_.begin(), bins_.end(), 0);
    count_ = 0;
    max_ns_ = 0;
  }

  std::uint64_t count() const { return count_; }
  double max_ms() const { return static_cast<double>(max_ns_) / 1e6; }

  /// Upper edge of the bin holding quantile `q` (0..1), in milliseconds.
  double quantile_ms(double q) const {
    if (count_ == 0) return 0.0;
    const auto target = static_cast<std::uint64_t>(q * static_cast<double>(count_ - 1)) + 1;
    std::uint64_t seen = 0;
    for (std::size_t bin = 0; bin < kBins; ++bin) {
      seen += bins_[bin];
      if (seen >= target) {
        return std::min(max_ms(), static_cast<double>((bin + 1) * kBinNs) / 1e6);
      }
    }
    return max_ms();
  }

  /// Sparse text "max count bin:count ..." (to pass through a pipe).
  std::string serialize() const {
    std::string out = std::to_string(max_ns_) + " " + std::to_string(count_);
    for (std::size_t bin = 0; bin <= kBins; ++bin) {
      if (bins_[bin] == 0) continue;
      out += ' ' + std::to_string(bin) + ':' + std::to_string(bins_[bin]);
    }
    return out;
  }

  /// Reads what serialize() wrote; false on malformed text.
  bool parse(const std::string& text) {
    clear();
    unsigned long long max_ns = 0;
    unsigned long long count = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%llu %llu%n", &max_ns, &count, &used) != 2) return false;
    max_ns_ = static_cast<TimeNs>(max_ns);
    count_ = count;
    const char* cursor = text.c_str() + used;
    unsigned long long bin = 0;
    unsigned long long value = 0;
    while (std::sscanf(cursor, " %llu:%llu%n", &bin, &value, &used) == 2) {
      if (bin > kBins) return false;
      bins_[bin] = value;
      cursor += used;
    }
    return true;
  }

 private:
  std::vector<std::uint64_t> bins_;
  std::uint64_t count_ = 0;
  TimeNs max_ns_ = 0;
};

}  // namespace sw::bench
