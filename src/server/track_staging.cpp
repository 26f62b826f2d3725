#include "server/track_staging.h"

namespace sw::server {

void TrackStaging::stage(std::span<const track::FusedTrack> tracks) {
  for (const track::FusedTrack& track : tracks) {
    ++staged_total_;
    const auto [found, inserted] = slot_of_.try_emplace(track.id, used_);
    if (inserted) {
      if (used_ == slots_.size()) slots_.emplace_back();
      ++used_;
    }
    slots_[found->second] = track;  // copy-assignment reuses the slot's buffers
  }
}

void TrackStaging::flush(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (used_ == 0 || (!force && now - last_flush_ < interval_)) return;
  last_flush_ = now;
  picture_.apply_tracks(std::span<const track::FusedTrack>(slots_.data(), used_));
  flushed_total_ += used_;
  used_ = 0;
  slot_of_.clear();
}

}  // namespace sw::server
