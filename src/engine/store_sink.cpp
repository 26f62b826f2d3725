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

void StoreSink::write(std::span<const track::FusedTrack> tracks) {
  for (const track::FusedTrack& track : tracks) updates_.push_back(to_track_update(track));
  if (updates_.empty()) return;
  const TimeNs newest = updates_.back().time;
  constexpr std::size_t kMaxUpdates = 4096;
  if (updates_.size() >= kMaxUpdates ||
      updates_.back().time - updates_.front().time >= kNsPerSecond) {
    flush();
  }
  maybe_retain(newest);
}

void StoreSink::maybe_retain(TimeNs time) {
  if (retention_every_ <= 0 || time <= 0) return;
  const TimeNs bucket = time / retention_every_;
  if (bucket <= retention_bucket_) return;
  const bool first = retention_bucket_ < 0;
  retention_bucket_ = bucket;
  if (first) return;  // the first interval starts here: nothing has aged yet
  flush();
  auto report = store_.apply_retention(time);
  ++retention_runs_;
  if (!report) {
    ++retention_failures_;
    return;
  }
  retained_away_.positions += report->positions;
  retained_away_.tracks += report->tracks;
  retained_away_.observations += report->observations;
  retained_away_.counters += report->counters;
  retained_away_.alerts += report->alerts;
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

void StoreSink::write_alerts(std::span<const risk::Alert> alerts) {
  for (const risk::Alert& alert : alerts) alerts_.push_back(to_alert_record(alert));
}

void StoreSink::flush() {
  if (updates_.empty() && alerts_.empty()) return;
  store::WriteBatch batch;
  batch.tracks = updates_;
  batch.alerts = alerts_;
  if (store_.write(batch)) {
    written_ += updates_.size();
    alerts_written_ += alerts_.size();
  } else {
    ++failed_batches_;
  }
  updates_.clear();
  alerts_.clear();
}

}  // namespace sw::engine
