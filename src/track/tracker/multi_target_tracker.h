#pragma once
/// MultiTargetTracker: one step per batch of detections — predict, hypothesise (gate),
/// associate, update, delete, initiate — composed from injected roles (Stone Soup's
/// MultiTargetTracker / MultiTargetMixtureTracker).

#include <cstdint>
#include <span>
#include <vector>

#include "track/data_associator/data_associator.h"
#include "track/deleter/deleter.h"
#include "track/hypothesiser/hypothesiser.h"
#include "track/initiator/initiator.h"
#include "track/predictor/predictor.h"
#include "track/updater/updater.h"

namespace sw::track {

/// Counters of the tracker since construction.
struct TrackerStats {
  std::uint64_t steps = 0;
  std::uint64_t detections = 0;
  std::uint64_t hypotheses = 0;
  std::uint64_t clusters = 0;
  std::uint64_t approximated_clusters = 0;
  std::uint64_t confirmed = 0;
  std::uint64_t deleted = 0;
};

/// The roles a tracker is built from; all must outlive the tracker.
struct TrackerRoles {
  const Predictor* predictor = nullptr;
  const Updater* updater = nullptr;
  Hypothesiser* hypothesiser = nullptr;
  DataAssociator* associator = nullptr;
  Initiator* initiator = nullptr;
  const Deleter* deleter = nullptr;
};

/// Multi-target tracker over confirmed tracks; tentative tracks live in the initiator.
/// Track ids are given in order of confirmation, from 1 (deterministic).
class MultiTargetTracker {
 public:
  explicit MultiTargetTracker(TrackerRoles roles) : roles_(roles) {}

  /// Processes the detections of one sensor time (all with time `time`, not earlier than
  /// the previous step).
  void step(TimeNs time, std::span<const Detection> detections);

  const std::vector<Track>& tracks() const { return tracks_; }
  const TrackerStats& stats() const { return stats_; }
  std::size_t tentative_count() const { return roles_.initiator->tentative_count(); }

 private:
  TrackerRoles roles_;
  std::vector<Track> tracks_;
  std::uint64_t next_id_ = 1;
  TrackerStats stats_;
  std::vector<TrackState> predictions_;
  std::vector<Hypothesis> hypotheses_;
  Associations associations_;
  std::vector<WeightedDetection> weighted_;
  std::vector<Detection> unused_;
  std::vector<Track> confirmed_;
};

}  // namespace sw::track
