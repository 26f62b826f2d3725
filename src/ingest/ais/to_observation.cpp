#include "ingest/ais/to_observation.h"

#include <cmath>
#include <string>

#include "core/units.h"

namespace sw::ais {
namespace {

constexpr double kDgnssSigmaM = 5.0;
constexpr double kGnssSigmaM = 25.0;
constexpr double kLongRangeSigmaM = 110.0;

/// A position in 1/10000 minute, or nullopt for "not available" / out of range.
std::optional<LatLon> position_of(std::int32_t lon, std::int32_t lat, double divisor) {
  const double lat_deg = lat / divisor;
  const double lon_deg = lon / divisor;
  if (std::fabs(lat_deg) > 90.0 || std::fabs(lon_deg) > 180.0) return std::nullopt;
  return LatLon{lat_deg, lon_deg};
}

/// Velocity from speed over ground (1/10 kn) and course over ground (1/10 deg).
std::optional<Velocity> velocity_of(double speed_knots, bool speed_known, double course_deg,
                                    bool course_known) {
  if (!speed_known) return std::nullopt;
  if (speed_knots == 0.0) return Velocity{0.0, 0.0};
  if (!course_known) return std::nullopt;
  const double speed_mps = units::knots_to_mps(speed_knots);
  const double course_rad = units::deg_to_rad(course_deg);
  return Velocity{speed_mps * std::sin(course_rad), speed_mps * std::cos(course_rad)};
}

void set_position(Observation& observation, std::optional<LatLon> position, double sigma_m) {
  observation.position = position;
  observation.position_covariance = {sigma_m * sigma_m, 0.0, sigma_m * sigma_m};
}

void add(Observation& observation, const char* key, std::string_view value) {
  observation.attributes.emplace_back(key, std::string(value));
}

void add_dimensions(Observation& observation, std::uint32_t to_bow, std::uint32_t to_stern,
                    std::uint32_t to_port, std::uint32_t to_starboard) {
  if (to_bow + to_stern > 0) add(observation, "length_m", std::to_string(to_bow + to_stern));
  if (to_port + to_starboard > 0)
    add(observation, "beam_m", std::to_string(to_port + to_starboard));
}

void add_ship_type(Observation& observation, std::uint32_t shiptype) {
  if (shiptype == 0) return;
  add(observation, "shiptype", std::to_string(shiptype));
  add(observation, "shiptype_text", ship_type_text(shiptype));
}

Observation base_observation(const Message& message, const ObservationContext& context,
                             ObservationKind kind) {
  Observation observation;
  observation.source_id = context.source_id;
  observation.kind = kind;
  observation.identity.mmsi = message.mmsi;
  observation.label = context.label;
  return observation;
}

std::optional<std::uint32_t> utc_second(std::uint32_t second) {
  return second < 60 ? std::optional<std::uint32_t>(second) : std::nullopt;
}

/// Position, SOG/COG velocity and heading of a Class A or B position report.
template <typename Report>
void set_motion(Observation& observation, const Report& report, double sigma_m) {
  set_position(observation, position_of(report.lon, report.lat, 600000.0), sigma_m);
  observation.velocity = velocity_of(report.speed / 10.0, report.speed < kSpeedFastMover,
                                     report.course / 10.0, report.course < kCourseNotAvailable);
  observation.heading_deg =
      report.heading < 360 ? std::optional<double>(report.heading) : std::nullopt;
}

}  // namespace

double position_sigma_m(const Message& message) {
  if (message.type == 27) return kLongRangeSigmaM;
  bool accurate = false;
  std::visit(
      [&](const auto& body) {
        if constexpr (requires { body.accuracy; }) accurate = body.accuracy;
      },
      message.body);
  return accurate ? kDgnssSigmaM : kGnssSigmaM;
}

TimeNs observation_time(std::int64_t tag_unix_time, TimeNs receive_time,
                        std::optional<std::uint32_t> second) {
  TimeNs base = receive_time;
  if (tag_unix_time >= 0) {
    // c: is seconds since the epoch; some feeds send milliseconds.
    base = tag_unix_time > 100'000'000'000LL ? tag_unix_time * 1'000'000LL
                                             : tag_unix_time * kNsPerSecond;
  }
  if (!second || base <= 0) return base;
  const TimeNs minute_ns = 60 * kNsPerSecond;
  const TimeNs minute_start = base - base % minute_ns;
  TimeNs best = minute_start + static_cast<TimeNs>(*second) * kNsPerSecond;
  for (const TimeNs shift : {-minute_ns, minute_ns}) {
    const TimeNs candidate = minute_start + shift + static_cast<TimeNs>(*second) * kNsPerSecond;
    if (std::llabs(candidate - base) < std::llabs(best - base)) best = candidate;
  }
  return best;
}

std::optional<Observation> to_observation(const Message& message, const MessageSource& source,
                                          const ObservationContext& context) {
  const double sigma = position_sigma_m(message);
  const auto time_for = [&](std::optional<std::uint32_t> second) {
    return observation_time(source.tag_unix_time, context.receive_time, second);
  };
  constexpr double kDiv = 600000.0;

  if (const auto* report = std::get_if<PositionReport>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisPosition);
    observation.time = time_for(utc_second(report->second));
    set_motion(observation, *report, sigma);
    add(observation, "nav_status", navigation_status_text(report->status));
    add(observation, "class", "A");
    return observation;
  }
  if (const auto* report = std::get_if<ClassBPosition>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisPosition);
    observation.time = time_for(utc_second(report->second));
    set_motion(observation, *report, sigma);
    add(observation, "class", "B");
    return observation;
  }
  if (const auto* report = std::get_if<ClassBExtended>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisPosition);
    observation.time = time_for(utc_second(report->second));
    set_motion(observation, *report, sigma);
    add(observation, "class", "B");
    if (!report->shipname.empty())
      add(observation, "shipname", std::string(report->shipname.view()));
    add_ship_type(observation, report->shiptype);
    add_dimensions(observation, report->to_bow, report->to_stern, report->to_port,
                   report->to_starboard);
    return observation;
  }
  if (const auto* report = std::get_if<SarAircraftPosition>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisPosition);
    observation.time = time_for(utc_second(report->second));
    set_position(observation, position_of(report->lon, report->lat, kDiv), sigma);
    // Type 9 speed is in whole knots (1023 = not available, 1022 = 1022 kn or more).
    observation.velocity = velocity_of(report->speed, report->speed < 1022, report->course / 10.0,
                                       report->course < kCourseNotAvailable);
    add(observation, "class", "sar_aircraft");
    if (report->alt < 4095) add(observation, "altitude_m", std::to_string(report->alt));
    return observation;
  }
  if (const auto* report = std::get_if<LongRangePosition>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisPosition);
    observation.time = time_for(std::nullopt);
    set_position(observation, position_of(report->lon, report->lat, 600.0), sigma);
    observation.velocity =
        velocity_of(report->speed, report->speed < 63, report->course, report->course < 360);
    add(observation, "nav_status", navigation_status_text(report->status));
    add(observation, "class", "long_range");
    return observation;
  }
  if (const auto* report = std::get_if<AidToNavigation>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisPosition);
    observation.time = time_for(utc_second(report->second));
    set_position(observation, position_of(report->lon, report->lat, kDiv), sigma);
    add(observation, "class", "aid_to_navigation");
    add(observation, "aid_type", navaid_type_text(report->aid_type));
    if (!report->name.empty()) add(observation, "shipname", std::string(report->name.view()));
    if (report->virtual_aid) add(observation, "virtual", "true");
    return observation;
  }
  if (const auto* report = std::get_if<StaticVoyageData>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisStatic);
    observation.time = time_for(std::nullopt);
    observation.identity.callsign = std::string(report->callsign.view());
    if (!report->shipname.empty())
      add(observation, "shipname", std::string(report->shipname.view()));
    if (report->imo != 0) add(observation, "imo", std::to_string(report->imo));
    add_ship_type(observation, report->shiptype);
    add_dimensions(observation, report->to_bow, report->to_stern, report->to_port,
                   report->to_starboard);
    if (report->draught != 0) {
      add(observation, "draught_m",
          std::to_string(report->draught / 10) + "." + std::to_string(report->draught % 10));
    }
    if (!report->destination.empty()) {
      add(observation, "destination", std::string(report->destination.view()));
    }
    add(observation, "class", "A");
    return observation;
  }
  if (const auto* report = std::get_if<StaticDataReport>(&message.body)) {
    Observation observation = base_observation(message, context, ObservationKind::kAisStatic);
    observation.time = time_for(std::nullopt);
    if (report->part != StaticDataReport::Part::kB && !report->shipname.empty()) {
      add(observation, "shipname", std::string(report->shipname.view()));
    }
    if (report->part != StaticDataReport::Part::kA) {
      observation.identity.callsign = std::string(report->callsign.view());
      add_ship_type(observation, report->shiptype);
      if (report->auxiliary) {
        add(observation, "mothership_mmsi", std::to_string(report->mothership_mmsi));
      } else {
        add_dimensions(observation, report->to_bow, report->to_stern, report->to_port,
                       report->to_starboard);
      }
    }
    add(observation, "class", "B");
    return observation;
  }
  return std::nullopt;
}

}  // namespace sw::ais
