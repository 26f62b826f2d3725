#include "server/cot_stream.h"

#include "server/listener.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <future>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "core/observation.h"
#include "ingest/cot/cot_event.h"
#include "ingest/cot/encoder.h"
#include "ingest/cot/event_parser.h"
#include "server/views.h"
#include "share/release.h"

namespace sw::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using SslStream = net::ssl::stream<tcp::socket>;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

constexpr std::string_view kDefaultOwnAssetType = "a-f-S-X";
constexpr std::string_view kNeutralSurfaceType = "a-n-S-X";
constexpr std::string_view kUnknownSurfaceType = "a-u-S-X";
constexpr std::string_view kAlertType = "b-a-o-tbl";
constexpr std::string_view kPingType = "t-x-c-t";
constexpr std::string_view kPongType = "t-x-c-t-r";
constexpr std::string_view kFusedHow = "m-f";
constexpr std::size_t kMaxTypeLength = 40;
constexpr std::size_t kMaxOwnUids = 16;
constexpr std::size_t kReadChunk = 16U << 10U;
constexpr TimeNs kPongStale = 20 * kNsPerSecond;
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);

TimeNs to_ns(std::chrono::seconds duration) { return duration.count() * kNsPerSecond; }

/// The start of validity: the sensor time, unless it is unknown or later than now.
TimeNs start_time(TimeNs sensor_time, TimeNs now) {
  return sensor_time > 0 && sensor_time <= now ? sensor_time : now;
}

/// A type this node may send as given: letters, digits and '-' only, not too long.
bool plain_type(std::string_view type) {
  return !type.empty() && type.size() <= kMaxTypeLength &&
         std::all_of(type.begin(), type.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
         });
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

template <class Items>
std::string joined(const Items& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += fmt::format("{}", item);
  }
  return out;
}

/// releaseableTo: the owner's nation, then the label's releasable-to entries.
std::vector<std::string> releaseable_to(const Label& label) {
  std::vector<std::string> entries;
  auto add = [&entries](const std::string& entry) {
    if (!entry.empty() && std::find(entries.begin(), entries.end(), entry) == entries.end()) {
      entries.push_back(entry);
    }
  };
  add(share::owner_nation(label.owner));
  for (const std::string& entry : label.releasable_to) add(entry);
  return entries;
}

void set_label(cot::CotEvent& event, const Label& label) {
  event.releaseable_to = releaseable_to(label);
  event.caveat = sw::to_string(label.sensitivity);
}

std::string track_callsign(const track::FusedTrack& track) {
  switch (track.track_class) {
    case track::TrackClass::kOwnAsset:
      if (!track.callsign.empty()) return track.callsign;
      if (!track.asset_id.empty()) return track.asset_id;
      return "ASSET " + std::to_string(track.id);
    case track::TrackClass::kCooperative: {
      std::string name = track.detail("shipname");
      if (!name.empty()) return name;
      if (!track.callsign.empty()) return track.callsign;
      if (track.mmsi) return "MMSI " + std::to_string(*track.mmsi);
      return "TRACK " + std::to_string(track.id);
    }
    case track::TrackClass::kDark: return "DARK " + std::to_string(track.id);
  }
  return "TRACK " + std::to_string(track.id);
}

std::string track_remarks(const track::FusedTrack& track) {
  std::string out;
  switch (track.track_class) {
    case track::TrackClass::kOwnAsset: out = "own asset"; break;
    case track::TrackClass::kCooperative: out = "AIS vessel"; break;
    case track::TrackClass::kDark: out = "dark contact"; break;
  }
  if (track.mmsi) out += fmt::format(", MMSI {}", *track.mmsi);
  if (!track.asset_id.empty()) out += ", uid " + track.asset_id;
  out += fmt::format(", track {}, {}", track.id, track::to_string(track.status));
  if (!track.sources.empty()) out += "; sources: " + joined(track.sources);
  return out;
}

std::string alert_remarks(const risk::Alert& alert) {
  std::string out =
      fmt::format("{} {} alert {} ({})", upper(risk::to_string(alert.severity)),
                  risk::to_string(alert.kind), alert.id, risk::to_string(alert.state));
  if (!alert.region.empty()) out += "; region " + alert.region;
  if (!alert.addressed_to.empty()) out += "; addressed to " + joined(alert.addressed_to);
  if (!alert.subjects.empty()) out += "; tracks " + joined(alert.subjects);
  for (const auto& [name, value] : alert.details) out += fmt::format("; {}: {}", name, value);
  return out;
}

