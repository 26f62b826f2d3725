// Bad input on every source format and both transport kinds: garbage, truncated messages,
// 1 MiB units, NUL bytes, malformed messages and (streams) connections dropped inside a
// message are counted by reason and change nothing else — the observations that reach
// fusion and the picture are those of the same feed without them.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "bad_input_fixture.h"
#include "engine/engine.h"
#include "engine/pipeline.h"
#include "engine/replay.h"

namespace sw::engine {
namespace {

using testing::FormatKit;
using testing::kBadInputStart;
using testing::TimedMessage;

/// Seed of every garbage generator here; printed by each test that uses it.
constexpr std::uint64_t kGarbageSeed = 0x5EED0F5EA;
/// A stream transport hands the engine at most this much per read.
constexpr std::size_t kStreamReadBytes = 65536;

/// One test case: a format over one transport kind.
struct FeedCase {
  Format format = Format::kAis;
  Transport transport = Transport::kUdp;
};

std::string case_name(const ::testing::TestParamInfo<FeedCase>& info) {
  std::string name = to_string(info.param.format);
  name += info.param.transport == Transport::kUdp ? "Datagrams" : "Stream";
  std::erase_if(name, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; });
  return name;
}

EngineConfig config_for(const FormatKit& kit, Transport transport) {
  EngineConfig config;
  config.reorder_window_s = 60.0;  // the AIS sample's UTC seconds are up to 30 s off
  SourceConfig source = kit.source;
  source.transport = transport;
  config.sources.push_back(source);
  return config;
}

/// What one run through the pipeline gives.
struct RunResult {
  std::vector<track::FusedTrack> tracks;
  std::vector<Observation> observations;  ///< as they entered fusion, in order
  ReasonCounts rejections;
  std::uint64_t decoded = 0;
  std::uint64_t late = 0;
  std::uint64_t future = 0;
};

RunResult run(const EngineConfig& config, const std::vector<RawInput>& inputs) {
  ManualClock clock(kBadInputStart);
  auto pipeline = Pipeline::create(config, clock);
  EXPECT_TRUE(pipeline.ok());
  RunResult result;
  (*pipeline)->add_observation_sink(
      [&result](const Observation& observation) { result.observations.push_back(observation); });
  for (const RawInput& input : inputs) (*pipeline)->process(input);
  (*pipeline)->finish();
  result.tracks = (*pipeline)->picture().current();
  result.rejections = (*pipeline)->decoder(0).rejections();
  result.decoded = (*pipeline)->decoder(0).decoded();
  result.late = (*pipeline)->counters(0).late;
  result.future = (*pipeline)->counters(0).future;
  return result;
}

std::uint64_t total(const ReasonCounts& counts) {
  std::uint64_t sum = 0;
  for (const auto& [reason, count] : counts) sum += count;
  return sum;
}

std::string describe(const ReasonCounts& counts) {
  std::string text;
  for (const auto& [reason, count] : counts) {
    text += (text.empty() ? "" : ", ") + reason + "=" + std::to_string(count);
  }
  return text;
}

void expect_same_observations(const std::vector<Observation>& expected,
                              const std::vector<Observation>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t observation_idx = 0; observation_idx < expected.size(); ++observation_idx) {
    const Observation& lhs = expected[observation_idx];
    const Observation& rhs = actual[observation_idx];
    SCOPED_TRACE("observation " + std::to_string(observation_idx));
    EXPECT_EQ(lhs.time, rhs.time);
    EXPECT_EQ(lhs.source_id, rhs.source_id);
    EXPECT_EQ(lhs.kind, rhs.kind);
    ASSERT_EQ(lhs.position.has_value(), rhs.position.has_value());
    if (lhs.position) {
      EXPECT_EQ(lhs.position->lat, rhs.position->lat);
      EXPECT_EQ(lhs.position->lon, rhs.position->lon);
    }
    EXPECT_EQ(lhs.identity.mmsi, rhs.identity.mmsi);
    EXPECT_EQ(lhs.identity.callsign, rhs.identity.callsign);
    EXPECT_EQ(lhs.identity.asset_id, rhs.identity.asset_id);
    EXPECT_EQ(lhs.attributes, rhs.attributes);
  }
}

