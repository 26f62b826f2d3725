// The REST interface of docs/api.md, driven with parsed requests: authentication, every
// parameter and body validated with a 4xx, release labels on every item (404 for what may
// not be seen), alert actions through the operator desk into a real pipeline, drift runs on
// the search service, metrics and the OpenAPI description.

#include "server/api.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <iterator>

#include <fstream>

#include <memory>
#include <set>
#include <tuple>

#include "drift/time_text.h"
#include "engine/config.h"
#include "engine/pipeline.h"
#include "engine/store_sink.h"
#include "server_fixture.h"
#include "store/sqlite/sqlite_store.h"

namespace sw::server {
namespace {

using testing::body_json;
using testing::get;
using testing::ids_of;
using testing::kAdmin;
using testing::kBeWatch;
using testing::kFrCross;
using testing::kStart;
using testing::kUkAnalyst;
using testing::kUkWatch;
using testing::make_alert;
using testing::make_label;
using testing::make_request;
using testing::make_track;
using testing::post;

using Ids = std::vector<std::uint64_t>;

std::string iso(TimeNs time) { return drift::format_utc_time(time); }

/// The error code of a 4xx/5xx answer (its body is {"error", "detail"}).
std::string error_code(const ApiResponse& response) {
  const Json body = body_json(response);
  EXPECT_TRUE(body.contains("detail")) << response.body;
  return body.contains("error") ? body["error"].get<std::string>() : std::string();
}

// --- parse_target and parse_viewport --------------------------------------------------

TEST(ParseTargetTest, SplitsAndDecodesPathAndQuery) {
  const auto target = parse_target("/api/tracks?bbox=1%2C2,3,4&class=dark+x&&flag&a=%41%6a");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/api/tracks");
  EXPECT_EQ(target->query.at("bbox"), "1,2,3,4");
  EXPECT_EQ(target->query.at("class"), "dark x");
  EXPECT_EQ(target->query.at("flag"), "");
  EXPECT_EQ(target->query.at("a"), "Aj");
  EXPECT_EQ(target->query.size(), 4U);
  EXPECT_EQ(parse_target("/api%2Ftracks")->path, "/api/tracks");
  EXPECT_TRUE(parse_target("/api/tracks?")->query.empty());
}

TEST(ParseTargetTest, MalformedEscapesAreRefused) {
  for (const char* text : {"/api/%zz", "/api/tracks?bbox=%4", "/api/tracks?bbox=%", "/%",
                           "/api/tracks?%G1=2", "/api/tracks?a=%%41"}) {
    EXPECT_FALSE(parse_target(text)) << text;
  }
  EXPECT_TRUE(parse_target("/api/tracks?a=%41"));  // an escape at the very end
}

TEST(ParseViewportTest, FourNumbersInRange) {
  auto box = parse_viewport("1.2,50.9,1.6,51.2");
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(box->west, 1.2);
  EXPECT_EQ(box->south, 50.9);
  EXPECT_EQ(box->east, 1.6);
  EXPECT_EQ(box->north, 51.2);
  EXPECT_TRUE(box->contains({51.0, 1.4}));
  EXPECT_FALSE(box->contains({51.0, 1.7}));
  EXPECT_TRUE(parse_viewport("-180,-90,180,90").ok());
  EXPECT_TRUE(parse_viewport("1,2,1,2").ok());  // a point
  for (const char* text : {"", "1,2,3", "1,2,,4", "a,2,3,4", "1 ,2,3,4", "2,0,1,1", "0,2,1,1",
                           "-181,0,0,1", "0,-91,1,0", "0,0,181,1", "0,0,1,91", "nan,0,1,1",
                           "0,0,inf,1", "1e999,0,1,1", "0x1,0,1,1"}) {
    auto refused = parse_viewport(text);
    ASSERT_FALSE(refused.ok()) << text;
    EXPECT_EQ(refused.error().code, "bad_parameter");
  }
}

// Regression (was a bug): parse_viewport stops after the fourth number without checking that the
// text ends there: "1,2,3,4,5" and "1,2,3,4," are taken as 1,2,3,4 (api.cpp, parse_viewport).
TEST(ParseViewportTest, TextAfterTheFourthNumberIsRefused) {
  for (const char* text : {"1,2,3,4,5", "1,2,3,4,", "1,2,3,4,x", "1,2,3,4,5,6"}) {
    EXPECT_FALSE(parse_viewport(text).ok()) << text;
  }
}

// --- the Api over a fixed picture ----------------------------------------------------

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : picture_(clock_), principals_(testing::make_principals()) {
    own_asset_ = make_track(5, 51.1, 1.3, uk_);
    own_asset_.track_class = track::TrackClass::kOwnAsset;
    own_asset_.asset_id = "HMC-SEARCHER";
    const std::vector<track::FusedTrack> tracks{
        make_track(1, 51.0, 1.4, uk_),
        make_track(2, 51.05, 1.45, uk_, 235001234U),
        make_track(3, 50.95, 1.6, fr_only_),
        make_track(4, 50.9, 1.7, fr_to_uk_, 227000001U),
        own_asset_,
    };
    picture_.apply_tracks(tracks);
    desk_ = std::make_unique<OperatorDesk>(
        [this](engine::RawInput input) {
          submitted_.push_back(std::move(input));
          return engine_accepts_;
        },
        7, clock_);
    make_api(nullptr, nullptr);
  }

  void make_api(SearchService* search, store::HistoryStore* history,
                share::AuditLog* audit = nullptr) {
    ApiServices services;
    services.audit = audit;
    services.picture = &picture_;
    services.principals = &principals_;
    services.desk = desk_.get();
    services.search = search;
    services.history = history;
    services.geography_json = R"({"type":"FeatureCollection","features":[]})";
    services.metrics = [] { return std::string("straitwatch_tracks{class=\"dark\"} 2\n"); };
    services.clock = &clock_;
    api_ = std::make_unique<Api>(std::move(services));
  }

  ApiResponse get_as(const testing::TestPrincipal& who, const std::string& target) {
    return get(*api_, target, who.token);
  }

  Ids track_ids(const testing::TestPrincipal& who, const std::string& query) {
    const ApiResponse response = get_as(who, "/api/tracks" + query);
    EXPECT_EQ(response.status, 200U) << query << ": " << response.body;
    return ids_of(body_json(response)["tracks"]);
  }

  void add_alerts() {
    picture_.apply_alerts(std::vector<risk::Alert>{
        make_alert(1, risk::Severity::kWarning, kStart + 10 * kNsPerSecond, uk_),
        make_alert(2, risk::Severity::kCritical, kStart + 5 * kNsPerSecond, uk_),
        make_alert(3, risk::Severity::kCritical, kStart + 20 * kNsPerSecond, fr_to_uk_),
        make_alert(4, risk::Severity::kUrgent, kStart, uk_),
        make_alert(5, risk::Severity::kCritical, kStart + 15 * kNsPerSecond, uk_,
                   risk::AlertState::kClosed),
        make_alert(6, risk::Severity::kCritical, kStart + 30 * kNsPerSecond, fr_only_)});
  }

