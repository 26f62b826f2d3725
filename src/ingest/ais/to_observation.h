#pragma once
/// Conversion of decoded AIS messages into Observations, the input of fusion.

#include <optional>
#include <string>

#include "core/label.h"
#include "core/observation.h"
#include "ingest/ais/decoder.h"

namespace sw::ais {

/// Where and when a message was received, and under which label it is released.
struct ObservationContext {
  std::string source_id;
  TimeNs receive_time = 0;  ///< receiver clock; a tag-block c: time is preferred when present
  Label label;
};

/// One standard deviation of an AIS position, metres, by the position-accuracy flag
/// (ITU-R M.1371-5: 1 = better than 10 m, 0 = worse than 10 m) — a GNSS fix with
/// DGNSS is taken as 5 m, an unaugmented one as 25 m; long-range (type 27) positions
/// are quantised to 1/10 minute (about 185 m), taken as 110 m.
double position_sigma_m(const Message& message);

/// Sensor time of a message: the reception time (tag block c: when present), moved to
/// the UTC second the report carries (0-59) within the nearest minute.
TimeNs observation_time(std::int64_t tag_unix_time, TimeNs receive_time,
                        std::optional<std::uint32_t> utc_second);

/// Position reports (types 1-3, 9, 18, 19, 21, 27) become kAisPosition observations,
/// static data (types 5, 24, and 19's static part) kAisStatic. "Not available" values
/// (91°, 181°, 102.3 kn, 360°, 511°) are absent, never zeros. Other types: nullopt.
std::optional<Observation> to_observation(const Message& message, const MessageSource& source,
                                          const ObservationContext& context);

}  // namespace sw::ais