/// Every event starts from this: uid, type, how and times.
cot::CotEvent base_event(std::string uid, std::string_view type, TimeNs sensor_time, TimeNs now,
                         TimeNs stale_after, bool removed) {
  cot::CotEvent event;
  event.uid = std::move(uid);
  event.type = std::string(type);
  event.how = std::string(kFusedHow);
  event.time = now;
  event.start = removed ? now : start_time(sensor_time, now);
  event.stale = removed ? now : now + stale_after;
  event.point.hae_m = 0.0;
  return event;
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t index = 0; index < word.size(); ++index) {
    if (std::toupper(static_cast<unsigned char>(text[at + index])) != word[index]) return false;
  }
  return true;
}

/// True when `document` declares a DOCTYPE or an ENTITY (any case): refused unparsed.
bool has_declarations(std::string_view document) {
  for (std::size_t at = document.find("<!"); at != std::string_view::npos;
       at = document.find("<!", at + 1)) {
    if (starts_with_ci(document, at + 2, "DOCTYPE") || starts_with_ci(document, at + 2, "ENTITY")) {
      return true;
    }
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Encoding.

std::string cot_track_type(const track::FusedTrack& track) {
  switch (track.track_class) {
    case track::TrackClass::kOwnAsset: {
      // Keep what the asset said it is (an aircraft, a team) when it is a friendly atom.
      const std::string reported = track.detail("cot_type");
      if (plain_type(reported) && cot::affiliation(reported) == 'f') return reported;
      return std::string(kDefaultOwnAssetType);
    }
    case track::TrackClass::kCooperative: return std::string(kNeutralSurfaceType);
    case track::TrackClass::kDark: return std::string(kUnknownSurfaceType);
  }
  return std::string(kUnknownSurfaceType);
}

std::string cot_track_event(const track::FusedTrack& track, TimeNs now, const CotTiming& timing,
                            bool removed) {
  cot::CotEvent event =
      base_event(std::string(kCotUidPrefix) + "track-" + std::to_string(track.id),
                 cot_track_type(track), track.time, now, to_ns(timing.track_stale), removed);
  event.point.lat = track.position.lat;
  event.point.lon = track.position.lon;
  const double sigma = mean_sigma(track.covariance);
  if (std::isfinite(sigma) && sigma > 0.0) event.point.ce_m = sigma;
  const double speed = std::hypot(track.velocity.east, track.velocity.north);
  if (std::isfinite(speed)) event.track = cot::CotTrack{course_degrees(track.velocity), speed};
  event.callsign = track_callsign(track);
  event.remarks = removed ? "removed from the picture" : track_remarks(track);
  set_label(event, track.label);
  return cot::encode_cot(event);
}

std::string cot_alert_event(const risk::Alert& alert, TimeNs now, const CotTiming& timing,
                            bool removed) {
  cot::CotEvent event =
      base_event(std::string(kCotUidPrefix) + "alert-" + std::to_string(alert.id), kAlertType,
                 alert.updated_at, now, to_ns(timing.alert_stale), removed);
  event.point.lat = alert.position.lat;
  event.point.lon = alert.position.lon;
  event.callsign = fmt::format("{} {} #{}", upper(risk::to_string(alert.severity)),
                               risk::to_string(alert.kind), alert.id);
  event.remarks = alert_remarks(alert);
  set_label(event, alert.label);
  return cot::encode_cot(event);
}

std::string cot_pong_event(TimeNs now) {
  cot::CotEvent event;
  event.uid = std::string(kCotUidPrefix) + "pong";
  event.type = std::string(kPongType);
  event.how = "h-g-i-g-o";
  event.time = now;
  event.start = now;
  event.stale = now + kPongStale;
  event.point.hae_m = 0.0;
  return cot::encode_cot(event);
}

// ---------------------------------------------------------------------------------------
// Inbound.

const char* to_string(CotInboundReason reason) {
  switch (reason) {
    case CotInboundReason::kJunk: return "junk";
    case CotInboundReason::kTruncated: return "truncated";
    case CotInboundReason::kOversized: return "oversized";
    case CotInboundReason::kNotXml: return "not_xml";
    case CotInboundReason::kNotEvent: return "not_event";
    case CotInboundReason::kBadEvent: return "bad_event";
    case CotInboundReason::kNotOwnAsset: return "not_own_asset";
    case CotInboundReason::kEcho: return "echo";
    case CotInboundReason::kAuthRepeated: return "auth_repeated";
    case CotInboundReason::kNotPermitted: return "not_permitted";
    case CotInboundReason::kNoSink: return "no_source";
    case CotInboundReason::kEngineBusy: return "engine_busy";
    case CotInboundReason::kOverflow: return "overflow";
    case CotInboundReason::kCount: break;
  }
  return "unknown";
}

CotInbound::CotInbound(std::size_t max_event_bytes, std::size_t max_pending_bytes)
    : framer_(max_event_bytes), max_pending_bytes_(max_pending_bytes) {}

bool CotInbound::feed(std::string_view bytes, std::vector<CotInboundItem>& items) {
  since_document_ += bytes.size();
  framer_.append(bytes);
  bool completed = false;
  while (auto frame = framer_.next()) {
    CotInboundItem item;
    switch (frame->kind) {
      case cot::Frame::Kind::kDocument:
        item = classify(frame->bytes);
        completed = true;
        break;
      case cot::Frame::Kind::kJunk: item.reason = CotInboundReason::kJunk; break;
      case cot::Frame::Kind::kTruncated: item.reason = CotInboundReason::kTruncated; break;
      case cot::Frame::Kind::kOversized: item.reason = CotInboundReason::kOversized; break;
    }
    items.push_back(std::move(item));
  }
  if (completed) since_document_ = framer_.pending_bytes();
  return since_document_ <= max_pending_bytes_;
}

CotInboundItem CotInbound::classify(std::string_view document) const {
  CotInboundItem item;
  if (has_declarations(document)) return item;  // not_xml: never parsed
  pugi::xml_document xml;
  const pugi::xml_parse_result parsed =
      xml.load_buffer(document.data(), document.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) return item;
  const pugi::xml_node root = xml.document_element();
  const std::string_view name = root.name();
  if (name == "auth") {
    const pugi::xml_node credentials = root.child("cot");
    item.kind = CotInboundItem::Kind::kAuth;
    item.username = credentials.attribute("username").as_string();
    item.password = credentials.attribute("password").as_string();
    item.uid = credentials.attribute("uid").as_string();
    return item;
  }
  if (name != "event") {
    item.reason = CotInboundReason::kNotEvent;
    return item;
  }
  const std::string type = root.attribute("type").as_string();
  item.uid = root.attribute("uid").as_string();
  if (type == kPingType) {
    item.kind = CotInboundItem::Kind::kPing;
    return item;
  }
  if (cot::affiliation(type) != 'f') {
    item.reason = CotInboundReason::kNotOwnAsset;
    return item;
  }
  if (std::string_view(item.uid).starts_with(kCotUidPrefix)) {
    item.reason = CotInboundReason::kEcho;
    return item;
  }
  // What the engine's decoder would refuse is refused here, where the client is known.
  if (cot::parse_document(document).reason != cot::Reason::kDecoded) {
    item.reason = CotInboundReason::kBadEvent;
    return item;
  }
  item.kind = CotInboundItem::Kind::kOwnAsset;
  item.document = std::string(document);
  return item;
}

// ---------------------------------------------------------------------------------------
// Server.

namespace {

/// One item of a tick, a refresh or a snapshot, encoded once for every client.
struct OutItem {
  enum class Kind : std::uint8_t { kTrack, kAlert };
  Kind kind = Kind::kTrack;
  std::uint64_t id = 0;
  bool live = true;  ///< false: removed or closed, only its stale event is sent
  std::shared_ptr<const LiveTrack> track;
  std::shared_ptr<const risk::Alert> alert;
  std::string update;   ///< live: the event
  std::string removal;  ///< the stale event, encoded when first needed

  const Label& label() const { return kind == Kind::kTrack ? track->track.label : alert->label; }
};

/// A message queued for a client.
struct OutMessage {
  std::string bytes;
  std::uint32_t events = 0;
};

}  // namespace

/// A TAK client as the broadcaster sees it: what it may see and what it holds.
class CotClient {
 public:
  virtual ~CotClient() = default;
  /// Queues `message` (holding `events` events); drops the client when too much is unsent.
  virtual void send(std::string message, std::uint32_t events) = 0;
  /// Closes the connection (server shutdown).
  virtual void shut() = 0;

  const Principal* principal() const { return principal_; }
  /// True for an own asset this client itself reports (it has its own marker for it).
  bool is_own(const std::string& asset_id) const {
    return !asset_id.empty() &&
           std::find(own_uids_.begin(), own_uids_.end(), asset_id) != own_uids_.end();
  }
  void add_own_uid(const std::string& uid) {
    if (uid.empty() || is_own(uid) || own_uids_.size() >= kMaxOwnUids) return;
    own_uids_.push_back(uid);
  }
  std::unordered_set<std::uint64_t>& held(OutItem::Kind kind) {
    return kind == OutItem::Kind::kTrack ? held_tracks_ : held_alerts_;
  }

 protected:
  const Principal* principal_ = nullptr;

 private:
  std::unordered_set<std::uint64_t> held_tracks_;
  std::unordered_set<std::uint64_t> held_alerts_;
  std::vector<std::string> own_uids_;
};

class CotStream::Impl {
 public:
  Impl(CotStreamOptions options, const Principals& principals, const LivePicture& picture,
       const Clock& clock, CotOwnAssetSink sink)
      : options_(std::move(options)),
        principals_(principals),
        picture_(picture),
        clock_(clock),
        sink_(std::move(sink)),
        ssl_(net::ssl::context::tls_server),
        acceptor_(io_),
        accept_timer_(io_),
        refresh_timer_(io_) {}

  Status open();
  void run() {
    thread_ = std::thread([this] { io_.run(); });
  }
  void stop();
  void post_events(std::shared_ptr<const std::vector<LiveEvent>> events) {
    if (stopped_.load()) return;
    net::post(io_, [this, events = std::move(events)] { broadcast(*events); });
  }

  // Used by sessions (all on the I/O thread).
  const CotStreamOptions& options() const { return options_; }
  const Principals& principals() const { return principals_; }
  const Clock& clock() const { return clock_; }
  void audit(const share::AuditEntry& entry) const {
    if (options_.audit != nullptr) options_.audit->record(entry);
  }
  CotStreamStats& stats() { return stats_; }
  bool tls() const { return tls_; }
  std::uint16_t port() const { return port_; }
  /// Counts a connection waiting for <auth>; false when too many are waiting.
  bool begin_pending() {
    if (pending_ >= options_.max_clients) return false;
    ++pending_;
    return true;
  }
  void end_pending() { --pending_; }
  bool add_client(const std::shared_ptr<CotClient>& client);
  void remove_client(const CotClient* client);
  /// Every visible track and open alert, to one newly authenticated client.
  void send_snapshot(CotClient& client);
  /// Hands an own-asset event on; the reason when it is not taken.
  std::optional<CotInboundReason> take_own_asset(const Principal& principal, std::string document);

 private:
  void accept();
  void schedule_refresh();
  void refresh();
  void broadcast(const std::vector<LiveEvent>& events);
  void send_items(CotClient& client, std::vector<OutItem>& items, TimeNs now);
  const std::string& removal(OutItem& item, TimeNs now) const;
  OutItem track_item(std::shared_ptr<const LiveTrack> track, bool live, TimeNs now) const;
  OutItem alert_item(std::shared_ptr<const risk::Alert> alert, TimeNs now) const;

  CotStreamOptions options_;
  const Principals& principals_;
  const LivePicture& picture_;
  const Clock& clock_;
  CotOwnAssetSink sink_;
  net::ssl::context ssl_;  ///< before io_: sessions still queued there use it until io_ goes
  net::io_context io_;
  tcp::acceptor acceptor_;
  net::steady_timer accept_timer_;
  net::steady_timer refresh_timer_;
  bool tls_ = false;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  std::vector<std::shared_ptr<CotClient>> clients_;
  std::size_t pending_ = 0;
  /// When each item was last sent to every client that may see it (refresh bookkeeping).
  std::unordered_map<std::uint64_t, SteadyTime> track_sent_;
  std::unordered_map<std::uint64_t, SteadyTime> alert_sent_;
  CotStreamStats stats_;
};

namespace {

/// One TCP (or TLS) connection of a TAK client.
template <class Stream>
class CotSession final : public CotClient, public std::enable_shared_from_this<CotSession<Stream>> {
 public:
  CotSession(Stream&& stream, CotStream::Impl& server)
      : stream_(std::move(stream)),
        server_(server),
        inbound_(server.options().max_event_bytes, server.options().max_pending_bytes),
        auth_timer_(stream_.get_executor()) {}

  void start() {
    if (!server_.begin_pending()) {
      server_.stats().refused.fetch_add(1, std::memory_order_relaxed);
      return close();
    }
    pending_ = true;
    auth_timer_.expires_after(server_.options().auth_timeout);
    auth_timer_.async_wait([self = this->shared_from_this()](boost::system::error_code error) {
      if (!error && !self->authenticated_) self->fail_auth();
    });
    if constexpr (std::is_same_v<Stream, SslStream>) {
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](boost::system::error_code error) {
                                if (error) return self->fail_auth();
                                self->read();
                              });
    } else {
      read();
    }
  }

  void send(std::string message, std::uint32_t events) override {
    if (closing_ || message.empty()) return;
    queued_bytes_ += message.size();
    // A message is always taken when nothing is unsent (a large snapshot fits), never
    // while older ones wait beyond the limit.
    if (!queue_.empty() && queued_bytes_ > server_.options().client_queue_bytes) {
      server_.stats().dropped_slow.fetch_add(1, std::memory_order_relaxed);
      return close();
    }
    queue_.push_back({std::move(message), events});
    if (!writing_) write_next();
  }

  void shut() override {
    removed_ = true;  // the server is dropping its whole list
    close();
  }

 private:
  void read() {
    if (closing_) return;
    stream_.async_read_some(
        net::buffer(buffer_),
        [self = this->shared_from_this()](boost::system::error_code error, std::size_t bytes) {
          self->on_read(error, bytes);
        });
  }

  void on_read(boost::system::error_code error, std::size_t bytes) {
    if (closing_) return;
    if (error) {
      if (!authenticated_) server_.stats().auth_failures.fetch_add(1, std::memory_order_relaxed);
      return close();
    }
    if (!authenticated_) pre_auth_bytes_ += bytes;
    items_.clear();
    const bool within_limit = inbound_.feed(std::string_view(buffer_.data(), bytes), items_);
    for (CotInboundItem& item : items_) {
      handle(item);
      if (closing_) return;
    }
    // <auth> may come with the client's first events in one read; without it, the
    // client may not send much.
    if (!authenticated_ && pre_auth_bytes_ > server_.options().max_auth_bytes) {
      return fail_auth();
    }
    if (!within_limit) {
      server_.stats().count(CotInboundReason::kOverflow);
      return close();
    }
    read();
  }

  void handle(CotInboundItem& item) {
    if (!authenticated_) {
      if (item.kind != CotInboundItem::Kind::kAuth) return fail_auth();
      return authenticate(item);
    }
    CotStreamStats& stats = server_.stats();
    switch (item.kind) {
      case CotInboundItem::Kind::kAuth: stats.count(CotInboundReason::kAuthRepeated); return;
      case CotInboundItem::Kind::kPing:
        stats.pings.fetch_add(1, std::memory_order_relaxed);
        send(cot_pong_event(server_.clock().now()), 1);
        return;
      case CotInboundItem::Kind::kRejected: stats.count(item.reason); return;
      case CotInboundItem::Kind::kOwnAsset: {
        std::string uid = item.uid;
        if (auto refused = server_.take_own_asset(*principal_, std::move(item.document))) {
          stats.count(*refused);
          return;
        }
        stats.inbound_accepted.fetch_add(1, std::memory_order_relaxed);
        add_own_uid(uid);
        return;
      }
    }
  }

  void authenticate(const CotInboundItem& item) {
    const Principal* who = server_.principals().authenticate(item.password);
    if (who == nullptr || item.username != who->name()) {
      server_.audit({"refusal", item.username, "cot", "auth", "unauthorized", "bad credentials"});
      return fail_auth();
    }
    auth_timer_.cancel();
    authenticated_ = true;
    pending_ = false;
    server_.end_pending();
    principal_ = who;
    add_own_uid(item.uid);
    if (!server_.add_client(std::static_pointer_cast<CotClient>(this->shared_from_this()))) {
      removed_ = true;
      return close();
    }
    server_.stats().authenticated.fetch_add(1, std::memory_order_relaxed);
    server_.audit({"session", who->name(), "cot", "open", "", "uid " + item.uid});
    server_.send_snapshot(*this);
  }

  void fail_auth() {
    if (closing_) return;
    server_.stats().auth_failures.fetch_add(1, std::memory_order_relaxed);
    close();
  }

  void write_next() {
    writing_ = true;
    net::async_write(
        stream_, net::buffer(queue_.front().bytes),
        [self = this->shared_from_this()](boost::system::error_code error, std::size_t bytes) {
          self->on_write(error, bytes);
        });
  }

  void on_write(boost::system::error_code error, std::size_t bytes) {
    writing_ = false;
    if (closing_) return;
    if (error) return close();
    CotStreamStats& stats = server_.stats();
    stats.events_sent.fetch_add(queue_.front().events, std::memory_order_relaxed);
    stats.bytes_sent.fetch_add(bytes, std::memory_order_relaxed);
    events_ += queue_.front().events;
    bytes_ += bytes;
    queued_bytes_ -= std::min(queued_bytes_, queue_.front().bytes.size());
    queue_.pop_front();
    if (!queue_.empty()) write_next();
  }

  /// Closes the socket; pending handlers then finish with errors. Unsent bytes are dropped
  /// (kept until the last handler lets go of the session: a write may still use them).
  void close() {
    if (closing_) return;
    closing_ = true;
    auth_timer_.cancel();
    if (pending_) {
      pending_ = false;
      server_.end_pending();
    }
    if (authenticated_ && !removed_) {
      removed_ = true;
      server_.remove_client(this);
    }
    if (authenticated_) {
      server_.audit(
          {"session", principal_->name(), "cot", "close", "",
           std::to_string(events_) + " events, " + std::to_string(bytes_) + " bytes sent"});
    }
    boost::system::error_code ignored;
    stream_.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
  }

  Stream stream_;
  CotStream::Impl& server_;
  CotInbound inbound_;
  net::steady_timer auth_timer_;
  std::array<char, kReadChunk> buffer_{};
  std::vector<CotInboundItem> items_;
  std::deque<OutMessage> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t pre_auth_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;
  bool authenticated_ = false;
  bool pending_ = false;  ///< counted as waiting for <auth>
  bool removed_ = false;  ///< not (or no longer) in the server's client list
  std::uint64_t events_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace

Status CotStream::Impl::open() {
  auto tls = configure_tls(ssl_, options_.tls_cert, options_.tls_key, options_.listen, "CoT");
  if (!tls) return tls.error();
  tls_ = *tls;
  if (Status opened = open_acceptor(acceptor_, options_.listen, options_.port, "CoT"); !opened) {
    return opened;
  }
  port_ = acceptor_.local_endpoint().port();
  accept();
  schedule_refresh();
  return Ok{};
}

void CotStream::Impl::accept() {
  acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    if (error == net::error::operation_aborted || stopped_.load()) return;
    if (error) {  // e.g. out of file descriptors: try again shortly, never spin
      accept_timer_.expires_after(kAcceptRetry);
      accept_timer_.async_wait([this](boost::system::error_code wait_error) {
        if (!wait_error) accept();
      });
      return;
    }
    stats_.connections.fetch_add(1, std::memory_order_relaxed);
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    socket.set_option(net::socket_base::keep_alive(true), ignored);
    if (tls_) {
      std::make_shared<CotSession<SslStream>>(SslStream(std::move(socket), ssl_), *this)->start();
    } else {
      std::make_shared<CotSession<tcp::socket>>(std::move(socket), *this)->start();
    }
    accept();
  });
}

