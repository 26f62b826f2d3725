#pragma once
/// LivePicture: what the server shows, kept current by the engine thread and read by the
/// server's threads. The engine thread hands over each batch of track changes and alert
/// revisions (cheap: a copy into shared immutable snapshots) and, once a second, the
/// sources' counters; readers take consistent snapshots under a lock and never touch the
/// pipeline. Every change is also queued as an event for the live streams (WebSocket,
/// CoT) while a stream consumer is attached; the queue is bounded, overflow is counted.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "risk/alert.h"
#include "track/fusion/fused_track.h"

namespace sw::server {

/// A past position of a track (its trail on the map).
struct TrailPoint {
  TimeNs time = 0;
  LatLon position;
};

/// A track as served: its latest state and a short trail, oldest first.
struct LiveTrack {
  track::FusedTrack track;
  std::vector<TrailPoint> trail;
  /// Trail points this version added to the previous one's (0 or 1): a stream client that
  /// holds the track is sent only these.
  std::size_t trail_added = 0;
};

/// One source's counters as last published by the engine thread.
struct SourceStatus {
  std::string id;
  std::string format;
  std::string transport;
  Label label;
  std::uint64_t received = 0;
  std::uint64_t received_bytes = 0;
  std::uint64_t journaled = 0;
  std::uint64_t decoded = 0;
  std::uint64_t observations = 0;
  std::uint64_t dropped_queue = 0;
  std::uint64_t late = 0;
  std::uint64_t future = 0;
  std::uint64_t transport_errors = 0;
  std::vector<std::pair<std::string, std::uint64_t>> rejects;  ///< by reason
};

/// A drift run requested by an operator, and its result once done.
struct SearchJob {
  enum class State : std::uint8_t { kQueued, kRunning, kDone, kFailed };
  std::uint64_t id = 0;
  State state = State::kQueued;
  double progress = 0;       ///< 0..1
  std::string subject;       ///< "track:12", "alert:3" or "position"
  LatLon position;           ///< last known position the drift starts from
  double radius_m = 0;       ///< its 1-sigma uncertainty
  TimeNs time = 0;           ///< sensor time of that position
  std::string requested_by;  ///< principal name
  TimeNs requested_at = 0;
  Label label;  ///< of the subject it was computed from
  std::vector<risk::AttachedSearchArea> areas;
  std::string error;
};

const char* to_string(SearchJob::State state);

/// Something that changed, for the live streams. `track` / `alert` / `search` is set by kind.
struct LiveEvent {
  enum class Kind : std::uint8_t { kTrack, kTrackRemoved, kAlert, kSearchArea };
  Kind kind = Kind::kTrack;
  std::uint64_t id = 0;
  TimeNs published_at = 0;  ///< clock time it was handed to the picture (stream latency)
  std::shared_ptr<const LiveTrack> track;  ///< kTrack, and kTrackRemoved (its last state)
  std::shared_ptr<const risk::Alert> alert;
  std::shared_ptr<const SearchJob> search;
};

/// Counters of the picture and its event queue.
struct LivePictureStats {
  std::uint64_t track_changes = 0;
  std::uint64_t alert_revisions = 0;
  std::uint64_t events_dropped = 0;  ///< queue full: the stream consumer fell behind
};

class LivePicture {
 public:
  /// `clock` stamps events for latency; trails keep up to `trail_points` positions at
  /// least `trail_spacing_s` apart.
  explicit LivePicture(const Clock& clock, std::size_t trail_points = 20,
                       double trail_spacing_s = 10.0, std::size_t max_events = 1U << 20U);

  // Engine thread.
  /// A batch of track changes (lost and merged tracks leave the picture).
  void apply_tracks(std::span<const track::FusedTrack> tracks);
  /// A batch of alert revisions (closed alerts stay, marked closed, for an hour of sensor time).
  void apply_alerts(std::span<const risk::Alert> alerts);
  /// The sources' counters, once a second.
  void set_sources(std::vector<SourceStatus> sources);

  // Any thread.
  /// Adds or replaces a search job (the search service reports progress with this).
  void put_search(const SearchJob& job);

  /// Snapshots.
  std::vector<std::shared_ptr<const LiveTrack>> tracks() const;
  std::shared_ptr<const LiveTrack> track(std::uint64_t id) const;
  std::vector<std::shared_ptr<const risk::Alert>> alerts() const;
  std::shared_ptr<const risk::Alert> alert(std::uint64_t id) const;
  std::vector<std::shared_ptr<const SearchJob>> searches() const;
  std::shared_ptr<const SearchJob> search(std::uint64_t id) const;
  std::vector<SourceStatus> sources() const;
  /// Most trail points a track keeps.
  std::size_t trail_points() const { return trail_points_; }
  /// Newest sensor time seen in a track change (0 before the first).
  TimeNs time() const;
  LivePictureStats stats() const;

  /// Stream consumers: while at least one is attached, changes are queued as events.
  void attach_consumer();
  void detach_consumer();
  /// Every event since the last call, in order.
  std::vector<LiveEvent> take_events();

 private:
  void push_event(LiveEvent event);

  const Clock& clock_;
  std::size_t trail_points_;
  TimeNs trail_spacing_;
  std::size_t max_events_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<const LiveTrack>> tracks_;
  std::map<std::uint64_t, std::shared_ptr<const risk::Alert>> alerts_;
  std::map<std::uint64_t, std::shared_ptr<const SearchJob>> searches_;
  std::vector<SourceStatus> sources_;
  std::vector<LiveEvent> events_;
  int consumers_ = 0;
  TimeNs time_ = 0;
  LivePictureStats stats_;
};

}  // namespace sw::server
