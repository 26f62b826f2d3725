/// libFuzzer target for the simulation scenario reader: the bracket-depth guard, TOML syntax
/// (toml11), unknown keys, types and ranges of every table, UTC times, and [[vessel]] scripts.
///
/// The whole input goes to parse_scenario. Contracts checked (abort when broken):
/// - no exception leaves parse_scenario, and a refusal has a "scenario_" code and a message;
/// - an accepted scenario has finite numbers everywhere, durations and rates not negative,
///   every ordered interval with low <= high, probabilities in [0, 1] (engine failure and
///   turn back together at most 1), positions on the globe, and a whole truth interval >= 1 s;
/// - radar and AIS receiver ids are present and unique, each has a site or a position, patrol
///   routes have 2+ points, patrols and aircraft have names, truth_per_scan_of names a radar;
/// - a scripted vessel has a name, a surface kind, an mmsi of at most 9 digits (an AIS class
///   only with one), its optional particulars in their ranges, a place, a course in [0, 360],
///   a speed in [0, 60] kn, and its times within 30 days of the start, in the order
///   appear <= stop <= leave.
/// The same input goes to the evaluation's reader of its [evaluation] table
/// (eval::parse_evaluation_plan): no exception escapes, a refusal has an "evaluation_" code,
/// an accepted plan has 1..1000 seeds, hours in (0, 720] and named variants.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "eval/evaluation.h"
#include "sim/scenario.h"

namespace {

using sw::TimeNs;
using sw::sim::Interval;
using sw::sim::Scenario;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "scenario_fuzz: %s: %.*s\n", what,
               static_cast<int>(detail.size() > 300 ? 300 : detail.size()), detail.data());
  std::abort();
}

/// Finite and not negative (durations, rates, sizes, sigmas).
void check_amount(double value, const char* what) {
  if (!std::isfinite(value) || value < 0.0) contract_broken("not a finite amount >= 0", what);
}

void check_probability(double value, const char* what) {
  if (!(value >= 0.0 && value <= 1.0)) contract_broken("probability outside [0, 1]", what);
}

void check_interval(const Interval& interval, const char* what, bool ordered = true) {
  check_amount(interval.low, what);
  check_amount(interval.high, what);
  if (ordered && interval.low > interval.high) contract_broken("interval low > high", what);
}

void check_position(const sw::LatLon& position, const char* what) {
  if (!(std::fabs(position.lat) <= 90.0) || !(std::fabs(position.lon) <= 180.0)) {
    contract_broken("position not on the globe", what);
  }
}

void check_place(const sw::sim::Place& place, const char* what) {
  if (place.position) {
    check_position(*place.position, what);
  } else if (place.site.empty()) {
    contract_broken("place without site or position", what);
  }
}

void check_traffic(const Scenario& scenario) {
  const auto& environment = scenario.environment;
  if (environment.sea_state < 0 || environment.sea_state > 9) contract_broken("sea state", "");
  check_amount(environment.wind_from_deg, "wind_from_deg");
  check_amount(environment.wind_speed_kn, "wind_speed_kn");
  check_amount(environment.current_to_deg, "current_to_deg");
  check_amount(environment.current_speed_kn, "current_speed_kn");
  if (scenario.merchant.initial < 0 || scenario.ferry.dover_calais < 0 ||
      scenario.ferry.dover_dunkirk < 0 || scenario.fishing.count < 0 ||
      scenario.pleasure.count < 0 || scenario.small_boat.count < 0) {
    contract_broken("negative count", "");
  }
  check_amount(scenario.merchant.arrivals_per_hour, "arrivals_per_hour");
  check_interval(scenario.merchant.speed_kn, "merchant.speed_kn");
  check_amount(scenario.merchant.lane_use, "lane_use");
  check_interval(scenario.ferry.speed_kn, "ferry.speed_kn");
  check_amount(scenario.ferry.turnaround_min, "turnaround_min");
  check_interval(scenario.fishing.speed_kn, "fishing.speed_kn");
  check_probability(scenario.fishing.class_b_fraction, "class_b_fraction");
  check_interval(scenario.pleasure.speed_kn, "pleasure.speed_kn");
  const auto& small_boat = scenario.small_boat;
  check_amount(small_boat.launch_window_s, "launch_window_s");
  check_interval(small_boat.persons, "persons");
  check_interval(small_boat.speed_kn, "small_boat.speed_kn");
  check_probability(small_boat.engine_failure_probability, "engine_failure_probability");
  check_probability(small_boat.turn_back_probability, "turn_back_probability");
  check_probability(small_boat.engine_failure_probability + small_boat.turn_back_probability,
                    "engine failure + turn back");
  check_interval(small_boat.failure_after_min, "failure_after_min");
  check_interval(small_boat.turn_back_after_min, "turn_back_after_min");
  check_amount(small_boat.leeway_fraction, "small_boat.leeway_fraction");
}

