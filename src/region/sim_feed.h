#pragma once
/// The simulated Strait onto the bus: the simulator's reports in their wire formats (as
/// `straitwatch run` sends them over sockets), each published as one input of its source
/// (<prefix>.in.<source>, header Sw-Receive: the simulated receive time), then a heartbeat
/// just past the end so every region releases what its reorder window holds. The region
/// processes of that scenario take their sources from engine::build_builtin_simulation.

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "region/bus.h"
#include "sim/scenario.h"

namespace sw::region {

struct FeedStats {
  std::uint64_t inputs = 0;
  std::uint64_t bytes = 0;
};

/// Runs the whole scenario as fast as it goes and publishes its inputs; `progress` is told
/// each simulated hour.
Result<FeedStats> feed_scenario(const sim::Scenario& scenario, Bus& bus,
                                const std::function<void(const std::string&)>& progress = {});

}  // namespace sw::region
