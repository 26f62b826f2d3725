#pragma once
// Valid traffic and hand-made bad units of every source format, for the bad-input tests:
// what each format's sender really sends (whole messages with their receive times), what
// a broken sender sends (self-delimited units that each format must refuse), and a 1 MiB
// unit of each.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "engine/config.h"
#include "engine_fixture.h"
#include "ingest/asterix/encoder.h"
#include "ingest/asterix/test_pattern.h"
#include "ingest/cot/encoder.h"
#include "ingest/distress/distress_report.h"
#include "ingest/nmea/arpa.h"
#include "ingest/nmea/sentence.h"

namespace sw::engine::testing {

/// 2023-11-14T22:13:20Z: 80000 s into the UTC day (ASTERIX and NMEA carry times of day).
constexpr TimeNs kBadInputStart = 1'700'000'000LL * kNsPerSecond;
constexpr double kBadInputStartTimeOfDay = 80000.0;
constexpr std::size_t kOversizedBytes = 1U << 20U;

/// One whole message of a source (AIS lines of one message, one ASTERIX block, one CoT
/// event, ...) and the receive time its last byte arrives at.
struct TimedMessage {
  TimeNs receive_time = 0;
  std::string bytes;
};

/// Everything the bad-input tests need to know about one format.
struct FormatKit {
  std::string name;
  SourceConfig source;  ///< transport set by each test
  std::vector<TimedMessage> messages;
  /// Complete, self-delimited units a correct decoder must refuse (bad checksum, a field
  /// out of range, a block whose record overruns it, ...).
  std::vector<std::string> malformed;
  /// A unit of about 1 MiB, self-delimited (a line ending in '\n', a whole event).
  std::string oversized;
  /// Line-based format: any garbage written into a stream ends with '\n', as otherwise
  /// it would become the head of the next valid line.
  bool line_based = true;
  /// Binary format (ASTERIX): no delimiter, no checksum.
  bool binary = false;

  /// Bytes of a message's first unit inside which any cut leaves it invalid: up to the
  /// '*' of an NMEA sentence (an AIS sentence cut just before its "*hh" is a valid
  /// sentence without a checksum, which AIS receivers accept), up to the closing '}' of
  /// a JSON report, else the whole message.
  std::size_t cut_limit(const TimedMessage& message) const {
    switch (source.format) {
      case Format::kAis:
      case Format::kArpa: return message.bytes.find('*');
      case Format::kDistress: return message.bytes.find('\n') - 1;
      default: return message.bytes.size();
    }
  }
};

/// An NMEA sentence with its checksum: `body` is everything between the '!'/'$' and '*'.
inline std::string with_checksum(char start, std::string_view body) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::uint8_t checksum = nmea::nmea_checksum(body);
  std::string sentence(1, start);
  sentence += body;
  sentence += '*';
  sentence += kHex[checksum >> 4U];
  sentence += kHex[checksum & 0x0FU];
  return sentence;
}

inline std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t comma = line.find(','); comma != std::string_view::npos;
       comma = line.find(',', start)) {
    fields.emplace_back(line.substr(start, comma - start));
    start = comma + 1;
  }
  fields.emplace_back(line.substr(start));
  return fields;
}

