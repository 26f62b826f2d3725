#include "ingest/asterix/to_observation.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/units.h"
#include "ingest/asterix/scales.h"

namespace sw::asterix {
namespace {

constexpr TimeNs kNsPerDay = 86400 * kNsPerSecond;

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

void add(Observation& observation, const char* key, std::string value) {
  observation.attributes.emplace_back(key, std::move(value));
}

/// The target's position east/north of the site, from I010/042 or I010/040.
std::optional<EastNorth> site_relative_position(const Cat010Record& record) {
  if (record.position_cartesian) {
    return EastNorth{record.position_cartesian->x_m, record.position_cartesian->y_m};
  }
  if (record.position_polar) {
    const double azimuth_rad = units::deg_to_rad(record.position_polar->azimuth_deg);
    return EastNorth{record.position_polar->range_m * std::sin(azimuth_rad),
                     record.position_polar->range_m * std::cos(azimuth_rad)};
  }
  return std::nullopt;
}

bool is_valid(const LatLon& position) {
  return std::fabs(position.lat) <= 90.0 && std::fabs(position.lon) <= 180.0;
}

std::optional<Velocity> velocity_of(const Cat010Record& record) {
  if (record.velocity_cartesian) {
    return Velocity{record.velocity_cartesian->vx_mps, record.velocity_cartesian->vy_mps};
  }
  if (record.velocity_polar) {
    const double speed_mps =
        record.velocity_polar->ground_speed_nm_per_s * units::kMetresPerNauticalMile;
    const double angle_rad = units::deg_to_rad(record.velocity_polar->track_angle_deg);
    return Velocity{speed_mps * std::sin(angle_rad), speed_mps * std::cos(angle_rad)};
  }
  return std::nullopt;
}

void add_track_status(Observation& observation, const TrackStatus& status) {
  std::string flags;
  const auto append = [&flags](const char* name) {
    if (!flags.empty()) flags += ',';
    flags += name;
  };
  if (status.cnf) append("initiating");
  if (status.tre) append("last_report");
  if (status.cst != 0) append("coasting");
  if (status.gho) append("ghost");
  if (!flags.empty()) add(observation, "track_status", flags);
}

void add_attributes(Observation& observation, const Cat010Record& record, const RadarSite& site) {
  if (record.track_number) add(observation, "track_number", std::to_string(*record.track_number));
  const DataSourceId source = record.data_source.value_or(site.data_source);
  add(observation, "sac_sic", std::to_string(source.sac) + "/" + std::to_string(source.sic));
  if (!site.label_text.empty()) add(observation, "site", site.label_text);
  if (record.target_address) {
    char text[8];
    std::snprintf(text, sizeof(text), "%06X", static_cast<unsigned>(*record.target_address));
    add(observation, "target_address", text);
  }
  if (record.mode3a) {
    char text[8];
    std::snprintf(text, sizeof(text), "%04o", static_cast<unsigned>(record.mode3a->code));
    add(observation, "mode3a", text);
  }
  if (record.target_size) {
    add(observation, "target_length_m", number_text(record.target_size->length_m));
    if (record.target_size->width_m) {
      add(observation, "target_width_m", number_text(*record.target_size->width_m));
    }
    if (record.target_size->orientation_deg) {
      add(observation, "orientation_deg", number_text(*record.target_size->orientation_deg));
    }
  }
  if (record.track_status) add_track_status(observation, *record.track_status);
  if (record.descriptor && record.descriptor->sim) add(observation, "simulated", "true");
  if (record.descriptor && record.descriptor->tst) add(observation, "test_target", "true");
}

}  // namespace

TimeNs time_from_time_of_day(double time_of_day_s, TimeNs reference) {
  if (!std::isfinite(time_of_day_s)) return reference;
  double seconds = std::fmod(time_of_day_s, scales::kSecondsPerDay);
  if (seconds < 0) seconds += scales::kSecondsPerDay;
  const auto time_of_day_ns = static_cast<TimeNs>(std::llround(seconds * 1e9));
  TimeNs midnight = (reference / kNsPerDay) * kNsPerDay;
  if (reference < 0 && reference % kNsPerDay != 0) midnight -= kNsPerDay;
  TimeNs candidate = midnight + time_of_day_ns;
  if (candidate - reference > kNsPerDay / 2) candidate -= kNsPerDay;
  if (reference - candidate > kNsPerDay / 2) candidate += kNsPerDay;
  return candidate;
}

Covariance2 polar_covariance(double range_m, double azimuth_deg, double range_sigma_m,
                             double azimuth_sigma_deg) {
  const double azimuth_rad = units::deg_to_rad(azimuth_deg);
  const double sin_az = std::sin(azimuth_rad);
  const double cos_az = std::cos(azimuth_rad);
  const double radial_var = range_sigma_m * range_sigma_m;
  const double cross_sigma = range_m * units::deg_to_rad(azimuth_sigma_deg);
  const double cross_var = cross_sigma * cross_sigma;
  // Radial unit vector (sin, cos), cross-range unit vector (cos, -sin), east-north.
  return Covariance2{radial_var * sin_az * sin_az + cross_var * cos_az * cos_az,
                     (radial_var - cross_var) * sin_az * cos_az,
                     radial_var * cos_az * cos_az + cross_var * sin_az * sin_az};
}

Result<Observation> to_observation(const Cat010Record& record, const RadarSite& site,
                                   TimeNs receive_time) {
  if (record.message_type && *record.message_type != Cat010MessageType::kTargetReport) {
    return Error{"not_target_report",
                 "CAT010 message type " + std::to_string(static_cast<int>(*record.message_type))};
  }
  if (record.data_source && !(*record.data_source == site.data_source)) {
    return Error{"other_source", "CAT010 record from SAC/SIC " +
                                     std::to_string(record.data_source->sac) + "/" +
                                     std::to_string(record.data_source->sic)};
  }
  const LocalFrame exact(site.position);
  const LocalFrame& frame = site.frame ? *site.frame : exact;
  const Error bad_position{"bad_position", "CAT010 position outside WGS-84 ranges or not finite"};
  LatLon position;
  EastNorth relative;
  if (record.position_wgs84) {
    if (!is_valid(*record.position_wgs84)) return bad_position;
    position = *record.position_wgs84;
    relative = frame.forward(position);
  } else if (const auto local = site_relative_position(record)) {
    if (!std::isfinite(local->east) || !std::isfinite(local->north)) return bad_position;
    relative = *local;
    position = frame.reverse(relative);
  } else {
    return Error{"no_position", "CAT010 record without a position"};
  }
  if (!is_valid(position)) return bad_position;

  Observation observation;
  observation.time = record.time_of_day_s
                         ? time_from_time_of_day(*record.time_of_day_s, receive_time)
                         : receive_time;
  observation.source_id = site.source_id;
  observation.kind =
      record.track_number ? ObservationKind::kRadarTrack : ObservationKind::kRadarPlot;
  observation.position = position;
  if (record.position_deviation) {
    const PositionDeviation& deviation = *record.position_deviation;
    observation.position_covariance = {deviation.sigma_x_m * deviation.sigma_x_m,
                                       deviation.covariance_xy_m2,
                                       deviation.sigma_y_m * deviation.sigma_y_m};
  } else {
    const double range_m = std::hypot(relative.east, relative.north);
    const double azimuth_deg = units::rad_to_deg(std::atan2(relative.east, relative.north));
    observation.position_covariance =
        polar_covariance(range_m, azimuth_deg, site.range_sigma_m, site.azimuth_sigma_deg);
  }
  observation.velocity = velocity_of(record);
  if (record.target_size && record.target_size->orientation_deg) {
    observation.heading_deg = record.target_size->orientation_deg;
  }
  if (record.target_identification && !record.target_identification->empty()) {
    observation.identity.callsign = *record.target_identification;
  }
  add_attributes(observation, record, site);
  observation.label = site.label;
  return observation;
}

}  // namespace sw::asterix
