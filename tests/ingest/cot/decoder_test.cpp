// The CoT stream decoder: events concatenated in a TCP stream or file, split anywhere
// across reads, with declarations, junk, truncation and oversized events between them;
// and single UDP datagrams. Every rejection is counted by reason and the stream resyncs.

#include "ingest/cot/decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/rng.h"
#include "ingest/cot/encoder.h"

namespace sw::cot {
namespace {

/// A friendly patrol aircraft position, as ATAK writes it (single quotes, no newline).
std::string aircraft(const std::string& uid, const std::string& callsign = "BORDER-FORCE-1") {
  return "<event version='2.0' uid='" + uid +
         "' type='a-f-A-C-F' time='2024-05-01T12:00:00.000Z' start='2024-05-01T12:00:00.000Z'"
         " stale='2024-05-01T12:00:30.000Z' how='m-g'><point lat='51.05' lon='1.40' hae='450.0'"
         " ce='12.0' le='20.0'/><detail><contact callsign='" +
         callsign + "'/><track course='270.0' speed='72.0'/></detail></event>";
}

constexpr const char* kDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";

struct Decoded {
  std::vector<CotEvent> events;
  DecoderStats stats;
};

/// Feeds `stream` in pieces of `piece_size` bytes (0: all at once), then finishes.
Decoded decode_stream(const std::string& stream, std::size_t piece_size = 0,
                      Decoder::Options options = {}) {
  Decoder decoder(options);
  Decoded decoded;
  if (piece_size == 0) piece_size = stream.size() + 1;
  for (std::size_t begin = 0; begin < stream.size(); begin += piece_size) {
    decoder.feed(std::string_view(stream).substr(begin, piece_size), decoded.events);
  }
  decoder.finish();
  decoded.stats = decoder.stats();
  return decoded;
}

std::vector<std::string> uids(const Decoded& decoded) {
  std::vector<std::string> result;
  for (const auto& event : decoded.events) result.push_back(event.uid);
  return result;
}

using Uids = std::vector<std::string>;

TEST(CotDecoder, TwoEventsInOneBuffer) {
  const Decoded decoded = decode_stream(aircraft("A") + aircraft("B"));
  EXPECT_EQ(uids(decoded), (Uids{"A", "B"}));
  EXPECT_EQ(decoded.stats.events(), 2U);
  EXPECT_EQ(decoded.stats.rejected(), 0U);
  EXPECT_EQ(decoded.events[1].callsign, "BORDER-FORCE-1");
  EXPECT_DOUBLE_EQ(decoded.events[1].track->speed_mps, 72.0);
}

TEST(CotDecoder, EventSplitAcrossTwoFeedCalls) {
  const std::string event = aircraft("SPLIT");
  const std::size_t middle = event.find("lat=") + 2;  // inside an attribute name
  Decoder decoder;
  std::vector<CotEvent> events;
  EXPECT_EQ(decoder.feed(event.substr(0, middle), events), 0U);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(decoder.feed(event.substr(middle), events), 1U);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].uid, "SPLIT");
  EXPECT_DOUBLE_EQ(events[0].point.lat, 51.05);
}

TEST(CotDecoder, EverySplitPointGivesTheSameEvents) {
  const std::string stream = std::string(kDeclaration) + "\n" + aircraft("A") + "\r\n" +
                             kDeclaration + aircraft("B") + aircraft("C") + "\n";
  const Decoded whole = decode_stream(stream);
  ASSERT_EQ(uids(whole), (Uids{"A", "B", "C"}));
  for (std::size_t piece_size = 1; piece_size < 64; ++piece_size) {
    const Decoded pieces = decode_stream(stream, piece_size);
    EXPECT_EQ(pieces.events, whole.events) << piece_size;
    EXPECT_EQ(pieces.stats.rejected(), 0U) << piece_size;
  }
}

TEST(CotDecoder, TruncatedStreamCountedAtFinish) {
  const std::string event = aircraft("A");
  const Decoded decoded = decode_stream(aircraft("WHOLE") + event.substr(0, event.size() - 3));
  EXPECT_EQ(uids(decoded), (Uids{"WHOLE"}));
  EXPECT_EQ(decoded.stats.count(Reason::kTruncated), 1U);
  EXPECT_EQ(decoded.stats.rejected(), 1U);
}

