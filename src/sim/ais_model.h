#pragma once
/// AisModel: AIS transmissions of the simulated vessels at the reporting intervals of
/// ITU-R M.1371 and their reception by the shore stations (range and slot losses).
///
/// Reporting intervals (M.1371-5 Table 1; integer seconds, so a report's NMEA tag block
/// time is exact): Class A moored and at most 3 kn: 180 s; up to 14 kn: 10 s (3 s while
/// turning); 14-23 kn: 6 s (2 s while turning); over 23 kn: 2 s. Class B (carrier sense)
/// over 2 kn: 30 s, else 180 s. Static data (type 5; type 24 parts A and B): every 360 s.

#include <string>
#include <vector>

#include "core/counter_rng.h"
#include "core/geo.h"
#include "ingest/ais/messages.h"
#include "sim/entity.h"
#include "sim/scenario.h"
#include "sim/sink.h"
#include "sim/snapshot.h"

namespace sw::sim {

/// A shore AIS station with its resolved position.
struct AisReceiverSite {
  AisReceiverConfig config;
  LatLon position;
};

/// Seconds to the next position report of a vessel in this state.
int position_report_interval_s(AisClass ais_class, Activity activity, double speed_kn,
                               double turn_rate_deg_s);

/// The position report (type 1 or 18) a vessel sends at `time`, position as given.
ais::Message position_message(const Entity& entity, LatLon position, TimeNs time);
/// The static data a vessel sends (type 5, or type 24 with parts A and B).
ais::Message static_message(const Entity& entity, TimeNs start_of_run);

/// AIS of every vessel, transmissions at whole seconds.
class AisModel {
 public:
  AisModel(std::vector<AisReceiverSite> receivers, std::uint64_t seed, TimeNs start);

  /// Transmissions due at `snapshot.time`, pushed as one AisReport per station that
  /// receives them.
  void tick(const Snapshot& snapshot, ReportQueue& queue);

  const std::vector<AisReceiverSite>& receivers() const { return receivers_; }

 private:
  struct Schedule {
    TimeNs next_position = -1;  ///< -1: not yet scheduled
    TimeNs next_static = -1;
    bool channel_b = false;
  };
  void transmit(const Snapshot& snapshot, std::size_t entity_idx, const ais::Message& message,
                char channel, ReportQueue& queue);

  std::vector<AisReceiverSite> receivers_;
  std::vector<CounterRng> receiver_rngs_;
  std::vector<Schedule> schedules_;
  std::uint64_t phase_key_;  ///< CounterRng stream key of the first-report phases
  TimeNs start_;
};

}  // namespace sw::sim