/// gpsd's sample log, one message (its fragments together) per second.
inline FormatKit ais_kit() {
  FormatKit kit;
  kit.name = "ais";
  kit.source.id = "ais-feed";
  kit.source.format = Format::kAis;
  TimeNs receive_time = kBadInputStart;
  std::string message;
  for (const std::string& line : sample_ais_lines()) {
    const std::vector<std::string> fields = split_fields(line);
    if (fields[2] == "1" && !message.empty()) {  // a new message: the last one was cut off
      kit.messages.push_back({receive_time, message});
      message.clear();
      receive_time += kNsPerSecond;
    }
    message += line + "\r\n";
    if (fields[1] == fields[2]) {
      kit.messages.push_back({receive_time, message});
      message.clear();
      receive_time += kNsPerSecond;
    }
  }
  // The first sentence with its checksum's last digit changed.
  const std::string& first = kit.messages.front().bytes;
  std::string wrong_checksum = first.substr(0, first.find('*') + 3) + "\r\n";
  char& digit = wrong_checksum[wrong_checksum.size() - 3];
  digit = digit == '0' ? '1' : '0';
  kit.malformed = {
      wrong_checksum,
      with_checksum('!', "AIVDM,1,1,,A,1,0") + "\r\n",                             // too short
      with_checksum('!', "AIVDM,2,2,9,B,88888888880,2") + "\r\n",                  // orphan
      with_checksum('!', "AIVDM,1,1,,A,15RTgt0PAso;90TK~~M8h6g208CQ,0") + "\r\n",  // bad char
      with_checksum('!', "AIVDM,1,1,,A,w5RTgt0PAso;90TKcjM8h6g208CQ,0") + "\r\n",  // type 63
      "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A*4A,,,\r\n",
  };
  kit.oversized = "!AIVDM,1,1,,A," + std::string(kOversizedBytes, '1') + ",0*00\r\n";
  return kit;
}

/// Three targets crossing the Strait seen by a shore radar at Dover, one CAT010 block per
/// two-second scan; records built on the test pattern's plot (its SAC/SIC and items).
inline FormatKit asterix_kit() {
  FormatKit kit;
  kit.name = "asterix";
  kit.line_based = false;
  kit.binary = true;
  kit.source.id = "asterix-feed";
  kit.source.format = Format::kAsterix;
  kit.source.site = asterix::test_pattern_site();
  kit.source.sac = asterix::test_pattern_source().sac;
  kit.source.sic = asterix::test_pattern_source().sic;
  const asterix::Cat010Record plot = asterix::cat010_test_pattern().at(1);
  for (int scan = 0; scan < 30; ++scan) {
    std::vector<asterix::Cat010Record> records;
    for (int target = 0; target < 3; ++target) {
      asterix::Cat010Record record = plot;
      record.position_polar.reset();
      record.time_of_day_s = kBadInputStartTimeOfDay + 2.0 * scan;
      // 5 m/s east: 7.1e-5 deg of longitude per second at 51 N.
      record.position_wgs84 = LatLon{51.0 + 0.03 * target, 1.40 + 0.05 * target + 1.42e-4 * scan};
      record.velocity_cartesian = asterix::CartesianVelocity{5.0, 0.0};
      record.track_number = static_cast<std::uint16_t>(100 + target);
      records.push_back(record);
    }
    const std::vector<std::uint8_t> block = asterix::encode_cat010_block(records);
    kit.messages.push_back({kBadInputStart + (2 * scan) * kNsPerSecond + kNsPerSecond / 2,
                            std::string(block.begin(), block.end())});
  }
  using namespace std::string_literals;
  kit.malformed = {
      "\x0A\x00\x03"s,                  // empty block
      "\x0A\x00\x04\x00"s,              // FSPEC without items
      "\x0A\x00\x05\x01\x01"s,          // FSPEC runs past the block
      "\x0A\x00\x05\x80\x01"s,          // I010/010 needs 2 octets, 1 left
      "\x30\x00\x06\x01\x02\x03"s,      // CAT048: not ours
      "\x0A\x00\x07\x01\x01\x01\x08"s,  // FRN 26: a spare UAP slot
  };
  // A 1 MiB run of maximal blocks of 0xFF (an FSPEC naming a spare UAP slot).
  const std::string max_block = "\x0A\xFF\xFF"s + std::string(65535 - 3, '\xFF');
  while (kit.oversized.size() < kOversizedBytes) kit.oversized += max_block;
  return kit;
}

