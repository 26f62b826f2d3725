// The risk assessors on synthetic pictures: vessels moving in straight legs on the picture
// plane, updated every 10 s, evaluated as the engine does (apply, index, assess). Collision
// course, drifting, lane crossing, SAR handover and distress, then the RiskEngine end to
// end on the project's Dover Strait geography (regions, addressees, search areas,
// determinism).

#include <gtest/gtest.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/geo.h"
#include "core/units.h"
#include "risk/alert.h"
#include "risk/assessor.h"
#include "risk/collision_assessor.h"
#include "risk/distress_assessor.h"
#include "risk/drifting_assessor.h"
#include "risk/handover_assessor.h"
#include "risk/lane_crossing_assessor.h"
#include "risk/risk_engine.h"
#include "risk/risk_geography.h"
#include "risk/risk_picture.h"
#include "risk/risk_settings.h"
#include "sim/geography.h"
#include "split_geography.h"
#include "track/fusion/fused_track.h"

namespace sw::risk {
namespace {

constexpr TimeNs kSecond = kNsPerSecond;
/// Sensor time of second 0 of every scene (a multiple of the evaluation interval).
constexpr TimeNs kStart = 1'717'200'000 * kSecond;
constexpr LatLon kOrigin{51.0, 1.45};  ///< the picture plane's origin (RiskSettings default)
/// Open water off South Foreland, in the UK region, outside the traffic lanes.
constexpr LatLon kOpenWater{51.20, 1.55};
/// Mid-lane in the south-west-bound lane, between its facing vertices 2 and 13.
constexpr LatLon kSouthWestLane{50.9892, 1.29969};
/// In the separation zone between the two lanes.
constexpr LatLon kSeparationZone{50.955, 1.355};
constexpr const char* kUkRegion = "UK (MRCC Dover)";
constexpr const char* kUkCentre = "MRCC Dover (HM Coastguard, Langdon Battery)";

TimeNs at_second(double seconds) {
  return kStart + static_cast<TimeNs>(std::llround(seconds * static_cast<double>(kSecond)));
}

LocalFrame plane() { return LocalFrame(kOrigin); }

Velocity velocity_of(double course_deg, double speed_mps) {
  const double course = units::deg_to_rad(course_deg);
  return {speed_mps * std::sin(course), speed_mps * std::cos(course)};
}

EastNorth plus(EastNorth point, Velocity velocity, double seconds) {
  return {point.east + velocity.east * seconds, point.north + velocity.north * seconds};
}

double bearing_deg(double east, double north) {
  return std::fmod(units::rad_to_deg(std::atan2(east, north)) + 360.0, 360.0);
}

double angle_between_deg(double first_deg, double second_deg) {
  const double difference = std::fmod(std::abs(first_deg - second_deg), 360.0);
  return difference > 180.0 ? 360.0 - difference : difference;
}

/// The Dover Strait geography of the project (SAR regions, rescue centres, lanes).
const RiskGeography& dover() {
  static const RiskGeography geography = [] {
    Result<RiskGeography> loaded =
        RiskGeography::load(std::string(SW_TEST_DATA_DIR) + "/../../data/geo/dover_strait.geojson");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().code << ": " << loaded.error().detail;
      return RiskGeography{};
    }
    return std::move(*loaded);
  }();
  return geography;
}

/// A vessel moving in a straight line on the picture plane, optionally changing velocity
/// once (a boat whose engine stops).
struct Mover {
  std::uint64_t id = 0;
  track::TrackClass track_class = track::TrackClass::kDark;
  EastNorth start;  ///< plane position at second 0
  Velocity velocity;
  double change_s = -1.0;  ///< from this second on it moves at `then` (negative: never)
  Velocity then;
  std::vector<std::pair<std::string, std::string>> details;
  std::optional<std::uint32_t> mmsi;
  std::string asset_id;
  std::string callsign;
  Covariance2 covariance{400.0, 0.0, 400.0};
  Covariance2 velocity_covariance{0.25, 0.0, 0.25};

  EastNorth at(double seconds) const {
    if (change_s < 0.0 || seconds <= change_s) return plus(start, velocity, seconds);
    return plus(plus(start, velocity, change_s), then, seconds - change_s);
  }
  Velocity velocity_at(double seconds) const {
    return change_s >= 0.0 && seconds > change_s ? then : velocity;
  }
  track::FusedTrack fused(double seconds) const {
    track::FusedTrack track;
    track.id = id;
    track.track_class = track_class;
    track.status = track::PictureStatus::kConfirmed;
    track.time = at_second(seconds);
    track.position = plane().reverse(at(seconds));
    track.velocity = velocity_at(seconds);
    track.covariance = covariance;
    track.velocity_covariance = velocity_covariance;
    track.mmsi = mmsi;
    track.asset_id = asset_id;
    track.callsign = callsign;
    for (const auto& [key, value] : details) track.set_detail(key, value);
    return track;
  }
};

Mover dark_boat(std::uint64_t id, EastNorth start, Velocity velocity) {
  Mover boat;
  boat.id = id;
  boat.start = start;
  boat.velocity = velocity;
  return boat;
}

Mover ais_vessel(std::uint64_t id, EastNorth start, Velocity velocity, const std::string& length_m,
                 const std::string& ship_type) {
  Mover vessel;
  vessel.id = id;
  vessel.track_class = track::TrackClass::kCooperative;
  vessel.start = start;
  vessel.velocity = velocity;
  vessel.mmsi = static_cast<std::uint32_t>(228000000 + id);
  if (!length_m.empty()) vessel.details.emplace_back("length_m", length_m);
  if (!ship_type.empty()) vessel.details.emplace_back("shiptype", ship_type);
  vessel.covariance = {100.0, 0.0, 100.0};
  vessel.velocity_covariance = {0.01, 0.0, 0.01};
  return vessel;
}

/// Movers fed to a RiskPicture and assessed as the engine does.
class Scene {
 public:
  explicit Scene(std::vector<Mover> movers) : movers_(std::move(movers)) {}

  /// Every mover's track update at `seconds`.
  void update(double seconds) {
    std::vector<track::FusedTrack> updates;
    for (const Mover& mover : movers_) updates.push_back(mover.fused(seconds));
    picture_.apply(updates);
  }
  std::vector<Finding> assess(Assessor& assessor, double seconds, const RiskGeography& geography,
                              std::vector<std::string> active_keys = {}) {
    picture_.index(at_second(seconds));
    const AssessmentContext context(at_second(seconds), picture_, geography,
                                    std::move(active_keys));
    std::vector<Finding> findings;
    assessor.assess(context, findings);
    return findings;
  }
  const RiskPicture& picture() const { return picture_; }

