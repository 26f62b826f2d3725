// What only the PostgreSQL store has, on a real PostgreSQL 15 + PostGIS 3 server: the
// schema version table and migrations at start-up, a failed batch leaving nothing, texts
// kept byte for byte, the GiST index in the box query's plan, the PostGIS queries
// (tracks in a polygon, nearest track of a class or owner, alerts whose search area
// covers a point), and errors instead of crashes when the server is unreachable or goes
// away mid-run.

#if STRAITWATCH_POSTGRES

#include "store/postgres/postgres_store.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "../backends/alert_inputs.h"
#include "../backends/store_backends.h"
#include "store/postgres/pg_schema.h"
#include "support/postgres_server.h"

namespace sw::store {
namespace {

using testing::kT0;
using testing::make_alert;
using testing::make_update;
using testing::open_postgres_store;
using testing::shared_postgres_server;

std::vector<std::uint64_t> ids(const Result<std::vector<TrackRecord>>& tracks) {
  std::vector<std::uint64_t> result;
  EXPECT_TRUE(tracks.ok()) << (tracks.ok() ? "" : tracks.error().detail);
  if (!tracks.ok()) return result;
  for (const auto& track : *tracks) result.push_back(track.track_id);
  return result;
}

/// A database of the shared server with its conninfo; "" when there is none.
std::string fresh_database(const std::string& name) {
  std::string error;
  test_support::PostgresServer* server = shared_postgres_server(error);
  if (server == nullptr) {
    ADD_FAILURE() << "PostgreSQL test server did not start: " << error;
    return {};
  }
  if (std::string made = server->create_database(name); !made.empty()) {
    ADD_FAILURE() << made;
    return {};
  }
  return server->conninfo(name);
}

TEST(PostgresStore, SchemaIsVersionedAndMigratedOnce) {
  const std::string conninfo = fresh_database("schema_once");
  ASSERT_FALSE(conninfo.empty());
  {
    auto store = PostgresStore::open(conninfo);
    ASSERT_TRUE(store.ok()) << store.error().detail;
    EXPECT_EQ((*store)->schema_version(), kLatestPostgresSchemaVersion);
    ASSERT_TRUE((*store)->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.5)}).ok());
  }
  auto again = PostgresStore::open(conninfo);
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ((*again)->list_tracks()->size(), 1U);
  auto rows = (*again)->connection().query("SELECT count(*) FROM schema_version");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->row(0).column_int64(0), 1);

  // A store written by a newer build is refused, not misread.
  ASSERT_TRUE((*again)->connection().execute("INSERT INTO schema_version VALUES (99)").ok());
  auto newer = PostgresStore::open(conninfo);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.error().code, "schema_too_new");
}

TEST(PostgresStore, AnotherApplicationsDatabaseIsRefused) {
  const std::string conninfo = fresh_database("foreign_tables");
  ASSERT_FALSE(conninfo.empty());
  auto connection = PgConnection::connect(conninfo);
  ASSERT_TRUE(connection.ok());
  ASSERT_TRUE(connection->execute("CREATE TABLE tracks (id integer)").ok());
  auto store = PostgresStore::open(conninfo);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "not_a_store");
}

TEST(PostgresStore, FailedBatchWritesNothing) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->connection()
                  .execute("CREATE FUNCTION refuse_track_9() RETURNS trigger AS $$ BEGIN "
                           "IF new.track_id = 9 THEN RAISE EXCEPTION 'refused'; END IF; "
                           "RETURN new; END $$ LANGUAGE plpgsql;"
                           "CREATE TRIGGER refuse_track_9 BEFORE INSERT ON track_positions "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_track_9()")
                  .ok());
  const std::vector<TrackUpdate> updates = {make_update(1, kT0, 51.0, 1.0),
                                            make_update(9, kT0, 51.0, 1.0)};
  const Status written = store->write(updates);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "postgres_error");
  EXPECT_NE(written.error().detail.find("refused"), std::string::npos) << written.error().detail;
  EXPECT_TRUE(store->list_tracks()->empty());
  EXPECT_EQ(store->stats().batches, 0U);
  // The handle stays usable.
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.0)}).ok());
  EXPECT_EQ(store->list_tracks()->size(), 1U);
}

TEST(PostgresStore, TextIsKeptByteForByte) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  TrackUpdate update = make_update(5, kT0, 51.0, 1.5);
  update.identity.name = std::string("NOT UTF-8 \xFF\xFE, tab\t, bell\x07", 23);
  update.identity.callsign = "'; DROP TABLE tracks; --";
  update.label.owner = "UK/HMCG \xC3\xA9";
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{update}).ok());
  auto tracks = store->list_tracks();
  ASSERT_TRUE(tracks.ok());
  ASSERT_EQ(tracks->size(), 1U);
  EXPECT_EQ(tracks->front().identity, update.identity);
  EXPECT_EQ(tracks->front().label, update.label);
}