  ManualClock clock_{kStart};
  LivePicture picture_;
  Principals principals_;
  std::vector<engine::RawInput> submitted_;
  bool engine_accepts_ = true;
  std::unique_ptr<OperatorDesk> desk_;
  std::unique_ptr<Api> api_;
  const Label uk_ = make_label("UK/HMCG");
  const Label fr_only_ = make_label("FR/CROSS-GN");
  const Label fr_to_uk_ = make_label("FR/CROSS-GN", {"UK"});
  track::FusedTrack own_asset_;
};

TEST_F(ApiTest, OpenApiNeedsNoTokenAndDescribesTheApi) {
  const ApiResponse response = get(*api_, "/api/openapi.json", "");
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.content_type, "application/json");
  const Json spec = body_json(response);
  EXPECT_EQ(spec["openapi"], "3.0.3");
  for (const char* path : {"/api/tracks", "/api/tracks/{id}", "/api/alerts/{id}/acknowledge",
                           "/api/search-areas", "/api/stream", "/metrics"}) {
    EXPECT_TRUE(spec["paths"].contains(path)) << path;
  }
  EXPECT_TRUE(spec["paths"]["/api/search-areas"].contains("post"));
}

TEST_F(ApiTest, EveryOtherPathNeedsAKnownBearerToken) {
  for (const char* target : {"/api/health", "/api/tracks", "/api/tracks/1", "/api/alerts",
                             "/metrics", "/api/nowhere", "/"}) {
    SCOPED_TRACE(target);
    ApiResponse response = get(*api_, target, "");
    EXPECT_EQ(response.status, 401U);
    EXPECT_EQ(error_code(response), "unauthorized");
    EXPECT_EQ(get(*api_, target, "tok-nobody").status, 401U);
  }
  Request basic = make_request(http::verb::get, "/api/health");
  basic.set(http::field::authorization, std::string("Basic ") + kUkWatch.token);
  EXPECT_EQ(testing::call(*api_, basic).status, 401U);
  Request empty = make_request(http::verb::get, "/api/health");
  empty.set(http::field::authorization, "Bearer ");
  EXPECT_EQ(testing::call(*api_, empty).status, 401U);
  // A header that does not authenticate is not overridden by the query token.
  Request both =
      make_request(http::verb::get, std::string("/api/health?access_token=") + kUkWatch.token);
  both.set(http::field::authorization, "Bearer tok-nobody");
  EXPECT_EQ(testing::call(*api_, both).status, 401U);
  EXPECT_EQ(post(*api_, "/api/alerts/1/acknowledge", "", "{}").status, 401U);
}

TEST_F(ApiTest, EveryRequestIsAuditedWithWhoWhatAndTheAnswer) {
  testing::TempDir folder("api-audit");
  auto audit = share::AuditLog::open(folder.path(), clock_);
  ASSERT_TRUE(audit) << audit.error().detail;
  make_api(nullptr, nullptr, audit->get());
  EXPECT_EQ(get_as(testing::kUkWatch, "/api/tracks").status, 200U);
  EXPECT_EQ(get_as(testing::kBeWatch, "/api/tracks/3").status, 404U);  // French, not released
  EXPECT_EQ(get(*api_, "/api/alerts", "tok-nobody").status, 401U);
  make_api(nullptr, nullptr);
  audit->reset();  // closes and seals

  std::ifstream in(folder.path() / "audit.log");
  std::vector<Json> records;
  for (std::string line; std::getline(in, line);) {
    records.push_back(Json::parse(line.substr(65), nullptr, false));
  }
  ASSERT_EQ(records.size(), 5U);  // open, three requests, the seal
  EXPECT_EQ(records[1]["kind"], "access");
  EXPECT_EQ(records[1]["principal"], testing::kUkWatch.name);
  EXPECT_EQ(records[1]["item"], "GET /api/tracks");
  EXPECT_EQ(records[1]["rule"], "released");
  EXPECT_EQ(records[2]["principal"], testing::kBeWatch.name);
  EXPECT_EQ(records[2]["item"], "GET /api/tracks/3");
  EXPECT_EQ(records[2]["detail"], "status 404");
  EXPECT_EQ(records[3]["kind"], "refusal");
  EXPECT_EQ(records[3]["rule"], "unauthorized");
  const auto verified =
      share::verify_audit_log(folder.path() / "audit.log", folder.path() / "audit-key.pub.pem");
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_F(ApiTest, HealthNamesThePrincipalAndCountsWhatItSees) {
  add_alerts();
  ApiResponse response = get_as(kUkWatch, "/api/health");
  ASSERT_EQ(response.status, 200U) << response.body;
  Json health = body_json(response);
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["principal"]["name"], "uk-watch");
  EXPECT_EQ(health["principal"]["agency"], "UK/HMCG");
  EXPECT_EQ(health["principal"]["roles"], Json::array({"watch_officer"}));
  EXPECT_EQ(health["tracks"], 4);       // 1, 2, 4, 5
  EXPECT_EQ(health["alerts_open"], 4);  // 1, 2, 3, 4
  EXPECT_EQ(health["time"]["ns"], kStart);
  health = body_json(get_as(kBeWatch, "/api/health"));
  EXPECT_EQ(health["tracks"], 0);
  EXPECT_EQ(health["alerts_open"], 0);
}

TEST_F(ApiTest, TracksAreFilteredByLabelBoxClassAndAis) {
  EXPECT_EQ(track_ids(kUkWatch, ""), (Ids{1, 2, 4, 5}));
  EXPECT_EQ(track_ids(kFrCross, ""), (Ids{3, 4}));
  EXPECT_EQ(track_ids(kBeWatch, ""), Ids{});
  EXPECT_EQ(track_ids(kUkWatch, "?bbox=1.35,50.98,1.5,51.1"), (Ids{1, 2}));
  EXPECT_EQ(track_ids(kUkWatch, "?bbox=1.35%2C50.98%2C1.5%2C51.1"), (Ids{1, 2}));
  EXPECT_EQ(track_ids(kUkWatch, "?bbox=1.4,51.0,1.4,51.0"), (Ids{1}));  // edges count
  EXPECT_EQ(track_ids(kUkWatch, "?class=dark"), (Ids{1}));
  EXPECT_EQ(track_ids(kUkWatch, "?class=cooperative,own_asset"), (Ids{2, 4, 5}));
  EXPECT_EQ(track_ids(kUkWatch, "?class=own_asset"), (Ids{5}));
  EXPECT_EQ(track_ids(kUkWatch, "?ais=true"), (Ids{2, 4}));
  EXPECT_EQ(track_ids(kUkWatch, "?ais=false"), (Ids{1, 5}));
  EXPECT_EQ(track_ids(kUkWatch, "?class=dark&ais=true"), Ids{});
  EXPECT_EQ(track_ids(kUkWatch, "?bbox=1.35,50.85,1.8,51.02&ais=true&format=json"), (Ids{4}));

  const Json body = body_json(get_as(kUkWatch, "/api/tracks?ais=true"));
  EXPECT_EQ(body["time"]["ns"], kStart);
  const Json& track = body["tracks"][0];
  EXPECT_EQ(track["class"], "cooperative");
  EXPECT_EQ(track["mmsi"], 235001234);
  EXPECT_EQ(track["lat"], 51.05);
  EXPECT_EQ(track["label"]["owner"], "UK/HMCG");
  EXPECT_TRUE(track["trail"].is_array());
}