/// A shore radar's ARPA feed: three TTM targets closing the radar at 7 kn and one TLL
/// target, one scan (four sentences) every three seconds.
inline FormatKit arpa_kit() {
  FormatKit kit;
  kit.name = "arpa";
  kit.source.id = "arpa-feed";
  kit.source.format = Format::kArpa;
  kit.source.site = LatLon{51.1279, 1.3134};
  for (int scan = 0; scan < 25; ++scan) {
    const double time_of_day = kBadInputStartTimeOfDay + 3.0 * scan;
    std::string message;
    for (int target = 0; target < 3; ++target) {
      nmea::ArpaTarget ttm;
      ttm.number = static_cast<std::uint16_t>(1 + target);
      ttm.bearing_deg = 140.0 + 15.0 * target;
      ttm.distance = 4.0 + target - 7.0 * 3.0 * scan / 3600.0;
      ttm.speed = 7.0;
      ttm.course_deg = ttm.bearing_deg.value() - 180.0;
      ttm.status = nmea::ArpaStatus::kTracking;
      ttm.acquisition = nmea::ArpaAcquisition::kAutomatic;
      ttm.utc_seconds_of_day = time_of_day;
      message += nmea::encode_arpa_sentence(ttm) + "\r\n";
    }
    nmea::ArpaTarget tll;
    tll.sentence = nmea::ArpaSentence::kTll;
    tll.number = 9;
    tll.position = LatLon{51.02, 1.50 + 1e-4 * scan};
    tll.status = nmea::ArpaStatus::kTracking;
    tll.utc_seconds_of_day = time_of_day;
    message += nmea::encode_arpa_sentence(tll) + "\r\n";
    kit.messages.push_back({kBadInputStart + (3 * scan + 1) * kNsPerSecond, message});
  }
  kit.malformed = {
      with_checksum('$', "RATTM,01,4.000,400.00,T,7.00,320.00,T,,,N,,T,,221320.00,A") + "\r\n",
      with_checksum('$', "RATTM,01,,140.00,T,7.00,320.00,T,,,N,,T,,221320.00,A") + "\r\n",
      with_checksum('$', "RATTM,01,4.000,140.00,X,7.00,320.00,T,,,N,,T,,221320.00,A") + "\r\n",
      with_checksum('$', "RATLL,09,9100.00000,N,00130.00000,E,,221320.00,T,") + "\r\n",
      "$RATTM,01,4.000,140.00,T,7.00,320.00,T,,,N,,T,,221320.00,A*00\r\n",
      "$RATTM,01,4.000,140.00,T,7.00,320.00,T,,,N,,T,,221320.00,A\r\n",
      with_checksum('$', "RATTM,01,4.000,140.00,T,7.00,320.00,T,,,N,,T,,256199.00,A") + "\r\n",
  };
  kit.oversized = "$RATTM,01," + std::string(kOversizedBytes, '4') + "*00\r\n";
  return kit;
}

/// The CoT event of an asset or a sighting at `time`.
inline std::string cot_event(const std::string& uid, const std::string& type, TimeNs time,
                             LatLon position) {
  cot::CotEvent event;
  event.type = type;
  event.uid = uid;
  event.how = "m-g";
  event.time = time;
  event.start = time;
  event.stale = time + 120 * kNsPerSecond;
  event.point.lat = position.lat;
  event.point.lon = position.lon;
  event.point.hae_m = 0.0;
  event.point.ce_m = 10.0;
  event.point.le_m = 10.0;
  event.callsign = uid;
  return cot::encode_cot(event);
}

