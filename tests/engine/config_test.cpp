// Engine configuration: every field read, every mistake reported by name.

#include "engine/config.h"

#include <gtest/gtest.h>
#include <cmath>

#include "risk/risk_geography.h"

namespace sw::engine {
namespace {

TEST(EngineConfig, ReadsSourcesWithTheirLabels) {
  const auto config = parse_config_text(R"(
[engine]
data_dir = "node-uk"
origin = [51.05, 1.4]
reorder_window_s = 3.0

[journal]
segment_mb = 16
fsync = false

[[source]]
id = "uk-dover-radar"
transport = "udp"
format = "asterix"
port = 4010
site = { lat = 51.1283, lon = 1.3422 }
sac = 10
sic = 1
[source.label]
owner = "UK/HMCG"
releasable_to = ["FR/CROSS-GN", "UK/BF"]
purposes = ["sar", "border"]
sensitivity = "amber"
retention_days = 30

[[source]]
id = "fr-ais"
transport = "tcp-client"
host = "127.0.0.1"
port = 5631
format = "ais"
)",
                                        "test.toml");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  EXPECT_EQ(config->data_dir, "node-uk");
  EXPECT_DOUBLE_EQ(config->origin.lat, 51.05);
  EXPECT_DOUBLE_EQ(config->reorder_window_s, 3.0);
  EXPECT_EQ(config->segment_bytes, 16ULL << 20U);
  EXPECT_FALSE(config->fsync);
  ASSERT_EQ(config->sources.size(), 2U);
  const SourceConfig& radar = config->sources[0];
  EXPECT_EQ(radar.transport, Transport::kUdp);
  EXPECT_EQ(radar.format, Format::kAsterix);
  EXPECT_EQ(radar.port, 4010);
  ASSERT_TRUE(radar.site.has_value());
  EXPECT_DOUBLE_EQ(radar.site->lon, 1.3422);
  EXPECT_EQ(radar.sac, 10);
  EXPECT_EQ(radar.label.owner, "UK/HMCG");
  EXPECT_EQ(radar.label.releasable_to.size(), 2U);
  EXPECT_EQ(radar.label.purposes, kPurposeSearchAndRescue | kPurposeBorderMonitoring);
  EXPECT_EQ(radar.label.sensitivity, Sensitivity::kAmber);
  EXPECT_EQ(radar.label.retention_s, 30 * 86400);
  EXPECT_EQ(config->sources[1].transport, Transport::kTcpClient);
}

TEST(EngineConfig, MistakesAreNamed) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"[engine]\ndata_dri = \"x\"\n", "unknown key 'data_dri'"},
      {"[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"nmea\"\n", "format 'nmea'"},
      {"[[source]]\nid = \"a\"\ntransport = \"serial\"\nformat = \"ais\"\n", "transport 'serial'"},
      {"[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"asterix\"\n", "radar site"},
      {"[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"ais\"\nport = 70000\n",
       "port out of range"},
      {"[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"ais\"\n"
       "[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"ais\"\n",
       "duplicate source id"},
      {"[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"ais\"\n[source.label]\n"
       "sensitivity = \"pink\"\n",
       "sensitivity 'pink'"},
      {"[engine\n", ""},
      {"[risk]\nwind_speed_kn = 10\n", "[risk] needs geography"},
      {"[risk]\ngeography = \"g.geojson\"\ncolision_cpa_m = 100\n", "unknown key 'colision_cpa_m'"},
      {"[risk]\ngeography = \"g.geojson\"\nevaluation_interval_s = 0\n",
       "evaluation_interval_s must be positive"},
      {"[risk]\ngeography = \"g.geojson\"\nsearch_hours = [1, 100]\n", "search_hours"},
      {"[risk]\ngeography = \"g.geojson\"\nsearch_forcing_members = 0\n", "search_forcing_members"},
      {"[risk]\ngeography = \"g.geojson\"\nsearch_current_sigma_kn = -1\n",
       "search_current_sigma_kn"},
      {"[risk]\ngeography = \"g.geojson\"\nwind_speed_kn = -3\n", "must not be negative"},
      {"[engine]\nreorder_window_s = nan\n", "'reorder_window_s' must be a finite number"},
      {"[engine]\nreorder_window_s = -1\n", "reorder_window_s must be in 0..86400"},
      {"[engine]\norigin = [inf, 1.45]\n", "origin must be a finite number"},
      {"[journal]\nsegment_mb = -1\n", "segment_mb must be in"},
      {"[store]\nretention_days = 1e300\n", "retention_days must be in"},
      {"[[source]]\nid = \"r\"\ntransport = \"udp\"\nformat = \"asterix\"\n"
       "site = { lat = nan, lon = 1 }\n",
       "'lat' must be a finite number"},
      {"[[source]]\nid = \"a\"\ntransport = \"udp\"\nformat = \"ais\"\n[source.label]\n"
       "retention_days = 1e300\n",
       "label retention_days must be in"},
      {"[risk]\ngeography = \"g.geojson\"\nevaluation_interval_s = inf\n",
       "'evaluation_interval_s' must be a finite number"},
      {"[risk]\ngeography = \"g.geojson\"\nsearch_hours = [nan]\n",
       "search_hours must be a finite"},
      {"a = '\xa9'\n", "not UTF-8 at byte 5"},  // toml11 read past its buffer on this
      {"a = [\"\"\"x\"\"\"\", [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
       "nested too deeply"},
  };
  for (const Case& test_case : cases) {
    const auto config = parse_config_text(test_case.text, "bad.toml");
    ASSERT_FALSE(config.ok()) << test_case.text;
    EXPECT_EQ(config.error().code, "bad_config");
    EXPECT_NE(config.error().detail.find(test_case.expected), std::string::npos)
        << config.error().detail;
  }
}

}  // namespace
}  // namespace sw::engine