/// Builds the inputs of one source as its transport delivers them.
class InputWriter {
 public:
  explicit InputWriter(bool datagram) : datagram_(datagram) {}

  /// A datagram, or stream bytes in reads of at most kStreamReadBytes.
  void send(TimeNs receive_time, std::string_view bytes) {
    if (datagram_) {
      inputs_.push_back({receive_time, 0, std::string(bytes)});
      return;
    }
    for (std::size_t offset = 0; offset < bytes.size(); offset += kStreamReadBytes) {
      inputs_.push_back({receive_time, 0, std::string(bytes.substr(offset, kStreamReadBytes))});
    }
  }
  /// A valid message: a datagram, or two stream reads cut at `split` of its size.
  void send_message(const TimedMessage& message, double split) {
    if (datagram_) {
      send(message.receive_time, message.bytes);
      return;
    }
    const auto cut = static_cast<std::size_t>(static_cast<double>(message.bytes.size()) * split);
    send(message.receive_time, std::string_view(message.bytes).substr(0, cut));
    send(message.receive_time, std::string_view(message.bytes).substr(cut));
  }
  /// A stream source's new connection (the old one ended).
  void reconnect(TimeNs receive_time) { inputs_.push_back({receive_time, 0, {}}); }

  std::vector<RawInput> take() { return std::move(inputs_); }

 private:
  bool datagram_;
  std::vector<RawInput> inputs_;
};

std::vector<RawInput> clean_inputs(const FormatKit& kit, bool datagram) {
  InputWriter writer(datagram);
  if (!datagram) writer.reconnect(kit.messages.front().receive_time);
  for (const TimedMessage& message : kit.messages) writer.send_message(message, 1.0 / 3.0);
  return writer.take();
}

/// Random bytes that cannot be mistaken for the format's data. ASTERIX has no checksum,
/// so random bytes holding a CAT010 header and records *are* data: its garbage never
/// holds the category octets 010 and 034. In CoT a garbage "<?" or "<!" opens a processing
/// instruction, comment or declaration that the framer ends only at the next "?>", "-->" or
/// '>', inside the next event or far beyond it (see GarbageOpeningAComment... below): its
/// garbage never holds them.
std::string random_garbage(const FormatKit& kit, std::mt19937_64& random, std::size_t size) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::string garbage;
  for (std::size_t byte_idx = 0; byte_idx < size; ++byte_idx) {
    auto next = static_cast<char>(byte(random));
    if (kit.binary && (next == '\x0A' || next == '\x22')) next = '\x55';
    if (kit.source.format == Format::kCot && !garbage.empty() && garbage.back() == '<' &&
        (next == '?' || next == '!')) {
      next = 'g';
    }
    garbage += next;
  }
  return garbage;
}

/// Where a truncated copy of `message` is cut: inside its first unit, never where the cut
/// leaves a valid unit; for CoT also just after the XML declaration, for ASTERIX inside
/// the block header and just after it.
std::vector<std::size_t> cut_points(const FormatKit& kit, const TimedMessage& message) {
  const std::size_t limit = kit.cut_limit(message);
  std::vector<std::size_t> cuts = {1, limit / 8, 3 * limit / 8, 5 * limit / 8, 7 * limit / 8};
  if (kit.source.format == Format::kCot) cuts.push_back(message.bytes.find("?>") + 2);
  if (kit.binary) {
    cuts.push_back(2);
    cuts.push_back(3);
    cuts.push_back(limit - 1);
  }
  std::erase_if(cuts, [limit](std::size_t cut) { return cut == 0 || cut >= limit; });
  return cuts;
}