bool CotStream::Impl::add_client(const std::shared_ptr<CotClient>& client) {
  if (clients_.size() >= options_.max_clients) {
    stats_.refused.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  clients_.push_back(client);
  stats_.clients.store(clients_.size(), std::memory_order_relaxed);
  return true;
}

void CotStream::Impl::remove_client(const CotClient* client) {
  std::erase_if(clients_, [client](const auto& held) { return held.get() == client; });
  stats_.clients.store(clients_.size(), std::memory_order_relaxed);
}

std::optional<CotInboundReason> CotStream::Impl::take_own_asset(const Principal& principal,
                                                                std::string document) {
  if (!principal.has_any(options_.inbound_roles)) return CotInboundReason::kNotPermitted;
  if (!sink_) return CotInboundReason::kNoSink;
  if (!sink_(std::move(document))) return CotInboundReason::kEngineBusy;
  return std::nullopt;
}

OutItem CotStream::Impl::track_item(std::shared_ptr<const LiveTrack> track, bool live,
                                    TimeNs now) const {
  OutItem item;
  item.kind = OutItem::Kind::kTrack;
  item.id = track->track.id;
  item.live = live;
  if (live) item.update = cot_track_event(track->track, now, options_.timing);
  item.track = std::move(track);
  return item;
}

OutItem CotStream::Impl::alert_item(std::shared_ptr<const risk::Alert> alert, TimeNs now) const {
  OutItem item;
  item.kind = OutItem::Kind::kAlert;
  item.id = alert->id;
  item.live = alert->state != risk::AlertState::kClosed;
  if (item.live) item.update = cot_alert_event(*alert, now, options_.timing);
  item.alert = std::move(alert);
  return item;
}

const std::string& CotStream::Impl::removal(OutItem& item, TimeNs now) const {
  if (item.removal.empty()) {
    item.removal = item.kind == OutItem::Kind::kTrack
                       ? cot_track_event(item.track->track, now, options_.timing, true)
                       : cot_alert_event(*item.alert, now, options_.timing, true);
  }
  return item.removal;
}

void CotStream::Impl::send_items(CotClient& client, std::vector<OutItem>& items, TimeNs now) {
  std::string message;
  std::uint32_t events = 0;
  for (OutItem& item : items) {
    auto& held = client.held(item.kind);
    const bool own =
        item.kind == OutItem::Kind::kTrack && client.is_own(item.track->track.asset_id);
    if (item.live && !own && share::may_release(item.label(), client.principal()->recipient)) {
      message += item.update;
      held.insert(item.id);
      ++events;
    } else if (held.erase(item.id) > 0) {
      // Removed, closed, or no longer releasable to this client: TAK drops it when stale.
      message += removal(item, now);
      ++events;
    }
  }
  if (events > 0) client.send(std::move(message), events);
}

void CotStream::Impl::send_snapshot(CotClient& client) {
  const TimeNs now = clock_.now();
  const SteadyTime sent = std::chrono::steady_clock::now();
  std::vector<OutItem> items;
  for (auto& track : picture_.tracks()) {
    track_sent_.try_emplace(track->track.id, sent);
    items.push_back(track_item(std::move(track), true, now));
  }
  for (auto& alert : picture_.alerts()) {
    if (alert->state == risk::AlertState::kClosed) continue;
    alert_sent_.try_emplace(alert->id, sent);
    items.push_back(alert_item(std::move(alert), now));
  }
  send_items(client, items, now);
}

void CotStream::Impl::broadcast(const std::vector<LiveEvent>& events) {
  if (clients_.empty()) return;
  const TimeNs now = clock_.now();
  const SteadyTime sent = std::chrono::steady_clock::now();
  std::vector<OutItem> items;
  items.reserve(events.size());
  for (const LiveEvent& event : events) {
    switch (event.kind) {
      case LiveEvent::Kind::kTrack:
      case LiveEvent::Kind::kTrackRemoved: {
        if (!event.track) break;
        const bool live = event.kind == LiveEvent::Kind::kTrack;
        if (live) {
          track_sent_[event.id] = sent;
        } else {
          track_sent_.erase(event.id);
        }
        items.push_back(track_item(event.track, live, now));
        break;
      }
      case LiveEvent::Kind::kAlert:
        if (!event.alert) break;
        items.push_back(alert_item(event.alert, now));
        if (items.back().live) {
          alert_sent_[event.id] = sent;
        } else {
          alert_sent_.erase(event.id);
        }
        break;
      case LiveEvent::Kind::kSearchArea: break;  // not sent as CoT (yet)
    }
  }
  if (items.empty()) return;
  // Copy: a send may drop its client from the list.
  const std::vector<std::shared_ptr<CotClient>> clients = clients_;
  for (const auto& client : clients) send_items(*client, items, now);
}

void CotStream::Impl::schedule_refresh() {
  if (options_.refresh.count() <= 0) return;
  // Checked four times per period: nothing goes unsent for more than 1.25 periods.
  refresh_timer_.expires_after(std::max(std::chrono::milliseconds(1), options_.refresh / 4));
  refresh_timer_.async_wait([this](boost::system::error_code error) {
    if (error) return;
    refresh();
    schedule_refresh();
  });
}

void CotStream::Impl::refresh() {
  if (clients_.empty()) {
    track_sent_.clear();
    alert_sent_.clear();
    return;
  }
  const TimeNs now = clock_.now();
  const SteadyTime sent = std::chrono::steady_clock::now();
  std::vector<OutItem> items;
  // Rebuilt from the picture, so ids the picture no longer has are forgotten.
  std::unordered_map<std::uint64_t, SteadyTime> tracks_sent;
  std::unordered_map<std::uint64_t, SteadyTime> alerts_sent;
  for (auto& track : picture_.tracks()) {
    const std::uint64_t id = track->track.id;
    const auto found = track_sent_.find(id);
    if (found != track_sent_.end() && sent - found->second < options_.refresh) {
      tracks_sent.emplace(id, found->second);
      continue;
    }
    tracks_sent.emplace(id, sent);
    items.push_back(track_item(std::move(track), true, now));
  }
  for (auto& alert : picture_.alerts()) {
    if (alert->state == risk::AlertState::kClosed) continue;
    const auto found = alert_sent_.find(alert->id);
    if (found != alert_sent_.end() && sent - found->second < options_.refresh) {
      alerts_sent.emplace(alert->id, found->second);
      continue;
    }
    alerts_sent.emplace(alert->id, sent);
    items.push_back(alert_item(std::move(alert), now));
  }
  track_sent_ = std::move(tracks_sent);
  alert_sent_ = std::move(alerts_sent);
  if (items.empty()) return;
  const std::vector<std::shared_ptr<CotClient>> clients = clients_;
  for (const auto& client : clients) send_items(*client, items, now);
}

void CotStream::Impl::stop() {
  if (stopped_.exchange(true)) return;
  if (thread_.joinable()) {
    std::promise<void> closed;
    std::future<void> done = closed.get_future();
    net::post(io_, [this, &closed] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      accept_timer_.cancel();
      refresh_timer_.cancel();
      const std::vector<std::shared_ptr<CotClient>> clients = std::move(clients_);
      clients_.clear();
      stats_.clients.store(0, std::memory_order_relaxed);
      for (const auto& client : clients) client->shut();
      closed.set_value();
    });
    done.wait();
    io_.stop();
    thread_.join();
  }
}