TEST_F(ApiTest, TracksAsGeoJsonPoints) {
  const ApiResponse response = get_as(kUkWatch, "/api/tracks?format=geojson&class=own_asset");
  ASSERT_EQ(response.status, 200U);
  const Json collection = body_json(response);
  EXPECT_EQ(collection["type"], "FeatureCollection");
  ASSERT_EQ(collection["features"].size(), 1U);
  const Json& feature = collection["features"][0];
  EXPECT_EQ(feature["type"], "Feature");
  EXPECT_EQ(feature["id"], 5);
  EXPECT_EQ(feature["geometry"]["type"], "Point");
  EXPECT_EQ(feature["geometry"]["coordinates"], Json::array({1.3, 51.1}));  // lon, lat
  EXPECT_EQ(feature["properties"]["class"], "own_asset");
  EXPECT_EQ(feature["properties"]["asset_id"], "HMC-SEARCHER");
  EXPECT_FALSE(feature["properties"].contains("trail"));
  EXPECT_EQ(body_json(get_as(kBeWatch, "/api/tracks?format=geojson"))["features"].size(), 0U);
}

TEST_F(ApiTest, EachMalformedParameterIsA400) {
  for (const char* target : {
           "/api/tracks?bbox=1,2,3",
           "/api/tracks?bbox=1.6,50,1.2,51",  // W > E
           "/api/tracks?bbox=1,51,2,50",      // S > N
           "/api/tracks?bbox=NaN,50,1,51",
           "/api/tracks?bbox=nan,50,1,51",
           "/api/tracks?bbox=",
           "/api/tracks?bbox=1,2,3,x",
           "/api/tracks?bbox=-200,0,0,1",
           "/api/tracks?class=foo",
           "/api/tracks?class=dark,foo",
           "/api/tracks?class=Dark",
           "/api/tracks?class=dark+",
           "/api/tracks?ais=maybe",
           "/api/tracks?ais=1",
           "/api/tracks?ais=",
           "/api/tracks?format=kml",
           "/api/tracks/1?from=yesterday",
           "/api/tracks/1?to=2026-13-45",
           "/api/tracks/1?from=2026-11-24T03:00:00Z&to=2026-11-24T02:00:00Z",
           "/api/alerts?state=closed",
           "/api/history",
           "/api/history?at=now",
           "/api/history?at=2026-11-24T02:00:00Z&bbox=1,2",
       }) {
    SCOPED_TRACE(target);
    const ApiResponse response = get_as(kUkWatch, target);
    EXPECT_EQ(response.status, 400U) << response.body;
    EXPECT_EQ(error_code(response), "bad_parameter");
  }
  for (const char* target : {"/api/tracks/abc", "/api/tracks/-1", "/api/tracks/1.0",
                             "/api/tracks/99999999999999999999999", "/api/alerts/%20",
                             "/api/alerts/x/acknowledge", "/api/search-areas/0x1"}) {
    SCOPED_TRACE(target);
    const ApiResponse response = get_as(kUkWatch, target);
    EXPECT_EQ(response.status, 400U) << response.body;
    EXPECT_EQ(error_code(response), "bad_id");
  }
  for (const char* target : {"/api/tracks?bbox=%zz", "/api/tracks?bbox=1,2,3,4%", "/api/%4"}) {
    SCOPED_TRACE(target);
    const ApiResponse response = get_as(kUkWatch, target);
    EXPECT_EQ(response.status, 400U) << response.body;
    EXPECT_EQ(error_code(response), "bad_target");
  }
}

TEST_F(ApiTest, UnknownPathsAndMethods) {
  EXPECT_EQ(get_as(kUkWatch, "/api/nothing").status, 404U);
  EXPECT_EQ(get_as(kUkWatch, "/api/tracks/1/history").status, 404U);
  EXPECT_EQ(get_as(kUkWatch, "/api/sources/1").status, 404U);
  EXPECT_EQ(get_as(kUkWatch, "/api").status, 404U);
  EXPECT_EQ(get_as(kUkWatch, "/index.html").status, 404U);
  const ApiResponse posted = post(*api_, "/api/tracks", kUkWatch.token, "{}");
  EXPECT_EQ(posted.status, 405U);
  EXPECT_EQ(error_code(posted), "method_not_allowed");
  EXPECT_EQ(post(*api_, "/api/tracks/1", kUkWatch.token, "{}").status, 405U);
  EXPECT_EQ(post(*api_, "/metrics", kAdmin.token, "{}").status, 405U);
  EXPECT_EQ(
      testing::call(*api_, make_request(http::verb::delete_, "/api/alerts/1", kAdmin.token)).status,
      405U);
  EXPECT_EQ(get_as(kUkWatch, "/api/alerts/1/acknowledge").status, 405U);
  EXPECT_EQ(post(*api_, "/api/alerts/1/sink", kUkWatch.token, "{}").status, 404U);
  const ApiResponse geography = get_as(kUkWatch, "/api/geography");
  EXPECT_EQ(geography.status, 200U);
  EXPECT_EQ(geography.content_type, "application/geo+json");
  EXPECT_EQ(body_json(geography)["type"], "FeatureCollection");
}

TEST_F(ApiTest, OneTrackAndItsDefaultHistoryWindow) {
  const ApiResponse response = get_as(kUkWatch, "/api/tracks/2");
  ASSERT_EQ(response.status, 200U) << response.body;
  const Json track = body_json(response);
  EXPECT_EQ(track["id"], 2);
  EXPECT_EQ(track["mmsi"], 235001234);
  EXPECT_EQ(track["history"]["to"]["ns"], kStart);
  EXPECT_EQ(track["history"]["from"]["ns"], kStart - 3600 * kNsPerSecond);
  EXPECT_EQ(track["history"]["points"], Json::array());  // no store on this node
  const Json ranged = body_json(
      get_as(kUkWatch, "/api/tracks/2?from=2026-11-24T01:30:00Z&to=2026-11-24T01:45:00.5Z"));
  EXPECT_EQ(ranged["history"]["from"]["ns"], kStart - 1800 * kNsPerSecond);
  EXPECT_EQ(ranged["history"]["to"]["ns"], kStart - 900 * kNsPerSecond + kNsPerSecond / 2);
}

