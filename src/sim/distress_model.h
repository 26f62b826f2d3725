#pragma once
/// DistressModel: calls for help from small boats whose engine failed — a first call by
/// phone some minutes after stopping, then relayed updates at intervals, each with the
/// caller's position (phone GPS, with noise) and the number of people on board.

#include <vector>

#include "core/counter_rng.h"
#include "sim/scenario.h"
#include "sim/sink.h"
#include "sim/snapshot.h"

namespace sw::sim {

/// Distress calls of stopped boats.
class DistressModel {
 public:
  DistressModel(DistressConfig config, std::uint64_t seed);

  /// Push the calls due in [snapshot.time, step_end).
  void tick(const Snapshot& snapshot, TimeNs step_end, ReportQueue& queue);

 private:
  struct Caller {
    bool decided = false;
    bool calls = false;
    TimeNs next_call = 0;
    int calls_made = 0;
  };
  DistressConfig config_;
  std::uint64_t seed_;
  std::vector<Caller> callers_;
  std::vector<CounterRng> rngs_;
};

}  // namespace sw::sim
