#include "server/node_server.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/geo.h"

namespace sw::server {
namespace {

constexpr double kNominalRadarRangeM = 24.0 * 1852.0;

/// A circle of `radius_m` about `centre` as a closed GeoJSON ring [lon, lat].
Json circle_ring(const LatLon& centre, double radius_m) {
  const LocalFrame frame(centre);
  Json ring = Json::array();
  constexpr int kPoints = 72;
  for (int index = 0; index <= kPoints; ++index) {
    const double angle = 2.0 * M_PI * (index % kPoints) / kPoints;
    const LatLon point = frame.reverse({radius_m * std::sin(angle), radius_m * std::cos(angle)});
    ring.push_back(
        Json::array({std::round(point.lon * 1e5) / 1e5, std::round(point.lat * 1e5) / 1e5}));
  }
  return ring;
}

void append_summary(std::string& out, const char* name, const char* help,
                    const engine::LatencyHistogram& histogram, const std::string& labels = {}) {
  out += fmt::format("# HELP {} {}\n# TYPE {} summary\n", name, help, name);
  const std::string sep = labels.empty() ? "" : ",";
  for (const double quantile : {0.5, 0.9, 0.99}) {
    out += fmt::format("{}{{{}{}quantile=\"{}\"}} {:.6f}\n", name, labels, sep, quantile,
                       histogram.quantile_us(quantile) / 1e6);
  }
  out += fmt::format("{}_count{}{}{}{} {}\n", name, labels.empty() ? "" : "{", labels,
                     labels.empty() ? "" : "}", "", histogram.count());
}

/// The listener settings the HTTP server and the CoT stream share, from the configuration.
template <typename Options>
Options listener_options(const engine::ServerConfig& config, std::uint16_t port) {
  Options options;
  options.listen = config.listen;
  options.port = port;
  options.tls_cert = config.tls_cert;
  options.tls_key = config.tls_key;
  options.client_queue_bytes = config.client_queue_bytes;
  options.max_clients = config.max_clients;
  return options;
}

void append_metric(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

Result<std::string> map_geography_json(const engine::EngineConfig& config) {
  Json features = Json::array();
  if (config.risk) {
    std::ifstream file(config.risk->geography);
    std::stringstream text;
    text << file.rdbuf();
    const Json parsed = Json::parse(text.str(), nullptr, false);
    if (!file || !parsed.is_object() || !parsed.contains("features") ||
        !parsed["features"].is_array()) {
      return Error{"bad_geography", "cannot read " + config.risk->geography + " as GeoJSON"};
    }
    for (const Json& feature : parsed["features"]) features.push_back(feature);
  }
  for (const engine::SourceConfig& source : config.sources) {
    if (!source.site) continue;
    features.push_back(
        Json{{"type", "Feature"},
             {"geometry",
              {{"type", "Polygon"},
               {"coordinates", Json::array({circle_ring(*source.site, kNominalRadarRangeM)})}}},
             {"properties",
              {{"kind", "radar_coverage"},
               {"name", source.id},
               {"range_m", kNominalRadarRangeM},
               {"nominal", true}}}});
    features.push_back(Json{
        {"type", "Feature"},
        {"geometry",
         {{"type", "Point"}, {"coordinates", Json::array({source.site->lon, source.site->lat})}}},
        {"properties", {{"kind", "radar_site"}, {"name", source.id}}}});
  }
  return to_text(Json{{"type", "FeatureCollection"}, {"features", std::move(features)}});
}

Result<std::unique_ptr<NodeServer>> NodeServer::create(
    engine::Engine& engine, const engine::ServerConfig& config,
    const std::optional<store::StoreSettings>& history, const Clock& clock) {
  std::unique_ptr<NodeServer> node(new NodeServer(engine, clock));
  auto principals = Principals::load(config.principals);
  if (!principals) return principals.error();
  node->principals_ = std::move(*principals);
  node->picture_ = std::make_unique<LivePicture>(clock);

  engine::Pipeline& pipeline = engine.pipeline();
  LivePicture* picture = node->picture_.get();
  node->staging_ = std::make_unique<TrackStaging>(*picture, std::chrono::milliseconds(50));
  TrackStaging* staging = node->staging_.get();
  pipeline.add_update_sink(
      [staging](std::span<const track::FusedTrack> tracks) { staging->stage(tracks); });
  pipeline.add_alert_sink(
      [picture](std::span<const risk::Alert> alerts) { picture->apply_alerts(alerts); });
  if (const risk::RiskEngine* risk = pipeline.risk()) {
    node->desk_ = std::make_unique<OperatorDesk>(
        [&engine](engine::RawInput input) { return engine.submit(std::move(input)); },
        static_cast<std::uint32_t>(pipeline.source_count()), clock);
    OperatorDesk* desk = node->desk_.get();
    pipeline.set_operator_sink(
        [desk](const engine::OperatorOutcome& outcome) { desk->complete(outcome); });
    node->search_ = std::make_unique<SearchService>(
        *picture, risk->settings().search, risk->settings().environment, risk->settings().seed);
  }
  NodeServer* raw = node.get();
  engine.set_tick_callback([raw] { raw->on_tick(); });
  engine.set_loop_callback([staging] { staging->flush(); });

  if (history) {
    auto reader = store::open_history_store(*history);
    if (!reader) return reader.error();
    node->history_ = std::move(*reader);
  }
  auto geography = map_geography_json(engine.config());
  if (!geography) return geography.error();

  // The audit log beside the node's data; a log that does not verify stops the start.
  auto audit =
      share::AuditLog::open(std::filesystem::path(engine.config().data_dir) / "audit", clock);
  if (!audit) return audit.error();
  node->audit_ = std::move(*audit);

  if (!config.federation.empty()) {
    auto setup = share::load_federation_config(config.federation);
    if (!setup) return setup.error();
    auto link = FederationLink::start(std::move(*setup), *picture, node->audit_.get(), clock);
    if (!link) return link.error();
    node->federation_ = std::move(*link);
    FederationLink* federation = node->federation_.get();
    pipeline.add_update_sink([federation](std::span<const track::FusedTrack> tracks) {
      federation->offer_tracks(tracks);
    });
    pipeline.add_alert_sink(
        [federation](std::span<const risk::Alert> alerts) { federation->offer_alerts(alerts); });
  }

  ApiServices services;
  services.audit = node->audit_.get();
  services.picture = picture;
  services.principals = &node->principals_;
  services.desk = node->desk_.get();
  services.search = node->search_.get();
  services.history = node->history_.get();
  services.geography_json = std::move(*geography);
  services.metrics = [raw] { return raw->metrics_text(); };
  services.clock = &clock;
  node->api_ = std::make_unique<Api>(std::move(services));

  if (config.cot) {
    auto cot = listener_options<CotStreamOptions>(config, config.cot_port);
    cot.audit = node->audit_.get();
    CotOwnAssetSink sink;
    const auto& sources = engine.config().sources;
    for (std::size_t index = 0; index < sources.size(); ++index) {
      if (config.cot_source.empty() || sources[index].id != config.cot_source) continue;
      const auto source = static_cast<std::uint32_t>(index);
      sink = [&engine, &clock, source](std::string event_xml) {
        return engine.submit(engine::RawInput{clock.now(), source, std::move(event_xml)});
      };
    }
    auto stream = CotStream::start(cot, node->principals_, *picture, clock, std::move(sink));
    if (!stream) return stream.error();
    node->cot_ = std::move(*stream);
  }

  auto options = listener_options<HttpServerOptions>(config, config.port);
  options.web_root = config.web_root;
  if (CotStream* cot = node->cot_.get()) {
    options.tick_listener = [cot](const TickEvents& tick) { cot->deliver(tick); };
  }
  auto http = HttpServer::start(options, *node->api_, *picture, node->desk_.get(), &clock);
  if (!http) return http.error();
  node->http_ = std::move(*http);
  return node;
}

NodeServer::~NodeServer() { stop(); }

void NodeServer::stop() {
  if (http_) http_->stop();
  if (cot_) cot_->stop();
  if (federation_) federation_->stop();
  engine_.set_tick_callback({});
  engine_.set_loop_callback({});
}

void NodeServer::on_tick() {
  const engine::Pipeline& pipeline = engine_.pipeline();
  const engine::EngineConfig& config = engine_.config();
  std::vector<SourceStatus> sources;
  std::string text;
  append_metric(text, "straitwatch_source_inputs_total", "counter",
                "Inputs of a source by stage (received, journaled, dropped by the full queue).");
  std::string decoded;
  std::string rejects;
  for (std::size_t index = 0; index < pipeline.source_count(); ++index) {
    const engine::SourceCounters& counters = pipeline.counters(index);
    const engine::SourceConfig& source = config.sources[index];
    SourceStatus status;
    status.id = source.id;
    status.format = engine::to_string(source.format);
    status.transport = engine::to_string(source.transport);
    status.label = source.label;
    status.received = counters.received.load();
    status.received_bytes = counters.received_bytes.load();
    status.journaled = counters.journaled;
    status.decoded = pipeline.decoder(index).decoded();
    status.observations = counters.observations;
    status.dropped_queue = counters.dropped_queue.load();
    status.late = counters.late;
    status.future = counters.future;
    status.transport_errors = counters.transport_errors.load();
    for (const auto& [reason, count] : pipeline.decoder(index).rejections()) {
      status.rejects.emplace_back(reason, count);
      rejects += fmt::format("straitwatch_source_rejects_total{{source=\"{}\",reason=\"{}\"}} {}\n",
                             source.id, reason, count);
    }
    for (const auto& [stage, value] :
         {std::pair{"received", status.received}, std::pair{"journaled", status.journaled},
          std::pair{"dropped_queue", status.dropped_queue}}) {
      text += fmt::format("straitwatch_source_inputs_total{{source=\"{}\",stage=\"{}\"}} {}\n",
                          source.id, stage, value);
    }
    for (const auto& [stage, value] :
         {std::pair{"decoded", status.observations}, std::pair{"late", status.late},
          std::pair{"future", status.future}}) {
      decoded +=
          fmt::format("straitwatch_source_observations_total{{source=\"{}\",stage=\"{}\"}} {}\n",
                      source.id, stage, value);
    }
    sources.push_back(std::move(status));
  }
  append_metric(text, "straitwatch_source_observations_total", "counter",
                "Observations decoded from a source, and those dropped as late or future.");
  text += decoded;
  append_metric(text, "straitwatch_source_rejects_total", "counter",
                "Inputs a source's decoder refused, by reason.");
  text += rejects;
  append_metric(text, "straitwatch_operator_refused_total", "counter",
                "Operator actions the pipeline refused, by reason.");
  for (const auto& [reason, count] : pipeline.operator_refusals()) {
    text += fmt::format("straitwatch_operator_refused_total{{reason=\"{}\"}} {}\n", reason, count);
  }
  append_summary(text, "straitwatch_receive_to_picture_seconds",
                 "Receive time to the picture per observation (includes the reorder window).",
                 pipeline.latency());
  append_summary(text, "straitwatch_decode_seconds", "Decoding time per input.",
                 pipeline.decode_time());
  append_summary(text, "straitwatch_fuse_seconds", "Fusion time per observation.",
                 pipeline.fuse_time());
  picture_->set_sources(std::move(sources));
  std::lock_guard lock(metrics_mutex_);
  engine_metrics_ = std::move(text);
}

std::string NodeServer::metrics_text() const {
  std::string text;
  {
    std::lock_guard lock(metrics_mutex_);
    text = engine_metrics_;
  }
  std::size_t by_class[3] = {0, 0, 0};
  for (const auto& live : picture_->tracks()) ++by_class[static_cast<int>(live->track.track_class)];
  append_metric(text, "straitwatch_tracks", "gauge", "Tracks in the live picture by class.");
  const char* names[3] = {"cooperative", "dark", "own_asset"};
  for (int index = 0; index < 3; ++index) {
    text += fmt::format("straitwatch_tracks{{class=\"{}\"}} {}\n", names[index], by_class[index]);
  }
  std::size_t open = 0;
  for (const auto& alert : picture_->alerts()) open += alert->state != risk::AlertState::kClosed;
  append_metric(text, "straitwatch_alerts_open", "gauge", "Alerts not closed.");
  text += fmt::format("straitwatch_alerts_open {}\n", open);
  const HttpServerStats& stats = http_->stats();
  const LivePictureStats picture_stats = picture_->stats();
  for (const auto& [name, type, help, value] :
       {std::tuple{"straitwatch_http_requests_total", "counter", "HTTP requests.",
                   stats.requests.load()},
        std::tuple{"straitwatch_http_client_errors_total", "counter", "4xx answers.",
                   stats.responses_4xx.load()},
        std::tuple{"straitwatch_http_server_errors_total", "counter", "5xx answers.",
                   stats.responses_5xx.load()},
        std::tuple{"straitwatch_http_unauthorized_total", "counter",
                   "Requests without a valid token.", stats.unauthorized.load()},
        std::tuple{"straitwatch_stream_clients", "gauge", "Live-stream clients connected.",
                   stats.stream_clients.load()},
        std::tuple{"straitwatch_stream_dropped_slow_total", "counter",
                   "Live-stream clients dropped for not keeping up.",
                   stats.stream_dropped_slow.load()},
        std::tuple{"straitwatch_stream_messages_total", "counter", "Live-stream messages sent.",
                   stats.stream_messages.load()},
        std::tuple{"straitwatch_stream_bytes_total", "counter", "Live-stream bytes sent.",
                   stats.stream_bytes.load()},
        std::tuple{"straitwatch_stream_events_dropped_total", "counter",
                   "Picture events the stream lost to a full queue.",
                   picture_stats.events_dropped}}) {
    append_metric(text, name, type, help);
    text += fmt::format("{} {}\n", name, value);
  }
  append_summary(text, "straitwatch_stream_latency_seconds",
                 "Picture change to its stream message handed to the socket.",
                 http_->stream_latency());
  if (cot_) text += cot_->metrics_text();
  if (federation_) text += federation_->metrics_text();
  return text;
}

}  // namespace sw::server
