// The CoT server end to end over real TCP sockets on loopback: authentication, the
// snapshot, release filtering, ticks, removals, inbound own-asset CoT, pings, garbage, slow
// clients and TLS; and its inbound parser and encoder on their own.

#include "server/cot_stream.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include <pugixml.hpp>

#include "ingest/cot/cot_time.h"
#include "ingest/cot/event_parser.h"
#include "ingest/cot/framer.h"
#include "support/tls_files.h"

namespace sw::server {
namespace {

using namespace std::chrono_literals;

constexpr TimeNs kNow = 1'717'243'200LL * kNsPerSecond;  // 2024-06-01T12:00:00Z
constexpr auto kPatience = 20s;  // a generous bound on waits, never a timing assertion

// ---------------------------------------------------------------------------------------
// Received CoT, read back with pugixml (independently of the project's decoder).

struct ReceivedEvent {
  std::string version;
  std::string uid;
  std::string type;
  std::string how;
  TimeNs time = 0;
  TimeNs start = 0;
  TimeNs stale = 0;
  double lat = 0;
  double lon = 0;
  std::string hae;
  std::string ce;
  std::string le;
  std::string callsign;
  std::string releaseable_to;
  std::string caveat;
  std::string remarks;
  bool has_track = false;
  double speed = 0;
  double course = 0;
  std::string document;
};

/// The complete documents of a stream, in order.
std::vector<std::string> documents(const std::string& stream) {
  cot::Framer framer(1U << 20U);
  framer.append(stream);
  std::vector<std::string> out;
  while (auto frame = framer.next()) {
    if (frame->kind == cot::Frame::Kind::kDocument) out.emplace_back(frame->bytes);
  }
  return out;
}

/// One document as XML; fails the test when it is not well-formed CoT.
ReceivedEvent parse_event(const std::string& document) {
  ReceivedEvent event;
  event.document = document;
  pugi::xml_document xml;
  const auto parsed = xml.load_buffer(document.data(), document.size());
  EXPECT_TRUE(parsed) << parsed.description() << ": " << document;
  const pugi::xml_node root = xml.child("event");
  EXPECT_TRUE(root) << document;
  event.version = root.attribute("version").as_string();
  event.uid = root.attribute("uid").as_string();
  event.type = root.attribute("type").as_string();
  event.how = root.attribute("how").as_string();
  event.time = cot::parse_cot_time(root.attribute("time").as_string()).value_or(-1);
  event.start = cot::parse_cot_time(root.attribute("start").as_string()).value_or(-1);
  event.stale = cot::parse_cot_time(root.attribute("stale").as_string()).value_or(-1);
  event.releaseable_to = root.attribute("releaseableTo").as_string();
  event.caveat = root.attribute("caveat").as_string();
  const pugi::xml_node point = root.child("point");
  event.lat = point.attribute("lat").as_double();
  event.lon = point.attribute("lon").as_double();
  event.hae = point.attribute("hae").as_string();
  event.ce = point.attribute("ce").as_string();
  event.le = point.attribute("le").as_string();
  const pugi::xml_node detail = root.child("detail");
  event.callsign = detail.child("contact").attribute("callsign").as_string();
  event.remarks = detail.child("remarks").text().as_string();
  if (const pugi::xml_node track = detail.child("track")) {
    event.has_track = true;
    event.speed = track.attribute("speed").as_double();
    event.course = track.attribute("course").as_double();
  }
  // The project's own decoder (what a partner node reads) takes it too.
  EXPECT_EQ(cot::parse_document(document).reason, cot::Reason::kDecoded) << document;
  return event;
}

std::vector<ReceivedEvent> parse_events(const std::string& stream) {
  std::vector<ReceivedEvent> events;
  for (const std::string& document : documents(stream)) events.push_back(parse_event(document));
  return events;
}

const ReceivedEvent* find_uid(const std::vector<ReceivedEvent>& events, const std::string& uid) {
  for (const ReceivedEvent& event : events) {
    if (event.uid == uid) return &event;
  }
  return nullptr;
}

/// The last event with this uid, or nullptr.
const ReceivedEvent* last_uid(const std::vector<ReceivedEvent>& events, const std::string& uid) {
  const ReceivedEvent* found = nullptr;
  for (const ReceivedEvent& event : events) {
    if (event.uid == uid) found = &event;
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// A blocking TAK client on a plain socket, with every wait bounded.

class TakClient {
 public:
  explicit TakClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~TakClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  TakClient(const TakClient&) = delete;
  TakClient& operator=(const TakClient&) = delete;

  bool connected() const { return connected_; }

  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  /// Reads until `done` holds for what was received, the peer closes, or the patience
  /// runs out; returns `done`'s last answer.
  bool read_until(const std::function<bool(const std::string&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (!done(received_)) {
      if (closed_ || std::chrono::steady_clock::now() > deadline) return false;
      pollfd waiting{fd_, POLLIN, 0};
      if (::poll(&waiting, 1, 100) <= 0) continue;
      char buffer[65536];
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) {
        closed_ = true;
      } else {
        received_.append(buffer, static_cast<std::size_t>(got));
      }
    }
    return true;
  }
  /// Reads until `count` complete documents have arrived.
  bool read_documents(std::size_t count) {
    return read_until([count](const std::string& text) { return documents(text).size() >= count; });
  }
  /// Reads until an event with this uid (and, if given, matching `also`) has arrived.
  bool read_uid(const std::string& uid,
                const std::function<bool(const ReceivedEvent&)>& also = nullptr) {
    return read_until([&](const std::string& text) {
      for (const std::string& document : documents(text)) {
        if (document.find("uid=\"" + uid + "\"") == std::string::npos) continue;
        if (!also || also(parse_event(document))) return true;
      }
      return false;
    });
  }
  /// Reads until the server closes the connection.
  bool read_to_close() {
    read_until([this](const std::string&) { return closed_; });
    return closed_;
  }

  const std::string& received() const { return received_; }
  std::vector<ReceivedEvent> events() const { return parse_events(received_); }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string received_;
};

std::string auth_message(const std::string& name, const std::string& token,
                         const std::string& uid = "ANDROID-test") {
  return "<?xml version=\"1.0\"?>\n<auth><cot username=\"" + name + "\" password=\"" + token +
         "\" uid=\"" + uid + "\"/></auth>";
}

std::string own_position(const std::string& uid, const std::string& type = "a-f-G-U-C") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><event version=\"2.0\" "
         "uid=\"" +
         uid + "\" type=\"" + type +
         "\" how=\"m-g\" time=\"2024-06-01T12:00:00Z\" start=\"2024-06-01T12:00:00Z\" "
         "stale=\"2024-06-01T12:05:00Z\"><point lat=\"51.05\" lon=\"1.5\" hae=\"10\" ce=\"5\" "
         "le=\"9999999\"/><detail><contact callsign=\"PATROL 7\"/></detail></event>";
}

std::string ping(const std::string& uid = "ANDROID-test-ping") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><event version=\"2.0\" "
         "uid=\"" +
         uid +
         "\" type=\"t-x-c-t\" how=\"m-g\" time=\"2024-06-01T12:00:00Z\" "
         "start=\"2024-06-01T12:00:00Z\" stale=\"2024-06-01T12:00:10Z\"><point lat=\"0.0\" "
         "lon=\"0.0\" hae=\"0.0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>";
}

// ---------------------------------------------------------------------------------------
// The picture the tests serve.

Principal principal(const std::string& name, const std::string& token, const std::string& nation,
                    std::uint8_t roles) {
  Principal made;
  made.recipient.name = name;
  made.recipient.nation = nation;
  made.recipient.agency = nation + "/WATCH";
  made.recipient.purposes = kPurposeSearchAndRescue;
  made.token_sha256 = sha256_hex(token);
  made.roles = roles;
  return made;
}

Label uk_label(std::vector<std::string> releasable_to) {
  Label label;
  label.owner = "UK/HMCG";
  label.releasable_to = std::move(releasable_to);
  label.purposes = kPurposeSearchAndRescue;
  label.sensitivity = Sensitivity::kGreen;
  return label;
}

track::FusedTrack make_track(std::uint64_t id, track::TrackClass track_class, LatLon position,
                             Label label) {
  track::FusedTrack track;
  track.id = id;
  track.track_class = track_class;
  track.time = kNow - 2 * kNsPerSecond;
  track.position = position;
  track.velocity = {3.0, 4.0};  // 5 m/s, course 36.87 degrees
  track.covariance = {400.0, 0.0, 400.0};
  track.label = std::move(label);
  track.sources = {"radar-1"};
  return track;
}

class CotStreamTest : public ::testing::Test {
 protected:
  CotStreamTest()
      : clock_(kNow),
        principals_({principal("uk-watch", "uk-token", "UK", kRoleWatchOfficer),
                     principal("fr-analyst", "fr-token", "FR", kRoleAnalyst)}),
        picture_(clock_) {
    picture_.attach_consumer();  // the test is the picture's one stream consumer
    track::FusedTrack vessel =
        make_track(1, track::TrackClass::kCooperative, {51.0, 1.4}, uk_label({"FR"}));
    vessel.mmsi = 235000001;
    vessel.set_detail("shipname", "NORTHERN STAR");
    track::FusedTrack dark = make_track(2, track::TrackClass::kDark, {50.9, 1.3}, uk_label({}));
    track::FusedTrack own =
        make_track(3, track::TrackClass::kOwnAsset, {51.1, 1.6}, uk_label({"FR"}));
    own.asset_id = "ANDROID-own-1";
    own.callsign = "PATROL 1";
    tracks_ = {vessel, dark, own};
    picture_.apply_tracks(tracks_);
    risk::Alert alert;
    alert.id = 1;
    alert.kind = risk::AlertKind::kDrifting;
    alert.severity = risk::Severity::kUrgent;
    alert.position = {50.95, 1.45};
    alert.raised_at = kNow - 60 * kNsPerSecond;
    alert.updated_at = kNow - 30 * kNsPerSecond;
    alert.subjects = {2};
    alert.region = "UK-DOVER";
    alert.label = uk_label({"FR"});
    alerts_ = {alert};
    picture_.apply_alerts(alerts_);
    picture_.take_events();  // the snapshot covers these
  }