TEST_F(ApiTest, AnItemNotReleasedIsAnsweredAsOneThatDoesNotExist) {
  const ApiResponse hidden = get_as(kBeWatch, "/api/tracks/1");
  const ApiResponse absent = get_as(kBeWatch, "/api/tracks/999");
  EXPECT_EQ(hidden.status, 404U);
  EXPECT_EQ(absent.status, 404U);
  EXPECT_EQ(error_code(hidden), error_code(absent));
  EXPECT_EQ(body_json(hidden)["detail"], "track 1 does not exist or is not released to you");
  // Released to the UK by France: the UK sees it, Belgium does not.
  EXPECT_EQ(get_as(kUkWatch, "/api/tracks/4").status, 200U);
  EXPECT_EQ(get_as(kBeWatch, "/api/tracks/4").status, 404U);
  EXPECT_EQ(get_as(kUkWatch, "/api/tracks/3").status, 404U);
  EXPECT_EQ(get_as(kFrCross, "/api/tracks/3").status, 200U);
  // Parameters of a hidden track are not even read.
  EXPECT_EQ(get_as(kBeWatch, "/api/tracks/1?from=garbage").status, 404U);

  add_alerts();
  EXPECT_EQ(get_as(kUkWatch, "/api/alerts/6").status, 404U);
  EXPECT_EQ(get_as(kFrCross, "/api/alerts/6").status, 200U);
  EXPECT_EQ(get_as(kBeWatch, "/api/alerts/1").status, 404U);
  // Nor can it be acted on.
  EXPECT_EQ(post(*api_, "/api/alerts/6/acknowledge", kUkWatch.token, "{}").status, 404U);
  EXPECT_TRUE(submitted_.empty());
}

TEST_F(ApiTest, AlertsMostSevereThenNewestFirst) {
  add_alerts();
  ApiResponse response = get_as(kUkWatch, "/api/alerts");
  ASSERT_EQ(response.status, 200U);
  EXPECT_EQ(ids_of(body_json(response)["alerts"]), (Ids{3, 2, 4, 1}));
  EXPECT_EQ(ids_of(body_json(get_as(kUkWatch, "/api/alerts?state=open"))["alerts"]),
            (Ids{3, 2, 4, 1}));
  EXPECT_EQ(ids_of(body_json(get_as(kUkWatch, "/api/alerts?state=all"))["alerts"]),
            (Ids{3, 5, 2, 4, 1}));
  EXPECT_EQ(ids_of(body_json(get_as(kFrCross, "/api/alerts?state=all"))["alerts"]), (Ids{6, 3}));
  EXPECT_EQ(ids_of(body_json(get_as(kBeWatch, "/api/alerts"))["alerts"]), Ids{});

  const Json alert = body_json(get_as(kUkWatch, "/api/alerts/5"));
  EXPECT_EQ(alert["state"], "closed");
  EXPECT_EQ(alert["severity"], "critical");
  ASSERT_EQ(alert["history"].size(), 1U);
  EXPECT_EQ(alert["history"][0]["change"], "raised");
  EXPECT_EQ(get_as(kUkWatch, "/api/alerts/77").status, 404U);
}

TEST_F(ApiTest, AlertActionsAreCheckedBeforeTheEngineSeesThem) {
  add_alerts();
  const ApiResponse analyst = post(*api_, "/api/alerts/1/acknowledge", kUkAnalyst.token, "{}");
  EXPECT_EQ(analyst.status, 403U);
  EXPECT_EQ(error_code(analyst), "forbidden");
  EXPECT_EQ(post(*api_, "/api/alerts/77/acknowledge", kUkWatch.token, "{}").status, 404U);
  for (const std::string& body :
       {std::string("{}"), std::string(R"({"to": ""})"), std::string(R"({"note": "no centre"})")}) {
    const ApiResponse response = post(*api_, "/api/alerts/1/hand-over", kUkWatch.token, body);
    EXPECT_EQ(response.status, 400U) << body;
    EXPECT_NE(body_json(response)["detail"].get<std::string>().find("\"to\""), std::string::npos);
  }
  for (const std::string& body :
       {std::string("not json"), std::string("[1]"), std::string("\"x\""), std::string("{"),
        std::string(R"({"note": 5})"), std::string(R"({"reason": ["a"]})"),
        std::string(R"({"to": null})"), R"({"note": ")" + std::string(501, 'n') + "\"}"}) {
    const ApiResponse response = post(*api_, "/api/alerts/1/acknowledge", kUkWatch.token, body);
    EXPECT_EQ(response.status, 400U) << body;
    EXPECT_EQ(error_code(response), "bad_body");
  }
  EXPECT_TRUE(submitted_.empty());
}

TEST_F(ApiTest, AnAlertActionIsAnsweredOnceTheEngineAppliedIt) {
  add_alerts();
  std::vector<ApiResponse> answers;
  api_->handle(make_request(http::verb::post, "/api/alerts/1/hand-over", kFrCross.token,
                            R"({"to": "MRCC Dover", "note": "in the UK region"})"),
               [&answers](ApiResponse response) { answers.push_back(std::move(response)); });
  // fr-cross may not see alert 1 (UK only): refused at once, the engine never asked.
  ASSERT_EQ(answers.size(), 1U);
  EXPECT_EQ(answers[0].status, 404U);
  EXPECT_TRUE(submitted_.empty());

  answers.clear();
  submitted_.clear();
  api_->handle(make_request(http::verb::post, "/api/alerts/3/hand-over", kUkWatch.token,
                            R"({"to": "MRCC Dover", "note": "in the UK region"})"),
               [&answers](ApiResponse response) { answers.push_back(std::move(response)); });
  EXPECT_TRUE(answers.empty());  // waits for the engine
  ASSERT_EQ(submitted_.size(), 1U);
  EXPECT_EQ(submitted_[0].source, 7U);
  EXPECT_EQ(submitted_[0].receive_time, kStart);
  const Json action = Json::parse(submitted_[0].bytes);
  EXPECT_EQ(action["action"], "hand_over");
  EXPECT_EQ(action["alert"], 3);
  EXPECT_EQ(action["actor"], "uk-watch (UK/HMCG)");
  EXPECT_EQ(action["to"], "MRCC Dover");
  EXPECT_EQ(action["reason"], "in the UK region");  // the note, as no reason was given

  // The engine applies it: the picture has the new revision, then the desk completes.
  risk::Alert handed = make_alert(3, risk::Severity::kCritical, kStart + 40 * kNsPerSecond,
                                  fr_to_uk_, risk::AlertState::kHandedOver);
  picture_.apply_alerts(std::vector<risk::Alert>{handed});
  desk_->complete({action["request"].get<std::string>(), 3, Ok{}});
  ASSERT_EQ(answers.size(), 1U);
  EXPECT_EQ(answers[0].status, 200U);
  EXPECT_EQ(body_json(answers[0])["state"], "handed_over");
  // A second completion of the same request is ignored.
  desk_->complete({action["request"].get<std::string>(), 3, Ok{}});
  EXPECT_EQ(answers.size(), 1U);
}

