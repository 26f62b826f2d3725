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
  constexpr std::size_t kMaxUpdates = 4096;
  if (updates_.size() >= kMaxUpdates ||
      updates_.back().time - updates_.front().time >= kNsPerSecond) {
    flush();
  }
}

void StoreSink::flush() {
  if (updates_.empty()) return;
  if (store_.write(std::span<const store::TrackUpdate>(updates_))) {
    written_ += updates_.size();
  } else {
    ++failed_batches_;
  }
  updates_.clear();
}

}  // namespace sw::engine
