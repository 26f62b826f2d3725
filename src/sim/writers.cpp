#include "sim/writers.h"

#include <cstdio>

#include "sim/sim_time.h"

namespace sw::sim {
namespace {

constexpr TimeNs kSightingStale = 300 * kNsPerSecond;

const char* asset_type(EntityKind kind) {
  switch (kind) {
    case EntityKind::kAircraft: return "a-f-A-C-F";
    case EntityKind::kDrone: return "a-f-A-M-F-Q";
    default: return "a-f-S-X-L";
  }
}

// CSV text without separators or quotes (names are plain words).
std::string csv_safe(const std::string& text) {
  std::string safe = text;
  for (char& c : safe) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') c = ' ';
  }
  return safe;
}

}  // namespace

bool AisNmeaWriter::write(const AisReport& report, std::string& out) {
  auto encoder = encoders_.find(report.receiver_id);
  if (encoder == encoders_.end()) {
    ais::EncodeOptions options;
    options.tag_source = report.receiver_id;
    encoder = encoders_.emplace(report.receiver_id, ais::SentenceEncoder(options)).first;
  }
  ais::EncodeOptions& options = encoder->second.options();
  options.channel = report.channel;
  options.tag_unix_time = report.time / kNsPerSecond;
  const ais::EncodeStatus status = encoder->second.encode(report.message, sentences_);
  if (!status.ok()) return false;
  for (const std::string& sentence : sentences_) {
    out += sentence;
    out += "\r\n";
  }
  return true;
}

asterix::Cat010Record cat010_record(const RadarPlot& plot) {
  asterix::Cat010Record record;
  record.data_source = asterix::DataSourceId{plot.sac, plot.sic};
  record.message_type = asterix::Cat010MessageType::kTargetReport;
  asterix::TargetReportDescriptor descriptor;
  descriptor.typ = asterix::Cat010DetectionType::kPsr;
  record.descriptor = descriptor;
  record.time_of_day_s = seconds_of_day(plot.time);
  record.position_wgs84 = plot.position;
  record.position_polar = asterix::PolarPosition{plot.range_m, plot.azimuth_deg};
  if (plot.track_number != 0) {
    record.track_number = plot.track_number;
    asterix::TrackStatus status;
    status.cnf = !plot.track_confirmed;
    record.track_status = status;
    record.velocity_cartesian =
        asterix::CartesianVelocity{plot.track_velocity_mps.east, plot.track_velocity_mps.north};
  }
  return record;
}

asterix::Cat034Record cat034_record(const RadarNorthMarker& marker) {
  asterix::Cat034Record record;
  record.data_source = asterix::DataSourceId{marker.sac, marker.sic};
  record.message_type = asterix::Cat034MessageType::kNorthMarker;
  record.time_of_day_s = seconds_of_day(marker.time);
  record.antenna_rotation_period_s = marker.rotation_period_s;
  record.source_position = asterix::SourcePosition{marker.height_m, marker.site};
  return record;
}

cot::CotEvent cot_event(const SightingReport& sighting) {
  cot::CotEvent event;
  event.type = "a-u-S";
  event.uid = sighting.contact_uid;
  event.how = "h-e";
  event.time = sighting.time;
  event.start = sighting.time;
  event.stale = sighting.time + kSightingStale;
  event.point.lat = sighting.position.lat;
  event.point.lon = sighting.position.lon;
  event.point.hae_m = 0.0;
  event.point.ce_m = sighting.position_sigma_m;
  event.track = cot::CotTrack{sighting.course_deg, sighting.speed_mps};
  event.callsign = sighting.contact_uid;
  event.releaseable_to = sighting.releasable_to;
  return event;
}

cot::CotEvent cot_event(const AssetPosition& asset) {
  cot::CotEvent event;
  event.type = asset_type(asset.kind);
  event.uid = asset.uid;
  event.how = "m-g";
  event.time = asset.time;
  event.start = asset.time;
  event.stale = asset.time + static_cast<TimeNs>(3.0 * asset.interval_s * 1e9);
  event.point.lat = asset.position.lat;
  event.point.lon = asset.position.lon;
  event.point.hae_m = asset.altitude_m;
  event.point.ce_m = 10.0;
  event.track = cot::CotTrack{asset.course_deg, asset.speed_mps};
  event.callsign = asset.callsign;
  event.releaseable_to = asset.releasable_to;
  return event;
}

distress::DistressReport distress_report(const DistressEvent& event) {
  distress::DistressReport report;
  report.id = event.report_id;
  report.time = event.time;
  report.position = event.position;
  report.uncertainty_m = event.uncertainty_m;
  if (event.persons_on_board >= 0) report.persons_on_board = event.persons_on_board;
  report.source = event.source;
  distress::VesselDescription vessel;
  vessel.type = "inflatable";
  vessel.colour = "grey";
  vessel.length_m = 10.0;
  report.vessel = vessel;
  report.text = event.text;
  return report;
}

std::string truth_csv_header() {
  return "time,id,kind,name,mmsi,activity,lat,lon,altitude_m,speed_kn,course_deg,"
         "persons_on_board\n";
}

void append_truth_csv(const TruthRecord& record, std::string& out) {
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, ",%.7f,%.7f,%.0f,%.2f,%.1f,", record.position.lat,
                record.position.lon, record.altitude_m, record.speed_kn, record.course_deg);
  out += format_utc(record.time);
  out += ',';
  out += std::to_string(record.id);
  out += ',';
  out += to_string(record.kind);
  out += ',';
  out += csv_safe(record.name);
  out += ',';
  if (record.mmsi != 0) out += std::to_string(record.mmsi);
  out += ',';
  out += to_string(record.activity);
  out += numbers;
  if (record.persons_on_board >= 0) out += std::to_string(record.persons_on_board);
  out += '\n';
}

}  // namespace sw::sim
