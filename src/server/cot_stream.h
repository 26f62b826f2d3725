#pragma once
/// CotStream: the node's Cursor-on-Target TCP server for TAK clients (ATAK, WinTAK, iTAK).
///
/// Protocol (TAK "streaming" XML, protocol version 0): CoT 2.0 `<event>` documents back to
/// back on one TCP (or TLS) connection, each starting with an XML declaration.
/// - Authentication: the first document a client sends must be TAK's streaming-auth
///   message `<auth><cot username="NAME" password="TOKEN" uid="DEVICE-UID"/></auth>`;
///   `password` is the principal's access token and `username` its name. Clients that send
///   anything else first, a wrong name or token, or nothing within `auth_timeout`, are
///   closed and counted; they are sent nothing. (ATAK sends this message on TLS streams
///   with a username and password configured; it never sends it on plain TCP streams.)
/// - Outbound: on authentication, one event per visible track and open alert; then every
///   tick's changes (deliver()), and every item again before TAK would let it go stale.
///   Every event passes share::may_release for the client's principal. A removed track or
///   closed alert, or one whose label the client may no longer see, is sent once more with
///   stale = time = now so that TAK drops it.
/// - Inbound: friendly atom events ("a-f-...": own patrol vessels, aircraft, teams) go to
///   the own-asset sink (the engine's CoT source for TAK clients); TAK pings ("t-x-c-t")
///   are answered with a pong ("t-x-c-t-r"); everything else is counted by reason and
///   ignored.
/// - A client whose unsent bytes exceed `client_queue_bytes` is dropped: deliver() never
///   blocks and never waits for a client.
///
/// Event encoding (cot_track_event / cot_alert_event):
///   uid     "straitwatch-track-ID" / "straitwatch-alert-ID"
///   type    own asset: the friendly atom type it reported ("a-f-..."), else "a-f-S-X";
///           AIS vessel "a-n-S-X" (neutral surface); dark contact "a-u-S-X" (unknown
///           surface); alert "b-a-o-tbl" (TAK alarm)
///   how     "m-f" (machine, fused)
///   time    when the event was generated; start: the track's sensor time (never later
///           than time); stale: time + track_stale (tracks) or alert_stale (alerts)
///   point   lat, lon, hae 0, ce = the track's one-sigma position error (unknown for
///           alerts), le unknown (9999999)
///   detail  <contact callsign>: ship name or call sign, "MMSI n", or "DARK id" for tracks;
///           "<SEVERITY> <kind> #id" for alerts; <track course speed> (degrees true, m/s);
///           <remarks>: class, status, sources / alert state, region, subjects, details
///   label   releaseableTo (owner's nation, then the label's releasable-to entries) and
///           caveat (the TLP marking, e.g. "TLP:AMBER") as attributes of <event>, as TAK
///           writes them.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "ingest/cot/framer.h"
#include "risk/alert.h"
#include "server/live_picture.h"
#include "server/principals.h"
#include "server/stream_filter.h"
#include "share/audit_log.h"
#include "track/fusion/fused_track.h"

namespace sw::server {

/// Prefix of the uid of every event this node sends; inbound events with it are echoes.
inline constexpr std::string_view kCotUidPrefix = "straitwatch-";

/// Stale times of outbound events.
struct CotTiming {
  std::chrono::seconds track_stale{120};  ///< a track not sent again within this fades
  std::chrono::seconds alert_stale{600};
};

/// The CoT type of a track (see the file comment).
std::string cot_track_type(const track::FusedTrack& track);
/// One CoT document for a track at clock time `now`; `removed`: the stale event that makes
/// TAK drop it (time = start = stale = now).
std::string cot_track_event(const track::FusedTrack& track, TimeNs now, const CotTiming& timing,
                            bool removed = false);
/// One CoT document for an alert; `removed`: the stale event that makes TAK drop it.
std::string cot_alert_event(const risk::Alert& alert, TimeNs now, const CotTiming& timing,
                            bool removed = false);
/// The answer to a TAK ping: a "t-x-c-t-r" event.
std::string cot_pong_event(TimeNs now);

/// Why an inbound document was not accepted (or why its client was dropped).
enum class CotInboundReason : std::uint8_t {
  kJunk,          ///< text or a stray end tag outside any element
  kTruncated,     ///< a document cut off by the next one
  kOversized,     ///< a document over max_event_bytes (skipped)
  kNotXml,        ///< not well-formed XML, or a DOCTYPE / ENTITY declaration
  kNotEvent,      ///< well-formed, but the root is neither <event> nor <auth>
  kBadEvent,      ///< a friendly event the CoT decoder refuses (uid, type, time, point)
  kNotOwnAsset,   ///< a valid event that is not a friendly atom ("a-f-..."): ignored
  kEcho,          ///< an event with this node's own uid prefix (a loop): ignored
  kAuthRepeated,  ///< <auth> after the client is authenticated
  kNotPermitted,  ///< the principal has none of the roles that may report own assets
  kNoSink,        ///< the node takes no own-asset CoT (no source configured)
  kEngineBusy,    ///< the own-asset sink refused it (engine queue full)
  kOverflow,      ///< max_pending_bytes without a complete document: client dropped
  kCount
};

/// Stable short code, e.g. "not_own_asset".
const char* to_string(CotInboundReason reason);

/// One complete document of a client's inbound stream, classified.
struct CotInboundItem {
  enum class Kind : std::uint8_t {
    kAuth,      ///< <auth><cot username password uid/></auth>
    kOwnAsset,  ///< a friendly atom event: `document` holds it
    kPing,      ///< a TAK ping ("t-x-c-t"): answer with a pong
    kRejected,  ///< counted by `reason`, ignored
  };
  Kind kind = Kind::kRejected;
  CotInboundReason reason = CotInboundReason::kNotXml;
  std::string document;  ///< kOwnAsset: the complete XML document
  std::string uid;       ///< kAuth (device uid), kOwnAsset, kPing: the sender's uid
  std::string username;  ///< kAuth
  std::string password;  ///< kAuth
};

/// The inbound side of one client, socket-free: cuts its byte stream into documents
/// (cot::Framer: any split, with or without declarations between them) and classifies
/// each. Memory stays bounded by max_event_bytes plus one feed().
class CotInbound {
 public:
  /// Documents over `max_event_bytes` are skipped (kOversized); `max_pending_bytes`
  /// received without a complete document make feed() return false.
  CotInbound(std::size_t max_event_bytes, std::size_t max_pending_bytes);

