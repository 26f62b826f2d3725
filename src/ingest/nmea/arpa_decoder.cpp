#include "ingest/nmea/arpa_decoder.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/units.h"
#include "ingest/nmea/arpa_geometry.h"
#include "ingest/nmea/arpa_own_ship.h"
#include "ingest/nmea/arpa_parse.h"

namespace sw::nmea {
namespace {

struct ReasonName {
  ArpaLineReason reason;
  const char* name;
};

constexpr std::array<ReasonName, static_cast<std::size_t>(ArpaLineReason::kCount)> kReasonNames{{
    {ArpaLineReason::kTarget, "target"},
    {ArpaLineReason::kLostTarget, "lost_target"},
    {ArpaLineReason::kOwnShip, "own_ship"},
    {ArpaLineReason::kOwnShipInvalid, "own_ship_invalid"},
    {ArpaLineReason::kBlank, "blank"},
    {ArpaLineReason::kOther, "other_sentence"},
    {ArpaLineReason::kLineTooLong, "line_too_long"},
    {ArpaLineReason::kMalformed, "malformed"},
    {ArpaLineReason::kNoChecksum, "no_checksum"},
    {ArpaLineReason::kBadChecksum, "bad_checksum"},
    {ArpaLineReason::kMissingField, "missing_field"},
    {ArpaLineReason::kBadNumber, "bad_number"},
    {ArpaLineReason::kBadFlag, "bad_flag"},
    {ArpaLineReason::kOutOfRange, "out_of_range"},
    {ArpaLineReason::kBadTime, "bad_time"},
    {ArpaLineReason::kNoOwnPosition, "no_own_position"},
    {ArpaLineReason::kNoHeading, "relative_bearing_without_heading"},
}};

/// The reason of a parse error code (the codes of split_nmea_fields and the parsers).
ArpaLineReason reason_of(const Error& error) {
  for (const auto& entry : kReasonNames) {
    if (error.code == entry.name) return entry.reason;
  }
  return ArpaLineReason::kMalformed;
}

ArpaLineResult rejected(const Error& error) {
  ArpaLineResult result;
  result.reason = reason_of(error);
  result.detail = error.detail;
  return result;
}

void add_attribute(Observation& observation, std::string key, std::string value) {
  observation.attributes.emplace_back(std::move(key), std::move(value));
}

double normalised_degrees(double degrees) {
  double wrapped = std::fmod(degrees, 360.0);
  if (wrapped < 0.0) wrapped += 360.0;
  return wrapped >= 360.0 ? 0.0 : wrapped;
}

}  // namespace

const char* to_string(ArpaLineReason reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kReasonNames.size() ? kReasonNames[index].name : "unknown";
}

bool is_rejection(ArpaLineReason reason) { return reason >= ArpaLineReason::kLineTooLong; }

std::uint64_t ArpaDecoderStats::rejected() const {
  std::uint64_t total = 0;
  for (std::size_t reason_idx = 0; reason_idx < by_reason.size(); ++reason_idx) {
    if (is_rejection(static_cast<ArpaLineReason>(reason_idx))) total += by_reason[reason_idx];
  }
  return total;
}

ArpaDecoder::ArpaDecoder(ArpaDecoderOptions options) : options_(std::move(options)) {}

ArpaLineResult ArpaDecoder::finish(ArpaLineResult result) {
  ++stats_.by_reason[static_cast<std::size_t>(result.reason)];
  if (result.observation) ++stats_.observations;
  return result;
}

bool ArpaDecoder::fresh(const Stamped& stamp, TimeNs receive_time) const {
  if (!stamp.valid) return false;
  if (receive_time == 0 || stamp.received == 0) return true;
  const TimeNs age = receive_time >= stamp.received ? receive_time - stamp.received
                                                    : stamp.received - receive_time;
  return age <= options_.max_own_ship_age_ns;
}

ArpaLineResult ArpaDecoder::feed_line(std::string_view line, TimeNs receive_time) {
  ++stats_.lines;
  ArpaLineResult result;
  line = strip_tag_block(line);
  if (line.empty() || line[0] == '#') {
    result.reason = ArpaLineReason::kBlank;
    return finish(std::move(result));
  }
  const std::string_view formatter = sentence_formatter(line);
  if (formatter.empty()) {
    result.reason = line[0] == '$' ? ArpaLineReason::kMalformed : ArpaLineReason::kOther;
    return finish(std::move(result));
  }
  const bool is_target = formatter == "TTM" || formatter == "TLL";
  if (!is_target && !is_own_ship_formatter(formatter)) {
    result.reason = ArpaLineReason::kOther;
    return finish(std::move(result));
  }
  const auto fields = split_nmea_fields(line);
  if (!fields.ok()) return finish(rejected(fields.error()));
  if (!is_target) return finish(take_own_ship(*fields, receive_time));
  auto target = parse_arpa_fields(*fields);
  if (!target.ok()) return finish(rejected(target.error()));
  return finish(take_target(std::move(target).value(), receive_time));
}

ArpaLineResult ArpaDecoder::take_own_ship(const NmeaFields& fields, TimeNs receive_time) {
  const auto report = parse_own_ship_fields(fields);
  if (!report.ok()) return rejected(report.error());
  if (report->position) {
    own_position_ = *report->position;
    own_position_stamp_ = Stamped{true, receive_time};
  }
  if (report->no_fix) own_position_stamp_.valid = false;
  if (report->true_heading_deg) {
    own_heading_deg_ = *report->true_heading_deg;
    own_heading_stamp_ = Stamped{true, receive_time};
  }
  if (report->no_heading) own_heading_stamp_.valid = false;
  if (report->utc_time) stream_time_ = *report->utc_time;
  ArpaLineResult result;
  result.reason = report->no_fix || report->no_heading ? ArpaLineReason::kOwnShipInvalid
                                                       : ArpaLineReason::kOwnShip;
  return result;
}

ArpaLineResult ArpaDecoder::take_target(ArpaTarget target, TimeNs receive_time) {
  ArpaLineResult result;
  const bool lost = target.status == ArpaStatus::kLost;
  result.reason = lost ? ArpaLineReason::kLostTarget : ArpaLineReason::kTarget;

  // Where the radar is, and how well that is known.
  std::optional<LatLon> radar;
  double radar_variance = 0.0;
  bool radar_is_site = false;
  if (fresh(own_position_stamp_, receive_time)) {
    radar = own_position_;
    radar_variance = options_.own_position_sigma_m * options_.own_position_sigma_m;
  } else if (options_.site) {
    radar = options_.site;
    radar_variance = options_.site_sigma_m * options_.site_sigma_m;
    radar_is_site = true;
  }

  Observation observation;
  observation.kind = ObservationKind::kRadarTrack;
  observation.source_id = options_.source_id;
  observation.label = options_.label;

  const TimeNs reference = receive_time > 0 ? receive_time : stream_time_;
  if (target.utc_seconds_of_day && reference > 0) {
    observation.time = resolve_time_of_day(*target.utc_seconds_of_day, reference);
  } else if (target.utc_seconds_of_day) {
    observation.time = static_cast<TimeNs>(std::llround(*target.utc_seconds_of_day * 1e9));
  } else {
    observation.time = reference;
  }
  const bool undated = reference <= 0;

  const double bearing_sigma = options_.bearing_sigma_deg;
  if (target.sentence == ArpaSentence::kTtm) {
    if (!radar) {
      result.reason = ArpaLineReason::kNoOwnPosition;
      result.target = std::move(target);
      return result;
    }
    double bearing = *target.bearing_deg;
    double bearing_variance = bearing_sigma * bearing_sigma;
    if (target.bearing_relative) {
      std::optional<double> heading;
      if (fresh(own_heading_stamp_, receive_time)) {
        heading = own_heading_deg_;
      } else if (options_.site_heading_deg) {
        heading = options_.site_heading_deg;
      }
      if (!heading) {
        result.reason = ArpaLineReason::kNoHeading;
        result.target = std::move(target);
        return result;
      }
      bearing = normalised_degrees(bearing + *heading);
      bearing_variance += options_.heading_sigma_deg * options_.heading_sigma_deg;
    }
    const double metres_per = metres_per_unit(target.unit);
    const double range_m = *target.distance * metres_per;
    const double bearing_rad = units::deg_to_rad(bearing);
    observation.position = LocalFrame(*radar).reverse(
        {range_m * std::sin(bearing_rad), range_m * std::cos(bearing_rad)});
    const double range_sigma =
        std::max(options_.range_sigma_fraction * range_m, options_.range_sigma_min_m);
    observation.position_covariance =
        polar_covariance(range_m, bearing, range_sigma, std::sqrt(bearing_variance));
    if (target.speed && target.course_deg && !lost) {
      if (target.course_relative) {
        ++stats_.relative_course_dropped;
      } else {
        observation.velocity =
            course_velocity(*target.speed * metres_per / 3600.0, *target.course_deg);
      }
    }
    if (radar_is_site) ++stats_.from_site;
  } else {
    observation.position = target.position;
    if (radar) {
      const double range_m = geodesic_distance_m(*radar, *target.position);
      const double bearing = geodesic_bearing_deg(*radar, *target.position);
      const double range_sigma =
          std::max(options_.range_sigma_fraction * range_m, options_.range_sigma_min_m);
      observation.position_covariance =
          polar_covariance(range_m, bearing, range_sigma, bearing_sigma);
    } else {
      const double variance = options_.tll_sigma_m * options_.tll_sigma_m;
      observation.position_covariance = Covariance2{variance, 0.0, variance};
      radar_variance = 0.0;
    }
  }
  observation.position_covariance.ee += radar_variance;
  observation.position_covariance.nn += radar_variance;

  add_attribute(observation, "arpa_target", std::to_string(target.number));
  add_attribute(observation, "sentence", target.sentence == ArpaSentence::kTtm ? "TTM" : "TLL");
  add_attribute(observation, "talker", target.talker);
  if (target.status) add_attribute(observation, "status", to_string(*target.status));
  if (!target.name.empty()) add_attribute(observation, "arpa_name", target.name);
  if (target.acquisition) add_attribute(observation, "acquisition", to_string(*target.acquisition));
  if (target.reference_target) add_attribute(observation, "reference_target", "true");
  if (target.cpa_distance) {
    add_attribute(observation, "cpa_m",
                  fmt::format("{:.1f}", *target.cpa_distance * metres_per_unit(target.unit)));
  }
  if (target.tcpa_min)
    add_attribute(observation, "tcpa_min", fmt::format("{:.2f}", *target.tcpa_min));
  if (target.sentence == ArpaSentence::kTtm && target.course_relative && target.speed &&
      target.course_deg) {
    add_attribute(observation, "course_reference", "relative");
  }

  if (undated) ++stats_.undated;
  result.target = std::move(target);
  if (!lost || options_.emit_lost) result.observation = std::move(observation);
  return result;
}

}  // namespace sw::nmea