TEST_F(ApiTest, EngineRefusalsMapToStatusCodes) {
  add_alerts();
  const std::vector<std::pair<std::string, unsigned>> refusals{
      {"alert_closed", 409U}, {"alert_state", 409U}, {"alert_unknown", 404U},
      {"bad_action", 400U},   {"timeout", 504U},     {"engine_busy", 503U}};
  for (const auto& [code, status] : refusals) {
    SCOPED_TRACE(code);
    submitted_.clear();
    std::vector<ApiResponse> answers;
    api_->handle(make_request(http::verb::post, "/api/alerts/2/close", kUkWatch.token,
                              R"({"reason": "found safe"})"),
                 [&answers](ApiResponse response) { answers.push_back(std::move(response)); });
    ASSERT_EQ(submitted_.size(), 1U);
    const Json action = Json::parse(submitted_[0].bytes);
    EXPECT_EQ(action["reason"], "found safe");
    desk_->complete({action["request"].get<std::string>(), 2, Error{code, "refused"}});
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers[0].status, status);
    EXPECT_EQ(error_code(answers[0]), code);
  }
}

TEST_F(ApiTest, AFullEngineQueueIs503AtOnce) {
  add_alerts();
  engine_accepts_ = false;
  const ApiResponse response = post(*api_, "/api/alerts/1/acknowledge", kAdmin.token, "");
  EXPECT_EQ(response.status, 503U);
  EXPECT_EQ(error_code(response), "engine_busy");
}

TEST_F(ApiTest, UnansweredActionsTimeOut) {
  add_alerts();
  std::vector<ApiResponse> answers;
  api_->handle(make_request(http::verb::post, "/api/alerts/1/acknowledge", kUkWatch.token, "{}"),
               [&answers](ApiResponse response) { answers.push_back(std::move(response)); });
  desk_->expire(std::chrono::hours(1));
  EXPECT_TRUE(answers.empty());
  desk_->expire(std::chrono::milliseconds(-1));
  ASSERT_EQ(answers.size(), 1U);
  EXPECT_EQ(answers[0].status, 504U);
}

TEST_F(ApiTest, MetricsForAdminAndAnalystOnly) {
  const ApiResponse watch = get_as(kUkWatch, "/metrics");
  EXPECT_EQ(watch.status, 403U);
  EXPECT_EQ(error_code(watch), "forbidden");
  EXPECT_EQ(get_as(kFrCross, "/metrics").status, 403U);
  for (const auto& who : {kAdmin, kUkAnalyst}) {
    const ApiResponse response = get_as(who, "/metrics");
    EXPECT_EQ(response.status, 200U);
    EXPECT_EQ(response.content_type.rfind("text/plain", 0), 0U);
    EXPECT_EQ(response.body, "straitwatch_tracks{class=\"dark\"} 2\n");
  }
}

TEST_F(ApiTest, SourcesAreFilteredByTheirLabels) {
  SourceStatus ais;
  ais.id = "ais-uk";
  ais.format = "ais";
  ais.transport = "udp";
  ais.label = uk_;
  ais.received = 10;
  ais.rejects = {{"bad_checksum", 2}};
  SourceStatus radar;
  radar.id = "radar-gris-nez";
  radar.label = fr_only_;
  picture_.set_sources({ais, radar});
  Json sources = body_json(get_as(kUkWatch, "/api/sources"))["sources"];
  ASSERT_EQ(sources.size(), 1U);
  EXPECT_EQ(sources[0]["id"], "ais-uk");
  EXPECT_EQ(sources[0]["received"], 10);
  EXPECT_EQ(sources[0]["rejects"]["bad_checksum"], 2);
  sources = body_json(get_as(kFrCross, "/api/sources"))["sources"];
  ASSERT_EQ(sources.size(), 1U);
  EXPECT_EQ(sources[0]["id"], "radar-gris-nez");
}

TEST_F(ApiTest, SearchAreasNeedADriftModel) {
  const ApiResponse response = post(*api_, "/api/search-areas", kUkWatch.token, R"({"track": 1})");
  EXPECT_EQ(response.status, 404U);
  EXPECT_EQ(error_code(response), "no_drift");
  EXPECT_EQ(body_json(get_as(kUkWatch, "/api/search-areas"))["search_areas"], Json::array());
}

// Regression (was a bug): text from a request that is not UTF-8 reaches an error detail
// (parse_utc_time quotes its input), and nlohmann's dump() throws on it: Api::handle throws out of
// HttpServer's I/O handler and the node terminates. Any principal can send this.
TEST_F(ApiTest, BytesThatAreNotUtf8InAParameterAreA400NotAnException) {
  ApiResponse response;
  EXPECT_NO_THROW(response = get_as(kUkWatch, "/api/history?at=%FF"));
  EXPECT_EQ(response.status, 400U);
  EXPECT_NO_THROW(response = get_as(kUkWatch, "/api/tracks/1?from=2026-11-24%C3"));
  EXPECT_EQ(response.status, 400U);
}

// Regression (was a bug): a track whose callsign or details are not UTF-8 (the CoT decoder passes
// attribute bytes through unchecked) makes track_json(...).dump() throw, in the REST answer
// and in the stream's tick: the node terminates.
TEST_F(ApiTest, ATrackWithTextThatIsNotUtf8IsStillServed) {
  track::FusedTrack odd = make_track(9, 51.0, 1.4, uk_);
  odd.callsign = "BAD\xFF";
  odd.set_detail("shipname", "\xC3(");
  picture_.apply_tracks(std::vector<track::FusedTrack>{odd});
  ApiResponse response;
  EXPECT_NO_THROW(response = get_as(kUkWatch, "/api/tracks/9"));
  EXPECT_EQ(response.status, 200U);
  EXPECT_NO_THROW(response = get_as(kUkWatch, "/api/tracks"));
  EXPECT_EQ(response.status, 200U);
}

