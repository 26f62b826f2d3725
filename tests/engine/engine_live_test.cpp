// The live engine over real loopback sockets: UDP and TCP in, journal, picture; then the
// journal replayed gives the same picture; a TCP client source reconnects after its
// peer goes away.

#include "engine/engine.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "engine/replay.h"
#include "engine_fixture.h"

namespace sw::engine {
namespace {

using testing::loopback;
using testing::wait_for;

void send_udp(std::uint16_t port, const std::string& datagram) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  const sockaddr_in address = loopback(port);
  ::sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<const sockaddr*>(&address),
           sizeof(address));
  ::close(fd);
}

int connect_tcp(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in address = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string utc_text(TimeNs time) {
  const std::time_t seconds = time / kNsPerSecond;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

EngineConfig live_config(const std::filesystem::path& data_dir) {
  EngineConfig config;
  config.data_dir = data_dir.string();
  config.fsync = true;
  SourceConfig ais;
  ais.id = "ais-udp";
  ais.transport = Transport::kUdp;
  ais.format = Format::kAis;
  config.sources.push_back(ais);
  SourceConfig cot;
  cot.id = "cot-tcp";
  cot.transport = Transport::kTcpServer;
  cot.format = Format::kCot;
  config.sources.push_back(cot);
  return config;
}

TEST(EngineLive, SocketsToPictureAndReplayGivesTheSamePicture) {
  testing::TempDir data_dir("engine-live");
  SystemClock clock;
  const EngineConfig config = live_config(data_dir.path());
  std::vector<track::FusedTrack> live_tracks;
  {
    auto engine = Engine::create(config, clock);
    ASSERT_TRUE(engine.ok()) << engine.error().detail;
    ASSERT_TRUE((*engine)->start().ok());
    const std::uint16_t udp_port = (*engine)->bound_port(0);
    const std::uint16_t tcp_port = (*engine)->bound_port(1);
    ASSERT_NE(udp_port, 0);
    ASSERT_NE(tcp_port, 0);
    const auto lines = testing::sample_ais_lines();
    for (std::size_t line_idx = 0; line_idx < lines.size(); line_idx += 4) {
      std::string datagram;
      for (std::size_t part = line_idx; part < std::min(lines.size(), line_idx + 4); ++part) {
        datagram += lines[part] + "\r\n";
      }
      send_udp(udp_port, datagram);
    }
    const int stream = connect_tcp(tcp_port);
    ASSERT_GE(stream, 0);
    const std::string now = utc_text(clock.now());
    const std::string stale = utc_text(clock.now() + 3600 * kNsPerSecond);
    const std::string event =
        "<?xml version='1.0'?><event version='2.0' type='a-f-S' uid='fr-patrol-1' how='m-g' "
        "time='" +
        now + "' start='" + now + "' stale='" + stale +
        "'><point lat='50.95' lon='1.55' hae='0' ce='10' le='10'/>"
        "<detail><contact callsign='PATROL 1'/></detail></event>\n";
    ASSERT_EQ(::write(stream, event.data(), event.size() / 2),
              static_cast<ssize_t>(event.size() / 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::size_t rest = event.size() - event.size() / 2;
    ASSERT_EQ(::write(stream, event.data() + event.size() / 2, rest), static_cast<ssize_t>(rest));
    ::close(stream);
    const std::uint64_t datagrams = (lines.size() + 3) / 4;
    ASSERT_TRUE(wait_for([&] {
      return (*engine)->pipeline().counters(0).received.load() == datagrams &&
             (*engine)->pipeline().counters(1).received_bytes.load() == event.size();
    }));
    (*engine)->stop();
    live_tracks = (*engine)->pipeline().picture().current();
    EXPECT_EQ((*engine)->pipeline().counters(0).journaled, datagrams);
    EXPECT_EQ((*engine)->pipeline().counters(0).dropped_queue.load(), 0U);
  }
  std::size_t cooperative = 0;
  std::size_t assets = 0;
  for (const track::FusedTrack& track : live_tracks) {
    cooperative += track.track_class == track::TrackClass::kCooperative ? 1 : 0;
    assets += track.track_class == track::TrackClass::kOwnAsset ? 1 : 0;
  }
  EXPECT_GT(cooperative, 5U);
  EXPECT_EQ(assets, 1U);

  ManualClock replay_clock(0);
  auto pipeline = Pipeline::create(config, replay_clock);
  ASSERT_TRUE(pipeline.ok());
  auto replayed = replay_journal((data_dir.path() / "journal").string(), config, **pipeline);
  ASSERT_TRUE(replayed.ok()) << replayed.error().detail;
  EXPECT_EQ(replayed->unknown_source, 0U);
  testing::expect_same_tracks(live_tracks, (*pipeline)->picture().current());
}

TEST(EngineLive, TcpClientSourceReconnectsWhenItsPeerReturns) {
  testing::TempDir data_dir("engine-reconnect");
  // A sensor's TCP server on a free port.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback(0);
  const int reuse = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t length = sizeof(address);
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  const std::uint16_t port = ntohs(address.sin_port);

  EngineConfig config;
  config.data_dir = data_dir.path().string();
  config.fsync = false;
  SourceConfig sensor;
  sensor.id = "ais-tcp";
  sensor.transport = Transport::kTcpClient;
  sensor.format = Format::kAis;
  sensor.port = port;
  config.sources.push_back(sensor);
  SystemClock clock;
  auto engine = Engine::create(config, clock);
  ASSERT_TRUE(engine.ok());
  ASSERT_TRUE((*engine)->start().ok());
  const auto lines = testing::sample_ais_lines();
  for (int session = 0; session < 2; ++session) {
    const int peer = ::accept(listener, nullptr, nullptr);
    ASSERT_GE(peer, 0);
    const std::string text = lines[static_cast<std::size_t>(session)] + "\r\n";
    ASSERT_EQ(::write(peer, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ::close(peer);  // the sensor goes away; the engine must come back
  }
  ASSERT_TRUE(wait_for([&] { return (*engine)->pipeline().counters(0).connects.load() >= 2; }));
  ASSERT_TRUE(wait_for([&] { return (*engine)->pipeline().counters(0).received.load() >= 4; }));
  (*engine)->stop();
  ::close(listener);
  EXPECT_GE((*engine)->pipeline().counters(0).connects.load(), 2U);
  EXPECT_EQ((*engine)->pipeline().decoder(0).decoded(), 2U);
}

}  // namespace
}  // namespace sw::engine
