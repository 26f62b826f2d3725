// The CoT encoder: exact, deterministic XML text, escaping of anything a caller puts in
// a string, and unknown values written as CoT's 9999999.0.

#include "ingest/cot/encoder.h"

#include <gtest/gtest.h>

#include "ingest/cot/cot_time.h"
#include "ingest/cot/event_parser.h"

namespace sw::cot {
namespace {

CotEvent patrol_vessel() {
  CotEvent event;
  event.type = "a-f-S";
  event.uid = "UK-BF-VALIANT";
  event.how = "m-g";
  event.time = *parse_cot_time("2024-05-01T12:00:00Z");
  event.start = event.time;
  event.stale = *parse_cot_time("2024-05-01T12:05:00.25Z");
  event.point = CotPoint{51.0125, 1.4875, 2.5, 10.0, std::nullopt};
  event.track = CotTrack{225.5, 4.1};
  event.callsign = "VALIANT";
  event.group = CotGroup{"Cyan", "Team Member"};
  event.releaseable_to = {"GBR", "FRA"};
  event.caveat = "TLP:AMBER";
  return event;
}

TEST(CotEncoder, WritesTheExpectedDocument) {
  EXPECT_EQ(encode_cot(patrol_vessel()),
            R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
            R"(<event version="2.0" uid="UK-BF-VALIANT" type="a-f-S" how="m-g")"
            R"( time="2024-05-01T12:00:00.000Z" start="2024-05-01T12:00:00.000Z")"
            R"( stale="2024-05-01T12:05:00.250Z" caveat="TLP:AMBER" releaseableTo="GBR,FRA">)"
            R"(<point lat="51.0125" lon="1.4875" hae="2.5" ce="10.0" le="9999999.0"/>)"
            R"(<detail><contact callsign="VALIANT"/><__group name="Cyan" role="Team Member"/>)"
            R"(<track course="225.5" speed="4.1"/></detail></event>)");
}

TEST(CotEncoder, IsDeterministic) {
  EXPECT_EQ(encode_cot(patrol_vessel()), encode_cot(patrol_vessel()));
}

TEST(CotEncoder, MinimalEventHasEmptyDetailAndUnknownPointErrors) {
  CotEvent event;
  event.type = "a-u-S";
  event.uid = "x";
  const std::string xml = encode_cot(event);
  EXPECT_NE(xml.find(R"(how="")"), std::string::npos);
  EXPECT_NE(
      xml.find(R"(<point lat="0.0" lon="0.0" hae="9999999.0" ce="9999999.0" le="9999999.0"/>)"),
      std::string::npos);
  EXPECT_NE(xml.find("<detail/></event>"), std::string::npos);
  EXPECT_EQ(xml.find("releaseableTo"), std::string::npos);
  EXPECT_EQ(xml.find("caveat"), std::string::npos);
}

TEST(CotEncoder, EscapesMarkupQuotesAndLineBreaks) {
  CotEvent event = patrol_vessel();
  event.uid = R"(a&b<c>d"e'f)";
  event.callsign = "line1\nline2\ttab\rcr";
  event.remarks = "5 < 6 & ]]> done";
  const std::string xml = encode_cot(event);
  EXPECT_NE(xml.find(R"(uid="a&amp;b&lt;c&gt;d&quot;e&apos;f")"), std::string::npos);
  EXPECT_NE(xml.find(R"(callsign="line1&#10;line2&#9;tab&#13;cr")"), std::string::npos);
  EXPECT_NE(xml.find("<remarks>5 &lt; 6 &amp; ]]&gt; done</remarks>"), std::string::npos);

  const auto decoded = decode_cot(xml);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_EQ(decoded->uid, event.uid);
  EXPECT_EQ(decoded->callsign, event.callsign);
  EXPECT_EQ(decoded->remarks, event.remarks);
}

TEST(CotEncoder, ReplacesWhatXmlCannotCarryAndKeepsValidUtf8) {
  CotEvent event = patrol_vessel();
  event.callsign = "C\xC3\xB4te d'Opale \xE2\x9A\x93";  // "Côte d'Opale ⚓"
  event.remarks = std::string("bell\x07 nul\0 bad\xFF\xC3 surrogate\xED\xA0\x80", 29);
  const std::string xml = encode_cot(event);
  EXPECT_NE(xml.find("callsign=\"C\xC3\xB4te d&apos;Opale \xE2\x9A\x93\""), std::string::npos);
  EXPECT_NE(xml.find("<remarks>bell? nul? bad?? surrogate??"
                     "?</remarks>"),
            std::string::npos);
  const auto decoded = decode_cot(xml);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_EQ(decoded->callsign, event.callsign);
}

TEST(CotEncoder, WritesNumbersExactlyWithoutExponents) {
  CotEvent event = patrol_vessel();
  event.point.lat = 50.123456789012345;
  event.point.lon = -0.000001;
  event.point.hae_m = -1e-7;
  event.track = CotTrack{0.0, 1e-9};
  const std::string xml = encode_cot(event);
  // No exponent in any value of <point> or <track> (xs:decimal has none).
  for (const char* element : {"<point ", "<track "}) {
    const std::size_t begin = xml.find(element);
    const std::size_t end = xml.find("/>", begin);
    ASSERT_NE(begin, std::string::npos);
    for (std::size_t quote = xml.find('"', begin); quote < end;) {
      const std::size_t close = xml.find('"', quote + 1);
      const std::string value = xml.substr(quote + 1, close - quote - 1);
      EXPECT_EQ(value.find_first_of("eE"), std::string::npos) << value;
      quote = xml.find('"', close + 1);
    }
  }
  EXPECT_NE(xml.find(R"(lon="-0.000001")"), std::string::npos);
  EXPECT_NE(xml.find(R"(hae="-0.0000001")"), std::string::npos);
  EXPECT_NE(xml.find(R"(speed="0.000000001")"), std::string::npos);
  const auto decoded = decode_cot(xml);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->point, event.point);
  EXPECT_EQ(decoded->track, event.track);
}

}  // namespace
}  // namespace sw::cot