/// The clean feed with bad input before every message (and after the last): each of
/// random garbage, a truncated message, NUL bytes, a malformed unit, (streams) a connection
/// dropped inside a message or (datagrams) an empty datagram, a 1 MiB unit, and bad units
/// sharing a datagram or a read with a valid message, in turn.
///
/// In a stream only a delimiter tells a decoder where the next message starts, so bad
/// bytes are made to end where a sender's next message would start afresh: line-based
/// garbage ends with '\n' (else it becomes the head of the next valid line); ASTERIX
/// garbage and cut blocks are followed by a new connection (a block header's length,
/// possibly garbage, decides where the next block starts: nothing in the bytes can
/// resynchronise a stream that is not between blocks); CoT garbage is left as it is, since
/// the framer restarts at the next event's "<?xml" (but see random_garbage).
std::vector<RawInput> noisy_inputs(const FormatKit& kit, bool datagram, std::mt19937_64& random) {
  InputWriter writer(datagram);
  auto send_garbage = [&](TimeNs time, std::string bytes) {
    if (datagram) {
      writer.send(time, bytes);
    } else if (kit.line_based) {
      if (bytes.empty() || bytes.back() != '\n') bytes += '\n';
      writer.send(time, bytes);
    } else if (kit.binary) {
      writer.send(time, bytes);
      writer.reconnect(time);
    } else {
      writer.send(time, bytes);
    }
  };
  std::uniform_int_distribution<std::size_t> garbage_size(1, 3000);
  std::uniform_real_distribution<double> split(0.05, 0.95);
  std::size_t cut_idx = 0;
  std::size_t malformed_idx = 0;
  std::size_t oversized_sent = 0;
  if (!datagram) writer.reconnect(kit.messages.front().receive_time);
  for (std::size_t message_idx = 0; message_idx < kit.messages.size(); ++message_idx) {
    const TimedMessage& message = kit.messages[message_idx];
    const TimeNs time = message.receive_time;
    switch (message_idx % 7) {
      case 0: send_garbage(time, random_garbage(kit, random, garbage_size(random))); break;
      case 1: {
        const TimedMessage& victim = kit.messages[(message_idx * 5) % kit.messages.size()];
        const std::vector<std::size_t> cuts = cut_points(kit, victim);
        send_garbage(time, victim.bytes.substr(0, cuts[cut_idx++ % cuts.size()]));
        break;
      }
      case 2: send_garbage(time, std::string(1 + message_idx % 64, '\0')); break;
      case 3: writer.send(time, kit.malformed[malformed_idx++ % kit.malformed.size()]); break;
      case 4:
        if (datagram) {
          writer.send(time, "");
        } else {
          // The sender goes away inside the message's first unit, and sends it again.
          writer.send(time, message.bytes.substr(0, kit.cut_limit(message) / 2));
          writer.reconnect(time);
        }
        break;
      case 5:
        if (oversized_sent++ < 2) {
          writer.send(time, kit.oversized);
        } else {
          send_garbage(time, random_garbage(kit, random, garbage_size(random)));
        }
        break;
      default: {
        // Bad units and the valid message in one datagram or one read.
        std::string shared;
        for (std::size_t unit = 0; unit < 3; ++unit) {
          shared += kit.malformed[malformed_idx++ % kit.malformed.size()];
        }
        if (datagram && kit.source.format == Format::kCot) {
          writer.send(time, shared);  // one document per datagram: nothing can share it
          break;
        }
        shared += message.bytes;
        if (kit.binary && datagram) {  // and a block cut short at the datagram's end
          shared += message.bytes.substr(0, message.bytes.size() / 2);
        }
        writer.send(time, shared);
        continue;
      }
    }
    writer.send_message(message, split(random));
  }
  send_garbage(kit.messages.back().receive_time, random_garbage(kit, random, garbage_size(random)));
  return writer.take();
}

/// Reasons each format must name for the bad input of noisy_inputs().
std::set<std::string> expected_reasons(Format format, bool datagram) {
  switch (format) {
    case Format::kAis:
      return {"bad_checksum",     "line_too_long",   "malformed",    "not_ais",
              "bad_payload_char", "orphan_fragment", "unknown_type", "payload_too_short_for_type"};
    case Format::kAsterix: {
      std::set<std::string> reasons = {"bad_length",      "fspec_overrun", "empty_block",
                                       "empty_record",    "item_overrun",  "undefined_item",
                                       "unknown_category"};
      if (datagram) reasons.insert("short_block");  // a block cut inside its header
      return reasons;
    }
    case Format::kArpa:
      return {"line_too_long", "no_checksum", "bad_checksum", "out_of_range",
              "missing_field", "bad_flag",    "bad_time"};
    case Format::kCot: {
      std::set<std::string> reasons = {"not_xml",  "oversized", "lat_out_of_range", "doctype",
                                       "no_event", "bad_point", "missing_uid"};
      if (!datagram) reasons.insert("truncated");  // an event cut off by the next one
      return reasons;
    }
    case Format::kDistress:
      return {"too_large", "not_json", "lat_out_of_range", "too_deep",
              "bad_id",    "bad_time", "missing_time",     "not_object"};
  }
  return {};
}

