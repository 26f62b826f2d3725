#include "sim/ais_model.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "sim/random.h"
#include "sim/sim_time.h"

namespace sw::sim {
namespace {

constexpr int kStaticIntervalS = 360;
constexpr double kTurningDegPerS = 0.25;

std::int32_t raw_angle(double degrees) {  // 1/10000 minute
  return static_cast<std::int32_t>(std::lround(degrees * 600000.0));
}

std::uint32_t raw_speed(double speed_mps) {  // 1/10 knot
  const double tenths = std::round(units::mps_to_knots(speed_mps) * 10.0);
  return static_cast<std::uint32_t>(std::clamp(tenths, 0.0, 1022.0));
}

std::uint32_t raw_course(double course_deg) {  // 1/10 degree
  return static_cast<std::uint32_t>(std::lround(course_deg * 10.0)) % 3600U;
}

std::uint32_t heading_of(double course_deg) {
  return static_cast<std::uint32_t>(std::lround(course_deg)) % 360U;
}

// Rate of turn indicator: 4.733 * sqrt(degrees per minute), signed, at most 126.
std::int32_t rate_of_turn(double turn_rate_deg_s) {
  const double per_minute = std::fabs(turn_rate_deg_s) * 60.0;
  const auto indicator =
      static_cast<std::int32_t>(std::min(126.0, std::round(4.733 * std::sqrt(per_minute))));
  return turn_rate_deg_s < 0 ? -indicator : indicator;
}

std::uint32_t navigation_status(Activity activity) {
  switch (activity) {
    case Activity::kMoored: return 5;
    case Activity::kFishing: return 7;
    default: return 0;  // under way using engine
  }
}

TimeNs seconds(int count) { return static_cast<TimeNs>(count) * kNsPerSecond; }

}  // namespace

int position_report_interval_s(AisClass ais_class, Activity activity, double speed_kn,
                               double turn_rate_deg_s) {
  if (ais_class == AisClass::kB) return speed_kn > 2.0 ? 30 : 180;
  const bool turning = std::fabs(turn_rate_deg_s) > kTurningDegPerS;
  if (activity == Activity::kMoored && speed_kn <= 3.0) return 180;
  if (speed_kn <= 14.0) return turning ? 3 : 10;
  if (speed_kn <= 23.0) return turning ? 2 : 6;
  return 2;
}

ais::Message position_message(const Entity& entity, LatLon position, TimeNs time) {
  ais::Message message;
  message.mmsi = entity.vessel.mmsi;
  const std::uint32_t second = static_cast<std::uint32_t>(utc_fields(time).second);
  const Kinematics& state = entity.state;
  if (entity.vessel.ais_class == AisClass::kB) {
    message.type = 18;
    ais::ClassBPosition report;
    report.speed = raw_speed(state.speed_mps);
    report.lon = raw_angle(position.lon);
    report.lat = raw_angle(position.lat);
    report.course = raw_course(state.course_deg);
    report.heading = ais::kHeadingNotAvailable;
    report.second = second;
    report.cs = true;
    report.dsc = true;
    report.band = true;
    report.msg22 = true;
    report.radio = 0x60000;  // carrier-sense units send "ITDMA" with these radio bits set
    message.body = report;
  } else {
    message.type = 1;
    ais::PositionReport report;
    report.status = navigation_status(entity.activity);
    report.turn = rate_of_turn(state.turn_rate_deg_s);
    report.speed = raw_speed(state.speed_mps);
    report.accuracy = true;
    report.lon = raw_angle(position.lon);
    report.lat = raw_angle(position.lat);
    report.course = raw_course(state.course_deg);
    report.heading = heading_of(state.course_deg);
    report.second = second;
    message.body = report;
  }
  return message;
}

ais::Message static_message(const Entity& entity, TimeNs start_of_run) {
  const VesselParticulars& vessel = entity.vessel;
  ais::Message message;
  message.mmsi = vessel.mmsi;
  if (vessel.ais_class == AisClass::kB) {
    message.type = 24;
    ais::StaticDataReport report;
    report.part = ais::StaticDataReport::Part::kBoth;
    report.shipname.assign(vessel.name);
    report.shiptype = vessel.ship_type;
    report.vendorid.assign("SWS");
    report.model = 1;
    report.serial = vessel.mmsi % 1000000U;
    report.callsign.assign(vessel.callsign);
    report.to_bow = vessel.to_bow;
    report.to_stern = vessel.to_stern;
    report.to_port = vessel.to_port;
    report.to_starboard = vessel.to_starboard;
    message.body = report;
    return message;
  }
  message.type = 5;
  ais::StaticVoyageData report;
  report.ais_version = 2;
  report.imo = vessel.imo;
  report.callsign.assign(vessel.callsign);
  report.shipname.assign(vessel.name);
  report.shiptype = vessel.ship_type;
  report.to_bow = vessel.to_bow;
  report.to_stern = vessel.to_stern;
  report.to_port = vessel.to_port;
  report.to_starboard = vessel.to_starboard;
  report.epfd = 1;  // GPS
  // Expected arrival: a day after the start of the run, at the same hour.
  const UtcFields eta = utc_fields(start_of_run + 86400 * kNsPerSecond);
  report.month = static_cast<std::uint32_t>(eta.month);
  report.day = static_cast<std::uint32_t>(eta.day);
  report.hour = static_cast<std::uint32_t>(eta.hour);
  report.minute = 0;
  report.draught = static_cast<std::uint32_t>(std::lround(vessel.draught_m * 10.0));
  report.destination.assign(vessel.destination);
  message.body = report;
  return message;
}

AisModel::AisModel(std::vector<AisReceiverSite> receivers, std::uint64_t seed, TimeNs start)
    : receivers_(std::move(receivers)),
      phase_key_(CounterRng::stream_key(seed, stream_id(StreamFamily::kAisReceiver, 0xFFFF))),
      start_(start) {
  for (std::size_t receiver_idx = 0; receiver_idx < receivers_.size(); ++receiver_idx) {
    receiver_rngs_.emplace_back(seed, stream_id(StreamFamily::kAisReceiver, receiver_idx));
  }
}

void AisModel::transmit(const Snapshot& snapshot, std::size_t entity_idx,
                        const ais::Message& message, char channel, ReportQueue& queue) {
  const Entity& entity = (*snapshot.entities)[entity_idx];
  const LatLon position = snapshot.positions[entity_idx];
  for (std::size_t receiver_idx = 0; receiver_idx < receivers_.size(); ++receiver_idx) {
    const AisReceiverSite& receiver = receivers_[receiver_idx];
    const double reach =
        receiver.config.range_m *
        (entity.vessel.ais_class == AisClass::kB ? receiver.config.class_b_range_factor : 1.0);
    const double distance = geodesic_distance_m(receiver.position, position);
    if (distance > reach) continue;
    const double loss =
        receiver.config.slot_loss + receiver.config.edge_loss * std::pow(distance / reach, 4);
    if (chance(receiver_rngs_[receiver_idx], loss)) continue;
    queue.push(AisReport{snapshot.time, receiver.config.id, channel, entity.id, message});
  }
}

void AisModel::tick(const Snapshot& snapshot, ReportQueue& queue) {
  const std::vector<Entity>& entities = *snapshot.entities;
  if (schedules_.size() < entities.size()) schedules_.resize(entities.size());
  for (std::size_t entity_idx = 0; entity_idx < entities.size(); ++entity_idx) {
    const Entity& entity = entities[entity_idx];
    if (entity.vessel.ais_class == AisClass::kNone || !entity.active()) continue;
    Schedule& schedule = schedules_[entity_idx];
    const double speed_kn = units::mps_to_knots(entity.state.speed_mps);
    if (schedule.next_position < 0) {
      // First reports at a random phase of their intervals.
      const std::uint64_t draw = CounterRng::at(phase_key_, entity.id);
      const int interval = position_report_interval_s(entity.vessel.ais_class, entity.activity,
                                                      speed_kn, entity.state.turn_rate_deg_s);
      schedule.next_position =
          snapshot.time + seconds(static_cast<int>(draw % static_cast<std::uint64_t>(interval)));
      schedule.next_static =
          snapshot.time + seconds(static_cast<int>((draw >> 20U) % kStaticIntervalS));
      schedule.channel_b = ((draw >> 40U) & 1U) != 0;
    }
    if (snapshot.time >= schedule.next_static) {
      transmit(snapshot, entity_idx, static_message(entity, start_), schedule.channel_b ? 'B' : 'A',
               queue);
      schedule.channel_b = !schedule.channel_b;
      schedule.next_static = snapshot.time + seconds(kStaticIntervalS);
    }
    if (snapshot.time >= schedule.next_position) {
      transmit(snapshot, entity_idx,
               position_message(entity, snapshot.positions[entity_idx], snapshot.time),
               schedule.channel_b ? 'B' : 'A', queue);
      schedule.channel_b = !schedule.channel_b;
      schedule.next_position = snapshot.time + seconds(position_report_interval_s(
                                                   entity.vessel.ais_class, entity.activity,
                                                   speed_kn, entity.state.turn_rate_deg_s));
    }
  }
}

}  // namespace sw::sim