TEST(PostgresStore, BoxQueryUsesTheGistIndex) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  std::vector<TrackUpdate> updates;
  for (std::uint64_t track_id = 1; track_id <= 200; ++track_id) {
    for (int step = 0; step < 20; ++step) {
      updates.push_back(make_update(track_id, kT0 + step * kNsPerSecond,
                                    50.0 + static_cast<double>(track_id) * 0.01, 1.5));
    }
  }
  ASSERT_TRUE(store->write(updates).ok());
  ASSERT_TRUE(store->connection().execute("ANALYZE").ok());
  auto plan = store->connection().query(
      "EXPLAIN SELECT p.track_id FROM track_positions p WHERE "
      "p.geom && ST_MakeEnvelope(1.2, 50.8, 1.8, 51.2, 4326) AND "
      "p.validity @> 1700000005000000000::int8");
  ASSERT_TRUE(plan.ok());
  std::string text;
  for (int row = 0; row < plan->rows(); ++row) text += plan->row(row).column_text(0) + "\n";
  EXPECT_NE(text.find("track_positions_where_when"), std::string::npos) << text;
}

TEST(PostgresStore, ValidityIntervalsFollowTheTrackWhateverTheWriteOrder) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  // Positions whose validity is not [time, the track's next time) (unbounded for the
  // latest), recomputed over the whole table.
  const auto wrong_intervals = [&store]() -> std::int64_t {
    auto wrong = store->connection().query(
        "SELECT count(*) FROM (SELECT validity, int8range(time_ns, LEAD(time_ns) OVER "
        "(PARTITION BY track_id ORDER BY time_ns)) AS expected FROM track_positions) v "
        "WHERE validity <> expected");
    EXPECT_TRUE(wrong.ok()) << (wrong.ok() ? "" : wrong.error().detail);
    return wrong.ok() ? wrong->row(0).column_int64(0) : -1;
  };
  const auto at = [](int second) { return kT0 + second * kNsPerSecond; };
  // In order, then later, earlier, in between and replacing, a batch out of order with a
  // duplicate, and a batch over two tracks at once.
  const std::vector<std::vector<TrackUpdate>> batches = {
      {make_update(1, at(10), 51.0, 1.5), make_update(1, at(20), 51.0, 1.6)},
      {make_update(1, at(30), 51.0, 1.7)},
      {make_update(1, at(5), 51.0, 1.4)},
      {make_update(1, at(15), 51.0, 1.55), make_update(1, at(20), 51.1, 1.6)},
      {make_update(1, at(25), 51.0, 1.65), make_update(1, at(1), 51.0, 1.3),
       make_update(1, at(40), 51.0, 1.8), make_update(1, at(25), 51.2, 1.65)},
      {make_update(2, at(12), 50.9, 1.5), make_update(1, at(12), 51.0, 1.52),
       make_update(2, at(3), 50.9, 1.4), make_update(1, at(50), 51.0, 1.9)}};
  for (std::size_t index = 0; index < batches.size(); ++index) {
    ASSERT_TRUE(store->write(batches[index]).ok()) << "batch " << index;
    EXPECT_EQ(wrong_intervals(), 0) << "after batch " << index;
  }
  auto positions = store->track_history(1, at(0), at(60));
  ASSERT_TRUE(positions.ok());
  EXPECT_EQ(positions->size(), 10U);
  // "Where was track 1 at t=22 s": the position of t=20 s, as replaced.
  auto valid = store->connection().query(
      "SELECT time_ns, lat FROM track_positions WHERE track_id = 1 AND validity @> " +
      std::to_string(at(22)) + "::int8");
  ASSERT_TRUE(valid.ok());
  ASSERT_EQ(valid->rows(), 1);
  EXPECT_EQ(valid->row(0).column_int64(0), at(20));
  EXPECT_DOUBLE_EQ(valid->row(0).column_double(1), 51.1);
}