class BadInput : public ::testing::TestWithParam<FeedCase> {};

TEST_P(BadInput, IsCountedAndChangesNothingElse) {
  const FormatKit kit = testing::format_kit(GetParam().format);
  const bool datagram = GetParam().transport == Transport::kUdp;
  const EngineConfig config = config_for(kit, GetParam().transport);
  std::mt19937_64 random(kGarbageSeed);
  std::cout << "garbage seed " << kGarbageSeed << "\n";
  RecordProperty("garbage_seed", std::to_string(kGarbageSeed));

  const RunResult clean = run(config, clean_inputs(kit, datagram));
  const std::vector<RawInput> noisy_feed = noisy_inputs(kit, datagram, random);
  const RunResult noisy = run(config, noisy_feed);
  std::cout << kit.name << (datagram ? " datagrams" : " stream") << ": " << noisy_feed.size()
            << " inputs, " << noisy.observations.size() << " observations, " << noisy.tracks.size()
            << " tracks; rejections clean {" << describe(clean.rejections) << "} noisy {"
            << describe(noisy.rejections) << "}\n";

  // The clean feed is worth protecting: it makes observations, and tracks where the format
  // is tracked (distress reports are not).
  ASSERT_FALSE(clean.observations.empty());
  if (GetParam().format != Format::kDistress) {
    ASSERT_FALSE(clean.tracks.empty());
  }
  EXPECT_EQ(clean.late + clean.future, 0U);
  // (a) Nothing else changed.
  testing::expect_same_tracks(clean.tracks, noisy.tracks);
  expect_same_observations(clean.observations, noisy.observations);
  EXPECT_EQ(clean.decoded, noisy.decoded);
  EXPECT_EQ(clean.late, noisy.late);
  EXPECT_EQ(clean.future, noisy.future);
  // (b) The bad input was counted, under the reasons it deserves.
  EXPECT_GT(total(noisy.rejections), total(clean.rejections));
  for (const auto& [reason, count] : clean.rejections) {
    EXPECT_GE(noisy.rejections.contains(reason) ? noisy.rejections.at(reason) : 0, count) << reason;
  }
  for (const std::string& reason : expected_reasons(GetParam().format, datagram)) {
    EXPECT_TRUE(noisy.rejections.contains(reason)) << "no rejection counted as " << reason;
  }
  for (const auto& [reason, count] : noisy.rejections) {
    EXPECT_FALSE(reason.empty());
    EXPECT_NE(reason, "unknown");
  }
}

INSTANTIATE_TEST_SUITE_P(EveryFormatAndTransport, BadInput,
                         ::testing::Values(FeedCase{Format::kAis, Transport::kUdp},
                                           FeedCase{Format::kAis, Transport::kTcpServer},
                                           FeedCase{Format::kAsterix, Transport::kUdp},
                                           FeedCase{Format::kAsterix, Transport::kTcpServer},
                                           FeedCase{Format::kArpa, Transport::kUdp},
                                           FeedCase{Format::kArpa, Transport::kTcpServer},
                                           FeedCase{Format::kCot, Transport::kUdp},
                                           FeedCase{Format::kCot, Transport::kTcpServer},
                                           FeedCase{Format::kDistress, Transport::kUdp},
                                           FeedCase{Format::kDistress, Transport::kTcpServer}),
                         case_name);

/// A stream connection that ends inside a message loses that message's bytes: the loss is
/// counted, and the next connection's messages decode.
class DroppedConnection : public ::testing::TestWithParam<Format> {};