 private:
  std::vector<Mover> movers_;
  RiskPicture picture_{kOrigin};
};

/// The findings of one evaluation.
struct Evaluation {
  double seconds = 0;
  std::vector<Finding> findings;
};

/// The first evaluation with a finding, or nullptr.
const Evaluation* first_with_findings(const std::vector<Evaluation>& evaluations) {
  for (const Evaluation& evaluation : evaluations) {
    if (!evaluation.findings.empty()) return &evaluation;
  }
  return nullptr;
}

/// Updates every 10 s from second 0 to `to_s`, evaluating from `evaluate_from_s` on.
std::vector<Evaluation> run(Scene& scene, Assessor& assessor, const RiskGeography& geography,
                            double evaluate_from_s, double to_s,
                            const std::vector<std::string>& active_keys = {}) {
  std::vector<Evaluation> evaluations;
  for (double seconds = 0.0; seconds <= to_s; seconds += 10.0) {
    scene.update(seconds);
    if (seconds >= evaluate_from_s) {
      evaluations.push_back({seconds, scene.assess(assessor, seconds, geography, active_keys)});
    }
  }
  return evaluations;
}

std::size_t total_findings(const std::vector<Evaluation>& evaluations) {
  std::size_t count = 0;
  for (const Evaluation& evaluation : evaluations) count += evaluation.findings.size();
  return count;
}

std::string detail(const Finding& finding, const std::string& key) {
  for (const auto& [name, value] : finding.details) {
    if (name == key) return value;
  }
  ADD_FAILURE() << "no detail " << key;
  return {};
}

double number(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

// ---------------------------------------------------------------------------------------
// Collision course.

constexpr std::uint64_t kBoatId = 1;
constexpr std::uint64_t kShipId = 2;
constexpr double kBoatCourse = 310.0;
constexpr double kBoatSpeed = 1.5;
constexpr double kShipCourse = 220.0;
constexpr double kShipSpeed = 6.0;
/// The second the two pass closest in the collision scenes; evaluations start 1200 s before.
constexpr double kCpaAt = 1400.0;
constexpr double kFirstEvaluation = 200.0;

/// A dark boat (course 310 at 1.5 m/s) and `other` (course 220 at 6 m/s, a 300 m AIS
/// ship unless changed) that pass `cpa_m` apart at second `cpa_at_s`, the boat then at
/// `meeting`.
std::vector<Mover> crossing_encounter(double cpa_m, double cpa_at_s = kCpaAt,
                                      LatLon meeting = kOpenWater) {
  const Velocity boat_velocity = velocity_of(kBoatCourse, kBoatSpeed);
  const Velocity ship_velocity = velocity_of(kShipCourse, kShipSpeed);
  const Velocity relative{ship_velocity.east - boat_velocity.east,
                          ship_velocity.north - boat_velocity.north};
  const double relative_speed = std::hypot(relative.east, relative.north);
  // At the CPA the ship is off the boat at right angles to the relative motion.
  const EastNorth boat_at_cpa = plane().forward(meeting);
  const EastNorth ship_at_cpa{boat_at_cpa.east - cpa_m * relative.north / relative_speed,
                              boat_at_cpa.north + cpa_m * relative.east / relative_speed};
  Mover boat = dark_boat(kBoatId, plus(boat_at_cpa, boat_velocity, -cpa_at_s), boat_velocity);
  Mover ship =
      ais_vessel(kShipId, plus(ship_at_cpa, ship_velocity, -cpa_at_s), ship_velocity, "300", "70");
  ship.details.emplace_back("shipname", "CMA CGM TIGRIS");
  return {boat, ship};
}

TEST(CollisionAssessor, CrossingAheadOfAShipAlertsAfterTheConfirmationTime) {
  Scene scene(crossing_encounter(100.0));
  CollisionAssessor assessor(CollisionSettings{}, 1);
  const std::vector<Evaluation> evaluations =
      run(scene, assessor, dover(), kFirstEvaluation, kCpaAt + 200.0);
  // The approach must hold for min(confirm_max_s 120, tcpa / 10) of evaluations: first
  // seen at 200 s with TCPA 1200 s, it holds long enough at 310 s (110 >= 1090 / 10).
  const Evaluation* first_found = first_with_findings(evaluations);
  ASSERT_NE(first_found, nullptr);
  EXPECT_EQ(first_found->seconds, 310.0);
  ASSERT_EQ(first_found->findings.size(), 1U);
  const Finding& finding = first_found->findings.front();
  EXPECT_EQ(finding.kind, AlertKind::kCollision);
  EXPECT_EQ(finding.subjects, (std::vector<std::uint64_t>{kBoatId, kShipId}));
  EXPECT_EQ(finding_key(finding), "collision:1:2");
  EXPECT_NEAR(number(detail(finding, "cpa_m")), 100.0, 20.0);
  EXPECT_NEAR(number(detail(finding, "tcpa_s")), kCpaAt - 310.0, 30.0);
  EXPECT_NEAR(static_cast<double>(finding.event_time - at_second(kCpaAt)), 0.0, 1e6)
      << "event at the CPA";
  EXPECT_EQ(finding.severity, Severity::kWarning);  // 18 min ahead: not yet urgent
  const double probability = number(detail(finding, "probability_closer"));
  EXPECT_GE(probability, 0.95);  // 100 m predicted, 500 m threshold, tracks known to ~20 m
  EXPECT_LE(probability, 1.0);
  EXPECT_EQ(detail(finding, "ship"), "CMA CGM TIGRIS (MMSI 228000002)");
  EXPECT_EQ(detail(finding, "small_craft"), "dark contact 1");
  EXPECT_EQ(detail(finding, "ship_length_m"), "300");
  EXPECT_FALSE(finding.immediate);
  EXPECT_FALSE(finding.wants_search_areas);

  for (const Evaluation& evaluation : evaluations) {
    const double tcpa = kCpaAt - evaluation.seconds;
    SCOPED_TRACE(evaluation.seconds);
    if (evaluation.seconds < 310.0 || tcpa < 0.0) {
      // Before confirmation, and once the ship is going away (TCPA < 0): nothing.
      EXPECT_TRUE(evaluation.findings.empty());
    } else if (tcpa >= 40.0) {
      // Within 40 s of the CPA the two are within same_vessel_m (250 m): a dark contact
      // that close is taken for the ship's own echo unless an alert is already open.
      ASSERT_EQ(evaluation.findings.size(), 1U);
      const Finding& found = evaluation.findings.front();
      EXPECT_NEAR(number(detail(found, "cpa_m")), 100.0, 20.0);
      EXPECT_NEAR(number(detail(found, "tcpa_s")), tcpa, 30.0);
      // A 300 m ship raises the level once the CPA is within urgent_tcpa_s (900 s):
      // urgent (CPA < 200 m) becomes critical, inside critical_tcpa_s it is critical anyway.
      // At the switch itself the estimated TCPA (to within the 30 s above) decides: either.
      const Severity expected = tcpa > 900.0 ? Severity::kWarning : Severity::kCritical;
      if (std::abs(tcpa - 900.0) > 1.0) EXPECT_EQ(found.severity, expected);
    } else {
      EXPECT_TRUE(evaluation.findings.empty());
    }
  }
}

TEST(CollisionAssessor, AnOpenAlertKeepsItsFindingAsTheyCloseIn) {
  // With the alert open the echo rule does not apply: found up to the CPA.
  Scene scene(crossing_encounter(100.0));
  CollisionAssessor assessor(CollisionSettings{}, 1);
  const std::vector<Evaluation> evaluations =
      run(scene, assessor, dover(), kCpaAt - 100.0, kCpaAt - 10.0,
          {finding_key(AlertKind::kCollision, {kBoatId, kShipId}, "")});
  ASSERT_EQ(evaluations.size(), 10U);
  for (const Evaluation& evaluation : evaluations) {
    ASSERT_EQ(evaluation.findings.size(), 1U) << evaluation.seconds;
    EXPECT_EQ(evaluation.findings.front().severity, Severity::kCritical);
    EXPECT_NEAR(number(detail(evaluation.findings.front(), "range_m")),
                std::hypot(100.0, (kCpaAt - evaluation.seconds) * std::sqrt(38.25)), 1.0);
  }
}

TEST(CollisionAssessor, SeverityGrowsWithCloserSoonerAndLarger) {
  const CollisionSettings settings;
  EXPECT_EQ(collision_severity(settings, 100.0, 1200.0, 300.0), Severity::kWarning);
  EXPECT_EQ(collision_severity(settings, 100.0, 600.0, 100.0), Severity::kUrgent);
  EXPECT_EQ(collision_severity(settings, 100.0, 600.0, 300.0), Severity::kCritical);
  EXPECT_EQ(collision_severity(settings, 100.0, 250.0, 100.0), Severity::kCritical);
  EXPECT_EQ(collision_severity(settings, 100.0, 250.0, 0.0), Severity::kCritical);
  EXPECT_EQ(collision_severity(settings, 400.0, 600.0, 100.0), Severity::kWarning);
  EXPECT_EQ(collision_severity(settings, 400.0, 600.0, 150.0), Severity::kUrgent);
  EXPECT_EQ(collision_severity(settings, 400.0, 250.0, 300.0), Severity::kUrgent);
  EXPECT_EQ(collision_severity(settings, 400.0, 1200.0, 300.0), Severity::kWarning);
}

TEST(CollisionAssessor, APassTwoKilometresOffIsNoFinding) {
  Scene scene(crossing_encounter(2000.0));
  CollisionAssessor assessor(CollisionSettings{}, 1);
  EXPECT_EQ(total_findings(run(scene, assessor, dover(), kFirstEvaluation, kCpaAt)), 0U);
}

TEST(CollisionAssessor, AShipGoingAwayIsNoFinding) {
  // The same encounter seen only after the CPA: TCPA negative at every evaluation.
  Scene scene(crossing_encounter(100.0));
  CollisionAssessor assessor(CollisionSettings{}, 1);
  EXPECT_EQ(total_findings(run(scene, assessor, dover(), kCpaAt + 10.0, kCpaAt + 600.0)), 0U);
}

TEST(CollisionAssessor, OnlyShipsEndangerSmallCraft) {
  struct Case {
    const char* name;
    track::TrackClass track_class;
    std::string length_m;
    std::string ship_type;
  };
  const std::vector<Case> cases = {
      {"two dark boats", track::TrackClass::kDark, "", ""},
      {"fishing vessel", track::TrackClass::kCooperative, "40", "30"},
      {"own asset", track::TrackClass::kOwnAsset, "", ""},
      {"law enforcement", track::TrackClass::kCooperative, "30", "55"},
      {"search and rescue", track::TrackClass::kCooperative, "", "51"},
  };
  for (const Case& item : cases) {
    SCOPED_TRACE(item.name);
    std::vector<Mover> movers = crossing_encounter(100.0);
    Mover& other = movers[1];
    other.track_class = item.track_class;
    other.details.clear();
    if (!item.length_m.empty()) other.details.emplace_back("length_m", item.length_m);
    if (!item.ship_type.empty()) other.details.emplace_back("shiptype", item.ship_type);
    Scene scene(movers);
    CollisionAssessor assessor(CollisionSettings{}, 1);
    EXPECT_EQ(total_findings(run(scene, assessor, dover(), kFirstEvaluation, kCpaAt)), 0U);
  }
  // The control: the same encounter with a 300 m tanker is found.
  Scene scene(crossing_encounter(100.0));
  CollisionAssessor assessor(CollisionSettings{}, 1);
  EXPECT_GT(total_findings(run(scene, assessor, dover(), kFirstEvaluation, kCpaAt)), 0U);
}

TEST(CollisionAssessor, AShipsOwnRadarEchoIsNotASmallCraftAtRisk) {
  const EastNorth ship_start = plane().forward(kOpenWater);
  const Velocity ship_velocity = velocity_of(kShipCourse, kShipSpeed);
  const Velocity astern = velocity_of(kShipCourse + 180.0, 1.0);
  const EastNorth echo_start{ship_start.east + 100.0 * astern.east,
                             ship_start.north + 100.0 * astern.north};
  const Mover ship = ais_vessel(kShipId, ship_start, ship_velocity, "300", "70");
  {
    // 100 m astern moving with it: no relative motion.
    Scene scene({dark_boat(kBoatId, echo_start, ship_velocity), ship});
    CollisionAssessor assessor(CollisionSettings{}, 1);
    EXPECT_EQ(total_findings(run(scene, assessor, dover(), 0.0, 60.0)), 0U);
  }
  // 100 m astern catching up at 1 m/s (the echo's velocity is noisy): closing, TCPA 100 s,
  // CPA 0, but within same_vessel_m of a ship while dark.
  const Velocity catching_up{ship_velocity.east - astern.east, ship_velocity.north - astern.north};
  {
    Scene scene({dark_boat(kBoatId, echo_start, catching_up), ship});
    CollisionAssessor assessor(CollisionSettings{}, 1);
    EXPECT_EQ(total_findings(run(scene, assessor, dover(), 0.0, 60.0)), 0U);
  }
  // The control: a small AIS craft (8 m) in the same place is someone else.
  {
    Mover craft = ais_vessel(kBoatId, echo_start, catching_up, "8", "37");
    Scene scene({craft, ship});
    CollisionAssessor assessor(CollisionSettings{}, 1);
    const std::vector<Evaluation> evaluations = run(scene, assessor, dover(), 0.0, 60.0);
    ASSERT_FALSE(evaluations.back().findings.empty());
    EXPECT_EQ(evaluations.back().findings.front().severity, Severity::kCritical);
  }
}

TEST(CollisionAssessor, AnOpenAlertKeepsItsLooserThreshold) {
  // CPA 600 m: above cpa_m (500 m), below keep_cpa_m (750 m).
  const std::string key = finding_key(AlertKind::kCollision, {kBoatId, kShipId}, "");
  {
    Scene scene(crossing_encounter(600.0));
    CollisionAssessor assessor(CollisionSettings{}, 1);
    EXPECT_EQ(total_findings(run(scene, assessor, dover(), kFirstEvaluation, 600.0)), 0U);
  }
  {
    Scene scene(crossing_encounter(600.0));
    CollisionAssessor assessor(CollisionSettings{}, 1);
    const std::vector<Evaluation> evaluations =
        run(scene, assessor, dover(), kFirstEvaluation, 600.0, {key});
    // Open: kept from the first evaluation on (no confirmation to wait for).
    ASSERT_EQ(evaluations.front().findings.size(), 1U);
    const Finding& finding = evaluations.front().findings.front();
    EXPECT_NEAR(number(detail(finding, "cpa_m")), 600.0, 20.0);
    const double probability = number(detail(finding, "probability_closer"));
    // 600 m predicted; the ship's velocity (0.1 m/s a component) over the 1200 s to the CPA
    // spreads it by ~120 m: about a fifth of the draws pass within 500 m.
    EXPECT_GE(probability, 0.10);
    EXPECT_LE(probability, 0.35);
    EXPECT_EQ(total_findings(evaluations), evaluations.size());
  }
  {
    // 800 m is beyond even the keep threshold.
    Scene scene(crossing_encounter(800.0));
    CollisionAssessor assessor(CollisionSettings{}, 1);
    EXPECT_EQ(total_findings(run(scene, assessor, dover(), kFirstEvaluation, 600.0, {key})), 0U);
  }
}

TEST(CollisionAssessor, FarShipsAreOutsideTheSpatialQuery) {
  std::vector<Mover> movers = crossing_encounter(100.0);
  // A fast ship 60 km east of the boat heading for it at 20 m/s.
  const EastNorth boat_start = movers[0].at(0.0);
  Mover far = ais_vessel(3, {boat_start.east + 60000.0, boat_start.north}, velocity_of(270.0, 20.0),
                         "200", "70");
  movers.push_back(far);
  Scene scene(movers);
  CollisionAssessor assessor(CollisionSettings{}, 1);
  const std::vector<Evaluation> evaluations =
      run(scene, assessor, dover(), kFirstEvaluation, 400.0);
  const Evaluation& last = evaluations.back();
  ASSERT_EQ(last.findings.size(), 1U);
  EXPECT_EQ(last.findings.front().subjects, (std::vector<std::uint64_t>{kBoatId, kShipId}));
  EXPECT_NEAR(number(detail(last.findings.front(), "cpa_m")), 100.0, 20.0);
  EXPECT_NEAR(number(detail(last.findings.front(), "tcpa_s")), kCpaAt - 400.0, 30.0);

  // The reach the assessor asks for: (boat speed + fastest ship) x keep_horizon_s +
  // keep_cpa_m = 21.5 x 2400 + 750 = 52 350 m; the far ship, now ~52 km off, is just out.
  const RiskPicture& picture = scene.picture();
  const EastNorth boat_now = picture.find(kBoatId)->plane_at(at_second(400.0));
  const auto ids = [](const std::vector<const RiskTrack*>& tracks) {
    std::vector<std::uint64_t> found;
    for (const RiskTrack* item : tracks) found.push_back(item->id);
    return found;
  };
  EXPECT_EQ(ids(picture.near(boat_now, 52350.0)), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(ids(picture.near(boat_now, 60000.0)), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(ids(picture.near(boat_now, 1.0)), (std::vector<std::uint64_t>{1}));
}

TEST(RiskPicture, NearFindsTracksAcrossCellsOnEitherSideOfTheOrigin) {
  RiskPicture picture(kOrigin);
  std::vector<track::FusedTrack> updates;
  // Ids 1..4 at 3.9 km from the origin in each quadrant (cells of 4 km: four different
  // cells), 5 at 4.1 km west (a further cell).
  const std::vector<EastNorth> points = {
      {2758.0, 2758.0}, {-2758.0, 2758.0}, {-2758.0, -2758.0}, {2758.0, -2758.0}, {-4100.0, 0.0}};
  for (std::size_t index = 0; index < points.size(); ++index) {
    updates.push_back(dark_boat(index + 1, points[index], {}).fused(0.0));
  }
  picture.apply(updates);
  picture.index(at_second(0.0));
  std::vector<std::uint64_t> found;
  for (const RiskTrack* item : picture.near({0.0, 0.0}, 3950.0)) found.push_back(item->id);
  EXPECT_EQ(found, (std::vector<std::uint64_t>{1, 2, 3, 4}));
  found.clear();
  for (const RiskTrack* item : picture.near({-4000.0, 0.0}, 150.0)) found.push_back(item->id);
  EXPECT_EQ(found, std::vector<std::uint64_t>{5});
}

TEST(RiskPicture, RolesFollowClassSpeedTypeAndLength) {
  const RoleSettings settings;
  const auto role = [&settings](track::TrackClass track_class, double speed,
                                std::vector<std::pair<std::string, std::string>> details) {
    Mover mover = dark_boat(1, {}, {speed, 0.0});
    mover.track_class = track_class;
    mover.details = std::move(details);
    return role_of(mover.fused(0.0), settings);
  };
  using track::TrackClass;
  EXPECT_EQ(role(TrackClass::kDark, 2.0, {}), VesselRole::kSmallCraft);
  EXPECT_EQ(role(TrackClass::kDark, 8.0, {}), VesselRole::kShip);  // AIS off, not a boat
  EXPECT_EQ(role(TrackClass::kOwnAsset, 2.0, {}), VesselRole::kOwnAsset);
  EXPECT_EQ(role(TrackClass::kCooperative, 6.0, {{"length_m", "300"}}), VesselRole::kShip);
  EXPECT_EQ(role(TrackClass::kCooperative, 2.0, {{"length_m", "10"}}), VesselRole::kSmallCraft);
  EXPECT_EQ(role(TrackClass::kCooperative, 2.0, {{"length_m", "40"}, {"shiptype", "30"}}),
            VesselRole::kOther);
  EXPECT_EQ(role(TrackClass::kCooperative, 2.0, {{"length_m", "30"}, {"shiptype", "55"}}),
            VesselRole::kOwnAsset);
  EXPECT_EQ(role(TrackClass::kCooperative, 2.0, {{"shiptype", "37"}}), VesselRole::kSmallCraft);
  EXPECT_EQ(role(TrackClass::kCooperative, 2.0, {{"class", "B"}}), VesselRole::kSmallCraft);
  EXPECT_EQ(role(TrackClass::kCooperative, 2.0, {}), VesselRole::kShip);
}

// ---------------------------------------------------------------------------------------
// Drifting.

/// Wind blowing towards the east at 8 m/s, current 0.4 m/s towards the north: a small
/// boat drifts at current + 3.5 % of the wind = (0.28, 0.40) m/s.
Environment drift_environment() {
  Environment environment;
  environment.wind_to = {8.0, 0.0};
  environment.current = {0.0, 0.4};
  return environment;
}

Velocity expected_drift(const Environment& environment) {
  const double leeway = DriftingSettings{}.leeway_fraction;
  return {environment.current.east + leeway * environment.wind_to.east,
          environment.current.north + leeway * environment.wind_to.north};
}

constexpr double kStopAt = 600.0;

/// A boat under way at 2 m/s over ground (course 330) that stops at `kStopAt` at `stop`
/// and then drifts with wind and current.
Mover stopping_boat(std::uint64_t id, LatLon stop, const Environment& environment) {
  const Velocity under_way = velocity_of(330.0, 2.0);
  Mover boat = dark_boat(id, plus(plane().forward(stop), under_way, -kStopAt), under_way);
  boat.change_s = kStopAt;
  boat.then = expected_drift(environment);
  return boat;
}

TEST(DriftingAssessor, ADarkBoatThatStopsIsFoundWithinFiveMinutes) {
  const Environment environment = drift_environment();
  const Mover boat = stopping_boat(kBoatId, kOpenWater, environment);
  Scene scene({boat});
  ASSERT_EQ(dover().lane_at(kOpenWater), nullptr);
  DriftingAssessor assessor(DriftingSettings{}, environment);
  const std::vector<Evaluation> evaluations = run(scene, assessor, dover(), 0.0, 1200.0);
  const Evaluation* first_found = nullptr;
  for (const Evaluation& evaluation : evaluations) {
    if (evaluation.seconds <= kStopAt) {
      EXPECT_TRUE(evaluation.findings.empty()) << evaluation.seconds;  // under way
    } else if (first_found == nullptr && !evaluation.findings.empty()) {
      first_found = &evaluation;
    }
  }
  ASSERT_NE(first_found, nullptr);
  // Adrift once the fit over the 180 s window shows it, then for min_duration_s (60 s).
  EXPECT_GE(first_found->seconds, kStopAt + 60.0);
  EXPECT_LE(first_found->seconds, kStopAt + 300.0);
  // From then on found at every evaluation.
  for (const Evaluation& evaluation : evaluations) {
    if (evaluation.seconds >= first_found->seconds) {
      EXPECT_EQ(evaluation.findings.size(), 1U) << evaluation.seconds;
    }
  }
  const Finding& finding = evaluations.back().findings.at(0);
  EXPECT_EQ(finding.kind, AlertKind::kDrifting);
  EXPECT_EQ(finding.subjects, std::vector<std::uint64_t>{kBoatId});
  EXPECT_EQ(finding.severity, Severity::kUrgent);  // dark, outside the lanes
  EXPECT_TRUE(finding.wants_search_areas);
  EXPECT_NEAR(finding.search_radius_m, 20.0, 1e-9);  // sqrt of the 400 m^2 variance
  EXPECT_EQ(detail(finding, "in_traffic_lane"), "false");
  EXPECT_EQ(detail(finding, "speed_over_ground_mps"), "0.49");
  EXPECT_EQ(detail(finding, "speed_through_water_mps"), "0.28");  // the leeway alone
  EXPECT_EQ(detail(finding, "drift_difference_mps"), "0.00");
  EXPECT_EQ(detail(finding, "adrift_since"),
            std::to_string(at_second(first_found->seconds) - static_cast<TimeNs>(60 * kSecond)));
  EXPECT_NEAR(geodesic_distance_m(finding.position, plane().reverse(boat.at(1200.0))), 0.0, 1e-3);
}

TEST(DriftingAssessor, ABoatAdriftInATrafficLaneIsCritical) {
  const Environment environment = drift_environment();
  ASSERT_NE(dover().lane_at(kSouthWestLane), nullptr);
  Scene scene({stopping_boat(kBoatId, kSouthWestLane, environment)});
  DriftingAssessor assessor(DriftingSettings{}, environment);
  const std::vector<Evaluation> evaluations = run(scene, assessor, dover(), 0.0, 1200.0);
  ASSERT_EQ(evaluations.back().findings.size(), 1U);
  const Finding& finding = evaluations.back().findings.front();
  EXPECT_EQ(finding.severity, Severity::kCritical);
  EXPECT_EQ(detail(finding, "in_traffic_lane"), "true");
}

TEST(DriftingAssessor, ABoatUnderWayThroughTheWaterIsNeverAdrift) {
  const Environment environment = drift_environment();
  const Velocity through_water = velocity_of(330.0, 2.0);
  const Velocity over_ground{through_water.east + environment.current.east,
                             through_water.north + environment.current.north};
  Scene scene({dark_boat(kBoatId, plane().forward(kOpenWater), over_ground)});
  DriftingAssessor assessor(DriftingSettings{}, environment);
  EXPECT_EQ(total_findings(run(scene, assessor, dover(), 0.0, 1800.0)), 0U);
}

TEST(DriftingAssessor, AStoppedAisSmallCraftIsAWarning) {
  const Environment environment = drift_environment();
  // A 10 m AIS craft drifting from the first update: measured once 100 s of positions
  // span the window (min_span_s), alerted 60 s later (min_duration_s).
  Mover craft =
      ais_vessel(kBoatId, plane().forward(kOpenWater), expected_drift(environment), "10", "37");
  Scene scene({craft});
  DriftingAssessor assessor(DriftingSettings{}, environment);
  const std::vector<Evaluation> evaluations = run(scene, assessor, dover(), 0.0, 300.0);
  for (const Evaluation& evaluation : evaluations) {
    SCOPED_TRACE(evaluation.seconds);
    if (evaluation.seconds < 160.0) {
      EXPECT_TRUE(evaluation.findings.empty());
    } else {
      ASSERT_EQ(evaluation.findings.size(), 1U);
      EXPECT_EQ(evaluation.findings.front().severity, Severity::kWarning);
      EXPECT_EQ(detail(evaluation.findings.front(), "adrift_since"),
                std::to_string(at_second(100.0)));
    }
  }
}

TEST(DriftingAssessor, AnOpenAlertKeepsItsLooserWaterSpeed) {
  // 0.6 m/s through the water: above max_water_speed_mps (0.5), below keep (0.7), and
  // 0.32 m/s off the expected drift (more than drift_match_mps).
  const Environment environment = drift_environment();
  const Velocity over_ground{0.6 + environment.current.east, environment.current.north};
  const std::string key = finding_key(AlertKind::kDrifting, {kBoatId}, "");
  {
    Scene scene({dark_boat(kBoatId, plane().forward(kOpenWater), over_ground)});
    DriftingAssessor assessor(DriftingSettings{}, environment);
    EXPECT_EQ(total_findings(run(scene, assessor, dover(), 0.0, 600.0)), 0U);
  }
  Scene scene({dark_boat(kBoatId, plane().forward(kOpenWater), over_ground)});
  DriftingAssessor assessor(DriftingSettings{}, environment);
  const std::vector<Evaluation> evaluations = run(scene, assessor, dover(), 0.0, 600.0, {key});
  ASSERT_FALSE(evaluations.back().findings.empty());
  EXPECT_EQ(detail(evaluations.back().findings.front(), "speed_through_water_mps"), "0.60");
}

// ---------------------------------------------------------------------------------------
// Lane crossing.

TEST(LaneCrossing, CrossingAngleIsFoldedToAQuarterTurn) {
  EXPECT_DOUBLE_EQ(crossing_angle_deg(310.0, 220.0), 90.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(130.0, 220.0), 90.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(220.0, 220.0), 0.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(40.0, 220.0), 0.0);  // against the traffic
  EXPECT_DOUBLE_EQ(crossing_angle_deg(250.0, 220.0), 30.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(10.0, 220.0), 30.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(350.0, 40.0), 50.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(0.0, 360.0), 0.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(90.0, 0.0), 90.0);
  EXPECT_DOUBLE_EQ(crossing_angle_deg(359.0, 1.0), 2.0);
}

/// A small boat at `position` on `course` at 1.5 m/s, plus `others`, evaluated once after
/// five updates.
std::vector<Finding> lane_findings(LatLon position, double course_deg,
                                   std::vector<Mover> others = {}) {
  others.insert(others.begin(),
                dark_boat(kBoatId, plane().forward(position), velocity_of(course_deg, 1.5)));
  Scene scene(std::move(others));
  // Measured five times over the last 40 s: a contact, not a passing clutter track.
  for (const double seconds : {-40.0, -30.0, -20.0, -10.0, 0.0}) scene.update(seconds);
  LaneCrossingAssessor assessor(LaneSettings{});
  return scene.assess(assessor, 0.0, dover());
}

TEST(LaneCrossing, ABoatCrossingAtRightAnglesIsAWarning) {
  const std::vector<Finding> findings = lane_findings(kSouthWestLane, 310.0);
  ASSERT_EQ(findings.size(), 1U);
  const Finding& finding = findings.front();
  EXPECT_EQ(finding.kind, AlertKind::kLaneCrossing);
  EXPECT_EQ(finding.subjects, std::vector<std::uint64_t>{kBoatId});
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_NEAR(number(detail(finding, "crossing_angle_deg")), 90.0, 5.0);
  EXPECT_NEAR(number(detail(finding, "course_deg")), 310.0, 1.0);
  EXPECT_EQ(detail(finding, "lane_direction_deg"), "220");
  EXPECT_EQ(detail(finding, "lane"), dover().lane_at(kSouthWestLane)->name);
  EXPECT_EQ(detail(finding, "ships_to_cross"), "0");
  EXPECT_EQ(detail(finding, "nearest_ship_range_m"), "");
}

TEST(LaneCrossing, ABoatFollowingTheLaneIsUrgent) {
  const std::vector<Finding> findings = lane_findings(kSouthWestLane, 220.0);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings.front().severity, Severity::kUrgent);
  EXPECT_NEAR(number(detail(findings.front(), "crossing_angle_deg")), 0.0, 5.0);
}

TEST(LaneCrossing, ShipsInTheSameLaneAreTheTrafficToCross) {
  // A ship 5 km up the lane coming down it, and one 9 km across in the other lane.
  const EastNorth boat = plane().forward(kSouthWestLane);
  const Velocity up_lane = velocity_of(40.0, 1.0);
  const EastNorth same_lane = plus(boat, up_lane, 5000.0);
  const EastNorth other_lane = plus(boat, velocity_of(130.0, 1.0), 9000.0);
  ASSERT_EQ(dover().lane_at(plane().reverse(same_lane)), dover().lane_at(kSouthWestLane));
  const TrafficLane* far_lane = dover().lane_at(plane().reverse(other_lane));
  ASSERT_NE(far_lane, nullptr);
  ASSERT_NE(far_lane, dover().lane_at(kSouthWestLane));
  Mover down = ais_vessel(kShipId, same_lane, velocity_of(220.0, 6.0), "300", "70");
  down.details.emplace_back("shipname", "CMA CGM TIGRIS");
  Mover up = ais_vessel(3, other_lane, velocity_of(40.0, 6.0), "200", "70");
  const std::vector<Finding> findings = lane_findings(kSouthWestLane, 310.0, {down, up});
  ASSERT_EQ(findings.size(), 1U);  // the ships are no small craft
  const Finding& finding = findings.front();
  EXPECT_EQ(detail(finding, "ships_to_cross"), "1");
  EXPECT_EQ(detail(finding, "nearest_ship"), "CMA CGM TIGRIS (MMSI 228000002)");
  EXPECT_NEAR(number(detail(finding, "nearest_ship_range_m")), 5000.0, 1.0);
  // The ship closes at ~6.2 m/s: TCPA about 780 s.
  EXPECT_NEAR(number(detail(finding, "soonest_tcpa_s")), 780.0, 30.0);
}

TEST(LaneCrossing, ABoatOutsideTheLanesIsNoFinding) {
  ASSERT_EQ(dover().lane_at(kSeparationZone), nullptr);
  EXPECT_TRUE(lane_findings(kSeparationZone, 310.0).empty());
  EXPECT_TRUE(lane_findings(kOpenWater, 310.0).empty());
}

// ---------------------------------------------------------------------------------------
// SAR handover.

/// Distance a boat at (51.0, 1.52) covers going west before it reaches longitude 1.5.
double to_boundary_m() { return geodesic_distance_m({51.0, 1.52}, {51.0, 1.5}); }

TEST(HandoverAssessor, PredictsTheCrossingOfADarkBoatHeadingForTheOtherRegion) {
  const RiskGeography geography = split_geography();
  Scene scene({dark_boat(kBoatId, plane().forward({51.0, 1.52}), velocity_of(270.0, 2.0))});
  HandoverAssessor assessor(HandoverSettings{});
  const std::vector<Evaluation> evaluations = run(scene, assessor, geography, 0.0, 1500.0);
  const double crossing_at = to_boundary_m() / 2.0;  // ~701 s
  const Evaluation* first_found = first_with_findings(evaluations);
  ASSERT_NE(first_found, nullptr);
  // Four measured positions (one per 10 s) give the fitted velocity at 30 s; the prediction
  // then holds for confirm_s (60 s): found at 90 s, not before.
  EXPECT_EQ(first_found->seconds, 90.0);
  const Finding& finding = first_found->findings.front();
  EXPECT_EQ(finding.kind, AlertKind::kSarHandover);
  EXPECT_EQ(finding.subjects, std::vector<std::uint64_t>{kBoatId});
  EXPECT_EQ(finding.severity, Severity::kWarning);  // dark
  EXPECT_EQ(detail(finding, "from_region"), "FR");
  EXPECT_EQ(detail(finding, "to_region"), "UK");
  EXPECT_EQ(detail(finding, "crossed"), "false");
  EXPECT_NEAR(number(detail(finding, "crossing_in_s")), crossing_at - first_found->seconds, 30.0);
  EXPECT_NEAR(static_cast<double>(finding.event_time - at_second(0.0)) / kSecond, crossing_at,
              30.0);
  EXPECT_EQ(finding.addressed_to, (std::vector<std::string>{"CROSS Gris-Nez", "MRCC Dover"}));

  // Predicted until the crossing, then kept as crossed for after_crossing_s (600 s).
  double crossed_at = -1.0;
  for (const Evaluation& evaluation : evaluations) {
    SCOPED_TRACE(evaluation.seconds);
    const bool in_uk = evaluation.seconds > crossing_at;
    if (in_uk && crossed_at < 0.0) crossed_at = evaluation.seconds;
    if (evaluation.seconds < first_found->seconds) continue;
    if (!in_uk) {
      ASSERT_EQ(evaluation.findings.size(), 1U);
      EXPECT_EQ(detail(evaluation.findings.front(), "crossed"), "false");
      EXPECT_NEAR(number(detail(evaluation.findings.front(), "crossing_in_s")),
                  crossing_at - evaluation.seconds, 2.0);
    } else if (evaluation.seconds - crossed_at <= 600.0) {
      ASSERT_EQ(evaluation.findings.size(), 1U);
      const Finding& crossed = evaluation.findings.front();
      EXPECT_EQ(detail(crossed, "crossed"), "true");
      EXPECT_EQ(detail(crossed, "from_region"), "FR");
      EXPECT_EQ(crossed.event_time, at_second(crossed_at));
      EXPECT_EQ(crossed.addressed_to, (std::vector<std::string>{"CROSS Gris-Nez", "MRCC Dover"}));
    } else {
      EXPECT_TRUE(evaluation.findings.empty());
    }
  }
  EXPECT_NEAR(crossed_at, crossing_at, 10.0);
}

TEST(HandoverAssessor, WaitsForAVelocityFittedToMeasuredPositions) {
  // Expected like the other assessors since velocities are fitted to measured positions: a
  // contact seen once is not yet predicted to cross (fewer than 4 positions in the window),
  // and a prediction must hold for a while before it is a finding.
  const RiskGeography geography = split_geography();
  Scene scene({dark_boat(kBoatId, plane().forward({51.0, 1.52}), velocity_of(270.0, 2.0))});
  HandoverAssessor assessor(HandoverSettings{});
  const std::vector<Evaluation> evaluations = run(scene, assessor, geography, 0.0, 200.0);
  EXPECT_TRUE(evaluations.front().findings.empty()) << "one position: no velocity to predict";
  EXPECT_TRUE(evaluations[2].findings.empty()) << "three positions, 20 s";
  EXPECT_FALSE(evaluations.back().findings.empty()) << "21 positions over 200 s";
}

TEST(HandoverAssessor, ABoatHeadingAwayFromTheBoundaryIsNoFinding) {
  const RiskGeography geography = split_geography();
  Scene scene({dark_boat(kBoatId, plane().forward({51.0, 1.52}), velocity_of(90.0, 2.0))});
  HandoverAssessor assessor(HandoverSettings{});
  EXPECT_EQ(total_findings(run(scene, assessor, geography, 0.0, 1800.0)), 0U);
}

TEST(HandoverAssessor, PredictCrossingFindsTheBoundaryToASecond) {
  const RiskGeography geography = split_geography();
  RiskPicture picture(kOrigin);
  std::vector<track::FusedTrack> updates = {
      dark_boat(1, plane().forward({51.0, 1.52}), velocity_of(270.0, 2.0)).fused(0.0),
      dark_boat(2, plane().forward({51.0, 1.52}), velocity_of(90.0, 2.0)).fused(0.0),
      dark_boat(3, plane().forward({51.0, 0.02}), velocity_of(270.0, 20.0)).fused(0.0),
      dark_boat(4, plane().forward({49.9, 1.0}), velocity_of(0.0, 20.0)).fused(0.0),
  };
  picture.apply(updates);
  const TimeNs now = at_second(0.0);
  const std::optional<BoundaryCrossing> west =
      predict_crossing(*picture.find(1), now, picture, geography, 1800.0, 30.0);
  ASSERT_TRUE(west.has_value());
  EXPECT_EQ(west->from->name, "FR");
  EXPECT_EQ(west->to->name, "UK");
  EXPECT_NEAR(west->after_s, to_boundary_m() / 2.0, 1.5);
  EXPECT_NEAR(west->position.lon, 1.5, 0.0002);
  EXPECT_NEAR(west->position.lat, 51.0, 0.001);
  // Not within a shorter horizon; not at all going east (FR reaches to 3E).
  EXPECT_FALSE(predict_crossing(*picture.find(1), now, picture, geography, 600.0, 30.0));
  EXPECT_FALSE(predict_crossing(*picture.find(2), now, picture, geography, 1800.0, 30.0));
  // Leaving every modelled region: no handover.
  EXPECT_FALSE(predict_crossing(*picture.find(3), now, picture, geography, 1800.0, 30.0));
  // Starting outside every region (and entering one) is no handover either.
  EXPECT_FALSE(predict_crossing(*picture.find(4), now, picture, geography, 1800.0, 30.0));
}

// ---------------------------------------------------------------------------------------
// Distress.

constexpr LatLon kReported{51.05, 1.40};

Observation distress_report(const std::string& id, double seconds, LatLon position,
                            const std::string& persons) {
  Observation report;
  report.time = at_second(seconds);
  report.source_id = "ngo-alarm";
  report.kind = ObservationKind::kDistressReport;
  report.position = position;
  report.position_covariance = {250000.0, 0.0, 250000.0};  // 500 m
  report.attributes = {{"report_id", id}, {"persons_on_board", persons}};
  return report;
}

/// Small craft, a ship and own assets around kReported, placed where they are at
/// second `at_s`.
std::vector<Mover> around_the_report(double at_s) {
  const EastNorth centre = plane().forward(kReported);
  const auto at = [&centre](double east, double north) {
    return EastNorth{centre.east + east, centre.north + north};
  };
  std::vector<Mover> movers = {
      dark_boat(11, at(0.0, 2500.0), {}),
      dark_boat(12, at(400.0, 0.0), {}),
      dark_boat(13, at(0.0, -1200.0), {}),
      dark_boat(14, at(-4000.0, 0.0), {}),
      dark_boat(15, at(6000.0, 0.0), {}),  // beyond 3000 m + 3 x 500 m
      ais_vessel(16, at(300.0, 0.0), velocity_of(220.0, 6.0), "300", "70"),
  };
  Mover cutter = dark_boat(20, at(0.0, 9000.0), velocity_of(180.0, 5.0));
  cutter.track_class = track::TrackClass::kOwnAsset;
  cutter.asset_id = "HMC-SEARCHER";
  cutter.callsign = "Searcher";
  Mover lifeboat = dark_boat(21, at(-20000.0, 0.0), velocity_of(90.0, 15.0));
  lifeboat.track_class = track::TrackClass::kOwnAsset;
  lifeboat.asset_id = "RNLI-DOVER";
  lifeboat.callsign = "Dover Lifeboat";
  movers.push_back(cutter);
  movers.push_back(lifeboat);
  for (Mover& mover : movers) mover.start = plus(mover.start, mover.velocity, -at_s);
  return movers;
}

TEST(DistressAssessor, AReportIsACriticalStickyAlertWithTheLikelyCallers) {
  Scene scene(around_the_report(30.0));
  DistressAssessor assessor(DistressSettings{});
  assessor.observe(distress_report("AP-17", 20.0, kReported, "45"));
  scene.update(30.0);
  const std::vector<Finding> findings = scene.assess(assessor, 30.0, dover());
  ASSERT_EQ(findings.size(), 1U);
  const Finding& finding = findings.front();
  EXPECT_EQ(finding.kind, AlertKind::kDistress);
  EXPECT_EQ(finding.severity, Severity::kCritical);
  EXPECT_TRUE(finding.immediate);
  EXPECT_TRUE(finding.sticky);
  EXPECT_TRUE(finding.wants_search_areas);
  EXPECT_FALSE(finding.key_by_subjects);
  EXPECT_EQ(finding.key_suffix, "AP-17");
  EXPECT_EQ(finding_key(finding), "distress#AP-17");
  EXPECT_NEAR(finding.search_radius_m, 500.0, 1e-9);
  EXPECT_EQ(finding.event_time, at_second(20.0));
  EXPECT_NEAR(geodesic_distance_m(finding.position, kReported), 0.0, 1e-6);
  // Nearest small craft first, at most max_matches (3); the ship and the far boat are not.
  EXPECT_EQ(finding.subjects, (std::vector<std::uint64_t>{12, 13, 11}));
  EXPECT_EQ(detail(finding, "matching_tracks"),
            "dark contact 12 at 400 m; dark contact 13 at 1200 m; dark contact 11 at 2500 m");
  EXPECT_EQ(detail(finding, "persons_on_board"), "45");
  EXPECT_EQ(detail(finding, "uncertainty_m"), "500");
  // Minutes to reach: distance / max(speed, 10 m/s).
  EXPECT_EQ(detail(finding, "nearest_assets"),
            "Searcher (HMC-SEARCHER) at 9000 m, 15 min; "
            "Dover Lifeboat (RNLI-DOVER) at 20000 m, 22 min");
}

TEST(DistressAssessor, ALaterReportReplacesAnEarlierOneOfTheSameId) {
  Scene scene(around_the_report(70.0));
  DistressAssessor assessor(DistressSettings{});
  assessor.observe(distress_report("AP-17", 20.0, kReported, "45"));
  const LatLon moved = plane().reverse(plus(plane().forward(kReported), {-1.0, 0.0}, 3900.0));
  assessor.observe(distress_report("AP-17", 60.0, moved, "50"));
  assessor.observe(distress_report("AP-17", 40.0, kReported, "99"));  // older: ignored
  assessor.observe(distress_report("BX-2", 50.0, {50.9, 1.2}, "12"));
  Observation no_position = distress_report("CZ-3", 50.0, kReported, "3");
  no_position.position.reset();
  assessor.observe(no_position);
  Observation not_distress = distress_report("DW-4", 50.0, kReported, "3");
  not_distress.kind = ObservationKind::kSighting;
  assessor.observe(not_distress);
  scene.update(70.0);
  const std::vector<Finding> findings = scene.assess(assessor, 70.0, dover());
  ASSERT_EQ(findings.size(), 2U);
  const Finding& first = findings[0];
  EXPECT_EQ(first.key_suffix, "AP-17");
  EXPECT_EQ(detail(first, "persons_on_board"), "50");
  EXPECT_EQ(first.event_time, at_second(60.0));
  EXPECT_NEAR(geodesic_distance_m(first.position, moved), 0.0, 1e-6);
  // Now 3.9 km west: boat 14 is 100 m away, 13 is 4.08 km, 12 4.3 km, 11 4.63 km (beyond
  // 3000 m + 3 x 500 m).
  EXPECT_EQ(first.subjects, (std::vector<std::uint64_t>{14, 13, 12}));
  EXPECT_EQ(findings[1].key_suffix, "BX-2");
}

TEST(DistressAssessor, AReportExpiresAfterItsLifetime) {
  Scene scene(around_the_report(0.0));
  DistressAssessor assessor(DistressSettings{});
  assessor.observe(distress_report("AP-17", 20.0, kReported, "45"));
  // Not yet made when the evaluation is before it.
  scene.update(10.0);
  EXPECT_TRUE(scene.assess(assessor, 10.0, dover()).empty());
  const double lifetime = DistressSettings{}.report_lifetime_s;
  scene.update(20.0 + lifetime);
  EXPECT_EQ(scene.assess(assessor, 20.0 + lifetime, dover()).size(), 1U);
  scene.update(30.0 + lifetime);
  EXPECT_TRUE(scene.assess(assessor, 30.0 + lifetime, dover()).empty());
  scene.update(40.0 + lifetime);
  EXPECT_TRUE(scene.assess(assessor, 40.0 + lifetime, dover()).empty());
}

// ---------------------------------------------------------------------------------------
// The engine end to end.

/// Feeds `movers` to `engine` for `to_s` seconds: each mover's update every 10 s (odd
/// movers 5 s after even ones), the engine advanced every 5 s. Returns every revision.
std::vector<Alert> drive(RiskEngine& engine, const std::vector<Mover>& movers, double to_s,
                         const std::vector<Observation>& reports = {}) {
  std::vector<Alert> revisions;
  for (double seconds = 0.0; seconds <= to_s; seconds += 5.0) {
    std::vector<track::FusedTrack> updates;
    for (std::size_t index = 0; index < movers.size(); ++index) {
      const double offset = index % 2 == 0 ? 0.0 : 5.0;
      if (std::fmod(seconds - offset, 10.0) == 0.0) updates.push_back(movers[index].fused(seconds));
    }
    engine.on_tracks(updates);
    for (const Observation& report : reports) {
      if (report.time == at_second(seconds)) engine.on_observation(report);
    }
    engine.advance(at_second(seconds));
    for (Alert& revision : engine.take_revisions()) revisions.push_back(std::move(revision));
  }
  return revisions;
}

std::unique_ptr<RiskEngine> make_engine(const RiskSettings& settings) {
  Result<std::unique_ptr<RiskEngine>> engine = RiskEngine::create(settings, dover());
  EXPECT_TRUE(engine.ok());
  return std::move(*engine);
}

const Alert* first_change(const std::vector<Alert>& revisions, AlertKind kind,
                          const std::string& change) {
  for (const Alert& revision : revisions) {
    if (revision.kind == kind && revision.history.back().change == change) return &revision;
  }
  return nullptr;
}

TEST(RiskEngine, RaisesEscalatesAndClosesACollisionAlert) {
  std::unique_ptr<RiskEngine> engine = make_engine(RiskSettings{});
  const std::vector<Alert> revisions = drive(*engine, crossing_encounter(100.0), 1800.0);
  const Alert* raised = first_change(revisions, AlertKind::kCollision, "raised");
  ASSERT_NE(raised, nullptr);
  EXPECT_EQ(raised->subjects, (std::vector<std::uint64_t>{kBoatId, kShipId}));
  EXPECT_EQ(raised->severity, Severity::kWarning);
  const SarRegion* region = dover().region_at(raised->position);
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(raised->region, region->name);
  EXPECT_EQ(raised->region, kUkRegion);
  ASSERT_FALSE(raised->addressed_to.empty());
  EXPECT_EQ(raised->addressed_to.front(), kUkCentre);
  // Raised more than 15 minutes before the CPA (confirmation: ~2 min, then two evaluations).
  EXPECT_LE(raised->raised_at, at_second(kCpaAt - 900.0));
  EXPECT_NEAR(static_cast<double>(raised->event_time - at_second(kCpaAt)), 0.0, 1e6);
  EXPECT_NEAR(number(raised->detail("cpa_m")), 100.0, 20.0);

  const Alert* escalated = first_change(revisions, AlertKind::kCollision, "escalated");
  ASSERT_NE(escalated, nullptr);
  EXPECT_EQ(escalated->severity, Severity::kCritical);
  EXPECT_EQ(escalated->id, raised->id);
  // Escalated once inside urgent_tcpa_s (900 s) by the 300 m ship.
  EXPECT_GE(escalated->updated_at, at_second(kCpaAt - 900.0));
  EXPECT_LE(escalated->updated_at, at_second(kCpaAt - 880.0));

  const Alert* closed = first_change(revisions, AlertKind::kCollision, "closed");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->id, raised->id);
  EXPECT_GT(closed->updated_at, at_second(kCpaAt));
  EXPECT_LE(closed->updated_at, at_second(kCpaAt + 150.0));
  EXPECT_EQ(engine->stats().evaluations, 180U);
}

Environment engine_environment() {
  Environment environment;
  environment.wind_to = {6.0, 6.0};   // blowing towards the north-east
  environment.current = {0.3, -0.2};  // setting east-south-east
  return environment;
}

TEST(RiskEngine, ADriftingBoatGetsSearchAreasDownDrift) {
  RiskSettings settings;
  settings.environment = engine_environment();
  std::unique_ptr<RiskEngine> engine = make_engine(settings);
  const std::vector<Alert> revisions =
      drive(*engine, {stopping_boat(kBoatId, kOpenWater, settings.environment)}, 1200.0);
  const Alert* raised = first_change(revisions, AlertKind::kDrifting, "raised");
  ASSERT_NE(raised, nullptr);
  EXPECT_EQ(raised->severity, Severity::kUrgent);
  EXPECT_EQ(raised->region, kUkRegion);
  EXPECT_LE(raised->raised_at, at_second(kStopAt + 320.0));
  ASSERT_EQ(raised->search_areas.size(), 3U);
  const Velocity drift = expected_drift(settings.environment);
  const double drift_bearing = bearing_deg(drift.east, drift.north);
  double previous_distance = 0.0;
  for (std::size_t index = 0; index < raised->search_areas.size(); ++index) {
    const AttachedSearchArea& area = raised->search_areas[index];
    SCOPED_TRACE(area.hours);
    EXPECT_DOUBLE_EQ(area.hours, std::vector<double>({1.0, 3.0, 6.0})[index]);
    EXPECT_FALSE(area.p90.empty());
    EXPECT_GT(area.r90_m, area.r50_m);
    EXPECT_GT(area.area90_km2, 0.0);
    EXPECT_EQ(area.particles, 500U);
    const double distance = geodesic_distance_m(kOpenWater, area.centroid);
    EXPECT_GT(distance, previous_distance);
    previous_distance = distance;
  }
  const LatLon centroid = raised->search_areas.back().centroid;
  EXPECT_LE(angle_between_deg(geodesic_bearing_deg(kOpenWater, centroid), drift_bearing), 30.0)
      << "drift towards " << drift_bearing << ", centroid bearing "
      << geodesic_bearing_deg(kOpenWater, centroid);
  // Six hours at about the expected drift speed (0.51 m/s: ~11 km).
  EXPECT_GT(previous_distance, 0.75 * std::hypot(drift.east, drift.north) * 6 * 3600.0);
  EXPECT_LT(previous_distance, 1.25 * std::hypot(drift.east, drift.north) * 6 * 3600.0);
}

TEST(RiskEngine, ADistressReportIsRaisedAtTheFirstEvaluation) {
  std::unique_ptr<RiskEngine> engine = make_engine(RiskSettings{});
  const std::vector<Alert> revisions = drive(*engine, around_the_report(0.0), 60.0,
                                             {distress_report("AP-17", 25.0, kReported, "45")});
  const Alert* raised = first_change(revisions, AlertKind::kDistress, "raised");
  ASSERT_NE(raised, nullptr);
  EXPECT_EQ(raised->raised_at, at_second(30.0));
  EXPECT_EQ(raised->key, "distress#AP-17");
  EXPECT_EQ(raised->severity, Severity::kCritical);
  EXPECT_EQ(raised->search_areas.size(), 3U);
  EXPECT_EQ(engine->stats().distress_reports, 1U);
}

TEST(RiskEngine, TheSameInputGivesTheSameAlerts) {
  RiskSettings settings;
  settings.environment = engine_environment();
  std::vector<Mover> movers = crossing_encounter(100.0);
  movers.push_back(stopping_boat(7, kSouthWestLane, settings.environment));
  const std::vector<Observation> reports = {distress_report("AP-17", 300.0, kReported, "45")};
  std::vector<std::string> first;
  std::vector<std::string> second;
  {
    std::unique_ptr<RiskEngine> engine = make_engine(settings);
    for (const Alert& revision : drive(*engine, movers, 1800.0, reports)) {
      first.push_back(alert_json(revision));
    }
  }
  {
    std::unique_ptr<RiskEngine> engine = make_engine(settings);
    for (const Alert& revision : drive(*engine, movers, 1800.0, reports)) {
      second.push_back(alert_json(revision));
    }
  }
  ASSERT_GE(first.size(), 5U);
  EXPECT_EQ(first, second);
  // Every kind that was set up took part.
  for (const char* kind : {"\"collision\"", "\"drifting\"", "\"lane_crossing\"", "\"distress\""}) {
    EXPECT_TRUE(std::any_of(first.begin(), first.end(), [kind](const std::string& json) {
      return json.find(kind) != std::string::npos;
    })) << kind;
  }
}

}  // namespace
}  // namespace sw::risk