void check_assets(const Scenario& scenario) {
  for (const auto& patrol : scenario.patrols) {
    if (patrol.name.empty()) contract_broken("patrol without name", "");
    if (patrol.route.size() < 2) contract_broken("patrol route too short", patrol.name);
    if (patrol.mmsi > 999999999U) contract_broken("patrol mmsi", patrol.name);
    for (const auto& point : patrol.route) check_position(point, "patrol route");
    check_amount(patrol.cot_interval_s, "patrol.cot_interval_s");
    check_amount(patrol.speed_kn, "patrol.speed_kn");
  }
  for (const auto& aircraft : scenario.aircraft) {
    if (aircraft.name.empty() || aircraft.callsign.empty()) contract_broken("aircraft name", "");
    check_position(aircraft.centre, "aircraft centre");
    for (const double value :
         {aircraft.length_m, aircraft.width_m, aircraft.heading_deg, aircraft.leg_spacing_m,
          aircraft.altitude_m, aircraft.speed_kn, aircraft.footprint_radius_m,
          aircraft.look_interval_s, aircraft.position_sigma_m, aircraft.position_interval_s}) {
      check_amount(value, "aircraft number");
    }
    if (!(aircraft.look_interval_s >= 1.0) || !(aircraft.position_interval_s >= 1.0)) {
      contract_broken("aircraft interval below 1 s", aircraft.name);
    }
    check_probability(aircraft.detection_probability, "aircraft detection_probability");
  }
  std::set<std::string> ids;
  for (const auto& radar : scenario.radars) {
    if (radar.id.empty() || !ids.insert(radar.id).second) contract_broken("radar id", radar.id);
    check_place(radar.place, "radar place");
    for (const double value :
         {radar.height_m, radar.range_m, radar.rotation_s, radar.range_sigma_m,
          radar.azimuth_sigma_deg, radar.range_50_m, radar.pd_slope, radar.sea_state_factor,
          radar.clutter_per_scan, radar.clutter_per_sea_state, radar.clutter_range_m,
          radar.min_range_m, radar.track_velocity_sigma_mps}) {
      check_amount(value, "radar number");
    }
    if (!(radar.rotation_s > 0.0)) contract_broken("radar rotation not positive", radar.id);
    // The clutter sector wraps through north when low > high.
    check_interval(radar.clutter_sector_deg, "clutter_sector_deg", false);
  }
  ids.clear();
  for (const auto& receiver : scenario.ais_receivers) {
    if (receiver.id.empty() || !ids.insert(receiver.id).second) {
      contract_broken("ais_receiver id", receiver.id);
    }
    check_place(receiver.place, "ais_receiver place");
    check_amount(receiver.range_m, "ais_receiver range_m");
    check_probability(receiver.class_b_range_factor, "class_b_range_factor");
    check_probability(receiver.slot_loss, "slot_loss");
    check_probability(receiver.edge_loss, "edge_loss");
  }
}

void check_vessel_time(const std::optional<TimeNs>& time, TimeNs start, const char* what) {
  constexpr TimeNs kSpan = 30LL * 86400 * sw::kNsPerSecond;
  if (time && (*time < start - kSpan || *time > start + kSpan)) {
    contract_broken("vessel time not within 30 days of the start", what);
  }
}