TEST_P(DroppedConnection, InsideAMessageIsCounted) {
  const FormatKit kit = testing::format_kit(GetParam());
  const EngineConfig config = config_for(kit, Transport::kTcpServer);
  InputWriter writer(false);
  const TimedMessage& first = kit.messages[0];
  const TimedMessage& second = kit.messages[1];
  writer.reconnect(first.receive_time);
  writer.send(first.receive_time, first.bytes);
  writer.send(second.receive_time, second.bytes.substr(0, kit.cut_limit(second) / 2));
  writer.reconnect(second.receive_time);
  writer.send(second.receive_time, second.bytes);
  const RunResult result = run(config, writer.take());
  std::cout << kit.name << ": {" << describe(result.rejections) << "}\n";
  InputWriter clean_writer(false);
  clean_writer.reconnect(first.receive_time);
  clean_writer.send(first.receive_time, first.bytes);
  clean_writer.send(second.receive_time, second.bytes);
  const RunResult clean = run(config, clean_writer.take());
  expect_same_observations(clean.observations, result.observations);
  EXPECT_EQ(total(result.rejections), total(clean.rejections) + 1);
}

std::string format_name(const ::testing::TestParamInfo<Format>& info) {
  return to_string(info.param);
}

INSTANTIATE_TEST_SUITE_P(StreamFormats, DroppedConnection,
                         ::testing::Values(Format::kCot, Format::kAis, Format::kAsterix,
                                           Format::kArpa, Format::kDistress),
                         format_name);

/// Every datagram of garbage or NUL bytes is counted at least once and makes nothing.
class BadDatagrams : public ::testing::TestWithParam<Format> {};

TEST_P(BadDatagrams, AreEachCounted) {
  const FormatKit kit = testing::format_kit(GetParam());
  const EngineConfig config = config_for(kit, Transport::kUdp);
  std::mt19937_64 random(kGarbageSeed);
  std::cout << "garbage seed " << kGarbageSeed << "\n";
  std::uniform_int_distribution<std::size_t> garbage_size(1, 1500);
  InputWriter writer(true);
  constexpr std::size_t kGarbageDatagrams = 50;
  constexpr std::size_t kNulDatagrams = 10;
  for (std::size_t datagram_idx = 0; datagram_idx < kGarbageDatagrams; ++datagram_idx) {
    // A first byte that is neither blank nor a comment, so that no datagram is a skip.
    writer.send(kBadInputStart, "\x01" + random_garbage(kit, random, garbage_size(random)));
  }
  for (std::size_t datagram_idx = 0; datagram_idx < kNulDatagrams; ++datagram_idx) {
    writer.send(kBadInputStart, std::string(1 + datagram_idx * 7, '\0'));
  }
  const RunResult result = run(config, writer.take());
  std::cout << kit.name << ": {" << describe(result.rejections) << "}\n";
  EXPECT_TRUE(result.observations.empty());
  EXPECT_EQ(result.decoded, 0U);
  EXPECT_GE(total(result.rejections), kGarbageDatagrams + kNulDatagrams);
}

INSTANTIATE_TEST_SUITE_P(Formats, BadDatagrams,
                         ::testing::Values(Format::kAis, Format::kAsterix, Format::kCot,
                                           Format::kDistress, Format::kArpa),
                         format_name);