TEST(CotDecoder, EventCutOffByANewEventOrDeclarationIsTruncated) {
  const std::string whole = aircraft("CUT");
  const std::string cut = whole.substr(0, whole.find("<contact"));  // ends between tags
  // Reconnected sender: a declaration, then a whole event.
  Decoded decoded = decode_stream(cut + kDeclaration + aircraft("AFTER-DECLARATION"));
  EXPECT_EQ(uids(decoded), (Uids{"AFTER-DECLARATION"}));
  EXPECT_EQ(decoded.stats.count(Reason::kTruncated), 1U);
  // No declaration: the next <event start tag ends the cut one.
  decoded = decode_stream(cut + aircraft("AFTER-EVENT"));
  EXPECT_EQ(uids(decoded), (Uids{"AFTER-EVENT"}));
  EXPECT_EQ(decoded.stats.count(Reason::kTruncated), 1U);
}

TEST(CotDecoder, SelfClosingEventIsOneDocument) {
  const Decoded decoded = decode_stream("<event/>\n<event />" + aircraft("NEXT"));
  EXPECT_EQ(uids(decoded), (Uids{"NEXT"}));
  EXPECT_EQ(decoded.stats.count(Reason::kMissingUid), 2U);
}

TEST(CotDecoder, MarkupInsideValuesCommentsAndCdataIsNoBoundary) {
  std::string event = aircraft("QUOTED", "a>b/>c");
  event.insert(event.find("<detail>") + 8,
               "<!-- <event> --><remarks><![CDATA[ <detail/> x > y ]]></remarks>");
  const Decoded decoded =
      decode_stream(std::string("<!-- leading comment -->") + event + aircraft("NEXT"), 5);
  EXPECT_EQ(uids(decoded), (Uids{"QUOTED", "NEXT"}));
  EXPECT_EQ(decoded.events[0].callsign, "a>b/>c");
  EXPECT_EQ(decoded.events[0].remarks, " <detail/> x > y ");
  EXPECT_EQ(decoded.stats.rejected(), 0U);
}

TEST(CotDecoder, JunkBetweenEventsCountedOncePerRun) {
  const Decoded decoded =
      decode_stream(aircraft("A") + "\nkeepalive ping } junk\n" + aircraft("B") + "tail");
  EXPECT_EQ(uids(decoded), (Uids{"A", "B"}));
  EXPECT_EQ(decoded.stats.count(Reason::kNotXml), 2U);
  EXPECT_EQ(decoded.stats.rejected(), 2U);
}

TEST(CotDecoder, StreamJoinedMidEventResyncs) {
  // A listener that connects in the middle of an event sees its tail first.
  const std::string event = aircraft("LOST");
  const std::string tail = event.substr(event.find("lon="));
  const Decoded decoded = decode_stream(tail + "\n" + aircraft("FIRST-WHOLE"));
  EXPECT_EQ(uids(decoded), (Uids{"FIRST-WHOLE"}));
  EXPECT_GE(decoded.stats.count(Reason::kNotXml), 1U);
  EXPECT_EQ(decoded.stats.events(), 1U);
}

