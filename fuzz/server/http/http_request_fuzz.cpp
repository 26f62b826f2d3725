/// libFuzzer target for the server's request path: the input is the bytes a client sends.
///
/// The bytes go to Beast's request parser with the server's limits (body 64 KiB, header
/// 16 KiB); a request that parses is answered by Api::handle over a small fixed node — a
/// picture of tracks and alerts with several owners, the principals file below (the seeds
/// carry the token "fuzz-watch" and others, so the authenticated paths are reached), an
/// operator desk whose engine answers at once, and a search service that is always busy.
/// Nothing a request does changes the node, so every input is judged on its own.
///
/// Contracts checked (abort when broken):
/// - no exception leaves Api::handle;
/// - it answers exactly once, with a status of docs/api.md;
/// - a JSON answer parses, and an error answer is {"error": CODE, "detail": TEXT}.

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "server/api.h"
#include "server/live_picture.h"
#include "server/operator_desk.h"
#include "server/principals.h"
#include "server/search_service.h"
#include "server/views.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using sw::server::ApiResponse;
using sw::server::Json;

constexpr sw::TimeNs kStart = 1'795'485'600LL * sw::kNsPerSecond;  // 2026-11-24T02:00:00Z

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "http_request_fuzz: %s: %.*s\n", what,
               static_cast<int>(detail.size() > 300 ? 300 : detail.size()), detail.data());
  std::abort();
}

/// One principal entry; the token in clear is what the seeds send.
std::string principal(const std::string& name, const std::string& token, const std::string& nation,
                      const std::string& agency, const std::string& role) {
  return "[[principal]]\nname = \"" + name + "\"\ntoken_sha256 = \"" +
         sw::server::sha256_hex(token) + "\"\nnation = \"" + nation + "\"\nagency = \"" + agency +
         "\"\nroles = [\"" + role + "\"]\npurposes = [\"sar\", \"border\"]\n" +
         "personal_data = true\n";
}

sw::Label label(const std::string& owner, std::vector<std::string> releasable_to = {}) {
  sw::Label item;
  item.owner = owner;
  item.releasable_to = std::move(releasable_to);
  return item;
}

sw::track::FusedTrack track(std::uint64_t id, double lat, double lon, const sw::Label& owner,
                            bool ais) {
  sw::track::FusedTrack item;
  item.id = id;
  item.track_class = ais ? sw::track::TrackClass::kCooperative : sw::track::TrackClass::kDark;
  item.time = kStart;
  item.position = {lat, lon};
  item.velocity = {1.0, -0.5};
  item.covariance = {400.0, 0.0, 400.0};
  if (ais) item.mmsi = 235000000U + static_cast<std::uint32_t>(id);
  item.sources = {"radar-dover"};
  item.label = owner;
  return item;
}

sw::risk::Alert alert(std::uint64_t id, sw::risk::AlertState state, const sw::Label& owner) {
  sw::risk::Alert item;
  item.id = id;
  item.kind = sw::risk::AlertKind::kDistress;
  item.severity = sw::risk::Severity::kUrgent;
  item.state = state;
  item.subjects = {1};
  item.position = {51.0, 1.5};
  item.raised_at = kStart;
  item.updated_at = kStart + static_cast<sw::TimeNs>(id) * sw::kNsPerSecond;
  item.label = owner;
  item.history.push_back({kStart, "raised", "system", ""});
  return item;
}

/// The fixed node every input is sent to (built once, never changed by a request).
struct Node {
  sw::ManualClock clock{kStart};
  sw::server::LivePicture picture{clock};
  sw::server::Principals principals;
  std::unique_ptr<sw::server::OperatorDesk> desk;
  std::unique_ptr<sw::server::SearchService> search;
  std::unique_ptr<sw::server::Api> api;

