#include "track/fusion/track_correlator.h"

namespace sw::track {

std::uint64_t TrackCorrelator::observe(std::uint64_t sensor_track, std::uint64_t candidate) {
  Link& link = links_[sensor_track];
  if (link.linked != 0) {
    if (candidate == link.linked) {
      link.misses = 0;
    } else if (++link.misses >= settings_.misses_to_unlink) {
      link = Link{};
      if (candidate != 0) link = Link{candidate, 1, 0, 0};
    }
    return link.linked;
  }
  if (candidate == 0) {
    link = Link{};
    return 0;
  }
  if (candidate == link.candidate) {
    ++link.hits;
  } else {
    link.candidate = candidate;
    link.hits = 1;
  }
  if (link.hits >= settings_.hits_to_link) {
    link.linked = candidate;
    link.misses = 0;
  }
  return link.linked;
}

std::uint64_t TrackCorrelator::linked(std::uint64_t sensor_track) const {
  const auto found = links_.find(sensor_track);
  return found == links_.end() ? 0 : found->second.linked;
}

}  // namespace sw::track
