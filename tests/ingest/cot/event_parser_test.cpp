// One CoT document -> CotEvent, or a counted reason: hand-made documents for every
// field straitwatch reads and every way a document is refused, including DOCTYPE and
// entity attacks (never expanded).

#include "ingest/cot/event_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/cot/cot_time.h"

namespace sw::cot {
namespace {

/// A drone sighting of an unknown surface contact, with every field we read.
constexpr const char* kDroneSighting =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<event version="2.0" uid="FR-DRONE-7.contact-12" type="a-u-S" how="m-r"
       time="2024-05-01T02:13:07.250Z" start="2024-05-01T02:13:07.250Z"
       stale="2024-05-01T02:18:07Z" access="Unclassified" opex="e-CHANNEL" qos="5-r-d"
       releaseableTo="FRA GBR,BEL" caveat="TLP:AMBER">
  <point lat="50.9621" lon="1.6253" hae="0" ce="35.5" le="9999999"/>
  <detail>
    <contact callsign="DRONE-7 contact 12"/>
    <__group name="Magenta" role="HQ"/>
    <track course="302.0" speed="1.8" slope="0"/>
    <remarks>small inflatable, low in the water</remarks>
    <unknown_extension a="b"><nested/></unknown_extension>
  </detail>
</event>)";

ParsedDocument parse(const std::string& document) { return parse_document(document); }

/// kDroneSighting from its <event> on (without the XML declaration).
std::string sighting_body() {
  const std::string document = kDroneSighting;
  return document.substr(document.find("<event"));
}

/// kDroneSighting with `from` replaced by `to` (which must occur).
std::string sighting_with(const std::string& from, const std::string& to) {
  std::string document = kDroneSighting;
  const std::size_t pos = document.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) document.replace(pos, from.size(), to);
  return document;
}

Reason reason_of(const std::string& document) { return parse(document).reason; }

TEST(CotEventParser, ReadsEveryFieldOfADroneSighting) {
  const ParsedDocument parsed = parse(kDroneSighting);
  ASSERT_EQ(parsed.reason, Reason::kDecoded);
  const CotEvent& event = parsed.event;
  EXPECT_EQ(event.uid, "FR-DRONE-7.contact-12");
  EXPECT_EQ(event.type, "a-u-S");
  EXPECT_EQ(event.how, "m-r");
  EXPECT_EQ(event.time, *parse_cot_time("2024-05-01T02:13:07.250Z"));
  EXPECT_EQ(event.start, event.time);
  EXPECT_EQ(event.stale, *parse_cot_time("2024-05-01T02:18:07Z"));
  EXPECT_DOUBLE_EQ(event.point.lat, 50.9621);
  EXPECT_DOUBLE_EQ(event.point.lon, 1.6253);
  EXPECT_EQ(event.point.hae_m, 0.0);
  EXPECT_EQ(event.point.ce_m, 35.5);
  EXPECT_FALSE(event.point.le_m.has_value());
  ASSERT_TRUE(event.track.has_value());
  EXPECT_DOUBLE_EQ(event.track->course_deg, 302.0);
  EXPECT_DOUBLE_EQ(event.track->speed_mps, 1.8);
  EXPECT_EQ(event.callsign, "DRONE-7 contact 12");
  ASSERT_TRUE(event.group.has_value());
  EXPECT_EQ(event.group->name, "Magenta");
  EXPECT_EQ(event.group->role, "HQ");
  EXPECT_EQ(event.remarks, "small inflatable, low in the water");
  EXPECT_EQ(event.releaseable_to, (std::vector<std::string>{"FRA", "GBR", "BEL"}));
  EXPECT_EQ(event.caveat, "TLP:AMBER");
  EXPECT_EQ(event.access, "Unclassified");
  EXPECT_EQ(event.opex, "e-CHANNEL");
  EXPECT_EQ(event.qos, "5-r-d");
  EXPECT_FALSE(parsed.track_ignored);
}

TEST(CotEventParser, ReadsReleaseMarkingsFromDetailAndTheOtherSpelling) {
  const ParsedDocument unmarked =
      parse(sighting_with(R"(releaseableTo="FRA GBR,BEL" caveat="TLP:AMBER")", ""));
  ASSERT_EQ(unmarked.reason, Reason::kDecoded);
  EXPECT_TRUE(unmarked.event.releaseable_to.empty());
  EXPECT_FALSE(unmarked.event.caveat.has_value());

  std::string document = sighting_with(R"(releaseableTo="FRA GBR,BEL" caveat="TLP:AMBER")", "");
  document.replace(document.find("<detail>"), 8,
                   R"(<detail releasableTo="NLD;DEU" caveat="FOUO">)");
  const ParsedDocument parsed = parse(document);
  ASSERT_EQ(parsed.reason, Reason::kDecoded);
  EXPECT_EQ(parsed.event.releaseable_to, (std::vector<std::string>{"NLD", "DEU"}));
  EXPECT_EQ(parsed.event.caveat, "FOUO");

  // On both: the event's attributes win.
  std::string both = kDroneSighting;
  both.replace(both.find("<detail>"), 8, R"(<detail releaseableTo="NLD" caveat="FOUO">)");
  EXPECT_EQ(parse(both).event.releaseable_to, (std::vector<std::string>{"FRA", "GBR", "BEL"}));
  EXPECT_EQ(parse(both).event.caveat, "TLP:AMBER");
}