// Regression (was a bug): drift::parse_utc_time (time_text.cpp:86) multiplies the seconds by 1e9 in
// int64 with no range check: a year before 1678 or after 2261 is signed overflow (UBSan
// aborts the node; without it a wrapped time is served as if asked for).
TEST_F(ApiTest, TimesOutsideTheNanosecondRangeAreA400) {
  for (const char* target :
       {"/api/history?at=1000-01-01", "/api/tracks/1?from=1677-01-01T00:00:00Z",
        "/api/tracks/1?to=9999-12-31T23:59:59Z", "/api/history?at=2262-06-01"}) {
    SCOPED_TRACE(target);
    const ApiResponse response = get_as(kUkWatch, target);
    EXPECT_EQ(response.status, 400U) << response.body;
  }
  EXPECT_EQ(get_as(kUkWatch, "/api/tracks/1?from=1700-01-01T00:00:00Z").status, 200U);
}

// --- history from a store ------------------------------------------------------------

TEST_F(ApiTest, HistoryFromTheStoreIsRangedAndFiltered) {
  EXPECT_EQ(get_as(kUkWatch, "/api/history?at=2026-11-24T02:00:00Z").status, 404U);  // no store
  testing::TempDir directory("api-history");
  auto store = store::SqliteStore::open((directory.path() / "history.db").string(), {});
  ASSERT_TRUE(store.ok()) << store.error().detail;
  std::vector<store::TrackUpdate> updates;
  for (int minute = 0; minute <= 30; ++minute) {
    const TimeNs time = kStart - 1800 * kNsPerSecond + minute * 60 * kNsPerSecond;
    updates.push_back(engine::to_track_update(
        make_track(1, 51.0 + minute * 0.001, 1.4, uk_, std::nullopt, time)));
    updates.push_back(
        engine::to_track_update(make_track(3, 50.95, 1.6, fr_only_, std::nullopt, time)));
  }
  ASSERT_TRUE((*store)->write(updates).ok());
  make_api(nullptr, store->get());

  // The default window (the last hour) holds all 31 positions of track 1.
  Json track = body_json(get_as(kUkWatch, "/api/tracks/1"));
  ASSERT_EQ(track["history"]["points"].size(), 31U);
  EXPECT_FALSE(track["history"]["thinned"].get<bool>());
  const Json& first = track["history"]["points"][0];
  EXPECT_EQ(first[0], 1.4);  // lon, lat, ns, sog, cog
  EXPECT_EQ(first[1], 51.0);
  EXPECT_EQ(first[2], kStart - 1800 * kNsPerSecond);
  // A ten-minute window: 11 positions.
  track = body_json(
      get_as(kUkWatch, "/api/tracks/1?from=2026-11-24T01:40:00Z&to=2026-11-24T01:50:00Z"));
  EXPECT_EQ(track["history"]["points"].size(), 11U);

  // Replay at a past time: the UK sees its own track where it was then, not the French one.
  ApiResponse response = get_as(kUkWatch, "/api/history?at=2026-11-24T01:40:00Z");
  ASSERT_EQ(response.status, 200U) << response.body;
  Json past = body_json(response);
  ASSERT_EQ(ids_of(past["tracks"]), (Ids{1}));
  EXPECT_NEAR(past["tracks"][0]["lat"].get<double>(), 51.01, 1e-9);
  EXPECT_EQ(ids_of(body_json(get_as(kFrCross, "/api/history?at=2026-11-24T01:40:00Z"))["tracks"]),
            (Ids{3}));
  EXPECT_EQ(ids_of(body_json(get_as(kFrCross,
                                    "/api/history?at=2026-11-24T01:40:00Z&bbox=1.3,50.9,"
                                    "1.5,51.1"))["tracks"]),
            Ids{});
  // Before anything was stored.
  EXPECT_EQ(ids_of(body_json(get_as(kUkWatch, "/api/history?at=2026-11-24T01:00:00Z"))["tracks"]),
            Ids{});
}

TEST_F(ApiTest, ExportGivesTheReleasedHistoryAsCsvAndIsAudited) {
  testing::TempDir directory("api-export");
  auto store = store::SqliteStore::open((directory.path() / "history.db").string(), {});
  ASSERT_TRUE(store.ok()) << store.error().detail;
  auto audit = share::AuditLog::open(directory.path() / "audit", clock_);
  ASSERT_TRUE(audit) << audit.error().detail;
  std::vector<store::TrackUpdate> updates;
  for (int minute = 0; minute <= 30; ++minute) {
    const TimeNs time = kStart - 1800 * kNsPerSecond + minute * 60 * kNsPerSecond;
    track::FusedTrack named = make_track(2, 51.0 + minute * 0.001, 1.4, uk_, 235001234U, time);
    named.set_detail("shipname", "SEA, \"QUEEN\"");
    updates.push_back(engine::to_track_update(named));
    updates.push_back(
        engine::to_track_update(make_track(3, 50.95, 1.6, fr_only_, std::nullopt, time)));
  }
  ASSERT_TRUE((*store)->write(updates).ok());
  make_api(nullptr, store->get(), audit->get());

  const std::string range = "from=2026-11-24T01:40:00Z&to=2026-11-24T01:50:00Z";
  ApiResponse response = get_as(kUkWatch, "/api/export?" + range);
  ASSERT_EQ(response.status, 200U) << response.body;
  EXPECT_EQ(response.content_type, "text/csv; charset=utf-8");
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < response.body.size();) {
    const std::size_t end = response.body.find('\n', start);
    lines.push_back(response.body.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 12U);  // header and 11 positions of the UK's track, none of France's
  EXPECT_EQ(lines[0].substr(0, 30), "track_id,time_utc,time_ns,lat,");
  EXPECT_EQ(lines[1].substr(0, 2), "2,");
  EXPECT_NE(lines[1].find(",cooperative,235001234,\"SEA, \"\"QUEEN\"\"\","), std::string::npos)
      << lines[1];
  for (std::size_t index = 1; index < lines.size(); ++index) EXPECT_EQ(lines[index][0], '2');
  // France sees only its own track; a box around neither gives the header alone.
  const std::string french = get_as(kFrCross, "/api/export?" + range).body;
  EXPECT_EQ(std::count(french.begin(), french.end(), '\n'), 12);
  EXPECT_NE(french.find("\n3,"), std::string::npos);
  EXPECT_EQ(get_as(kUkWatch, "/api/export?" + range + "&bbox=0,50,0.5,50.5").body,
            "track_id,time_utc,time_ns,lat,lon,sog_kn,cog_deg,class,mmsi,name,callsign,owner\n");
  for (const char* bad : {"/api/export", "/api/export?from=2026-11-24T01:40:00Z",
                          "/api/export?from=2026-11-24T01:50:00Z&to=2026-11-24T01:40:00Z",
                          "/api/export?from=2026-11-20T00:00:00Z&to=2026-11-24T00:00:00Z"}) {
    EXPECT_EQ(get_as(kUkWatch, bad).status, 400U) << bad;
  }
  (*audit).reset();
  std::ifstream log(directory.path() / "audit" / "audit.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(
      text.find(
          R"("kind":"release","principal":"uk-watch","path":"export","item":"history","rule":"released","detail":"11 positions of 1 tracks; 1 tracks withheld by their labels")"),
      std::string::npos)
      << text;
}

