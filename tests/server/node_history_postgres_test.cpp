// The node server's history API over a PostgreSQL history store: NodeServer opens its
// own reading handle from the same store settings the engine's writer uses, and the
// history endpoints answer over HTTP with the rows written through the store, on a real
// PostgreSQL 15 + PostGIS 3 server (tests/support/postgres_server.h).

#if STRAITWATCH_POSTGRES

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/store_sink.h"
#include "server/node_server.h"
#include "server_fixture.h"
#include "store/open_store.h"
#include "support/postgres_server.h"

namespace sw::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using testing::body_json;
using testing::ids_of;
using testing::kFrCross;
using testing::kStart;
using testing::kUkWatch;
using testing::make_label;
using testing::make_track;
using Ids = std::vector<std::uint64_t>;

/// An engine in a temporary folder with the test principals, and a server configuration on
/// an ephemeral loopback port without the CoT stream.
struct TestEngine {
  explicit TestEngine(const char* name) : directory(name), clock(kStart) {
    const std::string principals = (directory.path() / "principals.toml").string();
    std::ofstream(principals) << testing::principals_toml();
    engine::EngineConfig config;
    config.data_dir = (directory.path() / "data").string();
    config.fsync = false;
    auto created = engine::Engine::create(config, clock);
    if (created.ok()) {
      engine = std::move(*created);
    } else {
      error = created.error().detail;
    }
    server_config.port = 0;
    server_config.cot = false;
    server_config.principals = principals;
  }

  testing::TempDir directory;
  ManualClock clock;
  std::unique_ptr<engine::Engine> engine;
  std::string error;
  engine::ServerConfig server_config;
};

/// One GET over a new loopback connection (at most 20 s); status 0 when it failed.
http::response<http::string_body> http_get(std::uint16_t port, const std::string& target,
                                           const std::string& token) {
  net::io_context io;
  beast::tcp_stream stream(io);
  http::response<http::string_body> response;
  beast::error_code error;
  stream.expires_after(std::chrono::seconds(20));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), error);
  if (error) return response;
  http::write(stream, testing::make_request(http::verb::get, target, token), error);
  if (error) return response;
  beast::flat_buffer buffer;
  http::read(stream, buffer, response, error);
  if (error) response.result(0U);
  return response;
}

TEST(NodeHistoryPostgres, HistoryEndpointsReadThePostgresqlStore) {
  test_support::PostgresServer server;
  const std::string started = server.start();
  ASSERT_EQ(started, "") << "PostgreSQL test server did not start";
  ASSERT_EQ(server.create_database("node_history"), "");
  store::StoreSettings settings;
  settings.kind = store::StoreKind::kPostgres;
  settings.postgres = server.conninfo("node_history");

  // The engine's side: 31 minutes of a UK track and a French one, through a writer handle.
  const Label uk = make_label("UK/HMCG");
  const Label fr_only = make_label("FR/CROSS-GN");
  auto writer = store::open_history_store(settings);
  ASSERT_TRUE(writer.ok()) << writer.error().detail;
  std::vector<store::TrackUpdate> updates;
  for (int minute = 0; minute <= 30; ++minute) {
    const TimeNs time = kStart - 1800 * kNsPerSecond + minute * 60 * kNsPerSecond;
    updates.push_back(
        engine::to_track_update(make_track(1, 51.0 + minute * 0.001, 1.4, uk, std::nullopt, time)));
    updates.push_back(
        engine::to_track_update(make_track(3, 50.95, 1.6, fr_only, std::nullopt, time)));
  }
  ASSERT_TRUE((*writer)->write(updates).ok());

  // A node whose [store] is that database.
  TestEngine parts("node-history-postgres");
  ASSERT_TRUE(parts.engine) << parts.error;
  auto node = NodeServer::create(*parts.engine, parts.server_config, settings, parts.clock);
  ASSERT_TRUE(node.ok()) << node.error().code << ": " << node.error().detail;
  const std::uint16_t port = (*node)->port();

  // Where the tracks were at 01:40 (the UK sees its own track only, France its own).
  auto past = http_get(port, "/api/history?at=2026-11-24T01:40:00Z", kUkWatch.token);
  ASSERT_EQ(past.result_int(), 200U) << past.body();
  Json tracks = Json::parse(past.body());
  ASSERT_EQ(ids_of(tracks["tracks"]), (Ids{1}));
  EXPECT_NEAR(tracks["tracks"][0]["lat"].get<double>(), 51.01, 1e-9);
  auto french = http_get(port, "/api/history?at=2026-11-24T01:40:00Z", kFrCross.token);
  ASSERT_EQ(french.result_int(), 200U) << french.body();
  EXPECT_EQ(ids_of(Json::parse(french.body())["tracks"]), (Ids{3}));

  // A live track's stored positions over a window.
  (*node)->picture().apply_tracks(std::vector<track::FusedTrack>{make_track(1, 51.03, 1.4, uk)});
  auto track = http_get(port, "/api/tracks/1?from=2026-11-24T01:40:00Z&to=2026-11-24T01:50:00Z",
                        kUkWatch.token);
  ASSERT_EQ(track.result_int(), 200U) << track.body();
  EXPECT_EQ(Json::parse(track.body())["history"]["points"].size(), 11U);

  // The export: a header and the UK track's 11 positions.
  auto exported = http_get(port, "/api/export?from=2026-11-24T01:40:00Z&to=2026-11-24T01:50:00Z",
                           kUkWatch.token);
  ASSERT_EQ(exported.result_int(), 200U) << exported.body();
  const std::string& csv = exported.body();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 12);
  EXPECT_EQ(csv.substr(0, 9), "track_id,");

  // Rows written after the node started are read too (a live handle, not a snapshot).
  const TimeNs later = kStart + 60 * kNsPerSecond;
  ASSERT_TRUE((*writer)
                  ->write(std::vector<store::TrackUpdate>{
                      engine::to_track_update(make_track(7, 51.2, 1.5, uk, std::nullopt, later))})
                  .ok());
  auto now = http_get(port, "/api/history?at=2026-11-24T02:01:00Z", kUkWatch.token);
  ASSERT_EQ(now.result_int(), 200U) << now.body();
  EXPECT_EQ(ids_of(Json::parse(now.body())["tracks"]), (Ids{1, 7}));
  (*node)->stop();
}

TEST(NodeHistoryPostgres, AnUnreachableStoreStopsTheStart) {
  TestEngine parts("node-history-unreachable");
  ASSERT_TRUE(parts.engine) << parts.error;
  store::StoreSettings settings;
  settings.kind = store::StoreKind::kPostgres;
  // Nothing listens on port 1 of loopback.
  settings.postgres = "host=127.0.0.1 port=1 dbname=none user=none connect_timeout=2";
  auto node = NodeServer::create(*parts.engine, parts.server_config, settings, parts.clock);
  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.error().code, "postgres_unavailable");
}

}  // namespace
}  // namespace sw::server

#endif  // STRAITWATCH_POSTGRES