namespace sw::engine {
namespace {

TEST(EngineConfig, TheShippedExampleIsValid) {
  const auto config =
      load_config(std::string(SW_TEST_DATA_DIR) + "/../../data/engine/example.toml");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  ASSERT_EQ(config->sources.size(), 3U);
  EXPECT_EQ(config->sources[1].transport, Transport::kTcpClient);
  EXPECT_EQ(config->sources[2].label.sensitivity, Sensitivity::kAmber);
  // Its [risk] table: the geography resolves beside the file and loads; the wind from 240
  // degrees at 12 kn blows towards 060.
  ASSERT_TRUE(config->risk.has_value());
  EXPECT_TRUE(risk::RiskGeography::load(config->risk->geography).ok()) << config->risk->geography;
  const Velocity wind = config->risk->settings.environment.wind_to;
  EXPECT_NEAR(wind.east, 12 * 0.514444 * std::sin(60.0 * M_PI / 180.0), 1e-3);
  EXPECT_NEAR(wind.north, 12 * 0.514444 * std::cos(60.0 * M_PI / 180.0), 1e-3);
  EXPECT_EQ(config->risk->settings.search.hours, (std::vector<double>{1.0, 3.0, 6.0}));
  EXPECT_EQ(config->risk->settings.search.leeway_class, "LIFE-RAFT-DB-10");
}

TEST(EngineConfig, SearchForecastUncertaintyIsConfigured) {
  const auto config = parse_config_text(
      "[risk]\ngeography = \"g.geojson\"\nsearch_forcing_members = 50\n"
      "search_wind_sigma_kn = 4\nsearch_wind_from_sigma_deg = 30\nsearch_current_sigma_kn = 0\n",
      "search.toml");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  const risk::SearchSettings& search = config->risk->settings.search;
  EXPECT_EQ(search.forcing_members, 50);
  EXPECT_NEAR(search.wind_speed_sigma_mps, 4 * 0.514444, 1e-4);
  EXPECT_EQ(search.wind_from_sigma_deg, 30.0);
  EXPECT_EQ(search.current_sigma_mps, 0.0);
}

TEST(EngineConfig, RiskCanBeSwitchedOff) {
  const auto config = parse_config_text("[risk]\nenabled = false\n", "off.toml");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  EXPECT_FALSE(config->risk.has_value());
  const auto none = parse_config_text("[engine]\n", "none.toml");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->risk.has_value());
}

}  // namespace
}  // namespace sw::engine
