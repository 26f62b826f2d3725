#pragma once
/// NodeServer: the server side of one node, wired to its engine — the LivePicture fed by
/// the pipeline's sinks and the engine's once-a-second tick, the principals, the operator
/// desk (alert actions through the journal), the drift search service, a reading
/// handle of the history store (SQLite or PostgreSQL, as the node's [store] says), the map's
/// geography, the Prometheus metrics, and the HTTP/WebSocket server itself. Create it before the
/// engine starts.

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "engine/engine.h"
#include "server/api.h"
#include "server/cot_stream.h"
#include "server/federation_link.h"
#include "server/http_server.h"
#include "server/live_picture.h"
#include "server/track_staging.h"
#include "store/open_store.h"

namespace sw::server {

class NodeServer {
 public:
  /// `history` is the node's history store, of which the server opens its own reading
  /// handle (the API's history queries); none: they answer no_history.
  static Result<std::unique_ptr<NodeServer>> create(
      engine::Engine& engine, const engine::ServerConfig& config,
      const std::optional<store::StoreSettings>& history, const Clock& clock);
  ~NodeServer();
  NodeServer(const NodeServer&) = delete;
  NodeServer& operator=(const NodeServer&) = delete;

  std::uint16_t port() const { return http_->port(); }
  /// Port of the CoT stream (0 when it is off).
  std::uint16_t cot_port() const { return cot_ ? cot_->port() : 0; }
  bool tls() const { return http_->tls(); }
  LivePicture& picture() { return *picture_; }
  /// The federation with partner nodes (null when the node shares with none).
  FederationLink* federation() { return federation_.get(); }
  const Principals& principals() const { return principals_; }
  void stop();

  /// Prometheus text: the engine's counters (as of the last tick) and the server's.
  std::string metrics_text() const;

 private:
  NodeServer(engine::Engine& engine, const Clock& clock) : engine_(engine), clock_(clock) {}
  void on_tick();  ///< engine thread

  engine::Engine& engine_;
  const Clock& clock_;
  Principals principals_;
  std::unique_ptr<LivePicture> picture_;
  std::unique_ptr<TrackStaging> staging_;
  std::unique_ptr<OperatorDesk> desk_;
  std::unique_ptr<SearchService> search_;
  std::unique_ptr<store::HistoryStore> history_;
  std::unique_ptr<share::AuditLog> audit_;      ///< outlives the servers that record into it
  std::unique_ptr<FederationLink> federation_;  ///< calls into the picture: goes first
  std::unique_ptr<Api> api_;
  std::unique_ptr<CotStream> cot_;  ///< before http_: the HTTP tick feeds it
  std::unique_ptr<HttpServer> http_;
  mutable std::mutex metrics_mutex_;
  std::string engine_metrics_;
};

/// The map's layers: the risk geography's lanes, zones, SAR regions and centres, and a
/// nominal 24 NM coverage circle about each radar site, as a GeoJSON FeatureCollection.
Result<std::string> map_geography_json(const engine::EngineConfig& config);

}  // namespace sw::server