// --- drift runs on a real search service ---------------------------------------------

class SearchAreaTest : public ApiTest {
 protected:
  SearchAreaTest() {
    risk::SearchSettings settings;
    settings.particles = 60;
    settings.hours = {1.0, 2.0};
    risk::Environment environment;
    environment.wind_to = {4.0, 3.0};
    environment.current = {0.3, -0.2};
    search_ = std::make_unique<SearchService>(picture_, settings, environment, 42);
    make_api(search_.get(), nullptr);
  }
  ~SearchAreaTest() override { search_.reset(); }

  /// The job's GeoJSON once its state is done or failed (bounded wait).
  Json finished(std::uint64_t id, const testing::TestPrincipal& who) {
    Json collection;
    const bool ended = testing::wait_for([&] {
      const ApiResponse response = get_as(who, "/api/search-areas/" + std::to_string(id));
      if (response.status != 200U) return false;
      collection = Json::parse(response.body, nullptr, false);
      const std::string state = collection["job"]["state"].get<std::string>();
      return state == "done" || state == "failed";
    });
    EXPECT_TRUE(ended) << collection.dump().substr(0, 300);
    return collection;
  }

  std::unique_ptr<SearchService> search_;
};

TEST_F(SearchAreaTest, ADriftRunForATrackGivesBothLevelsForEachHour) {
  const ApiResponse accepted = post(*api_, "/api/search-areas", kUkWatch.token, R"({"track": 1})");
  ASSERT_EQ(accepted.status, 202U) << accepted.body;
  const Json job = body_json(accepted);
  EXPECT_EQ(job["state"], "queued");
  EXPECT_EQ(job["subject"], "track:1");
  EXPECT_EQ(job["requested_by"], "uk-watch");
  const std::uint64_t id = job["id"].get<std::uint64_t>();

  const Json collection = finished(id, kUkWatch);
  EXPECT_EQ(collection["type"], "FeatureCollection");
  EXPECT_EQ(collection["job"]["state"], "done") << collection["job"]["error"];
  EXPECT_EQ(collection["job"]["progress"], 1.0);
  ASSERT_EQ(collection["features"].size(), 4U);
  std::set<std::pair<double, double>> seen;
  for (const Json& feature : collection["features"]) {
    EXPECT_EQ(feature["type"], "Feature");
    EXPECT_EQ(feature["geometry"]["type"], "MultiPolygon");
    ASSERT_TRUE(feature["geometry"]["coordinates"].is_array());
    ASSERT_FALSE(feature["geometry"]["coordinates"].empty());
    const Json& ring = feature["geometry"]["coordinates"][0][0];
    ASSERT_GE(ring.size(), 4U);
    EXPECT_EQ(ring.front(), ring.back());  // closed
    const Json& properties = feature["properties"];
    EXPECT_GT(properties["area_km2"].get<double>(), 0.0);
    EXPECT_LE(properties["r50_m"].get<double>(), properties["r90_m"].get<double>());
    seen.insert({properties["hours"].get<double>(), properties["level"].get<double>()});
  }
  EXPECT_EQ(seen,
            (std::set<std::pair<double, double>>{{1.0, 0.5}, {1.0, 0.9}, {2.0, 0.5}, {2.0, 0.9}}));

  // Listed for those who may see the track it came from, and only for them.
  const Json listed = body_json(get_as(kUkWatch, "/api/search-areas"));
  ASSERT_EQ(ids_of(listed["search_areas"]), (Ids{id}));
  EXPECT_EQ(listed["search_areas"][0]["areas"].size(), 2U);
  EXPECT_EQ(body_json(get_as(kBeWatch, "/api/search-areas"))["search_areas"], Json::array());
  EXPECT_EQ(get_as(kBeWatch, "/api/search-areas/" + std::to_string(id)).status, 404U);
  EXPECT_EQ(get_as(kUkWatch, "/api/search-areas/999").status, 404U);
}

TEST_F(SearchAreaTest, ADriftRunForAPositionIsTheRequestersNations) {
  const ApiResponse accepted = post(*api_, "/api/search-areas", kFrCross.token,
                                    R"({"position": {"lat": 50.9, "lon": 1.5}, "radius_m": 300})");
  ASSERT_EQ(accepted.status, 202U) << accepted.body;
  const Json job = body_json(accepted);
  EXPECT_EQ(job["subject"], "position");
  EXPECT_EQ(job["radius_m"], 300.0);
  EXPECT_EQ(job["label"]["owner"], "FR/CROSS-GN");
  const std::uint64_t id = job["id"].get<std::uint64_t>();
  EXPECT_EQ(finished(id, kFrCross)["job"]["state"], "done");
  EXPECT_EQ(get_as(kUkWatch, "/api/search-areas/" + std::to_string(id)).status, 404U);
}

TEST_F(SearchAreaTest, ADriftRunForAnAlert) {
  add_alerts();
  const ApiResponse accepted = post(*api_, "/api/search-areas", kAdmin.token, R"({"alert": 4})");
  ASSERT_EQ(accepted.status, 202U) << accepted.body;
  EXPECT_EQ(body_json(accepted)["subject"], "alert:4");
  EXPECT_EQ(post(*api_, "/api/search-areas", kAdmin.token, R"({"alert": 6})").status, 404U);
  (void)finished(body_json(accepted)["id"].get<std::uint64_t>(), kAdmin);
}

TEST_F(SearchAreaTest, BadRequestsForDriftRuns) {
  for (const std::string& body : {
           std::string(),
           std::string("nope"),
           std::string("[]"),
           std::string("{}"),
           std::string(R"({"track": "1"})"),
           std::string(R"({"track": -1})"),
           std::string(R"({"track": 1.5})"),
           std::string(R"({"alert": "x"})"),
           std::string(R"({"position": 3})"),
           std::string(R"({"position": {"lat": 51}})"),
           std::string(R"({"position": {"lat": "51", "lon": 1}})"),
           std::string(R"({"position": {"lat": 91, "lon": 1}})"),
           std::string(R"({"position": {"lat": 51, "lon": -180.5}})"),
           std::string(R"({"track": 1, "radius_m": -1})"),
           std::string(R"({"track": 1, "radius_m": 100001})"),
           std::string(R"({"track": 1, "radius_m": "200"})"),
           std::string(R"({"ship": 1})"),
       }) {
    SCOPED_TRACE(body);
    const ApiResponse response = post(*api_, "/api/search-areas", kUkWatch.token, body);
    EXPECT_EQ(response.status, 400U) << response.body;
    EXPECT_EQ(error_code(response), "bad_body");
  }
  EXPECT_EQ(post(*api_, "/api/search-areas", kUkWatch.token, R"({"track": 999})").status, 404U);
  EXPECT_EQ(post(*api_, "/api/search-areas", kUkWatch.token, R"({"track": 3})").status, 404U);
  const ApiResponse analyst = post(*api_, "/api/search-areas", kUkAnalyst.token, R"({"track": 1})");
  EXPECT_EQ(analyst.status, 403U);
  EXPECT_EQ(body_json(get_as(kAdmin, "/api/search-areas"))["search_areas"], Json::array());
}

