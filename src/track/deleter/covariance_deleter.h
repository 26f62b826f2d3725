#pragma once
/// CovarianceDeleter: deletes a track whose position uncertainty has grown too large
/// (Stone Soup's CovarianceBasedDeleter on the position components); CompositeDeleter
/// combines deleters.

#include <utility>
#include <vector>

#include "track/deleter/deleter.h"

namespace sw::track {

/// Deletes when var(x) + var(y) of the track exceeds `trace_threshold` (m^2).
class CovarianceDeleter final : public Deleter {
 public:
  explicit CovarianceDeleter(double trace_threshold) : trace_threshold_(trace_threshold) {}
  bool should_delete(const Track& track, TimeNs /*now*/) const override {
    const StateMatrix& covariance = track.state.estimate.covariance;
    return !(covariance(0, 0) + covariance(2, 2) <= trace_threshold_);  // NaN deletes too
  }

 private:
  double trace_threshold_;
};

/// Deletes when any (or, with `intersect`, every) of its deleters would.
class CompositeDeleter final : public Deleter {
 public:
  explicit CompositeDeleter(std::vector<const Deleter*> deleters, bool intersect = false)
      : deleters_(std::move(deleters)), intersect_(intersect) {}
  bool should_delete(const Track& track, TimeNs now) const override {
    for (const Deleter* deleter : deleters_) {
      const bool verdict = deleter->should_delete(track, now);
      if (verdict != intersect_) return verdict;
    }
    return intersect_ && !deleters_.empty();
  }

 private:
  std::vector<const Deleter*> deleters_;
  bool intersect_;
};

}  // namespace sw::track
