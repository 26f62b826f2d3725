#include "cli/observation_json.h"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace sw::cli {

std::string iso_time_ns(TimeNs time) {
  std::int64_t seconds = time / 1'000'000'000;
  std::int64_t nanoseconds = time % 1'000'000'000;
  if (nanoseconds < 0) {
    nanoseconds += 1'000'000'000;
    seconds -= 1;
  }
  const std::chrono::sys_seconds whole{std::chrono::seconds{seconds}};
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:09d}Z", whole, nanoseconds);
}

namespace {

nlohmann::json label_to_json(const Label& label) {
  nlohmann::json purposes = nlohmann::json::array();
  if ((label.purposes & kPurposeSearchAndRescue) != 0) purposes.push_back("sar");
  if ((label.purposes & kPurposeBorderMonitoring) != 0) purposes.push_back("border");
  if ((label.purposes & kPurposeLawEnforcement) != 0) purposes.push_back("law");
  return {{"owner", label.owner},
          {"releasable_to", label.releasable_to},
          {"purposes", purposes},
          {"sensitivity", to_string(label.sensitivity)},
          {"personal_data", label.personal_data},
          {"retention_s", label.retention_s}};
}

}  // namespace

nlohmann::json observation_to_json(const Observation& observation) {
  nlohmann::json out;
  out["time"] = iso_time_ns(observation.time);
  out["source"] = observation.source_id;
  out["kind"] = to_string(observation.kind);
  if (observation.position) {
    out["lat"] = observation.position->lat;
    out["lon"] = observation.position->lon;
    out["cov_ee"] = observation.position_covariance.ee;
    out["cov_en"] = observation.position_covariance.en;
    out["cov_nn"] = observation.position_covariance.nn;
  }
  if (observation.velocity) {
    out["vel_east"] = observation.velocity->east;
    out["vel_north"] = observation.velocity->north;
  }
  if (observation.heading_deg) out["heading"] = *observation.heading_deg;
  if (observation.identity.mmsi) out["mmsi"] = *observation.identity.mmsi;
  if (!observation.identity.callsign.empty()) out["callsign"] = observation.identity.callsign;
  if (!observation.identity.asset_id.empty()) out["asset_id"] = observation.identity.asset_id;
  if (!observation.attributes.empty()) {
    nlohmann::json attributes = nlohmann::json::object();
    for (const auto& [key, value] : observation.attributes) attributes[key] = value;
    out["attributes"] = attributes;
  }
  out["label"] = label_to_json(observation.label);
  return out;
}

std::string observation_json_line(const Observation& observation) {
  return observation_to_json(observation)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sw::cli
