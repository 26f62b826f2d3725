#include "risk/search_planner.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "core/counter_rng.h"
#include "core/units.h"
#include "drift/forcing.h"
#include "drift/search_area.h"
#include "drift/simulation.h"

namespace sw::risk {
namespace {

constexpr std::uint64_t kForcingStream = 0xF0C1'0000ULL;  // + member

}  // namespace

Result<SearchPlanner> SearchPlanner::create(SearchSettings settings, Environment environment) {
  Result<drift::LeewayClass> leeway =
      drift::find_leeway_class(drift::builtin_leeway_classes(), settings.leeway_class);
  if (!leeway) return Error{"leeway_class", leeway.error().detail};
  return SearchPlanner(std::move(settings), environment, std::move(*leeway));
}

Result<drift::DriftResult> SearchPlanner::run(const drift::SeedSpec& seed_spec, TimeNs time,
                                              double hours, std::uint64_t seed) const {
  drift::RunOptions options;
  options.seed = seed;
  options.duration_s = hours * 3600.0;
  options.dt_s = std::min(600.0, options.duration_s / 6.0);
  options.threads = 1;
  const bool uncertain = settings_.wind_speed_sigma_mps > 0.0 ||
                         settings_.wind_from_sigma_deg > 0.0 || settings_.current_sigma_mps > 0.0;
  const auto members = static_cast<std::size_t>(
      uncertain ? std::clamp<std::size_t>(
                      static_cast<std::size_t>(std::max(1, settings_.forcing_members)), 1,
                      seed_spec.count)
                : 1);
  drift::DriftResult merged;
  for (std::size_t member = 0; member < members; ++member) {
    // The member's forcing: the forecast, or a draw about it of the member's own stream.
    double wind_east = environment_.wind_to.east, wind_north = environment_.wind_to.north;
    double current_east = environment_.current.east, current_north = environment_.current.north;
    if (members > 1) {
      CounterRng rng(seed, kForcingStream + member);
      const double speed = std::max(
          0.0, std::hypot(wind_east, wind_north) + settings_.wind_speed_sigma_mps * rng.normal());
      const double turn = units::deg_to_rad(settings_.wind_from_sigma_deg * rng.normal());
      const double direction = std::atan2(wind_east, wind_north) + turn;
      wind_east = speed * std::sin(direction);
      wind_north = speed * std::cos(direction);
      current_east += settings_.current_sigma_mps * rng.normal();
      current_north += settings_.current_sigma_mps * rng.normal();
    }
    const drift::ConstantForcing forcing({wind_east, wind_north}, {current_east, current_north});
    drift::SeedSpec member_spec = seed_spec;
    member_spec.count = seed_spec.count / members + (member < seed_spec.count % members ? 1 : 0);
    member_spec.time = time;
    options.seed = members > 1 ? seed * 1000003ULL + member : seed;
    Result<drift::DriftResult> part =
        drift::run_drift(leeway_, member_spec, drift::LeewayOptions{}, forcing, options);
    if (!part) return part.error();
    if (member == 0) {
      merged = std::move(*part);
      continue;
    }
    merged.lat.insert(merged.lat.end(), part->lat.begin(), part->lat.end());
    merged.lon.insert(merged.lon.end(), part->lon.begin(), part->lon.end());
    merged.status.insert(merged.status.end(), part->status.begin(), part->status.end());
    merged.orientation.insert(merged.orientation.end(), part->orientation.begin(),
                              part->orientation.end());
    merged.active += part->active;
    merged.missing_forcing += part->missing_forcing;
    merged.stranded += part->stranded;
    merged.jibes += part->jibes;
  }
  merged.seed = seed;
  return merged;
}

std::vector<AttachedSearchArea> SearchPlanner::plan(LatLon position, double radius_m, TimeNs time,
                                                    std::uint64_t seed) {
  std::vector<AttachedSearchArea> areas;
  if (!settings_.enabled) return areas;
  for (const double hours : settings_.hours) {
    drift::SeedSpec seed_spec;
    seed_spec.shape = drift::SeedShape::kGaussian;
    seed_spec.start = position;
    seed_spec.radius_m = std::max(radius_m, settings_.min_radius_m);
    seed_spec.time = time;
    seed_spec.count = settings_.particles;
    const Result<drift::DriftResult> drifted = run(seed_spec, time, hours, seed);
    if (!drifted) {
      ++failures_;
      continue;
    }
    const drift::CloudStats stats = drift::cloud_stats(*drifted, 1);
    const Result<drift::SearchArea> area = drift::make_search_area(*drifted, stats);
    if (!area) {
      ++failures_;
      continue;
    }
    AttachedSearchArea attached;
    attached.hours = hours;
    attached.object_class = fmt::format("{} {}", leeway_.id, leeway_.key);
    attached.seed = seed;
    attached.particles = settings_.particles;
    attached.centroid = stats.centroid;
    attached.r50_m = stats.r50_m;
    attached.r90_m = stats.r90_m;
    attached.area50_km2 = area->p50.area_km2;
    attached.area90_km2 = area->p90.area_km2;
    attached.p50 = area->p50.polygons;
    attached.p90 = area->p90.polygons;
    areas.push_back(std::move(attached));
  }
  return areas;
}

}  // namespace sw::risk
