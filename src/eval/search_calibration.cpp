#include "eval/search_calibration.h"

#include <fmt/format.h>
#include <cmath>
#include <map>
#include <variant>

#include "core/counter_rng.h"
#include "eval/area_contains.h"
#include "risk/search_planner.h"
#include "sim/geography.h"
#include "sim/simulator.h"

namespace sw::eval {
namespace {

// Where the boats stop: the middle of the Strait, clear of both coasts by more than a
// six-hour drift (the simulator's truth does not strand; the prediction would).
constexpr double kMinLat = 50.93, kMaxLat = 51.05;
constexpr double kMinLon = 1.35, kMaxLon = 1.60;
constexpr std::uint64_t kCalibrationStream = 0xCA11B000ULL;

/// Truth of the calibration boats at every forecast time, by vessel index.
class TruthAtForecasts final : public sim::ReportSink {
 public:
  TruthAtForecasts(TimeNs start, const std::vector<double>& hours) {
    for (const double hour : hours) {
      times_[start + static_cast<TimeNs>(std::llround(hour * 3600.0)) * kNsPerSecond] = hour;
    }
  }
  void emit(const sim::Report& report) override {
    const auto* truth = std::get_if<sim::TruthRecord>(&report);
    if (truth == nullptr) return;
    const auto hour = times_.find(truth->time);
    if (hour == times_.end()) return;
    positions[{truth->name, hour->second}] = truth->position;
  }
  std::map<std::pair<std::string, double>, LatLon> positions;  ///< by (name, hours)

 private:
  std::map<TimeNs, double> times_;
};

std::string perturbation_text(const sim::EnvironmentConfig& environment) {
  return fmt::format(
      "each boat drifts in its own forcing, drawn when it stops: wind speed {:g} kn + N(0, "
      "{:g} kn), wind direction {:g} deg + N(0, {:g} deg), current {:g} kn towards {:g} deg "
      "+ N(0, {:g} kn) per axis, leeway {:g} x wind + N(0, {:g}); plus a wander of 0.05 m/s "
      "per axis correlated over 10 minutes",
      environment.wind_speed_kn, environment.drift_wind_speed_sigma_kn, environment.wind_from_deg,
      environment.drift_wind_from_sigma_deg, environment.current_speed_kn,
      environment.current_to_deg, environment.drift_current_sigma_kn,
      sim::SmallBoatConfig{}.leeway_fraction, environment.drift_leeway_fraction_sigma);
}

}  // namespace

Result<SearchCalibration> calibrate_search_areas(const sim::Scenario& base,
                                                 const risk::RiskSettings& settings,
                                                 const CalibrationOptions& options) {
  SearchCalibration calibration;
  calibration.seed = base.seed;
  calibration.stops = options.stops;
  calibration.leeway_class = settings.search.leeway_class;
  calibration.perturbation = perturbation_text(base.environment);
  if (settings.search.hours.empty() || options.stops == 0) return calibration;
  double last_hour = 0;
  for (const double hour : settings.search.hours) last_hour = std::max(last_hour, hour);

  // Only the drifting boats: no traffic, no sensors, truth each minute.
  sim::Scenario scenario = base;
  scenario.name = base.name + " (search-area calibration)";
  scenario.duration_s = last_hour * 3600.0 + 60.0;
  scenario.merchant.initial = 0;
  scenario.merchant.arrivals_per_hour = 0;
  scenario.ferry.dover_calais = 0;
  scenario.ferry.dover_dunkirk = 0;
  scenario.fishing.count = 0;
  scenario.pleasure.count = 0;
  scenario.small_boat.count = 0;
  scenario.patrols.clear();
  scenario.aircraft.clear();
  scenario.radars.clear();
  scenario.ais_receivers.clear();
  scenario.distress.call_probability = 0;
  scenario.output.truth_interval_s = 60;
  scenario.vessels.clear();
  CounterRng rng(base.seed, kCalibrationStream);
  std::vector<LatLon> stops;
  for (std::size_t index = 0; index < options.stops; ++index) {
    sim::ScriptedVesselConfig boat;
    boat.name = fmt::format("CALIBRATION {}", index + 1);
    boat.kind = sim::EntityKind::kSmallBoat;
    boat.at = scenario.start;
    boat.place.position = LatLon{kMinLat + (kMaxLat - kMinLat) * rng.uniform(),
                                 kMinLon + (kMaxLon - kMinLon) * rng.uniform()};
    boat.course_deg = 320.0;
    boat.speed_kn = 4.0;
    boat.stop_at = scenario.start;
    stops.push_back(*boat.place.position);
    scenario.vessels.push_back(boat);
  }
  Result<sim::Geography> geography = sim::load_geography(scenario.geography_path());
  if (!geography) return geography.error();
  Result<std::unique_ptr<sim::Simulator>> simulator = sim::Simulator::create(scenario, *geography);
  if (!simulator) return simulator.error();
  TruthAtForecasts truth(scenario.start, settings.search.hours);
  (*simulator)->run(truth);

  Result<risk::SearchPlanner> planner =
      risk::SearchPlanner::create(settings.search, settings.environment);
  if (!planner) return planner.error();
  std::map<double, CalibrationPoint> by_hours;
  for (const double hour : settings.search.hours) by_hours[hour].hours = hour;
  for (std::size_t index = 0; index < scenario.vessels.size(); ++index) {
    // The fix the prediction starts from: the stop position with its error.
    const LocalFrame frame(stops[index]);
    const LatLon fix =
        frame.reverse({options.fix_sigma_m * rng.normal(), options.fix_sigma_m * rng.normal()});
    const std::vector<risk::AttachedSearchArea> areas =
        planner->plan(fix, options.fix_sigma_m, scenario.start, base.seed * 100003ULL + index);
    for (const risk::AttachedSearchArea& area : areas) {
      const auto found = truth.positions.find({scenario.vessels[index].name, area.hours});
      if (found == truth.positions.end()) continue;
      CalibrationPoint& point = by_hours[area.hours];
      ++point.cases;
      point.inside50 += region_contains(area.p50, found->second) ? 1 : 0;
      point.inside90 += region_contains(area.p90, found->second) ? 1 : 0;
      point.area50_km2.push_back(area.area50_km2);
      point.area90_km2.push_back(area.area90_km2);
      point.miss_m.push_back(geodesic_distance_m(area.centroid, found->second));
    }
  }
  calibration.planner_failures = planner->failures();
  for (auto& [hours, point] : by_hours) calibration.points.push_back(std::move(point));
  return calibration;
}

void merge_calibration(SearchCalibration& total, const SearchCalibration& more) {
  total.stops += more.stops;
  total.planner_failures += more.planner_failures;
  if (total.points.empty()) {
    total.points = more.points;
    return;
  }
  for (std::size_t index = 0; index < total.points.size() && index < more.points.size(); ++index) {
    CalibrationPoint& into = total.points[index];
    const CalibrationPoint& from = more.points[index];
    into.cases += from.cases;
    into.inside50 += from.inside50;
    into.inside90 += from.inside90;
    into.area50_km2.insert(into.area50_km2.end(), from.area50_km2.begin(), from.area50_km2.end());
    into.area90_km2.insert(into.area90_km2.end(), from.area90_km2.begin(), from.area90_km2.end());
    into.miss_m.insert(into.miss_m.end(), from.miss_m.begin(), from.miss_m.end());
  }
}

}  // namespace sw::eval