  /// Appends the items completed by `bytes` to `items`. False when the client has sent
  /// more than max_pending_bytes since its last complete document: drop it.
  bool feed(std::string_view bytes, std::vector<CotInboundItem>& items);

 private:
  CotInboundItem classify(std::string_view document) const;

  cot::Framer framer_;
  std::size_t max_pending_bytes_;
  std::size_t since_document_ = 0;  ///< bytes received since the last complete document
};

/// Options of the CoT server.
struct CotStreamOptions {
  std::string listen = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0: any free port
  std::string tls_cert;    ///< PEM; empty: plain TCP (loopback only)
  std::string tls_key;
  std::size_t client_queue_bytes = 8U << 20U;  ///< unsent bytes before a client is dropped
  std::size_t max_clients = 4096;
  std::chrono::milliseconds auth_timeout{10'000};  ///< to send <auth>, TLS handshake included
  std::size_t max_auth_bytes = 8U << 10U;          ///< bytes a client may send before <auth>
  std::size_t max_event_bytes = 64U << 10U;        ///< inbound documents larger: skipped
  std::size_t max_pending_bytes = 1U << 20U;       ///< inbound without a complete document: drop
  share::AuditLog* audit = nullptr;  ///< sessions and refused logins are recorded here
  /// Every item is sent again when not sent for this long, so TAK never lets a quiet
  /// track or a long-lived alert go stale (keep it well under track_stale); 0: never.
  std::chrono::milliseconds refresh{60'000};
  CotTiming timing;
  /// Roles whose principals may report own assets; others' friendly events are refused.
  std::uint8_t inbound_roles = kOperatorRoles;
};

/// Counters of the CoT server (read from any thread).
struct CotStreamStats {
  std::atomic<std::uint64_t> clients{0};      ///< authenticated clients connected (gauge)
  std::atomic<std::uint64_t> connections{0};  ///< TCP connections accepted
  std::atomic<std::uint64_t> authenticated{0};
  std::atomic<std::uint64_t> auth_failures{0};  ///< wrong or missing credentials, timeouts
  std::atomic<std::uint64_t> refused{0};        ///< over max_clients
  std::atomic<std::uint64_t> events_sent{0};    ///< events written to sockets
  std::atomic<std::uint64_t> bytes_sent{0};
  std::atomic<std::uint64_t> dropped_slow{0};  ///< clients dropped for unsent bytes
  std::atomic<std::uint64_t> pings{0};         ///< TAK pings answered
  std::atomic<std::uint64_t> inbound_accepted{0};
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(CotInboundReason::kCount)>
      inbound_rejected{};

  std::uint64_t rejected(CotInboundReason reason) const {
    return inbound_rejected[static_cast<std::size_t>(reason)].load();
  }
  void count(CotInboundReason reason) {
    inbound_rejected[static_cast<std::size_t>(reason)].fetch_add(1, std::memory_order_relaxed);
  }
};

/// Takes one own-asset event (a complete XML document) from a TAK client; false when it
/// cannot be taken now (the engine's queue is full). Called on the CoT I/O thread.
using CotOwnAssetSink = std::function<bool(std::string event_xml)>;

class CotStream {
 public:
  /// Binds and starts the I/O thread. Plain TCP only on a loopback address. `principals`,
  /// `picture` and `clock` must outlive the stream; `sink` may be empty (own-asset events
  /// are then refused and counted as no_source).
  static Result<std::unique_ptr<CotStream>> start(CotStreamOptions options,
                                                  const Principals& principals,
                                                  const LivePicture& picture, const Clock& clock,
                                                  CotOwnAssetSink sink = {});
  ~CotStream();
  CotStream(const CotStream&) = delete;
  CotStream& operator=(const CotStream&) = delete;

  std::uint16_t port() const;
  bool tls() const;
  /// Sends each authenticated client the tick's changes it may see. Any thread; never
  /// blocks: the events are copied and handed to the stream's I/O thread. A no-op after
  /// stop(); the caller's tick must end before the stream is destroyed.
  void deliver(const TickEvents& tick);
  /// True while at least one client is authenticated (the caller may skip building ticks).
  bool has_clients() const;
  /// Closes the listener and every client and joins the I/O thread (idempotent).
  void stop();
  const CotStreamStats& stats() const;
  /// The counters as Prometheus text (straitwatch_cot_* metrics).
  std::string metrics_text() const;

  class Impl;

 private:
  explicit CotStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sw::server
