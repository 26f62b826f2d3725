#pragma once
/// StreamFilter: what one live-stream client (WebSocket or CoT) is sent — the changes since
/// the last tick that its principal may see (share::may_release) inside its viewport. It
/// remembers which tracks the client holds, so a track that leaves the viewport or the
/// picture is sent as removed, and one that enters it is sent whole. Socket-free, so the
/// same rules serve every stream and are tested directly.

#include <cstdint>
#include <memory>
#include <string>
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
    std::string json;  ///< track / alert / search job JSON (empty for removals)
  };
  std::vector<Item> items;  ///< latest event per item, in order of first change
  TimeNs time = 0;          ///< picture time
  TimeNs oldest_published = 0;
};

/// Collapses a batch of events to the latest per item and serialises each once.
TickEvents prepare_tick(std::vector<LiveEvent> events, TimeNs picture_time);

class StreamFilter {
 public:
  explicit StreamFilter(const Principal& principal) : principal_(principal) {}

  void set_viewport(const Viewport& viewport) { viewport_ = viewport; }
  const Viewport& viewport() const { return viewport_; }
  const Principal& principal() const { return principal_; }

  /// The snapshot message: every visible track in view, every visible open alert and
  /// search job. Resets what the client is known to hold.
  std::string snapshot(const LivePicture& picture);
  /// The update message for a tick, or "" when nothing the client may see changed.
  std::string update(const TickEvents& tick);

 private:
  bool may_see(const Label& label) const;

  const Principal& principal_;
  Viewport viewport_;
  std::unordered_set<std::uint64_t> held_;  ///< track ids the client has
};

}  // namespace sw::server