TEST(CotDecoder, UnbalancedQuoteEndsAtTheNextEvent) {
  // As in a real 2016 ATAK capture: senderUrl="...f67 sizeInBytes="1814" (quote missing).
  std::string broken = aircraft("BROKEN");
  broken.replace(broken.find("<track"), 0,
                 R"(<fileshare senderUrl="http://h/x?uid=72fb sizeInBytes="1814" name="MP"/>)");
  // ... and its end tag mangled to "< /event> }": it ends where the next document starts.
  std::string mangled = broken;
  mangled.replace(mangled.find("</event>"), 8, "< /event> }");
  const Decoded decoded =
      decode_stream(mangled + "\n" + kDeclaration + aircraft("OK-1") + aircraft("OK-2"));
  EXPECT_EQ(uids(decoded), (Uids{"OK-1", "OK-2"}));
  EXPECT_EQ(decoded.stats.count(Reason::kNotXml), 1U);
  EXPECT_EQ(decoded.stats.rejected(), 1U);
  // Malformed without a following event: it ends at its own "</event>", as TAK splits.
  const Decoded alone = decode_stream(broken + aircraft("OK-3"));
  EXPECT_EQ(uids(alone), (Uids{"OK-3"}));
  EXPECT_EQ(alone.stats.count(Reason::kNotXml), 1U);
}

TEST(CotDecoder, EndEventTokenEndsAnEventWithUnclosedChildren) {
  std::string unclosed = aircraft("UNCLOSED");
  unclosed.replace(unclosed.find("</detail>"), 9, "");
  const Decoded decoded = decode_stream(unclosed + aircraft("NEXT"));
  EXPECT_EQ(uids(decoded), (Uids{"NEXT"}));
  EXPECT_EQ(decoded.stats.count(Reason::kNotXml), 1U);
}

TEST(CotDecoder, OversizedEventSkippedAndStreamResynced) {
  Decoder::Options options;
  options.max_event_bytes = 1024;
  const std::string big = aircraft("BIG", std::string(4000, 'x'));
  for (const std::size_t piece_size : {std::size_t{0}, std::size_t{1}, std::size_t{100}}) {
    const Decoded decoded =
        decode_stream(aircraft("BEFORE") + big + aircraft("AFTER"), piece_size, options);
    EXPECT_EQ(uids(decoded), (Uids{"BEFORE", "AFTER"})) << piece_size;
    EXPECT_EQ(decoded.stats.count(Reason::kOversized), 1U) << piece_size;
    EXPECT_EQ(decoded.stats.rejected(), 1U) << piece_size;
  }
}

TEST(CotDecoder, OversizedGarbageResyncsAtTheNextEventStart) {
  Decoder::Options options;
  options.max_event_bytes = 512;
  // An open quote that never closes: only the oversize limit can end it.
  const std::string garbage = "<event uid='" + std::string(3000, 'g');
  const Decoded decoded = decode_stream(garbage + kDeclaration + aircraft("AFTER"), 7, options);
  EXPECT_EQ(uids(decoded), (Uids{"AFTER"}));
  EXPECT_EQ(decoded.stats.count(Reason::kOversized), 1U);
}

TEST(CotDecoder, MemoryStaysBoundedOnEndlessInput) {
  Decoder::Options options;
  options.max_event_bytes = 4096;
  Framer framer(options.max_event_bytes);
  std::vector<CotEvent> events;
  Decoder decoder(options);
  const std::string whitespace(10000, '\n');
  const std::string unterminated = "<event uid='" + std::string(10000, 'u');
  for (int round = 0; round < 20; ++round) {
    decoder.feed(whitespace, events);
    decoder.feed(round == 0 ? unterminated : std::string(10000, 'u'), events);
    framer.append(round == 0 ? unterminated : std::string(10000, 'u'));
    while (framer.next()) {
    }
    EXPECT_LE(framer.pending_bytes(), options.max_event_bytes) << round;
  }
  decoder.finish();
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(decoder.stats().count(Reason::kOversized), 1U);
  EXPECT_EQ(decoder.stats().rejected(), 1U);  // whitespace is never an event
}

TEST(CotDecoder, DatagramHoldsOneDocument) {
  Decoder decoder;
  const auto decoded = decoder.decode_datagram(std::string(kDeclaration) + aircraft("UDP"));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->uid, "UDP");

  const auto two = decoder.decode_datagram(aircraft("A") + aircraft("B"));
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, "not_xml");
  const auto protobuf = decoder.decode_datagram(std::string("\xBF\x01\xBF\x0A\x05", 5));
  ASSERT_FALSE(protobuf.ok());
  EXPECT_EQ(protobuf.error().code, "tak_protobuf");

  Decoder::Options small;
  small.max_event_bytes = 128;
  Decoder small_decoder(small);
  const auto oversized = small_decoder.decode_datagram(aircraft("TOO-BIG"));
  ASSERT_FALSE(oversized.ok());
  EXPECT_EQ(oversized.error().code, "oversized");

  EXPECT_EQ(decoder.stats().events(), 1U);
  EXPECT_EQ(decoder.stats().count(Reason::kNotXml), 1U);
  EXPECT_EQ(decoder.stats().count(Reason::kProtobuf), 1U);
  EXPECT_EQ(decoder.stats().documents, 3U);
}

TEST(CotDecoder, RandomPiecesOfAMixedStreamGiveTheSameResult) {
  Rng rng(7);
  std::string stream;
  for (int event_idx = 0; event_idx < 40; ++event_idx) {
    const double choice = rng.uniform();
    if (choice < 0.1) stream += "\n garbage \n";
    if (choice > 0.9) stream += kDeclaration;
    if (choice > 0.45 && choice < 0.5) stream += aircraft("CUT").substr(0, 150);
    stream += aircraft("E" + std::to_string(event_idx));
    if (rng.uniform() < 0.5) stream += "\n";
  }
  const Decoded whole = decode_stream(stream);
  EXPECT_EQ(whole.stats.events(), 40U);
  for (int trial = 0; trial < 50; ++trial) {
    Decoder decoder;
    std::vector<CotEvent> events;
    std::size_t begin = 0;
    while (begin < stream.size()) {
      const auto length = static_cast<std::size_t>(rng.uniform(1.0, 400.0));
      decoder.feed(std::string_view(stream).substr(begin, length), events);
      begin += length;
    }
    decoder.finish();
    EXPECT_EQ(events, whole.events) << "seed 7 trial " << trial;
    EXPECT_EQ(decoder.stats().by_reason, whole.stats.by_reason) << "seed 7 trial " << trial;
  }
}

}  // namespace
}  // namespace sw::cot
