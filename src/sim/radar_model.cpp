#include "sim/radar_model.h"

#include <cmath>

#include "core/units.h"
#include "sim/motion.h"
#include "sim/random.h"

namespace sw::sim {
namespace {

double wrap_360(double degrees) {
  const double wrapped = std::fmod(degrees, 360.0);
  return wrapped < 0 ? wrapped + 360.0 : wrapped;
}

}  // namespace

double detection_probability(const RadarConfig& config, double range_m, double rcs_m2,
                             int sea_state) {
  if (range_m < config.min_range_m || range_m > config.range_m) return 0.0;
  const double range_50 = config.range_50_m * std::pow(std::max(rcs_m2, 1e-3), 0.25) *
                          std::exp(-config.sea_state_factor * sea_state);
  return 1.0 / (1.0 + std::pow(range_m / range_50, config.pd_slope));
}

RadarModel::RadarModel(RadarConfig config, LatLon site, std::size_t index, std::uint64_t seed,
                       TimeNs start, const World& world)
    : config_(std::move(config)),
      site_(site),
      frame_(site),
      site_plane_(world.to_plane(site)),
      rng_(seed, stream_id(StreamFamily::kRadar, index)),
      period_ns_(static_cast<TimeNs>(std::llround(config_.rotation_s * 1e9))),
      sea_state_(world.sea_state) {
  first_scan_ = start + static_cast<TimeNs>(rng_.uniform() * static_cast<double>(period_ns_ - 1));
}

TimeNs RadarModel::beam_time(TimeNs scan_start, double azimuth_deg) const {
  return scan_start +
         static_cast<TimeNs>(wrap_360(azimuth_deg) / 360.0 * static_cast<double>(period_ns_));
}

RadarPlot RadarModel::plot_at(TimeNs time, double range_m, double azimuth_deg) const {
  RadarPlot plot;
  plot.time = time;
  plot.radar_id = config_.id;
  plot.sac = config_.sac;
  plot.sic = config_.sic;
  plot.scan = next_scan_;
  plot.range_m = range_m;
  plot.azimuth_deg = azimuth_deg;
  const double radians = units::deg_to_rad(azimuth_deg);
  plot.position = frame_.reverse({range_m * std::sin(radians), range_m * std::cos(radians)});
  plot.range_sigma_m = config_.range_sigma_m;
  plot.azimuth_sigma_deg = config_.azimuth_sigma_deg;
  return plot;
}

void RadarModel::tick(const Snapshot& snapshot, TimeNs step_end, ReportQueue& queue,
                      const std::function<void(TimeNs)>& on_scan) {
  for (TimeNs scan_start = first_scan_ + next_scan_ * period_ns_; scan_start < step_end;
       scan_start = first_scan_ + next_scan_ * period_ns_) {
    if (!config_.down_at(scan_start)) {
      queue.push(RadarNorthMarker{scan_start, config_.id, config_.sac, config_.sic, next_scan_,
                                  config_.rotation_s, site_, config_.height_m});
      if (on_scan) on_scan(scan_start);
      scan(snapshot, scan_start, queue);
      if (!config_.tracks) add_clutter(scan_start, queue);
    }
    ++next_scan_;
  }
}

void RadarModel::scan(const Snapshot& snapshot, TimeNs scan_start, ReportQueue& queue) {
  const std::vector<Entity>& entities = *snapshot.entities;
  for (std::size_t entity_idx = 0; entity_idx < entities.size(); ++entity_idx) {
    const Entity& entity = entities[entity_idx];
    if (!entity.active() || !is_surface(entity.kind)) continue;
    const EastNorth at_start = snapshot.plane_at(entity_idx, scan_start);
    // The plane is not centred on the radar: allow 1 % for its distortion.
    if (plane_distance_m(site_plane_, at_start) > config_.range_m * 1.01 + 100) continue;
    const TimeNs time = beam_time(scan_start, plane_bearing_deg(site_plane_, at_start));
    const LatLon truth = snapshot.geo_at(entity_idx, time);
    const EastNorth relative = frame_.forward(truth);
    const double range = std::hypot(relative.east, relative.north);
    const double azimuth = wrap_360(units::rad_to_deg(std::atan2(relative.east, relative.north)));
    if (!chance(rng_, detection_probability(config_, range, entity.rcs_m2, sea_state_))) continue;
    const double measured_range = std::max(0.0, gaussian(rng_, range, config_.range_sigma_m));
    const double measured_azimuth = wrap_360(gaussian(rng_, azimuth, config_.azimuth_sigma_deg));
    RadarPlot plot = plot_at(time, measured_range, measured_azimuth);
    plot.truth_id = entity.id;
    plot.truth_position = truth;
    if (config_.tracks) {
      TrackState& track = tracks_[entity.id];
      if (track.number == 0) {
        track.number = next_track_number_;
        next_track_number_ = next_track_number_ == 4095 ? 1 : next_track_number_ + 1;
      }
      ++track.detections;
      plot.track_number = track.number;
      plot.track_confirmed = track.detections >= 3;
      const EastNorth velocity = entity.state.velocity();
      plot.track_velocity_mps = {gaussian(rng_, velocity.east, config_.track_velocity_sigma_mps),
                                 gaussian(rng_, velocity.north, config_.track_velocity_sigma_mps)};
    }
    queue.push(std::move(plot));
  }
}

void RadarModel::add_clutter(TimeNs scan_start, ReportQueue& queue) {
  const double mean = config_.clutter_per_scan + config_.clutter_per_sea_state * sea_state_;
  const int count = poisson(rng_, mean);
  const double from = config_.clutter_sector_deg.low;
  double width = config_.clutter_sector_deg.high - from;
  if (width <= 0) width += 360.0;
  const double inner = config_.min_range_m;
  const double outer = std::max(inner, std::min(config_.clutter_range_m, config_.range_m));
  for (int clutter_idx = 0; clutter_idx < count; ++clutter_idx) {
    const double azimuth = wrap_360(from + width * (1.0 - rng_.uniform()));
    // Uniform over the annulus' area.
    const double range =
        std::sqrt(inner * inner + (outer * outer - inner * inner) * (1.0 - rng_.uniform()));
    RadarPlot plot = plot_at(beam_time(scan_start, azimuth), range, azimuth);
    plot.truth_position = plot.position;
    queue.push(std::move(plot));
  }
}

}  // namespace sw::sim