TEST(CotEventParser, UnknownPointErrorsAreAbsentNotNumbers) {
  for (const char* unknown : {"9999999", "9999999.0", "999999", "NaN", "nan", "INF"}) {
    const ParsedDocument parsed = parse(sighting_with(
        R"(hae="0" ce="35.5" le="9999999")",
        std::string("hae=\"") + unknown + "\" ce=\"" + unknown + "\" le=\"" + unknown + "\""));
    ASSERT_EQ(parsed.reason, Reason::kDecoded) << unknown;
    EXPECT_FALSE(parsed.event.point.hae_m.has_value()) << unknown;
    EXPECT_FALSE(parsed.event.point.ce_m.has_value()) << unknown;
    EXPECT_FALSE(parsed.event.point.le_m.has_value()) << unknown;
  }
  // Absent attributes are unknown too; 999998.9 is still a value.
  const ParsedDocument absent = parse(sighting_with(R"(hae="0" ce="35.5" le="9999999")", ""));
  ASSERT_EQ(absent.reason, Reason::kDecoded);
  EXPECT_FALSE(absent.event.point.ce_m.has_value());
  EXPECT_EQ(parse(sighting_with(R"(ce="35.5")", R"(ce="999998.9")")).event.point.ce_m, 999998.9);
}

TEST(CotEventParser, RefusesMissingOrBadPoint) {
  EXPECT_EQ(reason_of(sighting_with(
                R"(<point lat="50.9621" lon="1.6253" hae="0" ce="35.5" le="9999999"/>)", "")),
            Reason::kNoPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(lat="50.9621")", "")), Reason::kBadPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(lat="50.9621")", R"(lat="fifty")")), Reason::kBadPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(lon="1.6253")", R"(lon="inf")")), Reason::kBadPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(lat="50.9621")", R"(lat="NaN")")), Reason::kBadPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(ce="35.5")", R"(ce="-1")")), Reason::kBadPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(ce="35.5")", R"(ce="big")")), Reason::kBadPoint);
  EXPECT_EQ(reason_of(sighting_with(R"(lat="50.9621")", R"(lat="90.0001")")),
            Reason::kLatOutOfRange);
  EXPECT_EQ(reason_of(sighting_with(R"(lat="50.9621")", R"(lat="-91")")), Reason::kLatOutOfRange);
  EXPECT_EQ(reason_of(sighting_with(R"(lon="1.6253")", R"(lon="180.5")")), Reason::kLonOutOfRange);
  // Edges and xs:decimal forms are accepted.
  const ParsedDocument edge =
      parse(sighting_with(R"(lat="50.9621" lon="1.6253")", R"(lat=" +90 " lon="-180.000")"));
  ASSERT_EQ(edge.reason, Reason::kDecoded);
  EXPECT_EQ(edge.event.point.lat, 90.0);
  EXPECT_EQ(edge.event.point.lon, -180.0);
}

TEST(CotEventParser, RefusesBadTimesAndStaleBeforeTime) {
  EXPECT_EQ(reason_of(sighting_with(R"(time="2024-05-01T02:13:07.250Z")", "")), Reason::kBadTime);
  EXPECT_EQ(reason_of(sighting_with(R"(stale="2024-05-01T02:18:07Z")", "")), Reason::kBadTime);
  EXPECT_EQ(reason_of(sighting_with(R"(time="2024-05-01T02:13:07.250Z")", R"(time="TIME")")),
            Reason::kBadTime);
  EXPECT_EQ(reason_of(sighting_with(R"(start="2024-05-01T02:13:07.250Z")", R"(start="soon")")),
            Reason::kBadTime);
  EXPECT_EQ(reason_of(sighting_with(R"(stale="2024-05-01T02:18:07Z")",
                                    R"(stale="2024-05-01T02:13:07.249Z")")),
            Reason::kStaleBeforeTime);
  // stale == time is still valid (an event that is stale at once); start defaults to time.
  const ParsedDocument no_start = parse(sighting_with(R"(start="2024-05-01T02:13:07.250Z")", ""));
  ASSERT_EQ(no_start.reason, Reason::kDecoded);
  EXPECT_EQ(no_start.event.start, no_start.event.time);
  EXPECT_EQ(reason_of(sighting_with(R"(stale="2024-05-01T02:18:07Z")",
                                    R"(stale="2024-05-01T02:13:07.25Z")")),
            Reason::kDecoded);
}