// ---------------------------------------------------------------------------------------

CotStream::CotStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CotStream::~CotStream() { stop(); }

Result<std::unique_ptr<CotStream>> CotStream::start(CotStreamOptions options,
                                                    const Principals& principals,
                                                    const LivePicture& picture, const Clock& clock,
                                                    CotOwnAssetSink sink) {
  auto impl =
      std::make_unique<Impl>(std::move(options), principals, picture, clock, std::move(sink));
  if (Status opened = impl->open(); !opened) return opened.error();
  impl->run();
  return std::unique_ptr<CotStream>(new CotStream(std::move(impl)));
}

std::uint16_t CotStream::port() const { return impl_->port(); }
bool CotStream::tls() const { return impl_->tls(); }
void CotStream::stop() { impl_->stop(); }
const CotStreamStats& CotStream::stats() const { return impl_->stats(); }
bool CotStream::has_clients() const { return impl_->stats().clients.load() > 0; }

void CotStream::deliver(const TickEvents& tick) {
  if (!has_clients()) return;
  auto events = std::make_shared<std::vector<LiveEvent>>();
  events->reserve(tick.items.size());
  for (const TickEvents::Item& item : tick.items) {
    if (item.event.kind != LiveEvent::Kind::kSearchArea) events->push_back(item.event);
  }
  if (events->empty()) return;
  impl_->post_events(std::move(events));
}

