#pragma once
/// JoinedPicture: the gateway's picture of the whole sea from the regions' track subjects.
/// Each track is kept at its newest version (server/federated_items.h track_version: later
/// sensor time, more updates, later life-cycle stage), whichever region said it, so a track
/// that crosses a seam continues under its id and a repeat or a late word from the region it
/// left changes nothing.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "track/fusion/fused_track.h"

namespace sw::region {

struct JoinedStats {
  std::uint64_t applied = 0;
  std::uint64_t stale = 0;  ///< older than what the picture holds
  /// Messages not past the last one of their region (input, n): stored twice, or a
  /// restarted region that said other things than before.
  std::uint64_t repeats = 0;
  std::uint64_t malformed = 0;        ///< messages that were not region messages
  std::uint64_t regions_changed = 0;  ///< an update from another region than the last
};

class JoinedPicture {
 public:
  /// True when `track` (said by `region`) is newer than what the picture holds.
  /// `message_id`: the bus message's id (region_wire.h output_message_id), to find a message
  /// stored twice; another form is not checked.
  bool apply(const std::string& region, const track::FusedTrack& track,
             const std::string& message_id = {});
  void count_malformed() { ++stats_.malformed; }
  /// Every track neither lost nor merged, by id.
  std::vector<track::FusedTrack> current() const;
  /// The region that last spoke for track `id`.
  std::optional<std::string> region_of(std::uint64_t id) const;
  const JoinedStats& stats() const { return stats_; }

 private:
  struct Entry {
    track::FusedTrack track;
    std::uint64_t version = 0;
    std::string region;
  };
  std::map<std::uint64_t, Entry> tracks_;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> last_said_;  ///< by region
  JoinedStats stats_;
};

}  // namespace sw::region