TEST(CotEventParser, RefusesMissingIdentity) {
  EXPECT_EQ(reason_of(sighting_with(R"(uid="FR-DRONE-7.contact-12")", "")), Reason::kMissingUid);
  EXPECT_EQ(reason_of(sighting_with(R"(uid="FR-DRONE-7.contact-12")", R"(uid="")")),
            Reason::kMissingUid);
  EXPECT_EQ(reason_of(sighting_with(R"(type="a-u-S")", "")), Reason::kMissingType);
  const ParsedDocument no_how = parse(sighting_with(R"(how="m-r")", ""));
  ASSERT_EQ(no_how.reason, Reason::kDecoded);
  EXPECT_EQ(no_how.event.how, "");
}

TEST(CotEventParser, DropsAnInvalidTrackButKeepsTheEvent) {
  for (const char* track :
       {R"(<track course="-108.90" speed="0.0"/>)", R"(<track course="90"/>)",
        R"(<track course="90" speed="-1"/>)", R"(<track course="361" speed="1"/>)",
        R"(<track course="x" speed="1"/>)"}) {
    const ParsedDocument parsed =
        parse(sighting_with(R"(<track course="302.0" speed="1.8" slope="0"/>)", track));
    ASSERT_EQ(parsed.reason, Reason::kDecoded) << track;
    EXPECT_TRUE(parsed.track_ignored) << track;
    EXPECT_FALSE(parsed.event.track.has_value()) << track;
  }
  const ParsedDocument north = parse(sighting_with(
      R"(<track course="302.0" speed="1.8" slope="0"/>)", R"(<track course="360" speed="2"/>)"));
  ASSERT_TRUE(north.event.track.has_value());
  EXPECT_EQ(north.event.track->course_deg, 0.0);
}

TEST(CotEventParser, RefusesDoctypeAndEntityDeclarations) {
  const std::string billion_laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<event version="2.0" uid="&lol9;" type="a-u-S" how="m-g" time="2024-05-01T02:13:07Z"
 start="2024-05-01T02:13:07Z" stale="2024-05-01T02:18:07Z"><point lat="50" lon="1"/></event>)";
  EXPECT_EQ(reason_of(billion_laughs), Reason::kDoctype);
  // External entity (XXE) and a lower-case or bare declaration: refused the same way.
  EXPECT_EQ(reason_of(R"(<!DOCTYPE event SYSTEM "file:///etc/passwd">)" + sighting_body()),
            Reason::kDoctype);
  EXPECT_EQ(reason_of("<!doctype event>" + sighting_body()), Reason::kDoctype);
  EXPECT_EQ(reason_of(sighting_with("<detail>", "<detail><!ENTITY x \"y\">")), Reason::kDoctype);
}

TEST(CotEventParser, NeverExpandsUndeclaredEntities) {
  const ParsedDocument parsed =
      parse(sighting_with(R"(callsign="DRONE-7 contact 12")", R"(callsign="&lol9;&amp;&#65;")"));
  ASSERT_EQ(parsed.reason, Reason::kDecoded);
  EXPECT_EQ(parsed.event.callsign, "&lol9;&A");
}

TEST(CotEventParser, RefusesWhatIsNotOneCotEvent) {
  EXPECT_EQ(reason_of(""), Reason::kNotXml);
  EXPECT_EQ(reason_of("   \n"), Reason::kNotXml);
  EXPECT_EQ(reason_of("hello"), Reason::kNotXml);
  EXPECT_EQ(reason_of(std::string(kDroneSighting).substr(0, 300)), Reason::kNotXml);
  EXPECT_EQ(reason_of(sighting_with("</detail>", "</detial>")), Reason::kNotXml);
  EXPECT_EQ(reason_of(std::string(kDroneSighting) + "<event/>"), Reason::kNotXml);
  EXPECT_EQ(reason_of(sighting_with("small", std::string("sm\0ll", 5))), Reason::kNotXml);
  EXPECT_EQ(reason_of("<message uid='x'/>"), Reason::kNoEvent);
  EXPECT_EQ(reason_of("<?xml version='1.0'?><!-- only a comment -->"), Reason::kNotXml);
  EXPECT_EQ(reason_of(std::string("\xBF\x01\xBF\x12\x05", 5)), Reason::kProtobuf);
  EXPECT_EQ(reason_of("<event/>"), Reason::kMissingUid);
}

TEST(CotEventParser, DecodeCotReportsTheReasonAsErrorCode) {
  const auto refused = decode_cot(sighting_with(R"(lat="50.9621")", R"(lat="95")"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "lat_out_of_range");
  const auto decoded = decode_cot(kDroneSighting);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->uid, "FR-DRONE-7.contact-12");
}

}  // namespace
}  // namespace sw::cot
