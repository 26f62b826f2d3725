#include "server/live_picture.h"

#include <algorithm>
#include <utility>

namespace sw::server {

const char* to_string(SearchJob::State state) {
  switch (state) {
    case SearchJob::State::kQueued: return "queued";
    case SearchJob::State::kRunning: return "running";
    case SearchJob::State::kDone: return "done";
    case SearchJob::State::kFailed: return "failed";
  }
  return "unknown";
}

LivePicture::LivePicture(const Clock& clock, std::size_t trail_points, double trail_spacing_s,
                         std::size_t max_events)
    : clock_(clock),
      trail_points_(trail_points),
      trail_spacing_(static_cast<TimeNs>(trail_spacing_s * static_cast<double>(kNsPerSecond))),
      max_events_(max_events) {}

void LivePicture::apply_tracks(std::span<const track::FusedTrack> tracks) {
  const TimeNs now = clock_.now();
  std::lock_guard lock(mutex_);
  for (const track::FusedTrack& update : tracks) {
    ++stats_.track_changes;
    time_ = std::max(time_, update.time);
    const bool gone = update.status == track::PictureStatus::kLost ||
                      update.status == track::PictureStatus::kMerged;
    auto found = tracks_.find(update.id);
    if (gone) {
      if (found == tracks_.end()) continue;
      auto last = std::make_shared<LiveTrack>(*found->second);
      last->track = update;
      tracks_.erase(found);
      push_event({LiveEvent::Kind::kTrackRemoved, update.id, now, std::move(last), {}, {}});
      continue;
    }
    auto live = std::make_shared<LiveTrack>();
    if (found != tracks_.end()) live->trail = found->second->trail;
    live->track = update;
    if (live->trail.empty() || update.time - live->trail.back().time >= trail_spacing_) {
      live->trail.push_back({update.time, update.position});
      live->trail_added = 1;
      if (live->trail.size() > trail_points_) live->trail.erase(live->trail.begin());
    }
    std::shared_ptr<const LiveTrack> shared = std::move(live);
    tracks_[update.id] = shared;
    push_event({LiveEvent::Kind::kTrack, update.id, now, std::move(shared), {}, {}});
  }
}

void LivePicture::apply_alerts(std::span<const risk::Alert> alerts) {
  constexpr TimeNs kKeepClosed = 3600 * kNsPerSecond;
  const TimeNs now = clock_.now();
  std::lock_guard lock(mutex_);
  for (const risk::Alert& revision : alerts) {
    ++stats_.alert_revisions;
    auto shared = std::make_shared<const risk::Alert>(revision);
    alerts_[revision.id] = shared;
    push_event({LiveEvent::Kind::kAlert, revision.id, now, {}, std::move(shared), {}});
  }
  std::erase_if(alerts_, [&](const auto& entry) {
    return entry.second->state == risk::AlertState::kClosed &&
           entry.second->updated_at + kKeepClosed < time_;
  });
}

void LivePicture::set_sources(std::vector<SourceStatus> sources) {
  std::lock_guard lock(mutex_);
  sources_ = std::move(sources);
}

void LivePicture::put_search(const SearchJob& job) {
  const TimeNs now = clock_.now();
  std::lock_guard lock(mutex_);
  auto shared = std::make_shared<const SearchJob>(job);
  searches_[job.id] = shared;
  push_event({LiveEvent::Kind::kSearchArea, job.id, now, {}, {}, std::move(shared)});
}

std::vector<std::shared_ptr<const LiveTrack>> LivePicture::tracks() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const LiveTrack>> result;
  result.reserve(tracks_.size());
  for (const auto& [id, track] : tracks_) result.push_back(track);
  return result;
}

std::shared_ptr<const LiveTrack> LivePicture::track(std::uint64_t id) const {
  std::lock_guard lock(mutex_);
  const auto found = tracks_.find(id);
  return found == tracks_.end() ? nullptr : found->second;
}

std::vector<std::shared_ptr<const risk::Alert>> LivePicture::alerts() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const risk::Alert>> result;
  result.reserve(alerts_.size());
  for (const auto& [id, alert] : alerts_) result.push_back(alert);
  return result;
}

std::shared_ptr<const risk::Alert> LivePicture::alert(std::uint64_t id) const {
  std::lock_guard lock(mutex_);
  const auto found = alerts_.find(id);
  return found == alerts_.end() ? nullptr : found->second;
}

std::vector<std::shared_ptr<const SearchJob>> LivePicture::searches() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const SearchJob>> result;
  for (const auto& [id, job] : searches_) result.push_back(job);
  return result;
}

std::shared_ptr<const SearchJob> LivePicture::search(std::uint64_t id) const {
  std::lock_guard lock(mutex_);
  const auto found = searches_.find(id);
  return found == searches_.end() ? nullptr : found->second;
}

std::vector<SourceStatus> LivePicture::sources() const {
  std::lock_guard lock(mutex_);
  return sources_;
}

TimeNs LivePicture::time() const {
  std::lock_guard lock(mutex_);
  return time_;
}

LivePictureStats LivePicture::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void LivePicture::attach_consumer() {
  std::lock_guard lock(mutex_);
  ++consumers_;
}

void LivePicture::detach_consumer() {
  std::lock_guard lock(mutex_);
  consumers_ = std::max(0, consumers_ - 1);
  if (consumers_ == 0) events_.clear();
}

std::vector<LiveEvent> LivePicture::take_events() {
  std::vector<LiveEvent> taken;
  std::lock_guard lock(mutex_);
  taken.swap(events_);
  return taken;
}

void LivePicture::push_event(LiveEvent event) {
  if (consumers_ == 0) return;
  if (events_.size() >= max_events_) {
    ++stats_.events_dropped;
    return;
  }
  events_.push_back(std::move(event));
}

}  // namespace sw::server
