#pragma once
/// StreamFilter: what one live-stream client (WebSocket or CoT) is sent — the changes since
/// the last tick that its principal may see (share::may_release) inside its viewport. It
/// remembers which tracks the client holds, so a track that leaves the viewport or the
/// picture is sent as removed, one that enters it is sent whole (with its trail), and one
/// it holds is sent as a change (only the trail points it lacks). An alert whose label no
/// longer releases it to the client is withdrawn. Socket-free, so the same
/// rules serve every stream and are tested directly.
///
/// The work is shared between clients: a tick's events are serialised once (prepare_tick),
/// with each distinct label decided once per client; whole tracks are serialised once per
/// version (TrackTexts), so a snapshot is mostly a copy.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/api.h"
#include "server/live_picture.h"
#include "server/principals.h"

namespace sw::server {

/// One tick's events, each serialised once for all clients.
struct TickEvents {
  struct Item {
    LiveEvent event;
    std::string json;             ///< track change / alert / search job JSON (empty for removals)
    std::size_t label = 0;        ///< index in `labels` (tracks, alerts, search jobs)
    std::size_t trail_added = 0;  ///< tracks: trail points added during the tick
  };
  std::vector<Item> items;    ///< latest event per item, in order of first change
  std::vector<Label> labels;  ///< the distinct labels of the items
  TimeNs time = 0;            ///< picture time
  TimeNs oldest_published = 0;
};

/// Collapses a batch of events to the latest per item and serialises each once.
TickEvents prepare_tick(std::vector<LiveEvent> events, TimeNs picture_time);

/// Whole-track JSON texts, built once per track version and shared by every client of one
/// thread (not thread-safe). Holds each track's latest version until forgotten.
class TrackTexts {
 public:
  const std::string& whole(const std::shared_ptr<const LiveTrack>& track);
  /// Drops a track that left the picture.
  void forget(std::uint64_t id) { texts_.erase(id); }
  std::size_t size() const { return texts_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const LiveTrack> version;
    std::string text;
  };
  std::unordered_map<std::uint64_t, Entry> texts_;
};

class StreamFilter {
 public:
  StreamFilter(const Principal& principal, TrackTexts& texts)
      : principal_(principal), texts_(texts) {}

  void set_viewport(const Viewport& viewport) { viewport_ = viewport; }
  const Viewport& viewport() const { return viewport_; }
  const Principal& principal() const { return principal_; }

  /// The snapshot message: every visible track in view, every visible open alert and
  /// search job. Resets what the client is known to hold.
  std::string snapshot(const LivePicture& picture);
  /// The update message for a tick, or "" when nothing the client may see changed.
  /// `published_ns` (when not 0) is added for latency measurement.
  std::string update(const TickEvents& tick, TimeNs published_ns = 0);

 private:
  bool may_see(const Label& label) const;

  const Principal& principal_;
  TrackTexts& texts_;
  Viewport viewport_;
  std::unordered_set<std::uint64_t> held_;         ///< track ids the client has
  std::unordered_set<std::uint64_t> held_alerts_;  ///< alert ids it has been sent
  std::vector<char> visible_;                      ///< per label of the tick being filtered
};

}  // namespace sw::server