// --- alert actions through a real pipeline -------------------------------------------

/// A distress report as the distress source reads it.
std::string distress_line(const std::string& id, TimeNs time, double lat, double lon) {
  return R"({"id":")" + id + R"(","time":")" + iso(time) + R"(","position":{"lat":)" +
         std::to_string(lat) + ",\"lon\":" + std::to_string(lon) +
         R"(,"uncertainty_m":200},"persons_on_board":40,"source":"phone"})" + "\n";
}

class AlertActionPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string geography =
        std::string(SW_TEST_DATA_DIR) + "/../../data/geo/dover_strait.geojson";
    auto config = engine::parse_config_text(
        "[engine]\nreorder_window_s = 5\n"
        "[[source]]\nid = \"distress\"\ntransport = \"tcp-server\"\nformat = \"distress\"\n"
        "[source.label]\nowner = \"UK/HMCG\"\nreleasable_to = [\"FR\"]\n"
        "[risk]\ngeography = \"" +
            geography + "\"\nsearch_hours = [1]\nsearch_particles = 50\n",
        "test.toml");
    ASSERT_TRUE(config.ok()) << config.error().detail;
    auto pipeline = engine::Pipeline::create(*config, clock_);
    ASSERT_TRUE(pipeline.ok()) << pipeline.error().detail;
    pipeline_ = std::move(*pipeline);
    pipeline_->add_update_sink(
        [this](std::span<const track::FusedTrack> tracks) { picture_.apply_tracks(tracks); });
    pipeline_->add_alert_sink(
        [this](std::span<const risk::Alert> alerts) { picture_.apply_alerts(alerts); });
    desk_ = std::make_unique<OperatorDesk>(
        [this](engine::RawInput input) {
          pipeline_->process(input);
          return true;
        },
        static_cast<std::uint32_t>(pipeline_->source_count()), clock_);
    pipeline_->set_operator_sink(
        [this](const engine::OperatorOutcome& outcome) { desk_->complete(outcome); });
    ApiServices services;
    services.picture = &picture_;
    services.principals = &principals_;
    services.desk = desk_.get();
    services.clock = &clock_;
    api_ = std::make_unique<Api>(std::move(services));

    // Three distress calls; the first two are past the reorder window and raise alerts.
    for (const auto& [id, offset_s, lat, lon] :
         {std::tuple{"A", 0, 50.95, 1.60}, std::tuple{"B", 60, 51.02, 1.45},
          std::tuple{"C", 89, 51.05, 1.50}}) {
      const TimeNs time = kStart + offset_s * kNsPerSecond;
      pipeline_->process({time + kNsPerSecond, 0, distress_line(id, time, lat, lon)});
    }
    clock_.set(kStart + 95 * kNsPerSecond);
  }

  /// Posts an action and returns the answer (the desk answers synchronously here).
  ApiResponse act(const testing::TestPrincipal& who, const std::string& path,
                  const std::string& body) {
    return post(*api_, path, who.token, body);
  }

  ManualClock clock_{kStart};
  LivePicture picture_{clock_};
  Principals principals_ = testing::make_principals();
  std::unique_ptr<engine::Pipeline> pipeline_;
  std::unique_ptr<OperatorDesk> desk_;
  std::unique_ptr<Api> api_;
};

TEST_F(AlertActionPipelineTest, AcknowledgeHandOverCloseAndTheirConflicts) {
  const Json open = body_json(get(*api_, "/api/alerts", kUkWatch.token));
  ASSERT_GE(open["alerts"].size(), 2U) << open.dump().substr(0, 500);
  ASSERT_EQ(get(*api_, "/api/alerts/1", kUkWatch.token).status, 200U);
  EXPECT_EQ(get(*api_, "/api/alerts/1", kBeWatch.token).status, 404U);  // UK data, to FR only

  ApiResponse response = act(kUkWatch, "/api/alerts/1/acknowledge", R"({"note": "on it"})");
  ASSERT_EQ(response.status, 200U) << response.body;
  Json alert = body_json(response);
  EXPECT_EQ(alert["id"], 1);
  EXPECT_EQ(alert["state"], "acknowledged");
  const Json& change = alert["history"].back();
  EXPECT_EQ(change["change"], "acknowledged");
  EXPECT_EQ(change["actor"], "uk-watch (UK/HMCG)");
  EXPECT_EQ(change["time"]["ns"], kStart + 95 * kNsPerSecond);
  // The picture has it too.
  EXPECT_EQ(body_json(get(*api_, "/api/alerts/1", kUkWatch.token))["state"], "acknowledged");

  // Acknowledged twice: the state does not allow it.
  response = act(kUkWatch, "/api/alerts/1/acknowledge", "{}");
  EXPECT_EQ(response.status, 409U) << response.body;

  response = act(kFrCross, "/api/alerts/2/hand-over", R"({"to": "MRCC Dover"})");
  ASSERT_EQ(response.status, 200U) << response.body;
  alert = body_json(response);
  EXPECT_EQ(alert["state"], "handed_over");
  EXPECT_EQ(alert["history"].back()["actor"], "fr-cross (FR/CROSS-GN)");
  EXPECT_NE(alert["history"].back().dump().find("MRCC Dover"), std::string::npos);

  response = act(kAdmin, "/api/alerts/1/close", R"({"reason": "found safe"})");
  ASSERT_EQ(response.status, 200U) << response.body;
  alert = body_json(response);
  EXPECT_EQ(alert["state"], "closed");
  EXPECT_EQ(alert["history"].back()["note"], "found safe");

  for (const char* action : {"acknowledge", "close"}) {
    response = act(kUkWatch, std::string("/api/alerts/1/") + action, "{}");
    EXPECT_EQ(response.status, 409U) << action << ": " << response.body;
    EXPECT_EQ(error_code(response), "alert_closed");
  }
  response = act(kUkWatch, "/api/alerts/1/hand-over", R"({"to": "CROSS Gris-Nez"})");
  EXPECT_EQ(response.status, 409U) << response.body;
  // Closed alerts are no longer open, but still listed with state=all.
  EXPECT_EQ(ids_of(body_json(get(*api_, "/api/alerts?state=all", kUkWatch.token))["alerts"]).size(),
            open["alerts"].size());
  EXPECT_EQ(pipeline_->operator_refusals().at("alert_closed"), 3U);
}

}  // namespace
}  // namespace sw::server
