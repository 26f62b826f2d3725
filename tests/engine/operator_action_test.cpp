// Operator actions on alerts travel as inputs of the reserved `operator` source: applied in
// stream order, refused with a reason, journaled, and repeated identically by a replay.

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/config.h"
#include "engine/pipeline.h"
#include "engine/replay.h"
#include "store/journal/journal_writer.h"

namespace sw::engine {
namespace {

constexpr TimeNs kStart = 1'723'690'000LL * kNsPerSecond;  // 2024-08-15T02:46:40Z

std::string distress_line(const std::string& id, TimeNs time, double lat, double lon) {
  const auto seconds = time / kNsPerSecond;
  const std::time_t clock_time = static_cast<std::time_t>(seconds);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&clock_time));
  return "{\"id\":\"" + id + "\",\"time\":\"" + text +
         "\",\"position\":{\"lat\":" + std::to_string(lat) + ",\"lon\":" + std::to_string(lon) +
         ",\"uncertainty_m\":200},\"persons_on_board\":40,\"source\":\"phone\"}\n";
}

EngineConfig config_with_risk() {
  const std::string geography =
      std::string(SW_TEST_DATA_DIR) + "/../../data/geo/dover_strait.geojson";
  auto config = parse_config_text(
      "[engine]\nreorder_window_s = 5\n"
      "[[source]]\nid = \"distress\"\ntransport = \"tcp-server\"\nformat = \"distress\"\n"
      "[risk]\ngeography = \"" +
          geography + "\"\nsearch_hours = [1]\nsearch_particles = 50\n",
      "test");
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().detail);
  return *config;
}

std::string action(const std::string& request, const std::string& verb, std::uint64_t alert,
                   const std::string& extra = {}) {
  return "{\"request\":\"" + request + "\",\"action\":\"" + verb +
         "\",\"alert\":" + std::to_string(alert) + ",\"actor\":\"uk-watch (UK/HMCG)\"" + extra +
         "}";
}

/// Two distress reports a minute apart (two alerts), then operator actions on them.
std::vector<RawInput> inputs(std::uint32_t operator_source) {
  std::vector<RawInput> list;
  list.push_back({kStart + kNsPerSecond, 0, distress_line("A", kStart, 50.95, 1.60)});
  list.push_back(
      {kStart + 61 * kNsPerSecond, 0, distress_line("B", kStart + 60 * kNsPerSecond, 51.02, 1.45)});
  list.push_back(
      {kStart + 90 * kNsPerSecond, 0, distress_line("C", kStart + 89 * kNsPerSecond, 51.05, 1.50)});
  list.push_back({kStart + 95 * kNsPerSecond, operator_source, action("r1", "acknowledge", 1)});
  list.push_back({kStart + 96 * kNsPerSecond, operator_source,
                  action("r2", "hand_over", 1, ",\"to\":\"MRCC Dover\"")});
  list.push_back({kStart + 97 * kNsPerSecond, operator_source, action("r3", "acknowledge", 999)});
  list.push_back({kStart + 98 * kNsPerSecond, operator_source, "not json at all"});
  list.push_back({kStart + 99 * kNsPerSecond, operator_source, action("r4", "sink", 2)});
  list.push_back({kStart + 100 * kNsPerSecond, operator_source,
                  action("r5", "close", 2, ",\"reason\":\"found safe\"")});
  list.push_back({kStart + 101 * kNsPerSecond, operator_source, action("r6", "acknowledge", 2)});
  return list;
}

struct ActionRun {
  std::vector<std::string> revisions;  ///< alert JSON, in order
  std::vector<OperatorOutcome> outcomes;
  std::map<std::string, std::uint64_t> refusals;
};

void attach(Pipeline& pipeline, ActionRun& run) {
  pipeline.add_alert_sink([&run](std::span<const risk::Alert> alerts) {
    for (const risk::Alert& alert : alerts) run.revisions.push_back(risk::alert_json(alert));
  });
  pipeline.set_operator_sink(
      [&run](const OperatorOutcome& outcome) { run.outcomes.push_back(outcome); });
}