/// A few bytes of garbage in a CoT stream lose at most the event they run into.
TEST(BadInputCotStream, GarbageOpeningACommentLosesNoMoreThanTheNextEvent) {
  // Disabled, bug: four bytes of garbage, "<!--" or "<!x\"", opening a comment or a
  // declaration between events make the cot::Framer (ingest/cot/framer.cpp, lex_byte:
  // kComment / kDeclaration at depth 0) swallow every following event up to
  // max_event_bytes (64 KiB: about 220 events of 300 bytes), counted once as "oversized",
  // or up to the end of the connection, counted once as "truncated" — and until then
  // nothing is counted: here 59 of 60 events are lost and rejections() is empty.
  // The framer restarts at "<?xml" / "<event" only inside an open event or in raw mode; a
  // CoT stream never holds a comment or DOCTYPE that contains one, so these are safe
  // restart points at depth 0 too ("<?" alone loses one event, counted not_xml).
  const FormatKit kit = testing::cot_kit();
  const EngineConfig config = config_for(kit, Transport::kTcpServer);
  for (const std::string garbage : {"<!--", "<!x\""}) {
    InputWriter clean_writer(false);
    InputWriter noisy_writer(false);
    clean_writer.reconnect(kBadInputStart);
    noisy_writer.reconnect(kBadInputStart);
    noisy_writer.send(kBadInputStart, garbage);
    for (const TimedMessage& message : kit.messages) {
      clean_writer.send(message.receive_time, message.bytes);
      noisy_writer.send(message.receive_time, message.bytes);
    }
    const RunResult clean = run(config, clean_writer.take());
    const RunResult noisy = run(config, noisy_writer.take());
    EXPECT_GE(noisy.observations.size() + 1, clean.observations.size()) << garbage;
    EXPECT_GT(total(noisy.rejections), 0U) << garbage;
  }
}

// --- The live engine over real sockets -------------------------------------------------

using testing::loopback;
using testing::wait_for;

/// How long a live check waits (ASan builds on a busy machine are slow).
constexpr std::chrono::seconds kLiveLimit{20};

bool send_udp(int socket_fd, std::uint16_t port, const std::string& datagram) {
  const sockaddr_in address = loopback(port);
  return ::sendto(socket_fd, datagram.data(), datagram.size(), 0,
                  reinterpret_cast<const sockaddr*>(&address),
                  sizeof(address)) == static_cast<ssize_t>(datagram.size());
}

/// Connects to `port`, writes `bytes` and closes; false on any failure.
bool send_tcp(std::uint16_t port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in address = loopback(port);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    if (fd >= 0) ::close(fd);
    return false;
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t result = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (result <= 0) break;
    written += static_cast<std::size_t>(result);
  }
  ::close(fd);
  return written == bytes.size();
}

