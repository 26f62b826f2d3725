#include "engine/store_sink.h"

#include <cstdlib>

namespace sw::engine {
namespace {

std::optional<double> number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') return std::nullopt;
  return value;
}

store::TrackStatus to_store(track::PictureStatus status) {
  switch (status) {
    case track::PictureStatus::kConfirmed: return store::TrackStatus::kConfirmed;
    case track::PictureStatus::kCoasting: return store::TrackStatus::kCoasting;
    case track::PictureStatus::kLost:
    case track::PictureStatus::kMerged: return store::TrackStatus::kDeleted;
  }
  return store::TrackStatus::kDeleted;
}

store::TrackClass to_store(track::TrackClass track_class) {
  switch (track_class) {
    case track::TrackClass::kCooperative: return store::TrackClass::kCooperative;
    case track::TrackClass::kDark: return store::TrackClass::kDark;
    case track::TrackClass::kOwnAsset: return store::TrackClass::kAsset;
  }
  return store::TrackClass::kDark;
}

}  // namespace

store::TrackUpdate to_track_update(const track::FusedTrack& track) {
  store::TrackUpdate update;
  update.track_id = track.id;
  update.time = track.time;
  update.position = track.position;
  update.velocity = track.velocity;
  update.covariance = track.covariance;
  update.status = to_store(track.status);
  update.track_class = to_store(track.track_class);
  update.identity.mmsi = track.mmsi;
  update.identity.name = track.detail("shipname");
  update.identity.callsign = track.callsign;
  update.identity.asset_id = track.asset_id;
  if (const auto ship_type = number(track.detail("shiptype"));
      ship_type && *ship_type >= 0 && *ship_type <= 255) {
    update.identity.ship_type = static_cast<std::uint8_t>(*ship_type);
  }
  update.identity.length_m = number(track.detail("length_m"));
  update.identity.width_m = number(track.detail("beam_m"));
  update.label = track.label;
  return update;
}

store::AlertRecord to_alert_record(const risk::Alert& alert) {
  store::AlertRecord record;
  record.alert_id = alert.id;
  record.revision = alert.revision;
  record.time = alert.updated_at;
  record.kind = risk::to_string(alert.kind);
  record.state = risk::to_string(alert.state);
  record.severity = static_cast<std::int32_t>(alert.severity);
  if (!alert.history.empty()) {
    record.change = alert.history.back().change;
    record.actor = alert.history.back().actor;
  }
  record.region = alert.region;
  record.position = alert.position;
  record.subjects = alert.subjects;
  record.body_json = risk::alert_json(alert);
  record.label = alert.label;
  return record;
}

namespace {

/// Changes the writer may be handed before the pipeline waits (some 16 batches).
constexpr std::size_t kMaxQueuedChanges = 65536;
/// Changes gathered before they are handed over.
constexpr std::size_t kBatchChanges = 4096;

}  // namespace

StoreSink::StoreSink(store::HistoryStore& store, TimeNs retention_every)
    : store_(store), retention_every_(retention_every), writer_([this] { run_writer(); }) {}

StoreSink::~StoreSink() {
  flush();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_one();
  writer_.join();
}

void StoreSink::write(std::span<const track::FusedTrack> tracks) {
  for (const track::FusedTrack& track : tracks) updates_.push_back(to_track_update(track));
  if (updates_.empty()) return;
  const TimeNs newest = updates_.back().time;
  if (updates_.size() >= kBatchChanges ||
      updates_.back().time - updates_.front().time >= kNsPerSecond) {
    hand_over();
  }
  maybe_retain(newest);
}

void StoreSink::write_alerts(std::span<const risk::Alert> alerts) {
  alerts_.insert(alerts_.end(), alerts.begin(), alerts.end());
}

void StoreSink::maybe_retain(TimeNs time) {
  if (retention_every_ <= 0 || time <= 0) return;
  const TimeNs bucket = time / retention_every_;
  if (bucket <= retention_bucket_) return;
  const bool first = retention_bucket_ < 0;
  retention_bucket_ = bucket;
  if (first) return;  // the first interval starts here: nothing has aged yet
  hand_over();
  Job job;
  job.retain_at = time;
  enqueue(std::move(job));
}

void StoreSink::hand_over() {
  if (updates_.empty() && alerts_.empty()) return;
  Job job;
  job.tracks = std::move(updates_);
  job.alerts = std::move(alerts_);
  updates_.clear();
  alerts_.clear();
  enqueue(std::move(job));
}

void StoreSink::enqueue(Job job) {
  const std::size_t changes = job.tracks.size() + job.alerts.size();
  {
    std::unique_lock lock(mutex_);
    if (queued_changes_ > 0 && queued_changes_ + changes > kMaxQueuedChanges) {
      ++waits_;
      done_.wait(lock, [&] {
        return queued_changes_ == 0 || queued_changes_ + changes <= kMaxQueuedChanges;
      });
    }
    queued_changes_ += changes;
    queue_.push_back(std::move(job));
  }
  work_.notify_one();
}

void StoreSink::flush() {
  hand_over();
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return queue_.empty() && !writing_; });
}

store::RetentionReport StoreSink::retained_away() const {
  std::lock_guard lock(mutex_);
  return retained_away_;
}

void StoreSink::run_writer() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) return;  // stopping, and everything is written
    Job job = std::move(queue_.front());
    queue_.pop_front();
    // What else is waiting joins this transaction, up to the next retention pass.
    while (!job.retain_at && !queue_.empty() && !queue_.front().retain_at) {
      Job& next = queue_.front();
      job.tracks.insert(job.tracks.end(), std::make_move_iterator(next.tracks.begin()),
                        std::make_move_iterator(next.tracks.end()));
      job.alerts.insert(job.alerts.end(), std::make_move_iterator(next.alerts.begin()),
                        std::make_move_iterator(next.alerts.end()));
      queue_.pop_front();
    }
    const std::size_t changes = job.tracks.size() + job.alerts.size();
    writing_ = true;
    lock.unlock();
    if (job.retain_at) {
      retain(*job.retain_at);
    } else {
      ++transactions_;
      store::WriteBatch batch;
      batch.tracks = job.tracks;
      std::vector<store::AlertRecord> alerts;
      alerts.reserve(job.alerts.size());
      for (const risk::Alert& alert : job.alerts) alerts.push_back(to_alert_record(alert));
      batch.alerts = alerts;
      if (store_.write(batch)) {
        written_ += job.tracks.size();
        alerts_written_ += job.alerts.size();
      } else {
        ++failed_batches_;
      }
    }
    lock.lock();
    writing_ = false;
    queued_changes_ -= changes;
    done_.notify_all();
  }
}

void StoreSink::retain(TimeNs time) {
  auto report = store_.apply_retention(time);
  ++retention_runs_;
  if (!report) {
    ++retention_failures_;
    return;
  }
  std::lock_guard lock(mutex_);
  retained_away_.positions += report->positions;
  retained_away_.tracks += report->tracks;
  retained_away_.observations += report->observations;
  retained_away_.counters += report->counters;
  retained_away_.alerts += report->alerts;
}

}  // namespace sw::engine
