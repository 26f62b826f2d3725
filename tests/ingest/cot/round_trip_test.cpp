// encode_cot -> decode: randomised events (seeded sw::Rng) come back equal, one by one
// (UDP datagrams) and concatenated in one stream cut into random pieces (TCP).

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.h"
#include "ingest/cot/decoder.h"
#include "ingest/cot/encoder.h"
#include "ingest/cot/event_parser.h"

namespace sw::cot {
namespace {

constexpr std::uint64_t kSeed = 0xC07;

std::size_t pick(Rng& rng, std::size_t count) {
  return static_cast<std::size_t>(rng.next() % count);
}

/// Text XML can carry, including markup characters, quotes, tabs, line breaks and
/// multi-byte UTF-8. `no_separators` leaves out what splits a releaseableTo list.
std::string random_text(Rng& rng, std::size_t max_length, bool no_separators = false) {
  static constexpr std::array<std::string_view, 16> kPieces = {"a",
                                                               "Z",
                                                               "7",
                                                               "-",
                                                               ".",
                                                               "&",
                                                               "<",
                                                               ">",
                                                               "\"",
                                                               "'",
                                                               " ",
                                                               "\t",
                                                               "\n",
                                                               "\xC3\xA9",
                                                               "\xE2\x9A\x93",
                                                               "\xF0\x9F\x9A\xA4"};
  std::string text;
  const std::size_t length = 1 + pick(rng, max_length);
  while (text.size() < length) {
    const std::string_view piece = kPieces[pick(rng, kPieces.size())];
    if (no_separators && (piece == " " || piece == "\t" || piece == "\n")) continue;
    text += piece;
  }
  return text;
}

std::optional<double> maybe(Rng& rng, double low, double high) {
  if (rng.uniform() < 0.3) return std::nullopt;
  return rng.uniform(low, high);
}

CotEvent random_event(Rng& rng) {
  static constexpr std::array<const char*, 8> kTypes = {
      "a-u-S", "a-f-S", "a-f-A", "a-h-S", "a-n-S", "a-f-A-M-H-Q", "a-u-S-X;ext", "b-m-p-s-m"};
  static constexpr std::array<const char*, 4> kHows = {"m-g", "h-e", "m-r", ""};
  CotEvent event;
  event.type = kTypes[pick(rng, kTypes.size())];
  event.uid = random_text(rng, 40);
  event.how = kHows[pick(rng, kHows.size())];
  event.time = static_cast<TimeNs>(rng.uniform(0.0, 4.0e18));
  event.start = event.time - static_cast<TimeNs>(rng.uniform(0.0, 1.0e12));
  event.stale = event.time + static_cast<TimeNs>(rng.uniform(0.0, 1.0e13));
  event.point.lat = rng.uniform(-90.0, 90.0);
  event.point.lon = rng.uniform(-180.0, 180.0);
  event.point.hae_m = maybe(rng, -500.0, 12000.0);
  event.point.ce_m = maybe(rng, 0.0, 50000.0);
  event.point.le_m = maybe(rng, 0.0, 5000.0);
  if (rng.uniform() < 0.7) event.track = CotTrack{rng.uniform(0.0, 360.0), rng.uniform(0.0, 300.0)};
  if (rng.uniform() < 0.7) event.callsign = random_text(rng, 20);
  if (rng.uniform() < 0.5) event.group = CotGroup{random_text(rng, 10), random_text(rng, 12)};
  if (rng.uniform() < 0.3) event.remarks = random_text(rng, 200);
  const std::size_t release_count = pick(rng, 4);
  for (std::size_t entry_idx = 0; entry_idx < release_count; ++entry_idx) {
    std::string entry = random_text(rng, 6, true);
    for (char& c : entry) {
      if (c == ',' || c == ';') c = '_';
    }
    event.releaseable_to.push_back(entry);
  }
  if (rng.uniform() < 0.4) event.caveat = random_text(rng, 12);
  if (rng.uniform() < 0.2) event.access = "Unclassified";
  if (rng.uniform() < 0.2) event.opex = "e-CHANNEL";
  if (rng.uniform() < 0.2) event.qos = "1-r-c";
  return event;
}

TEST(CotRoundTrip, RandomEventsDecodeToThemselves) {
  Rng rng(kSeed);
  for (int event_idx = 0; event_idx < 2000; ++event_idx) {
    const CotEvent event = random_event(rng);
    const std::string xml = encode_cot(event);
    const auto decoded = decode_cot(xml);
    ASSERT_TRUE(decoded.ok()) << "seed " << kSeed << " event " << event_idx << ": "
                              << decoded.error().code << "\n"
                              << xml;
    ASSERT_EQ(*decoded, event) << "seed " << kSeed << " event " << event_idx << "\n" << xml;
    ASSERT_EQ(encode_cot(*decoded), xml);
  }
}

TEST(CotRoundTrip, RandomEventsThroughAStreamInRandomPieces) {
  Rng rng(kSeed + 1);
  std::vector<CotEvent> sent;
  std::string stream;
  for (int event_idx = 0; event_idx < 300; ++event_idx) {
    sent.push_back(random_event(rng));
    stream += encode_cot(sent.back());
    if (rng.uniform() < 0.5) stream += "\n";
  }
  Decoder decoder;
  std::vector<CotEvent> received;
  for (std::size_t begin = 0; begin < stream.size();) {
    const std::size_t length = 1 + pick(rng, 3000);
    decoder.feed(std::string_view(stream).substr(begin, length), received);
    begin += length;
  }
  decoder.finish();
  EXPECT_EQ(decoder.stats().rejected(), 0U);
  EXPECT_EQ(received, sent);
}

}  // namespace
}  // namespace sw::cot
