#include "risk/search_planner.h"

#include <fmt/format.h>
#include <algorithm>

#include "drift/forcing.h"
#include "drift/search_area.h"
#include "drift/simulation.h"

namespace sw::risk {

Result<SearchPlanner> SearchPlanner::create(SearchSettings settings, Environment environment) {
  Result<drift::LeewayClass> leeway =
      drift::find_leeway_class(drift::builtin_leeway_classes(), settings.leeway_class);
  if (!leeway) return Error{"leeway_class", leeway.error().detail};
  return SearchPlanner(std::move(settings), environment, std::move(*leeway));
}

std::vector<AttachedSearchArea> SearchPlanner::plan(LatLon position, double radius_m, TimeNs time,
                                                    std::uint64_t seed) {
  std::vector<AttachedSearchArea> areas;
  if (!settings_.enabled) return areas;
  const drift::ConstantForcing forcing({environment_.wind_to.east, environment_.wind_to.north},
                                       {environment_.current.east, environment_.current.north});
  for (const double hours : settings_.hours) {
    drift::SeedSpec seed_spec;
    seed_spec.shape = drift::SeedShape::kGaussian;
    seed_spec.start = position;
    seed_spec.radius_m = std::max(radius_m, settings_.min_radius_m);
    seed_spec.time = time;
    seed_spec.count = settings_.particles;
    drift::RunOptions options;
    options.seed = seed;
    options.duration_s = hours * 3600.0;
    options.dt_s = std::min(600.0, options.duration_s / 6.0);
    options.threads = 1;
    const Result<drift::DriftResult> run =
        drift::run_drift(leeway_, seed_spec, drift::LeewayOptions{}, forcing, options);
    if (!run) {
      ++failures_;
      continue;
    }
    const drift::CloudStats stats = drift::cloud_stats(*run, 1);
    const Result<drift::SearchArea> area = drift::make_search_area(*run, stats);
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