std::string CotStream::metrics_text() const {
  const CotStreamStats& stats = impl_->stats();
  std::string out;
  auto metric = [&out](const char* name, const char* type, const char* help, std::uint64_t value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
  };
  metric("straitwatch_cot_clients", "gauge", "Authenticated CoT (TAK) clients connected.",
         stats.clients.load());
  metric("straitwatch_cot_connections_total", "counter", "CoT connections accepted.",
         stats.connections.load());
  metric("straitwatch_cot_auth_failures_total", "counter",
         "CoT connections closed for missing or wrong credentials or no <auth> in time.",
         stats.auth_failures.load());
  metric("straitwatch_cot_refused_total", "counter", "CoT connections over the client limit.",
         stats.refused.load());
  metric("straitwatch_cot_events_sent_total", "counter", "CoT events written to clients.",
         stats.events_sent.load());
  metric("straitwatch_cot_bytes_sent_total", "counter", "CoT bytes written to clients.",
         stats.bytes_sent.load());
  metric("straitwatch_cot_dropped_slow_total", "counter", "CoT clients dropped for not keeping up.",
         stats.dropped_slow.load());
  metric("straitwatch_cot_pings_total", "counter", "TAK pings answered.", stats.pings.load());
  metric("straitwatch_cot_inbound_accepted_total", "counter",
         "Own-asset CoT events from clients handed to the engine.", stats.inbound_accepted.load());
  out +=
      "# HELP straitwatch_cot_inbound_rejected_total Inbound CoT not accepted, by reason.\n"
      "# TYPE straitwatch_cot_inbound_rejected_total counter\n";
  for (std::size_t reason = 0; reason < static_cast<std::size_t>(CotInboundReason::kCount);
       ++reason) {
    out += fmt::format("straitwatch_cot_inbound_rejected_total{{reason=\"{}\"}} {}\n",
                       to_string(static_cast<CotInboundReason>(reason)),
                       stats.inbound_rejected[reason].load());
  }
  return out;
}

}  // namespace sw::server