TEST(BadInputLive, EngineKeepsTrackingAfterGarbageOnItsSockets) {
  testing::TempDir data_dir("bad-input-live");
  EngineConfig config;
  config.data_dir = data_dir.path().string();
  config.fsync = false;
  config.reorder_window_s = 60.0;
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

  SystemClock clock;
  auto engine = Engine::create(config, clock);
  ASSERT_TRUE(engine.ok()) << engine.error().detail;
  ASSERT_TRUE((*engine)->start().ok());
  const std::uint16_t udp_port = (*engine)->bound_port(0);
  const std::uint16_t tcp_port = (*engine)->bound_port(1);
  ASSERT_NE(udp_port, 0);
  ASSERT_NE(tcp_port, 0);

  std::mt19937_64 random(kGarbageSeed);
  std::cout << "garbage seed " << kGarbageSeed << "\n";
  const FormatKit ais_garbage_kit = testing::ais_kit();
  const FormatKit cot_garbage_kit = testing::cot_kit();
  std::uniform_int_distribution<std::size_t> garbage_size(1, 1400);

  // UDP: garbage datagrams, a 60 KiB one, NULs, an empty one; then the AIS sample.
  const int udp = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(udp, 0);
  std::uint64_t datagrams = 0;
  for (int garbage_idx = 0; garbage_idx < 20; ++garbage_idx) {
    ASSERT_TRUE(
        send_udp(udp, udp_port, random_garbage(ais_garbage_kit, random, garbage_size(random))));
    ++datagrams;
  }
  ASSERT_TRUE(send_udp(udp, udp_port, "!AIVDM,1,1,,A," + std::string(60 * 1024, '1') + ",0*00"));
  ASSERT_TRUE(send_udp(udp, udp_port, std::string(512, '\0')));
  ASSERT_TRUE(send_udp(udp, udp_port, ""));
  datagrams += 3;
  const auto lines = testing::sample_ais_lines();
  for (std::size_t line_idx = 0; line_idx < lines.size(); line_idx += 4) {
    std::string datagram;
    for (std::size_t part = line_idx; part < std::min(lines.size(), line_idx + 4); ++part) {
      datagram += lines[part] + "\r\n";
    }
    ASSERT_TRUE(send_udp(udp, udp_port, datagram));
    ++datagrams;
  }
  ::close(udp);

  // TCP: a connection of garbage only; then one with garbage before a patrol's event.
  const std::string garbage_only = random_garbage(cot_garbage_kit, random, 200 * 1024);
  const std::string event =
      testing::cot_event("fr-patrol-1", "a-f-S", clock.now(), LatLon{50.95, 1.55});
  const std::string garbage_then_event =
      random_garbage(cot_garbage_kit, random, 4096) + std::string(64, '\0') + event;
  const SourceCounters& tcp_counters = (*engine)->pipeline().counters(1);
  ASSERT_TRUE(send_tcp(tcp_port, garbage_only));
  ASSERT_TRUE(wait_for([&] { return tcp_counters.received_bytes.load() == garbage_only.size(); },
                       kLiveLimit));
  // The source takes one connection at a time and refuses (counts) one that comes while
  // the last is still open on its side: the sensor tries again, as a real one would.
  const std::uint64_t tcp_bytes = garbage_only.size() + garbage_then_event.size();
  for (int attempt = 0; attempt < 20; ++attempt) {
    const std::uint64_t refused = tcp_counters.transport_errors.load();
    ASSERT_TRUE(send_tcp(tcp_port, garbage_then_event));
    ASSERT_TRUE(wait_for(
        [&] {
          return tcp_counters.received_bytes.load() == tcp_bytes ||
                 tcp_counters.transport_errors.load() > refused;
        },
        kLiveLimit));
    if (tcp_counters.received_bytes.load() == tcp_bytes) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  ASSERT_TRUE(wait_for(
      [&] {
        return (*engine)->pipeline().counters(0).received.load() == datagrams &&
               (*engine)->pipeline().counters(1).received_bytes.load() == tcp_bytes;
      },
      kLiveLimit))
      << (*engine)->pipeline().counters(0).received.load() << " of " << datagrams << " datagrams, "
      << (*engine)->pipeline().counters(1).received_bytes.load() << " of " << tcp_bytes
      << " stream bytes";
  (*engine)->stop();
  const Pipeline& pipeline = (*engine)->pipeline();
  std::size_t cooperative = 0;
  std::size_t assets = 0;
  for (const track::FusedTrack& track : pipeline.picture().current()) {
    cooperative += track.track_class == track::TrackClass::kCooperative ? 1 : 0;
    assets += track.track_class == track::TrackClass::kOwnAsset ? 1 : 0;
  }
  EXPECT_GT(cooperative, 5U);
  EXPECT_EQ(assets, 1U);
  EXPECT_EQ(pipeline.decoder(1).decoded(), 1U);
  const ReasonCounts ais_rejections = pipeline.decoder(0).rejections();
  const ReasonCounts cot_rejections = pipeline.decoder(1).rejections();
  std::cout << "ais-udp {" << describe(ais_rejections) << "} cot-tcp {" << describe(cot_rejections)
            << "}\n";
  EXPECT_TRUE(ais_rejections.contains("line_too_long"));
  EXPECT_GE(total(ais_rejections), 20U);
  EXPECT_TRUE(cot_rejections.contains("not_xml"));
  EXPECT_EQ(pipeline.counters(0).dropped_queue.load(), 0U);
  EXPECT_EQ(pipeline.counters(1).connects.load(), 2U);

  // The garbage is in the journal, and replaying it gives the same picture.
  ManualClock replay_clock(0);
  auto replayed_pipeline = Pipeline::create(config, replay_clock);
  ASSERT_TRUE(replayed_pipeline.ok());
  auto replayed =
      replay_journal((data_dir.path() / "journal").string(), config, **replayed_pipeline);
  ASSERT_TRUE(replayed.ok()) << replayed.error().detail;
  testing::expect_same_tracks(pipeline.picture().current(),
                              (*replayed_pipeline)->picture().current());
  EXPECT_EQ((*replayed_pipeline)->decoder(0).rejections(), ais_rejections);
  EXPECT_EQ((*replayed_pipeline)->decoder(1).rejections(), cot_rejections);
}

}  // namespace
}  // namespace sw::engine
