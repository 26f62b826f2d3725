#pragma once
/// Api: the REST interface of docs/api.md as a function of a parsed HTTP request and the
/// node's state — no sockets here, so tests and the fuzzer drive it directly. Every
/// request is authenticated, every parameter and body validated (a 4xx with a reason,
/// never a crash), and every item passes share::may_release before it is answered.

#include <boost/beast/http.hpp>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "server/live_picture.h"
#include "server/operator_desk.h"
#include "server/principals.h"
#include "server/search_service.h"
#include "server/views.h"
#include "share/audit_log.h"
#include "store/store.h"

namespace sw::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;

/// What the server answers.
struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
};
using Respond = std::function<void(ApiResponse)>;

/// Path and decoded query parameters of a request target.
struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};
/// Splits and percent-decodes a target; nullopt for malformed escapes.
std::optional<Target> parse_target(std::string_view target);

/// The bearer token of a request (Authorization header, or access_token for the stream).
std::string request_token(const Request& request, const Target& target);

/// A longitude/latitude box W,S,E,N.
struct Viewport {
  double west = -180, south = -90, east = 180, north = 90;
  bool contains(const LatLon& position) const {
    return position.lon >= west && position.lon <= east && position.lat >= south &&
           position.lat <= north;
  }
};
/// Parses "W,S,E,N" (degrees, W <= E, S <= N); an error names the fault.
Result<Viewport> parse_viewport(std::string_view text);
/// The box if it is one (W <= E within -180..180, S <= N within -90..90; no NaN).
Result<Viewport> make_viewport(const Viewport& box);

/// An error response {"error", "detail"}.
ApiResponse error_response(unsigned status, const std::string& code, const std::string& detail);

/// What the Api reads and acts on; pointers may be null where a node lacks the service.
struct ApiServices {
  LivePicture* picture = nullptr;
  const Principals* principals = nullptr;
  OperatorDesk* desk = nullptr;            ///< null: the node has no risk stage
  SearchService* search = nullptr;         ///< null: no drift runs
  store::HistoryStore* history = nullptr;  ///< a reading connection of the node's store
  std::string geography_json;              ///< GeoJSON of the map's layers
  std::function<std::string()> metrics;    ///< Prometheus text
  const Clock* clock = nullptr;
  share::AuditLog* audit = nullptr;  ///< every request and stream session is recorded here
};

class Api {
 public:
  explicit Api(ApiServices services) : services_(std::move(services)) {}

  /// Answers `request` through `respond` (at once, or once the engine applied an action).
  void handle(const Request& request, const Respond& respond);
  /// The principal a request authenticates as, or nullptr.
  const Principal* authenticate(const Request& request, const Target& target) const;
  /// Records an access, release or session in the node's audit log (when it has one).
  void audit(const share::AuditEntry& entry) const;

 private:
  void route(const Request& request, const Target& target, const Principal& who,
             const Respond& respond);
  ApiResponse tracks(const Principal& who, const Target& target) const;
  ApiResponse one_track(const Principal& who, std::uint64_t id, const Target& target);
  ApiResponse history(const Principal& who, const Target& target);
  /// Stored positions in a time range (and box) as CSV, for evidence: only tracks whose
  /// label releases them to `who`; audited with path "export".
  ApiResponse export_history(const Principal& who, const Target& target);
  ApiResponse alerts(const Principal& who, const Target& target) const;
  ApiResponse one_alert(const Principal& who, std::uint64_t id);
  void alert_action(const Principal& who, std::uint64_t id, const std::string& action,
                    const std::string& body, const Respond& respond);
  ApiResponse request_search(const Principal& who, const std::string& body);
  ApiResponse searches(const Principal& who) const;
  ApiResponse one_search(const Principal& who, std::uint64_t id) const;
  ApiResponse sources(const Principal& who) const;
  ApiResponse health(const Principal& who) const;

  ApiServices services_;
  std::mutex history_mutex_;  ///< one reading connection, one query at a time
};

/// The OpenAPI 3.0 description served at /api/openapi.json.
const std::string& openapi_json();

}  // namespace sw::server
