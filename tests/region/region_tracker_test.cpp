// RegionTracker without the bus: two regions split at 1.45 E, one boat seen only by radar
// crossing from the west region to the east one. The handover keeps its id, nothing is
// published twice, and a replay that forces the logged match says the same again.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "core/geo.h"
#include "engine/config.h"
#include "engine/sim_encoder.h"
#include "region/region_ids.h"
#include "region/region_tracker.h"

namespace sw::region {
namespace {

constexpr TimeNs kStart = 1'723'708'800'000'000'000;  // 2024-08-15T08:00:00Z
constexpr LatLon kSite{51.0, 1.45};

const char* const kConfig = R"(
[engine]
reorder_window_s = 5

[[source]]
id = "radar-test"
transport = "udp"
format = "asterix"
site = { lat = 51.0, lon = 1.45 }
sac = 1
sic = 1
[source.label]
owner = "UK/HMCG"
releasable_to = ["UK", "FR"]
purposes = ["sar"]
sensitivity = "green"
personal_data = false
retention_days = 30
)";

const char* const kPlan = R"(
[handover]
gate_m = 500
hold_s = 60
[[region]]
name = "west"
margin_m = 3000
polygon = [[1.0, 50.5], [1.45, 50.5], [1.45, 51.5], [1.0, 51.5]]
[[region]]
name = "east"
margin_m = 3000
polygon = [[1.45, 50.5], [1.9, 50.5], [1.9, 51.5], [1.45, 51.5]]
)";

/// The radar's inputs: a boat at 3 m/s due east from 1.41 E to 1.49 E at 50.9 N, a plot
/// every 4 s.
std::vector<engine::RawInput> crossing_inputs() {
  std::vector<engine::RawInput> inputs;
  engine::SimEncoder encoder(
      [&](const std::string& /*source*/, std::string_view bytes, bool, TimeNs time) {
        inputs.push_back(engine::RawInput{time, 0, std::string(bytes)});
      });
  const LocalFrame frame(LatLon{50.9, 1.41});
  const double length_m = frame.forward(LatLon{50.9, 1.49}).east;
  std::uint32_t scan = 0;
  for (double east = 0; east <= length_m; east += 12.0, ++scan) {
    sim::RadarPlot plot;
    plot.time = kStart + static_cast<TimeNs>(scan) * 4'000'000'000;
    plot.radar_id = "test";
    plot.sac = 1;
    plot.sic = 1;
    plot.scan = scan;
    plot.position = frame.reverse(EastNorth{east, 0.0});
    plot.range_m = geodesic_distance_m(kSite, plot.position);
    plot.azimuth_deg = geodesic_bearing_deg(kSite, plot.position);
    plot.range_sigma_m = 10;
    plot.azimuth_sigma_deg = 0.1;
    plot.truth_id = 1;
    plot.truth_position = plot.position;
    encoder.emit(plot);
  }
  return inputs;
}

struct Said {
  std::vector<track::FusedTrack> published;
  std::vector<RegionMessage> handed;
  struct Match {
    std::uint64_t local = 0;
    std::uint64_t id = 0;
    std::uint64_t sequence = 0;
  };
  std::vector<Match> matches;
};

class RegionTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<engine::EngineConfig> config = engine::parse_config_text(kConfig, "test");
    ASSERT_TRUE(config) << config.error().detail;
    config_ = *config;
    Result<RegionPlan> plan = parse_region_plan(kPlan, "plan");
    ASSERT_TRUE(plan) << plan.error().detail;
    plan_ = *plan;
  }

  std::unique_ptr<RegionTracker> make(std::size_t region, Said& said) {
    Result<std::unique_ptr<RegionTracker>> tracker =
        RegionTracker::create(config_, plan_, region, clock_);
    EXPECT_TRUE(tracker) << tracker.error().detail;
    if (!tracker) return nullptr;
    (*tracker)->set_outputs(
        {[&said](const track::FusedTrack& track) { said.published.push_back(track); },
         [&said](const RegionMessage& handover) { said.handed.push_back(handover); },
         [&said](std::uint64_t, std::uint64_t local, std::uint64_t id, std::uint64_t sequence) {
           said.matches.push_back({local, id, sequence});
         },
         {}});
    return std::move(*tracker);
  }

  /// The crossing through both regions, west's handovers delivered to east at once.
  bool run_crossing(Said& west_said, Said& east_said) {
    auto west = make(0, west_said);
    auto east = make(1, east_said);
    if (!west || !east) return false;
    const std::vector<engine::RawInput> inputs = crossing_inputs();
    std::uint64_t token = 0;
    std::size_t handed = 0;
    for (std::size_t index = 0; index < inputs.size(); ++index) {
      west->process(inputs[index], index + 1);
      east->process(inputs[index], index + 1);
      for (; handed < west_said.handed.size(); ++handed) {
        east->receive(west_said.handed[handed], ++token);
      }
    }
    west->finish();
    east->finish();
    return true;
  }

  engine::EngineConfig config_;
  RegionPlan plan_;
  ManualClock clock_;
};

