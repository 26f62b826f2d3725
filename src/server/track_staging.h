#pragma once
/// TrackStaging: keeps the engine thread's cost of feeding the server small. Track changes
/// are copied into reused slots (one per track, the latest change wins) and handed to the
/// LivePicture in one batch at most every `interval` — a busy picture changes the same
/// tracks many times a second, and the map only needs their latest state each tick.
/// Engine thread only.

#include <chrono>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "server/live_picture.h"

namespace sw::server {

class TrackStaging {
 public:
  TrackStaging(LivePicture& picture, std::chrono::milliseconds interval)
      : picture_(picture), interval_(interval) {}

  /// A batch of track changes (the pipeline's update sink).
  void stage(std::span<const track::FusedTrack> tracks);
  /// Hands what is staged to the picture if `interval` has passed since the last hand-over
  /// (or always, with `force`).
  void flush(bool force = false);
  std::uint64_t staged() const { return staged_total_; }
  std::uint64_t flushed() const { return flushed_total_; }

 private:
  LivePicture& picture_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_flush_{};
  std::unordered_map<std::uint64_t, std::size_t> slot_of_;
  std::vector<track::FusedTrack> slots_;  ///< [0, used_) hold this interval's changes
  std::size_t used_ = 0;
  std::uint64_t staged_total_ = 0;
  std::uint64_t flushed_total_ = 0;
};

}  // namespace sw::server
