// CoT events become Observations: own assets (a-f-*) as asset positions, everything else
// as sightings; ce as one sigma per axis; velocity from course/speed; identity; and the
// release label narrowed, never widened, by releaseableTo and caveat.

#include "ingest/cot/to_observation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ingest/cot/cot_time.h"

namespace sw::cot {
namespace {

CotEvent surface(const std::string& type) {
  CotEvent event;
  event.type = type;
  event.uid = "FR-PATROL-P720";
  event.how = "m-g";
  event.time = *parse_cot_time("2024-05-01T03:00:00Z");
  event.start = event.time;
  event.stale = *parse_cot_time("2024-05-01T03:00:30Z");
  event.point = CotPoint{50.95, 1.35, 0.0, 20.0, std::nullopt};
  event.track = CotTrack{90.0, 5.0};
  event.callsign = "P720 Flamant";
  return event;
}

ObservationContext context_for(const std::string& owner) {
  ObservationContext context;
  context.source_id = "cot-cross-gn";
  context.label.owner = owner;
  context.label.releasable_to = {"GBR", "FRA", "BEL"};
  return context;
}

std::string attribute(const Observation& observation, const std::string& key) {
  for (const auto& [name, value] : observation.attributes) {
    if (name == key) return value;
  }
  return "<absent>";
}

TEST(CotToObservation, FriendlySurfaceIsAnOwnAssetPosition) {
  const auto observation = to_observation(surface("a-f-S-X-L"), context_for("FR/CROSS-GN"));
  ASSERT_TRUE(observation.has_value());
  EXPECT_EQ(observation->kind, ObservationKind::kAssetPosition);
  EXPECT_EQ(observation->time, *parse_cot_time("2024-05-01T03:00:00Z"));
  EXPECT_EQ(observation->source_id, "cot-cross-gn");
  ASSERT_TRUE(observation->position.has_value());
  EXPECT_DOUBLE_EQ(observation->position->lat, 50.95);
  EXPECT_DOUBLE_EQ(observation->position->lon, 1.35);
  EXPECT_DOUBLE_EQ(observation->position_covariance.ee, 400.0);
  EXPECT_DOUBLE_EQ(observation->position_covariance.nn, 400.0);
  EXPECT_DOUBLE_EQ(observation->position_covariance.en, 0.0);
  ASSERT_TRUE(observation->velocity.has_value());
  EXPECT_NEAR(observation->velocity->east, 5.0, 1e-12);  // course 090: due east
  EXPECT_NEAR(observation->velocity->north, 0.0, 1e-12);
  EXPECT_FALSE(observation->heading_deg.has_value());
  EXPECT_EQ(observation->identity.asset_id, "FR-PATROL-P720");
  EXPECT_EQ(observation->identity.callsign, "P720 Flamant");
  EXPECT_FALSE(observation->identity.mmsi.has_value());
  EXPECT_EQ(attribute(*observation, "cot_type"), "a-f-S-X-L");
  EXPECT_EQ(attribute(*observation, "how"), "m-g");
  EXPECT_EQ(attribute(*observation, "stale"), "2024-05-01T03:00:30.000Z");
  EXPECT_EQ(attribute(*observation, "hae_m"), "0");
  EXPECT_EQ(attribute(*observation, "le_m"), "<absent>");
  EXPECT_EQ(observation->label, context_for("FR/CROSS-GN").label);
}

TEST(CotToObservation, FriendlyAircraftIsAnAssetAndOthersAreSightings) {
  const ObservationContext context = context_for("UK/MRCC-DOVER");
  EXPECT_EQ(to_observation(surface("a-f-A-M-F-Q"), context)->kind, ObservationKind::kAssetPosition);
  for (const char* type : {"a-u-S", "a-h-S", "a-n-S", "a-s-S", "a-u-A", "a-j-S;x"}) {
    const auto observation = to_observation(surface(type), context);
    ASSERT_TRUE(observation.has_value()) << type;
    EXPECT_EQ(observation->kind, ObservationKind::kSighting) << type;
  }
}

TEST(CotToObservation, NonAtomEventsAreNoObservation) {
  const ObservationContext context = context_for("FR");
  for (const char* type : {"b-m-p-s-m", "u-d-f", "t-x-c-t", "b-t-f", "a", "a-", "a-fS", "x-f-S"}) {
    EXPECT_FALSE(to_observation(surface(type), context).has_value()) << type;
  }
}

TEST(CotToObservation, CourseAndSpeedGiveVelocityComponents) {
  CotEvent event = surface("a-u-S");
  event.track = CotTrack{225.0, 2.0};
  const auto observation = to_observation(event, context_for("FR"));
  ASSERT_TRUE(observation->velocity.has_value());
  EXPECT_NEAR(observation->velocity->east, -std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(observation->velocity->north, -std::sqrt(2.0), 1e-12);
  event.track.reset();
  EXPECT_FALSE(to_observation(event, context_for("FR"))->velocity.has_value());
}

TEST(CotToObservation, UnknownCeUsesTheContextSigma) {
  CotEvent event = surface("a-u-S");
  event.point.ce_m.reset();
  ObservationContext context = context_for("FR");
  context.unknown_ce_sigma_m = 300.0;
  const auto observation = to_observation(event, context);
  EXPECT_DOUBLE_EQ(observation->position_covariance.ee, 90000.0);
  EXPECT_DOUBLE_EQ(observation->position_covariance.nn, 90000.0);
  EXPECT_EQ(attribute(*observation, "ce_unknown"), "true");
}

TEST(CotToObservation, ReleaseableToOnlyNarrowsTheSourceLabel) {
  CotEvent event = surface("a-u-S");
  event.releaseable_to = {"FRA", "NLD", "BEL"};
  const auto narrowed = to_observation(event, context_for("FR"));
  EXPECT_EQ(narrowed->label.releasable_to, (std::vector<std::string>{"FRA", "BEL"}));
  EXPECT_EQ(attribute(*narrowed, "releaseable_to"), "FRA,NLD,BEL");

  // Nothing in common: owner only. An owner-only source stays owner-only.
  event.releaseable_to = {"DEU"};
  EXPECT_TRUE(to_observation(event, context_for("FR"))->label.releasable_to.empty());
  ObservationContext owner_only = context_for("FR");
  owner_only.label.releasable_to.clear();
  event.releaseable_to = {"GBR", "FRA"};
  EXPECT_TRUE(to_observation(event, owner_only)->label.releasable_to.empty());

  // No marking: the source label as configured.
  event.releaseable_to.clear();
  EXPECT_EQ(to_observation(event, context_for("FR"))->label.releasable_to,
            (std::vector<std::string>{"GBR", "FRA", "BEL"}));
}

TEST(CotToObservation, CaveatOnlyRaisesSensitivity) {
  EXPECT_EQ(caveat_sensitivity("TLP:RED"), Sensitivity::kRed);
  EXPECT_EQ(caveat_sensitivity("tlp:amber+strict"), Sensitivity::kAmber);
  EXPECT_EQ(caveat_sensitivity("TLP:GREEN"), Sensitivity::kGreen);
  EXPECT_EQ(caveat_sensitivity("TLP:WHITE"), Sensitivity::kClear);
  EXPECT_EQ(caveat_sensitivity("FOUO"), Sensitivity::kAmber);
  EXPECT_EQ(caveat_sensitivity("  "), std::nullopt);

  CotEvent event = surface("a-u-S");
  ObservationContext context = context_for("FR");
  context.label.sensitivity = Sensitivity::kGreen;
  event.caveat = "TLP:RED";
  EXPECT_EQ(to_observation(event, context)->label.sensitivity, Sensitivity::kRed);
  event.caveat = "NOFORN";
  EXPECT_EQ(to_observation(event, context)->label.sensitivity, Sensitivity::kAmber);
  event.caveat = "TLP:CLEAR";  // never lowered
  EXPECT_EQ(to_observation(event, context)->label.sensitivity, Sensitivity::kGreen);
  EXPECT_EQ(attribute(*to_observation(event, context), "caveat"), "TLP:CLEAR");
}

TEST(CotToObservation, RemarksAreKeptAndMarkPersonalData) {
  CotEvent event = surface("a-u-S");
  EXPECT_FALSE(to_observation(event, context_for("FR"))->label.personal_data);
  event.remarks = "about 40 aboard, one person in the water";
  const auto observation = to_observation(event, context_for("FR"));
  EXPECT_TRUE(observation->label.personal_data);
  EXPECT_EQ(attribute(*observation, "remarks"), "about 40 aboard, one person in the water");
}

TEST(CotEventType, AffiliationAndBattleDimension) {
  EXPECT_EQ(affiliation("a-f-S"), 'f');
  EXPECT_EQ(battle_dimension("a-f-S"), 'S');
  EXPECT_EQ(affiliation("a-u-A-M-F"), 'u');
  EXPECT_EQ(battle_dimension("a-u-A-M-F"), 'A');
  EXPECT_EQ(affiliation("a-h;x"), 'h');
  EXPECT_EQ(battle_dimension("a-h;x"), 0);
  EXPECT_EQ(battle_dimension("a-h-S;x"), 'S');
  EXPECT_EQ(affiliation("b-m-p"), 0);
  EXPECT_EQ(affiliation("a-fx-S"), 0);
  EXPECT_EQ(affiliation(""), 0);
  EXPECT_EQ(battle_dimension("a-f-SS"), 0);
}

}  // namespace
}  // namespace sw::cot
