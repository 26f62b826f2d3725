#pragma once
/// EngineConfig: the sources of a node and how it keeps what they send, from a TOML file
/// (see data/engine/example.toml). Unknown keys are errors, so a typo is never ignored.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/label.h"
#include "core/result.h"
#include "risk/risk_settings.h"

namespace sw::engine {

/// How a source's bytes arrive.
/// kServer: the bytes come through the node's own server (CoT from TAK clients), which
/// hands them to Engine::submit.
enum class Transport : std::uint8_t { kUdp, kTcpClient, kTcpServer, kFile, kStdin, kServer };
/// What the bytes are.
enum class Format : std::uint8_t { kAis, kAsterix, kArpa, kCot, kDistress };

const char* to_string(Transport transport);
const char* to_string(Format format);

/// One configured feed.
struct SourceConfig {
  std::string id;  ///< stable id, used in the journal, the store and metrics
  Transport transport = Transport::kUdp;
  Format format = Format::kAis;
  std::string host = "127.0.0.1";  ///< bind address (udp, tcp-server) or peer (tcp-client)
  std::uint16_t port = 0;          ///< 0 = any free port (tests); the bound port is reported
  std::string path;                ///< file transport
  double file_speed = 0.0;         ///< file replay pacing: 0 = as fast as possible
  std::optional<LatLon> site;      ///< radar / ARPA antenna
  std::uint8_t sac = 0;            ///< ASTERIX data source id of the radar
  std::uint8_t sic = 0;
  double range_sigma_m = 15.0;
  double azimuth_sigma_deg = 0.2;
  Label label;  ///< release label of everything this source produces
};

/// Which history store a node keeps: the embedded SQLite file (the default) or a
/// PostgreSQL/PostGIS database.
enum class StoreBackend : std::uint8_t { kSqlite, kPostgres };

/// The risk stage: where the SAR regions and lanes come from, and its settings.
struct RiskConfig {
  std::string geography;  ///< GeoJSON path (relative paths: to the config file's folder)
  risk::RiskSettings settings;
};

/// The watch officers' server: HTTP/WebSocket API and web map, and the CoT stream.
struct ServerConfig {
  std::string listen = "127.0.0.1";  ///< address of the HTTP and CoT listeners
  std::uint16_t port = 8080;         ///< HTTP; 0 = any free port (tests)
  std::uint16_t cot_port = 0;        ///< CoT TCP stream; 0 = any free port
  bool cot = true;                   ///< serve the CoT stream at all
  /// Source (transport "server", format "cot") that takes the CoT TAK clients send back
  /// (own assets); empty: inbound CoT is refused and counted.
  std::string cot_source;
  std::string principals;  ///< principals TOML (relative: to the config file's folder)
  std::string web_root;    ///< built web map (web/dist); empty: API only
  std::string tls_cert;    ///< PEM certificate chain; empty: plain (loopback only)
  std::string tls_key;     ///< PEM private key
  std::size_t client_queue_bytes = 8U << 20U;  ///< unsent bytes before a client is dropped
  std::size_t max_clients = 4096;
  /// Federation policy file (share/federation/federation_config.h); empty: this node
  /// shares with no partner.
  std::string federation;
};

/// The whole configuration of one engine.
struct EngineConfig {
  std::string data_dir = "straitwatch-data";
  LatLon origin{51.0, 1.45};           ///< centre of the tracker's local frame
  double reorder_window_s = 5.0;       ///< AIS via networks arrives seconds late
  std::size_t queue_capacity = 65536;  ///< raw inputs between I/O threads and the engine
  // Journal.
  std::uint64_t segment_bytes = 64ULL << 20U;
  std::uint64_t journal_retain_bytes = 4ULL << 30U;
  double journal_retain_days = 30.0;
  bool fsync = true;
  double commit_latency_ms = 2.0;
  // Store.
  double store_default_retention_days = 30.0;
  StoreBackend store_backend = StoreBackend::kSqlite;  ///< [store] backend
  /// [store] postgres: libpq conninfo of the database (backend "postgresql"), e.g.
  /// "host=127.0.0.1 port=5432 dbname=straitwatch user=straitwatch".
  std::string store_postgres;
  std::vector<SourceConfig> sources;
  /// Risk assessment; absent when the file has no [risk] table or sets enabled = false.
  std::optional<RiskConfig> risk;
  /// The server; absent when the file has no [server] table.
  std::optional<ServerConfig> server;
};

/// Journal source id of operator actions (the source after the configured ones).
inline constexpr const char* kOperatorSourceId = "operator";

/// Journal source id of source `index` (kOperatorSourceId one past the configured ones).
std::string source_id(const EngineConfig& config, std::uint32_t index);

/// Parses a TOML configuration; a clear error names the key or value at fault.
/// `base_dir` resolves relative paths in the file (the risk geography).
Result<EngineConfig> parse_config_text(const std::string& text, const std::string& name,
                                       const std::string& base_dir = {});
Result<EngineConfig> load_config(const std::string& path);

}  // namespace sw::engine