/// Two patrol vessels and an aircraft's sighting of an unknown boat, one event a second.
inline FormatKit cot_kit() {
  FormatKit kit;
  kit.name = "cot";
  kit.line_based = false;
  kit.source.id = "cot-feed";
  kit.source.format = Format::kCot;
  for (int second = 0; second < 60; ++second) {
    const TimeNs time = kBadInputStart + second * kNsPerSecond;
    const double drift = 1e-4 * second;
    std::string bytes;
    switch (second % 3) {
      case 0: bytes = cot_event("uk-patrol-1", "a-f-S", time, {50.98, 1.30 + drift}); break;
      case 1: bytes = cot_event("fr-patrol-2", "a-f-S", time, {50.90, 1.60 - drift}); break;
      default: bytes = cot_event("sighting-7", "a-u-S", time, {50.95, 1.45 + drift}); break;
    }
    kit.messages.push_back({time + kNsPerSecond / 4, bytes});
  }
  const std::string good = kit.messages.front().bytes;
  auto replaced = [&good](std::string_view from, std::string_view to) {
    std::string event = good;
    event.replace(event.find(from), from.size(), to);
    return event;
  };
  kit.malformed = {
      replaced("lat=\"50.98\"", "lat=\"95\""),
      replaced("uid=\"uk-patrol-1\"", "uid=\"\""),
      replaced("lat=\"50.98\"", "lat=\"north\""),
      replaced("<event ", "<evnt "),  // unbalanced: ends at </event>
      "<?xml version=\"1.0\"?><!DOCTYPE event [<!ENTITY x \"y\">]><event uid=\"&x;\"/>",
      "<route uid=\"r-1\"><point lat=\"51\" lon=\"1\"/></route>",
      "</stray>",
  };
  cot::CotEvent big;
  big.type = "a-f-S";
  big.uid = "oversized-1";
  big.how = "m-g";
  big.time = kBadInputStart;
  big.start = kBadInputStart;
  big.stale = kBadInputStart + 120 * kNsPerSecond;
  big.point.lat = 51.0;
  big.point.lon = 1.4;
  big.remarks = std::string(kOversizedBytes, 'r');
  kit.oversized = cot::encode_cot(big);
  return kit;
}

/// Distress reports relayed by phone every five seconds.
inline FormatKit distress_kit() {
  FormatKit kit;
  kit.name = "distress";
  kit.source.id = "distress-feed";
  kit.source.format = Format::kDistress;
  for (int report_idx = 0; report_idx < 20; ++report_idx) {
    distress::DistressReport report;
    report.id = "CROSS-GN-" + std::to_string(1000 + report_idx);
    report.time = kBadInputStart + 5 * report_idx * kNsPerSecond;
    report.position = LatLon{50.9 + 0.01 * report_idx, 1.5 - 0.005 * report_idx};
    report.uncertainty_m = 300.0 + report_idx;
    report.persons_on_board = 40 + report_idx;
    report.source = "phone";
    kit.messages.push_back(
        {report.time + 2 * kNsPerSecond, distress::encode_distress_json(report) + "\n"});
  }
  kit.malformed = {
      R"({"id":"bad-1","time":"2023-11-14T22:13:20Z","position":{"lat":95,"lon":1.5}})"
      "\n",
      R"({"id":"bad-2","position":{"lat":51,"lon":1.5}})"
      "\n",
      R"({"id":"","time":"2023-11-14T22:13:20Z","position":{"lat":51,"lon":1.5}})"
      "\n",
      R"({"id":"bad-4","time":"yesterday","position":{"lat":51,"lon":1.5}})"
      "\n",
      "[1,2,3]\n",
      std::string(40, '[') + std::string(40, ']') + "\n",
      "{\"id\":\n",
  };
  kit.oversized = R"({"id":"big","time":"2023-11-14T22:13:20Z","position":{"lat":51,"lon":1.5},)"
                  R"("text":")" +
                  std::string(kOversizedBytes, 't') + "\"}\n";
  return kit;
}

/// The kit of `format`.
inline FormatKit format_kit(Format format) {
  switch (format) {
    case Format::kAis: return ais_kit();
    case Format::kAsterix: return asterix_kit();
    case Format::kArpa: return arpa_kit();
    case Format::kCot: return cot_kit();
    case Format::kDistress: return distress_kit();
  }
  return ais_kit();
}

}  // namespace sw::engine::testing
