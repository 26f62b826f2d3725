#include "track/tracker/multi_target_tracker.h"

#include "track/updater/apply_associations.h"

namespace sw::track {

void MultiTargetTracker::step(TimeNs time, std::span<const Detection> detections) {
  ++stats_.steps;
  stats_.detections += detections.size();

  predictions_.resize(tracks_.size());
  for (std::size_t track_idx = 0; track_idx < tracks_.size(); ++track_idx) {
    predictions_[track_idx] = roles_.predictor->predict(tracks_[track_idx].state, time);
  }
  roles_.hypothesiser->hypothesise(predictions_, detections, hypotheses_);
  roles_.associator->associate(hypotheses_, tracks_.size(), detections.size(), associations_);
  stats_.hypotheses += hypotheses_.size();
  stats_.clusters += associations_.clusters;
  stats_.approximated_clusters += associations_.approximated_clusters;
  apply_associations(tracks_, predictions_, detections, associations_, *roles_.updater, weighted_);

  std::size_t kept = 0;
  for (std::size_t track_idx = 0; track_idx < tracks_.size(); ++track_idx) {
    Track& track = tracks_[track_idx];
    if (roles_.deleter->should_delete(track, time)) {
      ++stats_.deleted;
      continue;
    }
    track.status = track.consecutive_misses == 0 ? TrackStatus::kConfirmed : TrackStatus::kCoasting;
    if (kept != track_idx) tracks_[kept] = track;
    ++kept;
  }
  tracks_.resize(kept);

  unused_.clear();
  for (std::size_t detection_idx = 0; detection_idx < detections.size(); ++detection_idx) {
    if (associations_.detection_used[detection_idx] == 0) {
      unused_.push_back(detections[detection_idx]);
    }
  }
  confirmed_.clear();
  roles_.initiator->initiate(unused_, time, confirmed_);
  for (Track& track : confirmed_) {
    track.id = next_id_++;
    track.status = TrackStatus::kConfirmed;
    track.consecutive_misses = 0;
    tracks_.push_back(track);
    ++stats_.confirmed;
  }
}

}  // namespace sw::track
