// CPA/TCPA of two straight-line tracks, against hand-worked geometry and against the way
// OpenCPN's AIS target alarm computes them (its method, re-implemented here from its
// description: a "reduced lat/lon plotting sheet" for TCPA, then both vessels advanced
// along their great circles by speed x TCPA and the great-circle distance between them as
// CPA; CPA invalid when TCPA < 0; alarm when CPA < warning distance and 0 < TCPA < limit).

#include <gtest/gtest.h>
#include <GeographicLib/Geodesic.hpp>
#include <cmath>

#include "core/geo.h"
#include "core/units.h"
#include "risk/collision_assessor.h"
#include "risk/cpa.h"

namespace sw::risk {
namespace {

constexpr double kMetresPerNm = 1852.0;

Velocity velocity_of(double course_deg, double speed_mps) {
  const double course = units::deg_to_rad(course_deg);
  return {speed_mps * std::sin(course), speed_mps * std::cos(course)};
}

TEST(ClosestApproach, HeadOnAndCrossingGeometry) {
  // Target 2000 m north, coming south at 5 m/s: CPA 0 after 400 s.
  Approach approach = closest_approach({0.0, 2000.0}, {0.0, -5.0});
  EXPECT_NEAR(approach.tcpa_s, 400.0, 1e-9);
  EXPECT_NEAR(approach.cpa_m, 0.0, 1e-9);
  EXPECT_NEAR(approach.range_m, 2000.0, 1e-9);
  // Target 1000 m east and 3000 m north moving south: passes 1000 m abeam after 600 s.
  approach = closest_approach({1000.0, 3000.0}, {0.0, -5.0});
  EXPECT_NEAR(approach.tcpa_s, 600.0, 1e-9);
  EXPECT_NEAR(approach.cpa_m, 1000.0, 1e-9);
  // Opening: TCPA negative.
  approach = closest_approach({0.0, 2000.0}, {0.0, 5.0});
  EXPECT_LT(approach.tcpa_s, 0.0);
}

TEST(ClosestApproach, ParallelTracksKeepTheirRange) {
  const Approach approach = closest_approach({300.0, 400.0}, {0.0, 0.0});
  EXPECT_EQ(approach.tcpa_s, 0.0);
  EXPECT_NEAR(approach.cpa_m, 500.0, 1e-9);
}

TEST(ClosestApproach, MinDistanceWithinClampsToTheHorizon) {
  // CPA 0 at 400 s, but only 100 s looked at: 1500 m at the end of the horizon.
  EXPECT_NEAR(min_distance_within({0.0, 2000.0}, {0.0, -5.0}, 100.0), 1500.0, 1e-9);
  // Opening: the closest is now.
  EXPECT_NEAR(min_distance_within({0.0, 2000.0}, {0.0, 5.0}, 1000.0), 2000.0, 1e-9);
}

/// OpenCPN's way (see the file comment), in nautical miles and minutes.
struct OpenCpnResult {
  double cpa_nm = 0;
  double tcpa_min = 0;
  bool valid = false;
};

OpenCpnResult opencpn_cpa(LatLon own, double own_cog, double own_sog_kn, LatLon target,
                          double target_cog, double target_sog_kn) {
  const double east = (target.lon - own.lon) * 60.0 * kMetresPerNm *
                      std::cos(units::deg_to_rad(own.lat)) / kMetresPerNm;
  const double north = (target.lat - own.lat) * 60.0;
  const double cos_own = std::cos(units::deg_to_rad(90.0 - own_cog));
  const double sin_own = std::sin(units::deg_to_rad(90.0 - own_cog));
  const double cos_target = std::cos(units::deg_to_rad(90.0 - target_cog));
  const double sin_target = std::sin(units::deg_to_rad(90.0 - target_cog));
  const double fc = own_sog_kn * cos_own - target_sog_kn * cos_target;
  const double fs = own_sog_kn * sin_own - target_sog_kn * sin_target;
  const double denominator = fc * fc + fs * fs;
  const double tcpa_h = std::abs(denominator) < 1e-6 ? 0.0 : (fc * east + fs * north) / denominator;
  const GeographicLib::Geodesic& geodesic = GeographicLib::Geodesic::WGS84();
  double own_lat = 0, own_lon = 0, target_lat = 0, target_lon = 0;
  geodesic.Direct(own.lat, own.lon, own_cog, own_sog_kn * tcpa_h * kMetresPerNm, own_lat, own_lon);
  geodesic.Direct(target.lat, target.lon, target_cog, target_sog_kn * tcpa_h * kMetresPerNm,
                  target_lat, target_lon);
  double distance_m = 0;
  geodesic.Inverse(own_lat, own_lon, target_lat, target_lon, distance_m);
  return {distance_m / kMetresPerNm, tcpa_h * 60.0, tcpa_h >= 0.0};
}

/// Our CPA for the same two vessels, through the local plane the risk engine uses.
Approach our_cpa(LatLon own, double own_cog, double own_sog_kn, LatLon target, double target_cog,
                 double target_sog_kn) {
  const LocalFrame frame(own);
  const EastNorth relative = frame.forward(target);
  const Velocity own_velocity = velocity_of(own_cog, units::knots_to_mps(own_sog_kn));
  const Velocity target_velocity = velocity_of(target_cog, units::knots_to_mps(target_sog_kn));
  return closest_approach(relative, {target_velocity.east - own_velocity.east,
                                     target_velocity.north - own_velocity.north});
}

TEST(ClosestApproach, AgreesWithOpenCpnOnTheSameEncounters) {
  // A small boat (own) crossing the south-west lane at 4 kn, a container ship at 16 kn:
  // a grid of encounters at ranges up to 8 nm around the boat.
  const LatLon boat{51.0, 1.40};
  int compared = 0;
  for (double bearing = 0.0; bearing < 360.0; bearing += 30.0) {
    for (double range_nm : {0.5, 2.0, 5.0, 8.0}) {
      for (double ship_course : {40.0, 220.0, 300.0}) {
        const GeographicLib::Geodesic& geodesic = GeographicLib::Geodesic::WGS84();
        LatLon ship;
        geodesic.Direct(boat.lat, boat.lon, bearing, range_nm * kMetresPerNm, ship.lat, ship.lon);
        const OpenCpnResult reference = opencpn_cpa(boat, 310.0, 4.0, ship, ship_course, 16.0);
        const Approach ours = our_cpa(boat, 310.0, 4.0, ship, ship_course, 16.0);
        // The plotting sheet's flat-earth offsets differ from the geodesic plane by a few
        // tenths of a percent of the range: allow that much position error in the TCPA.
        const Velocity relative = velocity_of(ship_course, units::knots_to_mps(16.0));
        const Velocity own = velocity_of(310.0, units::knots_to_mps(4.0));
        const double relative_speed =
            std::hypot(relative.east - own.east, relative.north - own.north);
        const double tcpa_tolerance_min =
            0.05 + 0.004 * range_nm * kMetresPerNm / relative_speed / 60.0;
        EXPECT_NEAR(ours.tcpa_s / 60.0, reference.tcpa_min, tcpa_tolerance_min)
            << "bearing " << bearing << " range " << range_nm << " course " << ship_course;
        EXPECT_NEAR(ours.cpa_m / kMetresPerNm, reference.cpa_nm, 0.01 + 0.01 * range_nm)
            << "bearing " << bearing << " range " << range_nm << " course " << ship_course;
        EXPECT_EQ(ours.tcpa_s >= 0.0, reference.valid);
        // Same alarm decision with OpenCPN's defaults-like settings: 0.5 nm, 30 min.
        const bool opencpn_alarm =
            reference.valid && reference.cpa_nm < 0.5 && reference.tcpa_min < 30.0;
        const bool our_alarm =
            ours.tcpa_s >= 0.0 && ours.cpa_m < 0.5 * kMetresPerNm && ours.tcpa_s < 1800.0;
        if (std::abs(reference.cpa_nm - 0.5) > 0.02 && std::abs(reference.tcpa_min - 30.0) > 0.5) {
          EXPECT_EQ(our_alarm, opencpn_alarm)
              << "bearing " << bearing << " range " << range_nm << " course " << ship_course;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 100);
}

TEST(ProbabilityCloser, FollowsTheUncertainty) {
  RelativeState state;
  state.position = {0.0, 4000.0};
  state.velocity = {0.0, -5.0};  // straight at us: CPA 0
  EXPECT_EQ(probability_closer(state, 500.0, 1800.0, 7), 1.0);
  state.position = {2000.0, 4000.0};  // 2 km abeam, certain: never closer than 500 m
  EXPECT_EQ(probability_closer(state, 500.0, 1800.0, 7), 0.0);
  // Uncertain cross-track velocity: sometimes closer.
  state.velocity_covariance = {4.0, 0.0, 0.01};  // 2 m/s east: about 11 % pass within 500 m
  const double probability = probability_closer(state, 500.0, 1800.0, 7);
  EXPECT_GT(probability, 0.05);
  EXPECT_LT(probability, 0.95);
  // Deterministic for a seed.
  EXPECT_EQ(probability, probability_closer(state, 500.0, 1800.0, 7));
}

TEST(CollisionSeverity, GrowsWithCloserSoonerAndLarger) {
  const CollisionSettings settings;
  EXPECT_EQ(collision_severity(settings, 400.0, 1500.0, 50.0), Severity::kWarning);
  EXPECT_EQ(collision_severity(settings, 100.0, 800.0, 50.0), Severity::kUrgent);
  EXPECT_EQ(collision_severity(settings, 100.0, 200.0, 50.0), Severity::kCritical);
  EXPECT_EQ(collision_severity(settings, 400.0, 800.0, 300.0), Severity::kUrgent);
  EXPECT_EQ(collision_severity(settings, 100.0, 800.0, 300.0), Severity::kCritical);
}

}  // namespace
}  // namespace sw::risk