void check_vessels(const Scenario& scenario) {
  for (const auto& vessel : scenario.vessels) {
    if (vessel.name.empty()) contract_broken("vessel without name", "");
    if (!sw::sim::is_surface(vessel.kind)) contract_broken("vessel not a surface kind", "");
    if (vessel.mmsi > 999999999U) contract_broken("vessel mmsi", vessel.name);
    if (vessel.ais_class && vessel.mmsi == 0) contract_broken("AIS class without mmsi", "");
    if (vessel.length_m && !(*vessel.length_m >= 1.0 && *vessel.length_m <= 1022.0)) {
      contract_broken("vessel length", vessel.name);
    }
    if (vessel.beam_m && !(*vessel.beam_m >= 0.5 && *vessel.beam_m <= 126.0)) {
      contract_broken("vessel beam", vessel.name);
    }
    if (vessel.ship_type && *vessel.ship_type > 99) contract_broken("ship type", vessel.name);
    if (vessel.persons && (*vessel.persons < 0 || *vessel.persons > 1000)) {
      contract_broken("persons", vessel.name);
    }
    check_place(vessel.place, "vessel place");
    if (!(vessel.course_deg >= 0.0 && vessel.course_deg <= 360.0)) {
      contract_broken("vessel course", vessel.name);
    }
    if (!(vessel.speed_kn >= 0.0 && vessel.speed_kn <= 60.0)) {
      contract_broken("vessel speed", vessel.name);
    }
    if (!(vessel.leeway_fraction >= 0.0 && vessel.leeway_fraction <= 0.2)) {
      contract_broken("vessel leeway", vessel.name);
    }
    check_vessel_time(vessel.at, scenario.start, "at");
    check_vessel_time(vessel.appear_at, scenario.start, "appear_at");
    check_vessel_time(vessel.leave_at, scenario.start, "leave_at");
    check_vessel_time(vessel.stop_at, scenario.start, "stop_at");
    const TimeNs appear = vessel.appear_at.value_or(scenario.start);
    if (vessel.leave_at && appear > *vessel.leave_at) contract_broken("appear after leave", "");
    if (vessel.stop_at &&
        (*vessel.stop_at < appear || (vessel.leave_at && *vessel.stop_at > *vessel.leave_at))) {
      contract_broken("stop outside [appear, leave]", vessel.name);
    }
  }
}

void check_scenario(const Scenario& scenario) {
  check_amount(scenario.duration_s, "duration_s");
  if (!(scenario.duration_s >= 1.0)) contract_broken("duration below 1 s", "");
  check_traffic(scenario);
  check_assets(scenario);
  check_vessels(scenario);
  check_probability(scenario.distress.call_probability, "call_probability");
  check_interval(scenario.distress.delay_min, "distress.delay_min");
  check_amount(scenario.distress.update_interval_min, "update_interval_min");
  check_amount(scenario.distress.position_sigma_m, "distress.position_sigma_m");
  const double truth_interval = scenario.output.truth_interval_s;
  check_amount(truth_interval, "truth_interval_s");
  if (truth_interval < 1.0 || truth_interval != std::round(truth_interval)) {
    contract_broken("truth interval not a whole number of seconds >= 1", "");
  }
  if (!scenario.output.truth_per_scan_of.empty()) {
    bool found = false;
    for (const auto& radar : scenario.radars)
      found |= radar.id == scenario.output.truth_per_scan_of;
    if (!found)
      contract_broken("truth_per_scan_of names no radar", scenario.output.truth_per_scan_of);
  }
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  // Exactly sized copy: the input ends where ASan's redzone starts.
  const std::unique_ptr<char[]> copy(new char[size == 0 ? 1 : size]);
  if (size != 0) std::memcpy(copy.get(), data, size);
  const std::string_view input(copy.get(), size);
  try {
    const auto scenario = sw::sim::parse_scenario(input, "fuzz");
    if (!scenario.ok()) {
      if (scenario.error().code.rfind("scenario_", 0) != 0 || scenario.error().detail.empty()) {
        contract_broken("refusal without scenario_ code or message", scenario.error().code);
      }
    } else {
      check_scenario(*scenario);
    }
  } catch (const std::exception& exception) {
    contract_broken("exception escaped", exception.what());
  } catch (...) {
    contract_broken("exception escaped", "(not a std::exception)");
  }
  try {
    const auto plan = sw::eval::parse_evaluation_plan(std::string(input), "fuzz");
    if (!plan.ok()) {
      if (plan.error().code.rfind("evaluation_", 0) != 0 || plan.error().detail.empty()) {
        contract_broken("refusal without evaluation_ code or message", plan.error().code);
      }
      return 0;
    }
    if (plan->seeds < 1 || plan->seeds > 1000) contract_broken("plan", "seeds out of range");
    if (plan->hours && !(*plan->hours > 0 && *plan->hours <= 720)) {
      contract_broken("plan", "hours out of range");
    }
  } catch (const std::exception& exception) {
    contract_broken("exception escaped", exception.what());
  } catch (...) {
    contract_broken("exception escaped", "(not a std::exception)");
  }
  return 0;
}
