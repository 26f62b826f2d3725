// The deterministic pipeline: decode -> reorder -> picture, with bad input interleaved.

#include "engine/pipeline.h"

#include <gtest/gtest.h>

#include <set>

#include "engine_fixture.h"
#include "ingest/ais/decoder.h"
#include "ingest/ais/to_observation.h"

namespace sw::engine {
namespace {

constexpr TimeNs kStart = 1'700'000'000LL * kNsPerSecond;

/// The sample's reports carry arbitrary UTC seconds (up to 30 s off their receive time),
/// so the window is wide unless a test is about the window.
EngineConfig two_source_config(double reorder_window_s = 60.0) {
  EngineConfig config;
  config.reorder_window_s = reorder_window_s;
  SourceConfig ais;
  ais.id = "ais-stream";
  ais.transport = Transport::kTcpClient;
  ais.format = Format::kAis;
  ais.label.owner = "UK/HMCG";
  config.sources.push_back(ais);
  SourceConfig cot;
  cot.id = "cot-udp";
  cot.transport = Transport::kUdp;
  cot.format = Format::kCot;
  config.sources.push_back(cot);
  return config;
}

/// The sample log as a stream cut into uneven pieces, one piece per second.
std::vector<RawInput> stream_inputs() {
  std::string text;
  for (const std::string& line : testing::sample_ais_lines()) text += line + "\r\n";
  std::vector<RawInput> inputs;
  std::size_t offset = 0;
  for (std::size_t piece = 0; offset < text.size(); ++piece) {
    const std::size_t size = 37 + (piece * 53) % 211;
    inputs.push_back(
        {kStart + static_cast<TimeNs>(piece) * kNsPerSecond, 0, text.substr(offset, size)});
    offset += size;
  }
  return inputs;
}

std::vector<track::FusedTrack> run(const std::vector<RawInput>& inputs, ManualClock& clock,
                                   std::vector<track::FusedTrack>* updates = nullptr) {
  auto pipeline = Pipeline::create(two_source_config(), clock);
  EXPECT_TRUE(pipeline.ok());
  if (updates != nullptr) {
    (*pipeline)->add_update_sink([updates](std::span<const track::FusedTrack> batch) {
      updates->insert(updates->end(), batch.begin(), batch.end());
    });
  }
  for (const RawInput& input : inputs) (*pipeline)->process(input);
  (*pipeline)->finish();
  return (*pipeline)->picture().current();
}

/// Distinct MMSIs of vessels with a position in the sample, straight from the AIS decoder.
std::size_t sample_vessels() {
  ais::Decoder decoder;
  ais::ObservationContext context;
  context.receive_time = kStart;
  std::set<std::uint32_t> mmsis;
  for (const std::string& line : testing::sample_ais_lines()) {
    const ais::LineResult result = decoder.feed_line(line, kStart);
    if (result.reason != ais::LineReason::kDecoded) continue;
    const auto observation = ais::to_observation(*result.message, *result.source, context);
    if (!observation || observation->kind != ObservationKind::kAisPosition) continue;
    bool aid = false;
    for (const auto& [name, value] : observation->attributes) {
      aid |= name == "class" && value == "aid_to_navigation";
    }
    if (observation->position && !aid) mmsis.insert(*observation->identity.mmsi);
  }
  return mmsis.size();
}

TEST(Pipeline, AisStreamBecomesCooperativeTracksWithTheSourceLabel) {
  ManualClock clock(kStart);
  const auto tracks = run(stream_inputs(), clock);
  ASSERT_GT(sample_vessels(), 5U);
  EXPECT_EQ(tracks.size(), sample_vessels());
  for (const track::FusedTrack& track : tracks) {
    EXPECT_EQ(track.track_class, track::TrackClass::kCooperative);
    EXPECT_TRUE(track.mmsi.has_value());
    EXPECT_EQ(track.sources, std::vector<std::string>{"ais-stream"});
    EXPECT_EQ(track.label.owner, "UK/HMCG");
  }
}

TEST(Pipeline, SameInputsGiveTheSameUpdatesInTheSameOrder) {
  ManualClock clock(kStart);
  std::vector<track::FusedTrack> first;
  std::vector<track::FusedTrack> second;
  run(stream_inputs(), clock, &first);
  run(stream_inputs(), clock, &second);
  ASSERT_FALSE(first.empty());
  testing::expect_same_tracks(first, second);
}

TEST(Pipeline, BadInputIsCountedAndChangesNothingElse) {
  ManualClock clock(kStart);
  const auto clean = run(stream_inputs(), clock);
  // Garbage on the other source (datagrams), an unknown source index, and an oversized
  // line on the AIS stream placed between two complete lines.
  std::vector<RawInput> noisy;
  for (const RawInput& input : stream_inputs()) {
    noisy.push_back(input);
    noisy.push_back({input.receive_time, 1, "<event><point lat='x'/></event>"});
    noisy.push_back({input.receive_time, 1, std::string("\0\xff<?xml", 7)});
    noisy.push_back({input.receive_time, 7, "no such source"});
  }
  auto pipeline = Pipeline::create(two_source_config(), clock);
  ASSERT_TRUE(pipeline.ok());
  for (const RawInput& input : noisy) (*pipeline)->process(input);
  (*pipeline)->finish();
  testing::expect_same_tracks(clean, (*pipeline)->picture().current());
  const ReasonCounts rejects = (*pipeline)->decoder(1).rejections();
  std::uint64_t total = 0;
  for (const auto& [reason, count] : rejects) total += count;
  EXPECT_EQ(total, 2 * stream_inputs().size());
  EXPECT_EQ((*pipeline)->unknown_source(), stream_inputs().size());
}

TEST(Pipeline, ObservationsOlderThanTheReorderWindowAreCountedLate) {
  ManualClock clock(kStart);
  auto pipeline = Pipeline::create(two_source_config(2.0), clock);
  ASSERT_TRUE(pipeline.ok());
  auto cot_event = [](TimeNs time, const char* uid) {
    const std::string stamp =
        "2023-11-14T22:13:" + std::to_string(20 + time / kNsPerSecond % 30) + "Z";
    return std::string("<event version='2.0' type='a-f-S' uid='") + uid + "' how='m-g' time='" +
           stamp + "' start='" + stamp +
           "' stale='2023-11-15T22:13:20Z'>"
           "<point lat='51.0' lon='1.4' hae='0' ce='10' le='10'/></event>";
  };
  // 1700000000 s = 2023-11-14T22:13:20Z. The second event is 10 s older than the first
  // but arrives 5 s later: beyond the 2 s reorder window.
  (*pipeline)->process({kStart + 10 * kNsPerSecond, 1, cot_event(10 * kNsPerSecond, "a")});
  (*pipeline)->process({kStart + 15 * kNsPerSecond, 1, cot_event(0, "b")});
  (*pipeline)->finish();
  EXPECT_EQ((*pipeline)->counters(1).observations, 2U);
  EXPECT_EQ((*pipeline)->counters(1).late, 1U);
  ASSERT_EQ((*pipeline)->picture().current().size(), 1U);
  EXPECT_EQ((*pipeline)->picture().current()[0].asset_id, "a");
}

TEST(Pipeline, AHeartbeatReleasesAQuietFeedsLastObservations) {
  ManualClock clock(kStart);
  auto pipeline = Pipeline::create(two_source_config(5.0), clock);
  ASSERT_TRUE(pipeline.ok());
  const std::uint32_t operator_source = 2;
  const std::string stamp = "2023-11-14T22:13:20Z";  // kStart
  const std::string event =
      "<event version='2.0' type='a-f-S' uid='boat' how='m-g' time='" + stamp + "' start='" +
      stamp +
      "' stale='2023-11-15T22:13:20Z'><point lat='51.0' lon='1.4' hae='0' ce='10' "
      "le='10'/></event>";
  (*pipeline)->process({kStart, 1, event});
  EXPECT_TRUE((*pipeline)->holding());
  // Nothing else arrives. A heartbeat 3 s on is still inside the 5 s window.
  (*pipeline)->process({kStart + 3 * kNsPerSecond, operator_source, kHeartbeat});
  EXPECT_TRUE((*pipeline)->picture().current().empty());
  (*pipeline)->process({kStart + 6 * kNsPerSecond, operator_source, kHeartbeat});
  EXPECT_FALSE((*pipeline)->holding());
  ASSERT_EQ((*pipeline)->picture().current().size(), 1U);
  // A heartbeat is no operator action: nothing counted or refused.
  EXPECT_EQ((*pipeline)->counters(operator_source).observations, 0U);
  EXPECT_TRUE((*pipeline)->operator_refusals().empty());
}

}  // namespace
}  // namespace sw::engine