std::set<std::uint64_t> dark_ids(const Said& said) {
  std::set<std::uint64_t> ids;
  for (const track::FusedTrack& track : said.published) {
    if (track.track_class == track::TrackClass::kDark) ids.insert(track.id);
  }
  return ids;
}

TEST_F(RegionTrackerTest, DarkBoatCrossingTheSeamKeepsItsIdAndIsSaidByOneRegionAtATime) {
  Said west_said;
  Said east_said;
  ASSERT_TRUE(run_crossing(west_said, east_said));

  ASSERT_EQ(west_said.handed.size(), 1U);
  EXPECT_EQ(west_said.handed[0].to, "east");
  const std::uint64_t id = west_said.handed[0].track.id;
  EXPECT_GE(id, region_base(0));
  EXPECT_LT(id, region_base(1));
  EXPECT_EQ(dark_ids(west_said), std::set<std::uint64_t>{id});
  EXPECT_EQ(dark_ids(east_said), std::set<std::uint64_t>{id});
  ASSERT_EQ(east_said.matches.size(), 1U);  // matched once, and no own id taken (ids above)

  // One region at a time: east's first word comes after west's last, and the gap between
  // them is a few radar scans at most.
  TimeNs west_last = 0;
  for (const track::FusedTrack& track : west_said.published) {
    if (track.status != track::PictureStatus::kLost) west_last = std::max(west_last, track.time);
  }
  ASSERT_FALSE(east_said.published.empty());
  const TimeNs east_first = east_said.published.front().time;
  EXPECT_GT(east_first, west_last);
  EXPECT_LE(east_first - west_last, 12'000'000'000);
  // Each side's positions lie in its own core (at most the tracker's noise over the seam).
  for (const track::FusedTrack& track : east_said.published) {
    EXPECT_GT(track.position.lon, 1.449) << track.time;
  }
}

TEST_F(RegionTrackerTest, ReplayForcingTheLoggedMatchSaysTheSameAgain) {
  Said west_said;
  Said east_said;
  ASSERT_TRUE(run_crossing(west_said, east_said));
  const std::vector<engine::RawInput> inputs = crossing_inputs();
  ASSERT_EQ(east_said.matches.size(), 1U);

  // A restarted east region: no handovers arrive, the logged match is forced.
  Said again_said;
  auto again = make(1, again_said);
  ASSERT_TRUE(again);
  const Said::Match& match = east_said.matches[0];
  again->force_match(match.local, match.id, match.sequence);
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    again->process(inputs[index], index + 1);
  }
  again->finish();
  ASSERT_EQ(again_said.published.size(), east_said.published.size());
  for (std::size_t index = 0; index < east_said.published.size(); ++index) {
    EXPECT_EQ(again_said.published[index].id, east_said.published[index].id);
    EXPECT_EQ(again_said.published[index].time, east_said.published[index].time);
  }
}

TEST_F(RegionTrackerTest, SilentWhileQuietAndOnlyTheSourcesItTakes) {
  Said said;
  auto west = make(0, said);
  ASSERT_TRUE(west);
  west->set_quiet(true);
  const std::vector<engine::RawInput> inputs = crossing_inputs();
  for (std::size_t index = 0; index < inputs.size(); ++index)
    west->process(inputs[index], index + 1);
  EXPECT_TRUE(said.published.empty());
  EXPECT_TRUE(said.handed.empty());
  EXPECT_GT(west->stats().published, 0U);  // it decided, it did not speak

  Result<std::unique_ptr<RegionTracker>> unknown = [&] {
    RegionPlan plan = plan_;
    plan.regions[0].sources = {"radar-elsewhere"};
    return RegionTracker::create(config_, plan, 0, clock_);
  }();
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "region_value");
}

}  // namespace
}  // namespace sw::region
