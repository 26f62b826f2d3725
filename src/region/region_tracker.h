#pragma once
/// RegionTracker: one region's fusion, deterministic and free of I/O. It runs the engine's
/// Pipeline on the inputs of the region's sources, fusing the observations inside its core
/// or overlap margin, and decides what the region says about each track:
///
/// - A track is published by the region whose core holds it (RegionMap::owner), under its
///   picture-wide id (region_ids.h). Identity tracks (AIS, own assets) have the same id in
///   every region, so crossing a seam needs no message.
/// - A dark track that leaves the core for a neighbour's is handed over: its state and id
///   go to that region (a RegionMessage with `to`), and this region stops publishing it.
/// - The receiving region matches the handover to its own track of that boat (it has been
///   fusing the same plots in its margin): the nearest dark track within the gate, its
///   position compared with the handed state carried forward to the same time. The match
///   takes the handed id, so the track keeps one id across the seam. A dark track that was
///   born in this core gets this region's own id at once; one that came in from the margin
///   waits up to hold_s for a handover before it takes an own id (counted).
/// - Lost and merged tracks are published by the region that owns them.
///
/// Handovers arrive from outside, so where one is matched is the only decision that does
/// not follow from the inputs: every match is reported (on_match) and a replay forces the
/// same matches (force_match) to reproduce the region's output exactly.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "engine/config.h"
#include "engine/pipeline.h"
#include "region/region_map.h"
#include "region/region_plan.h"
#include "region/region_wire.h"

namespace sw::region {

struct RegionStats {
  std::uint64_t inputs = 0;
  std::uint64_t inputs_other_sources = 0;  ///< inputs of sources this region does not take
  std::uint64_t published = 0;             ///< track updates published
  std::uint64_t handovers_sent = 0;
  std::uint64_t handovers_received = 0;
  std::uint64_t handovers_matched = 0;
  std::uint64_t handovers_expired = 0;  ///< no local track matched before expire_s
  std::uint64_t own_id_after_hold = 0;  ///< came in from the margin, no handover within hold_s
  std::size_t pending = 0;              ///< handovers waiting for a match now
};

class RegionTracker {
 public:
  struct Outputs {
    std::function<void(const track::FusedTrack&)> publish;
    std::function<void(const RegionMessage&)> hand_over;
    /// A handover (its token) matched local track `local`, which now has id `id`, while
    /// input `sequence` was processed.
    std::function<void(std::uint64_t token, std::uint64_t local, std::uint64_t id,
                       std::uint64_t sequence)>
        on_match;
    /// A handover (its token) expired unmatched.
    std::function<void(std::uint64_t token)> on_expire;
  };

  /// `config`: the node's engine configuration (its sources and picture); its risk stage
  /// is not run here. `clock` only times metrics.
  static Result<std::unique_ptr<RegionTracker>> create(engine::EngineConfig config,
                                                       const RegionPlan& plan, std::size_t region,
                                                       const Clock& clock);
  ~RegionTracker();
  RegionTracker(const RegionTracker&) = delete;
  RegionTracker& operator=(const RegionTracker&) = delete;

  void set_outputs(Outputs outputs) { outputs_ = std::move(outputs); }
  /// Silences publish and hand_over (a replay of inputs already published).
  void set_quiet(bool quiet) { quiet_ = quiet; }

  /// One input of source `input.source` (the config's index; source_count() is the
  /// operator source, whose heartbeats move time on); `sequence` numbers the inputs (the
  /// input stream's sequence), increasing.
  void process(const engine::RawInput& input, std::uint64_t sequence);
  /// End of input: releases what the reorder window holds.
  void finish();
  /// A track a neighbour handed to this region; `token` comes back in on_match/on_expire.
  void receive(const RegionMessage& handover, std::uint64_t token);
  /// Replays a match reported earlier: local track `local` takes id `id` from input
  /// `sequence` on.
  void force_match(std::uint64_t local, std::uint64_t id, std::uint64_t sequence) {
    forced_[local] = {id, sequence};
  }
  /// Sequence of the input being (or last) processed.
  std::uint64_t sequence() const { return sequence_; }

  const std::string& name() const { return map_.name(region_); }
  std::size_t source_count() const { return pipeline_->source_count(); }
  /// Index of source `id` in the configuration, or source_count() for "_operator".
  std::optional<std::size_t> source_index(const std::string& id) const;
  const engine::Pipeline& pipeline() const { return *pipeline_; }
  RegionStats stats() const;

 private:
  struct Local {
    std::uint64_t id = 0;  ///< picture-wide id; 0 while a dark track waits for one
    bool owned = false;    ///< its last word was published by this region
    bool born_in_core = false;
    TimeNs entered_core = -1;  ///< when a margin-born track came into the core
  };
  struct Pending {
    RegionMessage handover;
    std::uint64_t token = 0;
  };

  RegionTracker(const RegionPlan& plan, RegionMap map, std::size_t region);
  void on_updates(std::span<const track::FusedTrack> updates);
  void on_update(const track::FusedTrack& update);
  bool assign_dark_id(const track::FusedTrack& update, Local& local);
  void publish(const track::FusedTrack& update, const Local& local);
  void expire_pending(TimeNs now);

  HandoverSettings settings_;
  RegionMap map_;
  std::size_t region_;
  std::vector<bool> takes_source_;
  std::unique_ptr<engine::Pipeline> pipeline_;
  Outputs outputs_;
  bool quiet_ = false;
  std::unordered_map<std::uint64_t, Local> locals_;  ///< by local picture id
  std::vector<Pending> pending_;
  std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> forced_;  ///< id, from
  std::uint64_t sequence_ = 0;
  std::map<std::string, std::size_t> source_ids_;
  TimeNs now_ = 0;
  RegionStats stats_;
};

}  // namespace sw::region