  Node() {
    auto parsed = sw::server::Principals::parse(
        principal("watch", "fuzz-watch", "UK", "UK/HMCG", "watch_officer") +
            principal("analyst", "fuzz-analyst", "UK", "UK/NCA", "analyst") +
            principal("admin", "fuzz-admin", "FR", "FR/CROSS-GN", "admin"),
        "fuzz-principals.toml");
    if (!parsed) contract_broken("principals", parsed.error().detail);
    principals = std::move(*parsed);

    const std::vector<sw::track::FusedTrack> tracks{
        track(1, 51.0, 1.4, label("UK/HMCG"), false), track(2, 51.05, 1.45, label("UK/HMCG"), true),
        track(3, 50.95, 1.6, label("FR/CROSS-GN"), false),
        track(4, 50.9, 1.7, label("FR/CROSS-GN", {"UK"}), true)};
    picture.apply_tracks(tracks);
    picture.apply_tracks(std::vector<sw::track::FusedTrack>{
        track(1, 51.001, 1.401, label("UK/HMCG"), false)});  // a trail
    const std::vector<sw::risk::Alert> alerts{
        alert(1, sw::risk::AlertState::kOpen, label("UK/HMCG")),
        alert(2, sw::risk::AlertState::kClosed, label("UK/HMCG")),
        alert(3, sw::risk::AlertState::kAcknowledged, label("FR/CROSS-GN"))};
    picture.apply_alerts(alerts);
    sw::server::SearchJob job;
    job.id = 1;
    job.state = sw::server::SearchJob::State::kDone;
    job.subject = "track:1";
    job.label = label("UK/HMCG");
    picture.put_search(job);
    sw::server::SourceStatus source;
    source.id = "ais-uk";
    source.label = label("UK/HMCG");
    source.rejects = {{"bad_checksum", 3}};
    picture.set_sources({source});

    // The engine applies every action at once: refused for an alert that is not open.
    desk = std::make_unique<sw::server::OperatorDesk>(
        [this](sw::engine::RawInput input) {
          const Json action = Json::parse(input.bytes, nullptr, false);
          if (!action.is_object()) contract_broken("desk sent no JSON", input.bytes);
          sw::engine::OperatorOutcome outcome;
          outcome.request = action.value("request", std::string());
          outcome.alert = action.value("alert", std::uint64_t{0});
          const auto current = picture.alert(outcome.alert);
          if (!current) {
            outcome.status = sw::Error{"alert_unknown", "no such alert"};
          } else if (current->state == sw::risk::AlertState::kClosed) {
            outcome.status = sw::Error{"alert_closed", "closed"};
          }
          desk->complete(outcome);
          return true;
        },
        0, clock);
    sw::risk::SearchSettings settings;
    settings.particles = 10;
    search = std::make_unique<sw::server::SearchService>(picture, settings, sw::risk::Environment{},
                                                         1, 0);

    sw::server::ApiServices services;
    services.picture = &picture;
    services.principals = &principals;
    services.desk = desk.get();
    services.search = search.get();
    services.geography_json = R"({"type":"FeatureCollection","features":[]})";
    services.metrics = [] { return std::string("straitwatch_up 1\n"); };
    services.clock = &clock;
    api = std::make_unique<sw::server::Api>(std::move(services));
  }
};

Node& node() {
  static Node* const kNode = new Node();  // lives for the whole run
  return *kNode;
}

/// Reads the request in `data` as the server's parser does; false when none results.
bool parse_request(const std::uint8_t* data, std::size_t size,
                   http::request_parser<http::string_body>& parser) {
  parser.header_limit(16U << 10U);
  parser.body_limit(64U << 10U);
  parser.eager(true);
  beast::error_code error;
  std::size_t offset = 0;
  while (offset < size && !parser.is_done()) {
    const std::size_t used =
        parser.put(boost::asio::const_buffer(data + offset, size - offset), error);
    if (error == http::error::need_more) break;
    if (error) return false;
    if (used == 0) break;
    offset += used;
  }
  if (!parser.is_done()) {
    if (!parser.got_some()) return false;
    error = {};
    parser.put_eof(error);
    if (error || !parser.is_done()) return false;
  }
  return true;
}

void check_answer(const ApiResponse& answer) {
  static const std::set<unsigned> kStatuses{200, 202, 400, 401, 403, 404, 405, 409, 413, 503, 504};
  if (kStatuses.count(answer.status) == 0) {
    contract_broken("status not in docs/api.md", std::to_string(answer.status));
  }
  const bool json =
      answer.content_type == "application/json" || answer.content_type == "application/geo+json";
  if (!json) {
    if (answer.status >= 400) contract_broken("error answer not JSON", answer.content_type);
    return;
  }
  const Json body = Json::parse(answer.body, nullptr, false);
  if (body.is_discarded()) contract_broken("answer is not JSON", answer.body);
  if (answer.status >= 400 &&
      (!body.is_object() || !body.contains("error") || !body["error"].is_string() ||
       !body.contains("detail") || !body["detail"].is_string())) {
    contract_broken("error answer without error and detail", answer.body);
  }
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  Node& fixed = node();
  http::request_parser<http::string_body> parser;
  if (!parse_request(data, size, parser)) return 0;
  const sw::server::Request request = parser.release();
  std::vector<ApiResponse> answers;
  try {
    fixed.api->handle(request,
                      [&answers](ApiResponse answer) { answers.push_back(std::move(answer)); });
  } catch (const std::exception& exception) {
    contract_broken("exception escaped Api::handle", exception.what());
  } catch (...) {
    contract_broken("exception escaped Api::handle", "(not a std::exception)");
  }
  if (answers.size() != 1) {
    contract_broken("not answered exactly once",
                    std::string_view(request.target().data(), request.target().size()));
  }
  check_answer(answers.front());
  return 0;
}
