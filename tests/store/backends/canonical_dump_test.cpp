// The canonical dump, on every backend: identical bytes for the same data written in different
// batch splits, different for different data, stable against a recorded dump, and escaping text so
// that one row is one line.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "alert_inputs.h"
#include "core/rng.h"
#include "store/canonical_text.h"
#include "store_backends.h"

namespace sw::store {
namespace {

using testing::dump;
using testing::kT0;
using testing::make_update;

class StoreCanonicalDump : public testing::StoreBackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, StoreCanonicalDump, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

struct Inputs {
  std::vector<TrackUpdate> tracks;
  std::vector<ObservationRecord> observations;
  std::vector<SourceRecord> sources;
  std::vector<CounterSample> counters;
  std::vector<AlertRecord> alerts;
};

Inputs random_inputs(std::uint64_t seed) {
  Rng rng(seed);
  Inputs inputs;
  inputs.sources = {
      {"ais-dover", "nmea-ais", "Dover AIS", {"UK/HMCG", {"FR"}, 1, Sensitivity::kGreen, false, 0}},
      {"radar-gn",
       "asterix-cat010",
       "Gris-Nez radar",
       {"FR/CROSS-GN", {"UK", "BE"}, 3, Sensitivity::kAmber, false, 0}}};
  for (int step = 0; step < 40; ++step) {
    const TimeNs time = kT0 + step * kNsPerSecond;
    for (std::uint64_t track_id = 1; track_id <= 5; ++track_id) {
      if (rng.uniform() < 0.3) continue;
      TrackUpdate update =
          make_update(track_id, time, rng.uniform(50.8, 51.2), rng.uniform(1.2, 1.8));
      update.velocity = {rng.normal(0.0, 3.0), rng.normal(0.0, 3.0)};
      if (track_id == 2) {
        update.track_class = TrackClass::kCooperative;
        update.identity.mmsi = 228237700;
        update.identity.name = step < 20 ? "" : "SEA\tFRANCE\\2";
      }
      inputs.tracks.push_back(update);
      inputs.observations.push_back(
          {time, track_id % 2 == 0 ? "ais-dover" : "radar-gn",
           track_id % 2 == 0 ? ObservationKind::kAisPosition : ObservationKind::kRadarPlot,
           static_cast<std::uint64_t>(inputs.observations.size() + 1), track_id});
    }
    inputs.counters.push_back({"radar-gn", "plots", step * 7, time});
  }
  return inputs;
}

/// Writes `inputs` in batches of `batch_size` track updates (observations, counters and
/// alerts spread over the same number of batches).
void write_batches(HistoryStore& store, const Inputs& inputs, std::size_t batch_size) {
  const std::size_t batches = (inputs.tracks.size() + batch_size - 1) / batch_size;
  for (std::size_t batch_idx = 0; batch_idx < batches; ++batch_idx) {
    const auto slice = [&](const auto& all) {
      const std::size_t begin = all.size() * batch_idx / batches;
      const std::size_t end = all.size() * (batch_idx + 1) / batches;
      return std::span(all.data() + begin, end - begin);
    };
    WriteBatch batch;
    batch.tracks = std::span(inputs.tracks.data() + batch_idx * batch_size,
                             std::min(batch_size, inputs.tracks.size() - batch_idx * batch_size));
    batch.observations = slice(inputs.observations);
    batch.counters = slice(inputs.counters);
    batch.alerts = slice(inputs.alerts);
    if (batch_idx == 0) batch.sources = inputs.sources;
    const Status written = store.write(batch);
    EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().detail);
  }
}

std::string write_and_dump(std::unique_ptr<HistoryStore> store, const Inputs& inputs,
                           std::size_t batch_size) {
  if (store == nullptr) return {};
  write_batches(*store, inputs, batch_size);
  return dump(*store);
}

TEST_P(StoreCanonicalDump, SameDataInDifferentBatchSplitsDumpsIdentically) {
  const Inputs inputs = random_inputs(7);
  const std::string one_batch = write_and_dump(open_store(), inputs, inputs.tracks.size());
  const std::string small_batches = write_and_dump(open_store(), inputs, 3);
  const std::string single_updates = write_and_dump(open_store(), inputs, 1);
  ASSERT_FALSE(one_batch.empty());
  EXPECT_EQ(one_batch, small_batches);
  EXPECT_EQ(one_batch, single_updates);

  Inputs changed = inputs;
  changed.tracks[17].position.lat += 1e-8;  // about a millimetre
  EXPECT_NE(write_and_dump(open_store(), changed, 3), one_batch);
}

TEST_P(StoreCanonicalDump, OneRowPerLineWithEscapedText) {
  const Inputs inputs = random_inputs(7);
  const std::string text = write_and_dump(open_store(), inputs, 10);
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  // Header, six table headers and one line per row.
  std::size_t positions = inputs.tracks.size();
  EXPECT_EQ(lines, 1 + 6 + inputs.sources.size() + 5 + positions + inputs.observations.size() +
                       inputs.counters.size());
  EXPECT_NE(text.find("SEA\\tFRANCE\\\\2"), std::string::npos);
}

TEST_P(StoreCanonicalDump, MatchesTheRecordedDump) {
  // tests/data/store/dump/small.dump.txt: see the README there. A change to the dump
  // format shows up here first; replay tests of the engine compare dumps.
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  TrackUpdate ferry = make_update(3, kT0, 51.0612345678, 1.4012345678);
  ferry.track_class = TrackClass::kCooperative;
  ferry.identity = {227006760, "PRIDE OF KENT", "ZDLC3", 60, 179.7, 28.3, ""};
  ferry.velocity = {-0.0000001, 7.25};
  TrackUpdate boat = make_update(12, kT0 + 500'000'000, 50.95, 1.61, TrackStatus::kTentative);
  boat.label = {"FR/CROSS-GN", {"UK/MRCC-DOVER", "EU,FRONTEX"}, 1, Sensitivity::kAmber, true,
                21600};
  const std::vector<TrackUpdate> tracks = {ferry, boat};
  const std::vector<ObservationRecord> observations = {
      {kT0, "ais-dover", ObservationKind::kAisPosition, 1, 3},
      {kT0 + 500'000'000, "radar-gn", ObservationKind::kRadarPlot, 2, std::nullopt}};
  const std::vector<SourceRecord> sources = {
      {"radar-gn",
       "asterix-cat010",
       "Gris-Nez radar",
       {"FR/CROSS-GN", {"UK"}, 1, Sensitivity::kGreen, false, 0}}};
  const std::vector<CounterSample> counters = {{"radar-gn", "bad_length", 2, kT0}};
  AlertRecord raised;
  raised.alert_id = 4;
  raised.revision = 1;
  raised.time = kT0 + 500'000'000;
  raised.kind = "drifting";
  raised.state = "open";
  raised.severity = 2;
  raised.change = "raised";
  raised.actor = "system";
  raised.region = "CROSS Gris-Nez";
  raised.position = {50.95, 1.61};
  raised.subjects = {12};
  raised.body_json = "{\"id\":4,\n\"kind\":\"drifting\"}";
  raised.label = boat.label;
  AlertRecord acknowledged = raised;
  acknowledged.revision = 2;
  acknowledged.time = kT0 + 2'000'000'000;
  acknowledged.state = "acknowledged";
  acknowledged.change = "acknowledged";
  acknowledged.actor = "op:gn-2";
  acknowledged.subjects = {12, 3};
  const std::vector<AlertRecord> alerts = {acknowledged, raised};
  WriteBatch batch{tracks, observations, sources, counters, alerts};
  ASSERT_TRUE(store->write(batch).ok());

  std::ifstream recorded(std::string(SW_TEST_DATA_DIR) + "/store/dump/small.dump.txt");
  const std::string expected{std::istreambuf_iterator<char>(recorded),
                             std::istreambuf_iterator<char>()};
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(dump(*store), expected);
}

#if STRAITWATCH_POSTGRES
TEST(PostgresCanonicalDump, SameBatchesGiveTheSameBytesAsSqlite) {
  Inputs inputs = random_inputs(23);
  inputs.alerts = testing::random_alerts(3);
  // Texts that differ in how a backend could store or sort them: bytes that are not
  // UTF-8, control bytes, a comma inside a releasable-to entry, and ids that sort
  // differently byte by byte than in a language's collation.
  inputs.tracks[3].identity.name = "\xFFodd\x01name";
  inputs.tracks[3].label.releasable_to = {"EU,FRONTEX", "b\\c"};
  inputs.sources.push_back({"Zulu", "cot", "upper case sorts first", {}});
  inputs.sources.push_back({"_under", "cot", "underscore after upper case", {}});
  inputs.alerts[4].body_json = "{\"note\":\"\t\xC3\xA9\"}";
  inputs.alerts[5].label.retention_s = -3;
  inputs.observations.push_back({kT0, "radar-gn", ObservationKind::kRadarPlot, 0, std::nullopt});
  inputs.observations.push_back({kT0, "radar-gn", ObservationKind::kRadarPlot, 0, 4});

  testing::TempDirectory directory;
  auto sqlite = testing::open_store(directory.sub("same.db"));
  auto postgres = testing::open_postgres_store();
  ASSERT_NE(sqlite, nullptr);
  ASSERT_NE(postgres, nullptr);
  write_batches(*sqlite, inputs, 7);
  write_batches(*postgres, inputs, 11);
  const std::string sqlite_dump = dump(*sqlite);
  ASSERT_NE(sqlite_dump.find("[alerts] "), std::string::npos);
  EXPECT_EQ(dump(*postgres), sqlite_dump);

  // And after the same retention pass (half the positions and some alerts go).
  const TimeNs now = kT0 + (30LL * 86400 + 20) * kNsPerSecond;  // 30 days (default) + 20 s
  auto sqlite_report = sqlite->apply_retention(now);
  auto postgres_report = postgres->apply_retention(now);
  ASSERT_TRUE(sqlite_report.ok());
  ASSERT_TRUE(postgres_report.ok()) << postgres_report.error().detail;
  EXPECT_EQ(dump(*postgres), dump(*sqlite));
}
#endif

TEST(CanonicalText, NumbersAndEscapes) {
  EXPECT_EQ(dump_fixed(-0.0, 6), "0.000000");
  EXPECT_EQ(dump_fixed(-1e-9, 6), "0.000000");
  EXPECT_EQ(dump_fixed(-1e-3, 6), "-0.001000");
  EXPECT_EQ(dump_fixed(51.123456789012, 9), "51.123456789");
  EXPECT_EQ(dump_text("a\tb\nc\\d\x01"), "a\\tb\\nc\\\\d\\x01");
  EXPECT_EQ(dump_optional_integer(std::nullopt), "\\N");
}

}  // namespace
}  // namespace sw::store