  void start(CotStreamOptions options = {}) {
    options.auth_timeout = 500ms;
    auto started =
        CotStream::start(options, principals_, picture_, clock_, [this](std::string event_xml) {
          std::lock_guard lock(sink_mutex_);
          if (refuse_) return false;
          sunk_.push_back(std::move(event_xml));
          return true;
        });
    ASSERT_TRUE(started) << started.error().detail;
    stream_ = std::move(*started);
  }

  /// Connects and authenticates; waits for the snapshot's `snapshot_events` events.
  std::unique_ptr<TakClient> connect(const std::string& name, const std::string& token,
                                     std::size_t snapshot_events,
                                     const std::string& uid = "ANDROID-test") {
    auto client = std::make_unique<TakClient>(stream_->port());
    EXPECT_TRUE(client->connected());
    client->send(auth_message(name, token, uid));
    EXPECT_TRUE(client->read_documents(snapshot_events));
    return client;
  }

  /// What the HTTP server's tick does: take the picture's events, prepare, deliver.
  void tick() { stream_->deliver(prepare_tick(picture_.take_events(), picture_.time())); }

  void update_track(track::FusedTrack track) {
    picture_.apply_tracks(std::span<const track::FusedTrack>(&track, 1));
    tick();
  }

  /// Waits until `condition` holds (bounded).
  static bool eventually(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (!condition()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }

  std::vector<std::string> sunk() {
    std::lock_guard lock(sink_mutex_);
    return sunk_;
  }

  ManualClock clock_;
  Principals principals_;
  LivePicture picture_;
  std::vector<track::FusedTrack> tracks_;
  std::vector<risk::Alert> alerts_;
  std::unique_ptr<CotStream> stream_;
  std::mutex sink_mutex_;
  std::vector<std::string> sunk_;
  bool refuse_ = false;
};

// ---------------------------------------------------------------------------------------

TEST_F(CotStreamTest, AuthenticatedClientReceivesTheSnapshotAsCot) {
  start();
  auto client = connect("uk-watch", "uk-token", 4);
  const auto events = client->events();
  ASSERT_EQ(events.size(), 4U);

  const ReceivedEvent* vessel = find_uid(events, "straitwatch-track-1");
  const ReceivedEvent* dark = find_uid(events, "straitwatch-track-2");
  const ReceivedEvent* own = find_uid(events, "straitwatch-track-3");
  const ReceivedEvent* alert = find_uid(events, "straitwatch-alert-1");
  ASSERT_NE(vessel, nullptr);
  ASSERT_NE(dark, nullptr);
  ASSERT_NE(own, nullptr);
  ASSERT_NE(alert, nullptr);

  EXPECT_EQ(vessel->type, "a-n-S-X");
  EXPECT_EQ(dark->type, "a-u-S-X");
  EXPECT_EQ(own->type, "a-f-S-X");
  EXPECT_EQ(alert->type, "b-a-o-tbl");
  for (const ReceivedEvent* event : {vessel, dark, own, alert}) {
    EXPECT_EQ(event->version, "2.0");
    EXPECT_EQ(event->how, "m-f");
    EXPECT_EQ(event->time, kNow);
    EXPECT_EQ(std::stod(event->hae), 0.0);
    EXPECT_EQ(std::stod(event->le), 9999999.0);
    EXPECT_EQ(event->caveat, "TLP:GREEN");
  }
  EXPECT_NEAR(vessel->lat, 51.0, 1e-9);
  EXPECT_NEAR(vessel->lon, 1.4, 1e-9);
  EXPECT_NEAR(dark->lat, 50.9, 1e-9);
  EXPECT_NEAR(own->lon, 1.6, 1e-9);
  EXPECT_NEAR(alert->lat, 50.95, 1e-9);
  // Tracks: valid from their sensor time, stale two minutes after they were sent.
  EXPECT_EQ(vessel->start, kNow - 2 * kNsPerSecond);
  EXPECT_EQ(vessel->stale, kNow + 120 * kNsPerSecond);
  EXPECT_EQ(std::stod(vessel->ce), 20.0);  // sqrt(400)
  ASSERT_TRUE(vessel->has_track);
  EXPECT_NEAR(vessel->speed, 5.0, 1e-9);
  EXPECT_NEAR(vessel->course, 36.8699, 1e-3);
  EXPECT_EQ(vessel->callsign, "NORTHERN STAR");
  EXPECT_EQ(dark->callsign, "DARK 2");
  EXPECT_EQ(own->callsign, "PATROL 1");
  EXPECT_EQ(vessel->releaseable_to, "UK,FR");
  EXPECT_EQ(dark->releaseable_to, "UK");
  EXPECT_NE(vessel->remarks.find("MMSI 235000001"), std::string::npos);
  EXPECT_NE(alert->remarks.find("drifting"), std::string::npos);
  EXPECT_NE(alert->callsign.find("URGENT"), std::string::npos);
  EXPECT_EQ(stream_->stats().clients.load(), 1U);
  EXPECT_TRUE(eventually([&] { return stream_->stats().events_sent.load() == 4; }));
}

TEST_F(CotStreamTest, UnauthenticatedClientsGetNothingAndAreClosed) {
  start();
  TakClient silent(stream_->port());
  TakClient wrong_token(stream_->port());
  TakClient wrong_name(stream_->port());
  TakClient event_first(stream_->port());
  wrong_token.send(auth_message("uk-watch", "not-the-token"));
  wrong_name.send(auth_message("fr-analyst", "uk-token"));
  event_first.send(own_position("ANDROID-x") + auth_message("uk-watch", "uk-token"));
  for (TakClient* client : {&silent, &wrong_token, &wrong_name, &event_first}) {
    EXPECT_TRUE(client->read_to_close());
    EXPECT_EQ(client->received(), "");
  }
  EXPECT_EQ(stream_->stats().auth_failures.load(), 4U);
  EXPECT_EQ(stream_->stats().clients.load(), 0U);
  EXPECT_TRUE(sunk().empty());
}

TEST_F(CotStreamTest, ClientsOnlyReceiveWhatTheirPrincipalMaySee) {
  start();
  auto french = connect("fr-analyst", "fr-token", 3);
  // Track 1 moves: once its update is in, everything sent before it has been read.
  track::FusedTrack moved = tracks_[0];
  moved.position = {51.01, 1.41};
  update_track(moved);
  ASSERT_TRUE(french->read_uid("straitwatch-track-1",
                               [](const ReceivedEvent& event) { return event.lat > 51.005; }));
  const auto events = french->events();
  EXPECT_NE(find_uid(events, "straitwatch-track-1"), nullptr);
  EXPECT_NE(find_uid(events, "straitwatch-track-3"), nullptr);
  EXPECT_NE(find_uid(events, "straitwatch-alert-1"), nullptr);
  EXPECT_EQ(find_uid(events, "straitwatch-track-2"), nullptr);  // UK only
  // Its label narrows to UK only: the French client is told to drop it.
  moved.label = uk_label({});
  update_track(moved);
  ASSERT_TRUE(french->read_uid(
      "straitwatch-track-1", [](const ReceivedEvent& event) { return event.stale == event.time; }));
}

TEST_F(CotStreamTest, TicksReachClientsAndRemovalsAreSentStale) {
  start();
  auto british = connect("uk-watch", "uk-token", 4);
  auto french = connect("fr-analyst", "fr-token", 3);

  track::FusedTrack moved = tracks_[1];  // the dark contact, UK only
  moved.position = {50.91, 1.31};
  moved.time = kNow;
  update_track(moved);
  ASSERT_TRUE(british->read_uid("straitwatch-track-2", [](const ReceivedEvent& event) {
    return std::abs(event.lat - 50.91) < 1e-9;
  }));
  const auto moved_events = british->events();
  EXPECT_EQ(last_uid(moved_events, "straitwatch-track-2")->start, kNow);

  clock_.advance(5 * kNsPerSecond);
  track::FusedTrack lost = moved;
  lost.status = track::PictureStatus::kLost;
  update_track(lost);
  ASSERT_TRUE(british->read_uid(
      "straitwatch-track-2", [](const ReceivedEvent& event) { return event.stale == event.time; }));
  const auto removed_events = british->events();
  const ReceivedEvent* removal = last_uid(removed_events, "straitwatch-track-2");
  EXPECT_EQ(removal->time, kNow + 5 * kNsPerSecond);
  EXPECT_EQ(removal->stale, kNow + 5 * kNsPerSecond);

  // The French client never held track 2: it gets nothing about it. An alert it may see
  // closes afterwards: once that is in, nothing about track 2 came before it.
  risk::Alert closed = alerts_[0];
  closed.state = risk::AlertState::kClosed;
  picture_.apply_alerts(std::span<const risk::Alert>(&closed, 1));
  tick();
  ASSERT_TRUE(french->read_uid(
      "straitwatch-alert-1", [](const ReceivedEvent& event) { return event.stale == event.time; }));
  EXPECT_EQ(find_uid(french->events(), "straitwatch-track-2"), nullptr);
}

TEST_F(CotStreamTest, OwnAssetCotReachesTheSinkAndIsNotEchoedBack) {
  start();
  // The device is own asset 3 itself: it is not sent its own marker.
  auto client = std::make_unique<TakClient>(stream_->port());
  client->send(auth_message("uk-watch", "uk-token", "ANDROID-own-1") +
               own_position("ANDROID-own-1"));
  ASSERT_TRUE(client->read_documents(3));
  ASSERT_TRUE(eventually([&] { return sunk().size() == 1; }));
  const std::string forwarded = sunk()[0];
  auto decoded = cot::decode_cot(forwarded);
  ASSERT_TRUE(decoded) << forwarded;
  EXPECT_EQ(decoded->uid, "ANDROID-own-1");
  EXPECT_EQ(decoded->type, "a-f-G-U-C");
  EXPECT_EQ(stream_->stats().inbound_accepted.load(), 1U);

  client->send(ping());
  ASSERT_TRUE(client->read_until(
      [](const std::string& text) { return text.find("t-x-c-t-r") != std::string::npos; }));
  EXPECT_EQ(find_uid(client->events(), "straitwatch-track-3"), nullptr);
  EXPECT_EQ(stream_->stats().pings.load(), 1U);
}

TEST_F(CotStreamTest, OtherInboundIsCountedByReasonAndIgnored) {
  start();
  auto client = connect("uk-watch", "uk-token", 4);
  client->send(own_position("hostile-1", "a-h-S"));              // not an own asset
  client->send(own_position("straitwatch-track-3", "a-f-S-X"));  // our own event echoed
  client->send("this is not xml at all\n");                      // junk
  client->send("<event version=\"2.0\" uid=\"x\" type=\"a-f-G\"><point lat=\"x\"/></event>");
  client->send("<foo><bar/></foo>");                                // not an event
  client->send("<event uid=\"y\" type=\"a-f-G\"><point></event>");  // not well-formed
  client->send(auth_message("uk-watch", "uk-token"));               // again
  // A ping after all that is still answered: the connection survived.
  client->send(ping());
  ASSERT_TRUE(client->read_until(
      [](const std::string& text) { return text.find("t-x-c-t-r") != std::string::npos; }));
  const CotStreamStats& stats = stream_->stats();
  EXPECT_EQ(stats.rejected(CotInboundReason::kNotOwnAsset), 1U);
  EXPECT_EQ(stats.rejected(CotInboundReason::kEcho), 1U);
  EXPECT_EQ(stats.rejected(CotInboundReason::kJunk), 1U);
  EXPECT_EQ(stats.rejected(CotInboundReason::kBadEvent), 1U);
  EXPECT_EQ(stats.rejected(CotInboundReason::kNotEvent), 1U);
  EXPECT_EQ(stats.rejected(CotInboundReason::kNotXml), 1U);
  EXPECT_EQ(stats.rejected(CotInboundReason::kAuthRepeated), 1U);
  const std::string metrics = stream_->metrics_text();
  EXPECT_NE(metrics.find("straitwatch_cot_inbound_rejected_total{reason=\"echo\"} 1"),
            std::string::npos);

  // Declarations and arbitrary bytes: counted, and still no crash.
  client->send("<!DOCTYPE event [<!ENTITY e \"x\">]><event uid=\"&e;\" type=\"a-f-G\"/>");
  std::string binary(3000, '\0');
  for (std::size_t index = 0; index < binary.size(); ++index) {
    binary[index] = static_cast<char>(index * 37 + 11);
  }
  client->send(binary);
  client->send(ping());
  ASSERT_TRUE(client->read_until([](const std::string& text) {
    const auto first = text.find("t-x-c-t-r");
    return first != std::string::npos && text.find("t-x-c-t-r", first + 1) != std::string::npos;
  }));
  EXPECT_EQ(stats.inbound_accepted.load(), 0U);
  EXPECT_TRUE(sunk().empty());
  EXPECT_EQ(stats.clients.load(), 1U);
}

TEST_F(CotStreamTest, QuietItemsAreSentAgainBeforeTheyGoStale) {
  CotStreamOptions options;
  options.refresh = 200ms;
  start(options);
  auto client = connect("uk-watch", "uk-token", 4);
  // No tick at all: the refresh sends every item again.
  ASSERT_TRUE(client->read_until([](const std::string& text) {
    std::size_t alerts = 0;
    for (const std::string& document : documents(text)) {
      alerts += document.find("straitwatch-alert-1") != std::string::npos;
    }
    return alerts >= 2;
  }));
  const auto events = client->events();
  EXPECT_GE(events.size(), 8U);
  EXPECT_EQ(last_uid(events, "straitwatch-track-1")->stale, kNow + 120 * kNsPerSecond);
}

TEST_F(CotStreamTest, OwnAssetsFromPrincipalsWithoutTheRoleOrABusyEngineAreRefused) {
  start();
  auto analyst = connect("fr-analyst", "fr-token", 3);
  analyst->send(own_position("ANDROID-fr"));
  ASSERT_TRUE(
      eventually([&] { return stream_->stats().rejected(CotInboundReason::kNotPermitted) == 1; }));
  {
    std::lock_guard lock(sink_mutex_);
    refuse_ = true;
  }
  auto officer = connect("uk-watch", "uk-token", 4);
  officer->send(own_position("ANDROID-uk"));
  ASSERT_TRUE(
      eventually([&] { return stream_->stats().rejected(CotInboundReason::kEngineBusy) == 1; }));
  EXPECT_TRUE(sunk().empty());
}

TEST_F(CotStreamTest, AClientThatSendsTooMuchWithoutAnEventIsDropped) {
  CotStreamOptions options;
  options.max_pending_bytes = 64U << 10U;
  start(options);
  auto client = connect("uk-watch", "uk-token", 4);
  client->send("<event uid=\"" + std::string(200U << 10U, 'x'));
  EXPECT_TRUE(client->read_to_close());
  EXPECT_EQ(stream_->stats().rejected(CotInboundReason::kOverflow), 1U);
  EXPECT_TRUE(eventually([&] { return stream_->stats().clients.load() == 0; }));
}

TEST_F(CotStreamTest, ASlowClientIsDroppedWithoutHoldingUpDeliveryToOthers) {
  // Many UK-only tracks, so that every tick is large for the British client and empty for
  // the French one.
  std::vector<track::FusedTrack> many;
  for (std::uint64_t id = 100; id < 600; ++id) {
    many.push_back(make_track(id, track::TrackClass::kDark,
                              {50.5 + static_cast<double>(id) * 1e-3, 1.0}, uk_label({})));
  }
  picture_.apply_tracks(many);
  picture_.take_events();
  CotStreamOptions options;
  options.client_queue_bytes = 256U << 10U;
  start(options);
  auto slow = connect("uk-watch", "uk-token", 1);  // then never reads again
  auto fast = connect("fr-analyst", "fr-token", 3);

  // Kernel socket buffers take some megabytes first; then the server's queue fills.
  for (int round = 0; round < 1000 && stream_->stats().dropped_slow.load() == 0; ++round) {
    for (track::FusedTrack& track : many) track.position.lon += 1e-5;
    picture_.apply_tracks(many);
    tick();  // returns at once: delivery is the stream's own thread's work
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(eventually([&] { return stream_->stats().dropped_slow.load() == 1; }));
  EXPECT_TRUE(eventually([&] { return stream_->stats().clients.load() == 1; }));

  // The other client still gets the next tick.
  track::FusedTrack marker = tracks_[0];
  marker.position = {51.2, 1.2};
  update_track(marker);
  EXPECT_TRUE(fast->read_uid("straitwatch-track-1", [](const ReceivedEvent& event) {
    return std::abs(event.lat - 51.2) < 1e-9;
  }));
  EXPECT_TRUE(slow->read_to_close());
}

TEST_F(CotStreamTest, PlainTcpIsOnlyForLoopback) {
  CotStreamOptions options;
  options.listen = "0.0.0.0";
  auto started = CotStream::start(options, principals_, picture_, clock_);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, "tls");
}

// ---------------------------------------------------------------------------------------
// TLS

TEST_F(CotStreamTest, TlsClientsAuthenticateAndReceiveTheSnapshot) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("cot-stream-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string cert = (folder / "cert.pem").string();
  const std::string key = (folder / "key.pem").string();
  ASSERT_TRUE(test_support::write_self_signed(cert, key));
  CotStreamOptions options;
  options.tls_cert = cert;
  options.tls_key = key;
  start(options);
  ASSERT_TRUE(stream_->tls());

  namespace net = boost::asio;
  net::io_context io;
  net::ssl::context context(net::ssl::context::tls_client);
  context.set_verify_mode(net::ssl::verify_none);  // self-signed, test only
  net::ssl::stream<net::ip::tcp::socket> client(io, context);
  client.lowest_layer().connect({net::ip::make_address("127.0.0.1"), stream_->port()});
  std::string received;
  std::array<char, 4096> buffer{};
  std::function<void(boost::system::error_code, std::size_t)> on_read =
      [&](boost::system::error_code error, std::size_t bytes) {
        if (error) return;
        received.append(buffer.data(), bytes);
        if (documents(received).size() < 4) client.async_read_some(net::buffer(buffer), on_read);
      };
  const std::string auth = auth_message("uk-watch", "uk-token");
  client.async_handshake(net::ssl::stream_base::client, [&](boost::system::error_code error) {
    ASSERT_FALSE(error) << error.message();
    net::async_write(client, net::buffer(auth), [&](boost::system::error_code, std::size_t) {
      client.async_read_some(net::buffer(buffer), on_read);
    });
  });
  io.run_for(kPatience);
  const auto events = parse_events(received);
  EXPECT_EQ(events.size(), 4U);
  EXPECT_NE(find_uid(events, "straitwatch-alert-1"), nullptr);
  stream_->stop();
  std::filesystem::remove_all(folder);
}

// ---------------------------------------------------------------------------------------
// The inbound parser and the encoder on their own.

TEST(CotInbound, ReadsTheSameItemsHoweverTheStreamIsSplit) {
  const std::string stream = auth_message("uk-watch", "secret", "ANDROID-1") + "\n" +
                             own_position("ANDROID-1") + ping() + "junk " +
                             own_position("x", "a-u-S");
  std::vector<CotInboundItem> whole;
  CotInbound reader(64U << 10U, 1U << 20U);
  ASSERT_TRUE(reader.feed(stream, whole));
  ASSERT_EQ(whole.size(), 5U);
  EXPECT_EQ(whole[0].kind, CotInboundItem::Kind::kAuth);
  EXPECT_EQ(whole[0].username, "uk-watch");
  EXPECT_EQ(whole[0].password, "secret");
  EXPECT_EQ(whole[0].uid, "ANDROID-1");
  EXPECT_EQ(whole[1].kind, CotInboundItem::Kind::kOwnAsset);
  EXPECT_EQ(whole[1].uid, "ANDROID-1");
  EXPECT_EQ(whole[2].kind, CotInboundItem::Kind::kPing);
  EXPECT_EQ(whole[3].reason, CotInboundReason::kJunk);
  EXPECT_EQ(whole[4].reason, CotInboundReason::kNotOwnAsset);
  for (std::size_t cut = 1; cut < stream.size(); cut += 7) {
    CotInbound split(64U << 10U, 1U << 20U);
    std::vector<CotInboundItem> items;
    ASSERT_TRUE(split.feed(std::string_view(stream).substr(0, cut), items));
    ASSERT_TRUE(split.feed(std::string_view(stream).substr(cut), items));
    ASSERT_EQ(items.size(), whole.size()) << "cut at " << cut;
    for (std::size_t index = 0; index < items.size(); ++index) {
      EXPECT_EQ(items[index].kind, whole[index].kind);
      EXPECT_EQ(items[index].reason, whole[index].reason);
      EXPECT_EQ(items[index].document, whole[index].document);
    }
  }
}

TEST(CotInbound, OversizedEventsAreSkippedAndEndlessOnesOverflow) {
  CotInbound reader(1024, 8192);
  std::vector<CotInboundItem> items;
  const std::string big = "<event uid=\"" + std::string(2000, 'x') + "\"/>";
  ASSERT_TRUE(reader.feed(big + own_position("ANDROID-2"), items));
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].reason, CotInboundReason::kOversized);
  EXPECT_EQ(items[1].kind, CotInboundItem::Kind::kOwnAsset);
  items.clear();
  bool within = true;
  for (int chunk = 0; chunk < 10 && within; ++chunk) {
    within = reader.feed(std::string(1000, 'y'), items);  // junk, never a document
  }
  EXPECT_FALSE(within);
}

TEST(CotEncoding, RemovalsAreStaleAtOnceAndLabelsBecomeReleaseability) {
  track::FusedTrack own =
      make_track(7, track::TrackClass::kOwnAsset, {51.0, 1.0}, uk_label({"FR", "BE"}));
  own.set_detail("cot_type", "a-f-A-M-H");
  own.label.sensitivity = Sensitivity::kAmber;
  const CotTiming timing;
  const ReceivedEvent live = parse_event(cot_track_event(own, kNow, timing));
  EXPECT_EQ(live.type, "a-f-A-M-H");  // the helicopter stays a helicopter
  EXPECT_EQ(live.releaseable_to, "UK,FR,BE");
  EXPECT_EQ(live.caveat, "TLP:AMBER");
  EXPECT_EQ(live.stale - live.time, 120 * kNsPerSecond);
  const ReceivedEvent removed = parse_event(cot_track_event(own, kNow, timing, true));
  EXPECT_EQ(removed.uid, live.uid);
  EXPECT_EQ(removed.stale, kNow);
  EXPECT_EQ(removed.time, kNow);
  own.set_detail("cot_type", "a-h-S\"/><evil");  // not a friendly plain type: the default
  EXPECT_EQ(cot_track_type(own), "a-f-S-X");
}

}  // namespace
}  // namespace sw::server