TEST(PostgresStore, TracksInAPolygonAtATime) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  // A triangle over the strait; track 1 sails out of it at t=10 s, track 2 stays in,
  // track 3 is inside the triangle's bounding box but outside the triangle, track 4 is
  // deleted inside it.
  const std::vector<LatLon> triangle = {{50.8, 1.2}, {51.2, 1.5}, {50.8, 1.8}};
  const std::vector<TrackUpdate> updates = {
      make_update(1, kT0, 50.9, 1.5), make_update(1, kT0 + 10 * kNsPerSecond, 51.1, 1.9),
      make_update(2, kT0, 50.85, 1.45), make_update(3, kT0, 51.15, 1.25),
      make_update(4, kT0, 50.9, 1.5, TrackStatus::kDeleted)};
  ASSERT_TRUE(store->write(updates).ok());
  EXPECT_EQ(ids(store->tracks_in_polygon(triangle, kT0 + 5 * kNsPerSecond)),
            (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(ids(store->tracks_in_polygon(triangle, kT0 + 10 * kNsPerSecond)),
            (std::vector<std::uint64_t>{2}));
  EXPECT_TRUE(ids(store->tracks_in_polygon(triangle, kT0 - 1)).empty());
  // A closed ring is the same polygon; max_age drops stale tracks.
  std::vector<LatLon> closed = triangle;
  closed.push_back(triangle.front());
  EXPECT_EQ(ids(store->tracks_in_polygon(closed, kT0 + 5 * kNsPerSecond)),
            (std::vector<std::uint64_t>{1, 2}));
  EXPECT_TRUE(
      ids(store->tracks_in_polygon(triangle, kT0 + 5 * kNsPerSecond, 2 * kNsPerSecond)).empty());

  const std::vector<LatLon> two = {{50.8, 1.2}, {51.2, 1.5}};
  EXPECT_EQ(store->tracks_in_polygon(two, kT0).error().code, "bad_polygon");
  const std::vector<LatLon> off_globe = {{50.8, 1.2}, {91.0, 1.5}, {50.8, 1.8}};
  EXPECT_EQ(store->tracks_in_polygon(off_globe, kT0).error().code, "bad_polygon");
  const std::vector<LatLon> not_a_number = {{50.8, 1.2}, {std::nan(""), 1.5}, {50.8, 1.8}};
  EXPECT_EQ(store->tracks_in_polygon(not_a_number, kT0).error().code, "bad_polygon");
  const std::vector<LatLon> bow_tie = {{50.8, 1.2}, {51.2, 1.8}, {51.2, 1.2}, {50.8, 1.8}};
  EXPECT_EQ(store->tracks_in_polygon(bow_tie, kT0).error().code, "bad_polygon");
}

TEST(PostgresStore, NearestTrackOfAClassOrOwner) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  TrackUpdate dark = make_update(1, kT0, 51.0, 1.50);   // about 0 m from the point
  TrackUpdate ferry = make_update(2, kT0, 51.0, 1.52);  // about 1.4 km east
  ferry.track_class = TrackClass::kCooperative;
  ferry.label.owner = "UK/HMCG";
  TrackUpdate patrol = make_update(3, kT0, 51.1, 1.50);  // about 11 km north
  patrol.track_class = TrackClass::kAsset;
  TrackUpdate gone = make_update(4, kT0, 51.0, 1.5001, TrackStatus::kDeleted);
  ASSERT_TRUE(store->write(std::vector<TrackUpdate>{dark, ferry, patrol, gone}).ok());
  const LatLon point{51.0, 1.5};

  auto nearest = store->nearest_track(point, kT0);
  ASSERT_TRUE(nearest.ok()) << nearest.error().detail;
  ASSERT_TRUE(nearest->has_value());
  EXPECT_EQ((*nearest)->track.track_id, 1U);
  EXPECT_NEAR((*nearest)->distance_m, 0.0, 1e-6);

  NearestTrackFilter cooperative;
  cooperative.track_class = TrackClass::kCooperative;
  nearest = store->nearest_track(point, kT0, cooperative);
  ASSERT_TRUE(nearest.ok() && nearest->has_value());
  EXPECT_EQ((*nearest)->track.track_id, 2U);
  EXPECT_NEAR((*nearest)->distance_m, 0.02 * 111'320.0 * std::cos(51.0 * M_PI / 180.0), 10.0);
  EXPECT_EQ((*nearest)->track.identity, ferry.identity);

  NearestTrackFilter assets;
  assets.track_class = TrackClass::kAsset;
  nearest = store->nearest_track(point, kT0, assets);
  ASSERT_TRUE(nearest.ok() && nearest->has_value());
  EXPECT_EQ((*nearest)->track.track_id, 3U);
  EXPECT_NEAR((*nearest)->distance_m, 11'120.0, 30.0);

  NearestTrackFilter owner;
  owner.owner = "UK/HMCG";
  nearest = store->nearest_track(point, kT0, owner);
  ASSERT_TRUE(nearest.ok() && nearest->has_value());
  EXPECT_EQ((*nearest)->track.track_id, 2U);

  owner.owner = "NL/KUSTWACHT";
  nearest = store->nearest_track(point, kT0, owner);
  ASSERT_TRUE(nearest.ok());
  EXPECT_FALSE(nearest->has_value());
  nearest = store->nearest_track(point, kT0 - 1);  // before anything was seen
  ASSERT_TRUE(nearest.ok());
  EXPECT_FALSE(nearest->has_value());
  EXPECT_EQ(store->nearest_track({95.0, 1.5}, kT0).error().code, "bad_position");
}

TEST(PostgresStore, AlertSearchAreasArePolygons) {
  auto store = open_postgres_store();
  ASSERT_NE(store, nullptr);
  // Two search areas (2 h and 6 h): the store keeps the 6 h p90 region, a square around
  // (51.0, 1.5); a malformed body keeps no area but the revision is stored.
  AlertRecord drifting = make_alert(7, 1, kT0);
  drifting.body_json =
      R"({"id":7,"search_areas":[)"
      R"({"hours":2,"p90_multipolygon_lonlat":[[[[1.49,50.99],[1.51,50.99],[1.51,51.01],[1.49,50.99]]]]},)"
      R"({"hours":6,"p90_multipolygon_lonlat":[[[[1.4,50.9],[1.6,50.9],[1.6,51.1],[1.4,51.1],[1.4,50.9]]]]}]})";
  AlertRecord malformed = make_alert(8, 1, kT0);
  malformed.body_json = R"({"search_areas":[{"hours":6,"p90_multipolygon_lonlat":[[[[1.4]]]]}]})";
  AlertRecord not_json = make_alert(9, 1, kT0);
  not_json.body_json = "{\"search_areas\": \xFF";
  ASSERT_TRUE(testing::write_alerts(*store, {drifting, malformed, not_json}).ok());
  EXPECT_EQ(store->stats().alerts, 3U);

  auto searching = store->alerts_searching({51.05, 1.55}, kT0, kT0);
  ASSERT_TRUE(searching.ok()) << searching.error().detail;
  ASSERT_EQ(searching->size(), 1U);
  EXPECT_EQ(searching->front(), drifting);
  EXPECT_TRUE(store->alerts_searching({51.2, 1.55}, kT0, kT0)->empty());
  EXPECT_TRUE(store->alerts_searching({51.05, 1.55}, kT0 + 1, kT0 + 2)->empty());
  auto areas = store->connection().query(
      "SELECT alert_id, (search_area IS NOT NULL), "
      "COALESCE(ST_NumGeometries(search_area), 0)::int8 FROM alert_revisions ORDER BY alert_id");
  ASSERT_TRUE(areas.ok());
  ASSERT_EQ(areas->rows(), 3);
  EXPECT_EQ(areas->row(0).column_int64(1), 1);
  EXPECT_EQ(areas->row(0).column_int64(2), 1);
  EXPECT_EQ(areas->row(1).column_int64(1), 0);
  EXPECT_EQ(areas->row(2).column_int64(1), 0);
}

TEST(PostgresStore, UnreachableServerIsAnError) {
  test_support::PostgresServer unused;  // a free port nobody listens on
  auto store = PostgresStore::open(unused.conninfo("nothing"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "postgres_unavailable");
  EXPECT_NE(store.error().detail.find("cannot connect"), std::string::npos);

  auto garbage = PostgresStore::open("this is = not a \"conninfo");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "postgres_unavailable");
}

TEST(PostgresStore, ServerGoingAwayMidRunGivesErrorsThenRecovers) {
  test_support::PostgresServer server;  // its own server: this test stops it
  server.set_durable_commits(true);     // a committed batch survives the crash
  const std::string started = server.start();
  ASSERT_TRUE(started.empty()) << "PostgreSQL test server did not start: " << started;
  ASSERT_TRUE(server.create_database("going_away").empty());
  auto store = PostgresStore::open(server.conninfo("going_away"));
  ASSERT_TRUE(store.ok()) << store.error().detail;
  ASSERT_TRUE((*store)->write(std::vector<TrackUpdate>{make_update(1, kT0, 51.0, 1.5)}).ok());

  server.kill_now();
  const Status written =
      (*store)->write(std::vector<TrackUpdate>{make_update(1, kT0 + kNsPerSecond, 51.0, 1.5)});
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "postgres_unavailable") << written.error().detail;
  EXPECT_FALSE((*store)->list_tracks().ok());
  EXPECT_FALSE((*store)->tracks_in_box({50.0, 1.0, 52.0, 2.0}, kT0).ok());
  std::ostringstream dump;
  EXPECT_FALSE((*store)->dump_canonical(dump).ok());
  EXPECT_EQ((*store)->stats().batches, 1U);

  // Back again: the handle reconnects and the next batch is written.
  const std::string resumed = server.resume();
  ASSERT_TRUE(resumed.empty()) << resumed;
  ASSERT_TRUE(
      (*store)
          ->write(std::vector<TrackUpdate>{make_update(1, kT0 + 2 * kNsPerSecond, 51.0, 1.5)})
          .ok());
  auto history = (*store)->track_history(1, kT0, kT0 + 10 * kNsPerSecond);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2U);
  EXPECT_EQ((*store)->stats().batches, 2U);
}

}  // namespace
}  // namespace sw::store

#endif  // STRAITWATCH_POSTGRES
