#pragma once
/// One JSON object per Observation: the common output of every `straitwatch <format> decode`.

#include <string>

#include <nlohmann/json.hpp>

#include "core/observation.h"

namespace sw::cli {

/// {"time": ISO-8601 UTC with nanoseconds, "source", "kind", "lat", "lon", "cov_ee",
/// "cov_en", "cov_nn", "vel_east", "vel_north", "heading", "mmsi", "callsign", "asset_id",
/// "attributes": {...}, "label": {...}}; absent optional values are omitted.
nlohmann::json observation_to_json(const Observation& observation);

/// observation_to_json(observation).dump() — one line, no trailing newline.
std::string observation_json_line(const Observation& observation);

/// UTC time as "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ".
std::string iso_time_ns(TimeNs time);

}  // namespace sw::cli