ActionRun run_inputs(const EngineConfig& config, const std::vector<RawInput>& list) {
  ManualClock clock(kStart);
  auto pipeline = Pipeline::create(config, clock);
  EXPECT_TRUE(pipeline.ok());
  ActionRun run;
  attach(**pipeline, run);
  for (const RawInput& input : list) (*pipeline)->process(input);
  (*pipeline)->finish();
  run.refusals = (*pipeline)->operator_refusals();
  return run;
}

TEST(OperatorActionTest, AppliedInOrderWithWhoAndWhenAndRefusedWithAReason) {
  const EngineConfig config = config_with_risk();
  const auto operator_source = static_cast<std::uint32_t>(config.sources.size());
  EXPECT_EQ(source_id(config, operator_source), kOperatorSourceId);
  const ActionRun run = run_inputs(config, inputs(operator_source));

  ASSERT_EQ(run.outcomes.size(), 7U);
  EXPECT_EQ(run.outcomes[0].request, "r1");
  EXPECT_TRUE(run.outcomes[0].status.ok()) << run.outcomes[0].status.error().detail;
  EXPECT_TRUE(run.outcomes[1].status.ok());
  EXPECT_EQ(run.outcomes[2].status.error().code, "alert_unknown");
  EXPECT_EQ(run.outcomes[3].status.error().code, "bad_action");
  EXPECT_EQ(run.outcomes[4].status.error().code, "bad_action");  // unknown verb
  EXPECT_TRUE(run.outcomes[5].status.ok());
  EXPECT_FALSE(run.outcomes[6].status.ok());  // acknowledging a closed alert
  EXPECT_EQ(run.refusals.at("bad_action"), 2U);
  EXPECT_EQ(run.refusals.at("alert_unknown"), 1U);

  // The revisions name the operator, the centre and the reason.
  bool acknowledged = false;
  bool handed_over = false;
  bool closed = false;
  for (const std::string& text : run.revisions) {
    acknowledged |= text.find("\"change\":\"acknowledged\",\"actor\":\"uk-watch (UK/HMCG)\"") !=
                    std::string::npos;
    handed_over |= text.find("\"state\":\"handed_over\"") != std::string::npos &&
                   text.find("MRCC Dover") != std::string::npos;
    closed |= text.find("\"state\":\"closed\"") != std::string::npos &&
              text.find("found safe") != std::string::npos;
  }
  EXPECT_TRUE(acknowledged);
  EXPECT_TRUE(handed_over);
  EXPECT_TRUE(closed);
}

TEST(OperatorActionTest, JournaledActionsReplayToTheSameAlerts) {
  const EngineConfig config = config_with_risk();
  const auto operator_source = static_cast<std::uint32_t>(config.sources.size());
  const std::vector<RawInput> list = inputs(operator_source);
  const ActionRun live = run_inputs(config, list);

  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() /
      ("sw_operator_journal_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove_all(directory);
  {
    ManualClock clock(kStart);
    store::JournalOptions options;
    options.directory = directory.string();
    options.sync = false;
    auto writer = store::JournalWriter::open(options, clock);
    ASSERT_TRUE(writer.ok());
    for (const RawInput& input : list) {
      ASSERT_TRUE(
          (*writer)->append(input.receive_time, source_id(config, input.source), input.bytes).ok());
    }
    ASSERT_TRUE((*writer)->commit().ok());
  }
  ManualClock clock(kStart);
  auto pipeline = Pipeline::create(config, clock);
  ASSERT_TRUE(pipeline.ok());
  ActionRun replayed;
  attach(**pipeline, replayed);
  auto stats = replay_journal(directory.string(), config, **pipeline);
  ASSERT_TRUE(stats.ok()) << stats.error().detail;
  EXPECT_EQ(stats->unknown_source, 0U);
  EXPECT_EQ(replayed.revisions, live.revisions);
  ASSERT_EQ(replayed.outcomes.size(), live.outcomes.size());
  for (std::size_t index = 0; index < live.outcomes.size(); ++index) {
    EXPECT_EQ(replayed.outcomes[index].request, live.outcomes[index].request);
    EXPECT_EQ(replayed.outcomes[index].status.ok(), live.outcomes[index].status.ok());
  }
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace sw::engine
