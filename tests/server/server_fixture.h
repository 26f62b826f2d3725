#pragma once
// Shared inputs of the server tests: principals with known tokens, tracks and alerts with
// chosen labels, requests built as the HTTP parser would hand them over, and a synchronous
// call of Api::handle.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/label.h"
#include "risk/alert.h"
#include "server/api.h"
#include "server/principals.h"
#include "server/views.h"
#include "support/labels.h"
#include "support/test_support.h"
#include "track/fusion/fused_track.h"

namespace sw::server::testing {

/// 2026-11-24T02:00:00Z.
inline constexpr TimeNs kStart = 1'795'485'600LL * kNsPerSecond;

/// A principal of the test node with its token in clear.
struct TestPrincipal {
  const char* name;
  const char* token;
  const char* nation;
  const char* agency;
  const char* roles;     ///< TOML array body, e.g. "\"watch_officer\""
  const char* purposes;  ///< TOML array body
  bool personal_data;
};

inline constexpr TestPrincipal kUkWatch{"uk-watch",          "tok-uk-watch",        "UK", "UK/HMCG",
                                        "\"watch_officer\"", "\"sar\", \"border\"", true};
inline constexpr TestPrincipal kFrCross{
    "fr-cross", "tok-fr-cross", "FR", "FR/CROSS-GN", "\"sar_coordinator\"", "\"sar\"", false};
inline constexpr TestPrincipal kUkAnalyst{"uk-analyst",  "tok-uk-analyst",   "UK", "UK/NCA",
                                          "\"analyst\"", "\"sar\", \"law\"", false};
inline constexpr TestPrincipal kAdmin{
    "admin", "tok-admin", "UK", "UK/HMCG", "\"admin\"", "\"sar\", \"border\", \"law\"", true};
inline constexpr TestPrincipal kBeWatch{"be-watch",          "tok-be-watch", "BE", "BE/MRCC",
                                        "\"watch_officer\"", "\"sar\"",      false};

/// One [[principal]] entry of a principals file.
inline std::string principal_toml(const TestPrincipal& principal) {
  return std::string("[[principal]]\nname = \"") + principal.name + "\"\ntoken_sha256 = \"" +
         sha256_hex(principal.token) + "\"\nnation = \"" + principal.nation + "\"\nagency = \"" +
         principal.agency + "\"\nroles = [" + principal.roles + "]\npurposes = [" +
         principal.purposes + "]\npersonal_data = " + (principal.personal_data ? "true" : "false") +
         "\n";
}

/// The principals file of the test node: every kXxx principal above.
inline std::string principals_toml() {
  std::string text = "# test node\n";
  for (const TestPrincipal& principal : {kUkWatch, kFrCross, kUkAnalyst, kAdmin, kBeWatch}) {
    text += principal_toml(principal);
  }
  return text;
}

inline Principals make_principals() {
  auto parsed = Principals::parse(principals_toml(), "principals.toml");
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().detail);
  return parsed.ok() ? std::move(*parsed) : Principals();
}

using test_support::make_label;

/// A confirmed track at `lat`, `lon`; cooperative when it has an MMSI.
inline track::FusedTrack make_track(std::uint64_t id, double lat, double lon,
                                    const Label& label = make_label("UK/HMCG"),
                                    std::optional<std::uint32_t> mmsi = std::nullopt,
                                    TimeNs time = kStart) {
  track::FusedTrack track;
  track.id = id;
  track.track_class = mmsi ? track::TrackClass::kCooperative : track::TrackClass::kDark;
  track.status = track::PictureStatus::kConfirmed;
  track.time = time;
  track.position = {lat, lon};
  track.velocity = {1.0, 2.0};
  track.mmsi = mmsi;
  track.sources = {"radar-dover"};
  track.updates = 3;
  track.label = label;
  return track;
}

/// An alert revision.
inline risk::Alert make_alert(std::uint64_t id, risk::Severity severity, TimeNs updated_at,
                              const Label& label = make_label("UK/HMCG"),
                              risk::AlertState state = risk::AlertState::kOpen) {
  risk::Alert alert;
  alert.id = id;
  alert.kind = risk::AlertKind::kDrifting;
  alert.key = "drifting:" + std::to_string(id);
  alert.severity = severity;
  alert.state = state;
  alert.subjects = {id};
  alert.position = {51.0, 1.5};
  alert.raised_at = updated_at;
  alert.updated_at = updated_at;
  alert.label = label;
  alert.revision = 1;
  alert.raises = 1;
  alert.history.push_back({updated_at, "raised", "system", ""});
  return alert;
}

/// A request as the HTTP parser hands it to the Api.
inline Request make_request(http::verb verb, const std::string& target,
                            const std::string& token = {}, const std::string& body = {}) {
  Request request(verb, target, 11);
  request.set(http::field::host, "127.0.0.1");
  if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  return request;
}

/// Api::handle when the answer comes at once (everything but alert actions on a desk that
/// waits for an engine thread). A missing or repeated answer fails the test.
inline ApiResponse call(Api& api, const Request& request) {
  std::vector<ApiResponse> answers;
  api.handle(request, [&answers](ApiResponse response) { answers.push_back(std::move(response)); });
  EXPECT_EQ(answers.size(), 1U) << request.target();
  return answers.empty() ? ApiResponse{0, "", ""} : answers.front();
}

inline ApiResponse get(Api& api, const std::string& target, const std::string& token) {
  return call(api, make_request(http::verb::get, target, token));
}

inline ApiResponse post(Api& api, const std::string& target, const std::string& token,
                        const std::string& body) {
  return call(api, make_request(http::verb::post, target, token, body));
}

/// The body as JSON (a parse failure fails the test and gives null).
inline Json body_json(const ApiResponse& response) {
  const Json parsed = Json::parse(response.body, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << response.body.substr(0, 300);
  return parsed.is_discarded() ? Json() : parsed;
}

/// Ids of the "id" members of a JSON array, in order.
inline std::vector<std::uint64_t> ids_of(const Json& items) {
  std::vector<std::uint64_t> ids;
  if (!items.is_array()) return ids;
  for (const Json& item : items) {
    if (item.contains("id") && item["id"].is_number_unsigned()) {
      ids.push_back(item["id"].get<std::uint64_t>());
    }
  }
  return ids;
}

using sw::test_support::TempDir;
using sw::test_support::wait_for;

}  // namespace sw::server::testing
