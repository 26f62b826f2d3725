// AIS encoder: decode -> encode -> decode round trips on every real message of the
// encoded types in tests/data/ais, payload byte equality where the original carries
// no spare-bit noise, synthesized Dover Strait traffic, the sentence layer (fragments,
// sequence ids, checksums, tag blocks) and the handling of out-of-range input.
// (Test names contain "encode" so that `ctest -R encode` selects them.)

#include "ingest/ais/encoder.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "ingest/ais/decoder.h"
#include "ingest/nmea/sentence.h"

namespace sw::ais {
namespace {

// ----------------------------------------------------------------- equality

/// Collects the names of the fields that differ between two messages.
class FieldDiff {
 public:
  template <typename T>
  void field(const char* name, const T& expected, const T& actual) {
    if (!(expected == actual)) {
      if (!differences_.empty()) differences_.append(", ");
      differences_.append(name);
    }
  }
  const std::string& differences() const { return differences_; }

 private:
  std::string differences_;
};

void compare(FieldDiff& diff, const PositionReport& a, const PositionReport& b) {
  diff.field("status", a.status, b.status);
  diff.field("turn", a.turn, b.turn);
  diff.field("speed", a.speed, b.speed);
  diff.field("accuracy", a.accuracy, b.accuracy);
  diff.field("lon", a.lon, b.lon);
  diff.field("lat", a.lat, b.lat);
  diff.field("course", a.course, b.course);
  diff.field("heading", a.heading, b.heading);
  diff.field("second", a.second, b.second);
  diff.field("maneuver", a.maneuver, b.maneuver);
  diff.field("raim", a.raim, b.raim);
  diff.field("radio", a.radio, b.radio);
}

void compare(FieldDiff& diff, const BaseStationReport& a, const BaseStationReport& b) {
  diff.field("year", a.year, b.year);
  diff.field("month", a.month, b.month);
  diff.field("day", a.day, b.day);
  diff.field("hour", a.hour, b.hour);
  diff.field("minute", a.minute, b.minute);
  diff.field("second", a.second, b.second);
  diff.field("accuracy", a.accuracy, b.accuracy);
  diff.field("lon", a.lon, b.lon);
  diff.field("lat", a.lat, b.lat);
  diff.field("epfd", a.epfd, b.epfd);
  diff.field("raim", a.raim, b.raim);
  diff.field("radio", a.radio, b.radio);
}

void compare(FieldDiff& diff, const StaticVoyageData& a, const StaticVoyageData& b) {
  diff.field("ais_version", a.ais_version, b.ais_version);
  diff.field("imo", a.imo, b.imo);
  diff.field("callsign", a.callsign, b.callsign);
  diff.field("shipname", a.shipname, b.shipname);
  diff.field("shiptype", a.shiptype, b.shiptype);
  diff.field("to_bow", a.to_bow, b.to_bow);
  diff.field("to_stern", a.to_stern, b.to_stern);
  diff.field("to_port", a.to_port, b.to_port);
  diff.field("to_starboard", a.to_starboard, b.to_starboard);
  diff.field("epfd", a.epfd, b.epfd);
  diff.field("month", a.month, b.month);
  diff.field("day", a.day, b.day);
  diff.field("hour", a.hour, b.hour);
  diff.field("minute", a.minute, b.minute);
  diff.field("draught", a.draught, b.draught);
  diff.field("destination", a.destination, b.destination);
  diff.field("dte", a.dte, b.dte);
}

void compare(FieldDiff& diff, const ClassBPosition& a, const ClassBPosition& b) {
  diff.field("reserved", a.reserved, b.reserved);
  diff.field("speed", a.speed, b.speed);
  diff.field("accuracy", a.accuracy, b.accuracy);
  diff.field("lon", a.lon, b.lon);
  diff.field("lat", a.lat, b.lat);
  diff.field("course", a.course, b.course);
  diff.field("heading", a.heading, b.heading);
  diff.field("second", a.second, b.second);
  diff.field("regional", a.regional, b.regional);
  diff.field("cs", a.cs, b.cs);
  diff.field("display", a.display, b.display);
  diff.field("dsc", a.dsc, b.dsc);
  diff.field("band", a.band, b.band);
  diff.field("msg22", a.msg22, b.msg22);
  diff.field("assigned", a.assigned, b.assigned);
  diff.field("raim", a.raim, b.raim);
  diff.field("radio", a.radio, b.radio);
}

void compare(FieldDiff& diff, const ClassBExtended& a, const ClassBExtended& b) {
  diff.field("reserved", a.reserved, b.reserved);
  diff.field("speed", a.speed, b.speed);
  diff.field("accuracy", a.accuracy, b.accuracy);
  diff.field("lon", a.lon, b.lon);
  diff.field("lat", a.lat, b.lat);
  diff.field("course", a.course, b.course);
  diff.field("heading", a.heading, b.heading);
  diff.field("second", a.second, b.second);
  diff.field("regional", a.regional, b.regional);
  diff.field("shipname", a.shipname, b.shipname);
  diff.field("shiptype", a.shiptype, b.shiptype);
  diff.field("to_bow", a.to_bow, b.to_bow);
  diff.field("to_stern", a.to_stern, b.to_stern);
  diff.field("to_port", a.to_port, b.to_port);
  diff.field("to_starboard", a.to_starboard, b.to_starboard);
  diff.field("epfd", a.epfd, b.epfd);
  diff.field("raim", a.raim, b.raim);
  diff.field("dte", a.dte, b.dte);
  diff.field("assigned", a.assigned, b.assigned);
}

void compare(FieldDiff& diff, const AidToNavigation& a, const AidToNavigation& b) {
  diff.field("aid_type", a.aid_type, b.aid_type);
  diff.field("name", a.name, b.name);
  diff.field("name_untrimmed_length", a.name_untrimmed_length, b.name_untrimmed_length);
  diff.field("accuracy", a.accuracy, b.accuracy);
  diff.field("lon", a.lon, b.lon);
  diff.field("lat", a.lat, b.lat);
  diff.field("to_bow", a.to_bow, b.to_bow);
  diff.field("to_stern", a.to_stern, b.to_stern);
  diff.field("to_port", a.to_port, b.to_port);
  diff.field("to_starboard", a.to_starboard, b.to_starboard);
  diff.field("epfd", a.epfd, b.epfd);
  diff.field("second", a.second, b.second);
  diff.field("off_position", a.off_position, b.off_position);
  diff.field("regional", a.regional, b.regional);
  diff.field("raim", a.raim, b.raim);
  diff.field("virtual_aid", a.virtual_aid, b.virtual_aid);
  diff.field("assigned", a.assigned, b.assigned);
}

void compare(FieldDiff& diff, const StaticDataReport& a, const StaticDataReport& b) {
  diff.field("part", a.part, b.part);
  diff.field("shipname", a.shipname, b.shipname);
  diff.field("shiptype", a.shiptype, b.shiptype);
  diff.field("vendorid", a.vendorid, b.vendorid);
  diff.field("model", a.model, b.model);
  diff.field("serial", a.serial, b.serial);
  diff.field("callsign", a.callsign, b.callsign);
  diff.field("auxiliary", a.auxiliary, b.auxiliary);
  diff.field("mothership_mmsi", a.mothership_mmsi, b.mothership_mmsi);
  diff.field("to_bow", a.to_bow, b.to_bow);
  diff.field("to_stern", a.to_stern, b.to_stern);
  diff.field("to_port", a.to_port, b.to_port);
  diff.field("to_starboard", a.to_starboard, b.to_starboard);
}

void compare(FieldDiff& diff, const LongRangePosition& a, const LongRangePosition& b) {
  diff.field("accuracy", a.accuracy, b.accuracy);
  diff.field("raim", a.raim, b.raim);
  diff.field("status", a.status, b.status);
  diff.field("lon", a.lon, b.lon);
  diff.field("lat", a.lat, b.lat);
  diff.field("speed", a.speed, b.speed);
  diff.field("course", a.course, b.course);
  diff.field("gnss", a.gnss, b.gnss);
}

/// Names of the fields that differ (empty when the messages are equal), for every
/// family the encoder produces.
std::string message_differences(const Message& expected, const Message& actual) {
  FieldDiff diff;
  diff.field("type", expected.type, actual.type);
  diff.field("repeat", expected.repeat, actual.repeat);
  diff.field("mmsi", expected.mmsi, actual.mmsi);
  if (expected.body.index() != actual.body.index()) {
    diff.field("body family", expected.body.index(), actual.body.index());
    return diff.differences();
  }
  std::visit(
      [&](const auto& expected_body) {
        using Family = std::decay_t<decltype(expected_body)>;
        if constexpr (requires(FieldDiff & d, const Family& f) { compare(d, f, f); }) {
          compare(diff, expected_body, std::get<Family>(actual.body));
        } else {
          ADD_FAILURE() << "no comparison for this family";
        }
      },
      expected.body);
  return diff.differences();
}

// ------------------------------------------------------------------ helpers

/// Decode the sentences of one message (type 24 parts kept apart unless `merge24`).
Message decode_sentences(const std::vector<std::string>& sentences, bool merge24 = false) {
  Decoder::Options options;
  options.split_type24 = !merge24;
  Decoder decoder(options);
  LineResult result;
  for (const auto& sentence : sentences) result = decoder.feed_line(sentence);
  EXPECT_EQ(result.reason, LineReason::kDecoded) << to_string(result.reason);
  return result.message != nullptr ? *result.message : Message{};
}

Message decode_line(std::string_view line) { return decode_sentences({std::string(line)}); }

/// Encode, decode, and expect the same message back.
void expect_round_trip(const Message& message, const EncodeOptions& options = {}) {
  EncodeStatus status;
  const std::vector<std::string> sentences = encode_sentences(message, options, &status);
  ASSERT_TRUE(status.exact()) << to_string(status.error) << " adjusted "
                              << (status.first_adjusted_field ? status.first_adjusted_field : "");
  ASSERT_FALSE(sentences.empty());
  EXPECT_EQ(message_differences(message, decode_sentences(sentences)), "");
}

std::string armoured_payload(const Message& message, std::size_t payload_index = 0) {
  Bits bits;
  EXPECT_TRUE(encode_payload(message, bits, payload_index).ok());
  std::string payload;
  armour(bits, payload);
  return payload;
}

bool is_encoded_type(std::uint32_t type) {
  switch (type) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 11:
    case 18:
    case 19:
    case 21:
    case 24:
    case 27: return true;
    default: return false;
  }
}

/// The payload length the encoder produces for a message (bits).
std::size_t canonical_bits(const Message& message) {
  switch (message.type) {
    case 5: return 424;
    case 19: return 312;
    case 27: return 96;
    case 24:
      return std::get<StaticDataReport>(message.body).part == StaticDataReport::Part::kA ? 160
                                                                                         : 168;
    case 21: {
      const auto& body = std::get<AidToNavigation>(message.body);
      if (body.name_untrimmed_length <= 20) return 272;
      return (272 + 6 * (body.name_untrimmed_length - 20U) + 7) / 8 * 8;
    }
    default: return 168;
  }
}

std::vector<std::string> data_files() {
  const std::filesystem::path root = std::filesystem::path(SW_TEST_DATA_DIR) / "ais";
  std::vector<std::string> files = {(root / "gpsd/sample.aivdm").string(),
                                    (root / "libais/test.aivdm").string(),
                                    (root / "libais/typeexamples.nmea").string(),
                                    (root / "libais/tagblock.nmea").string(),
                                    (root / "pyais/pyais_test_sentences.nmea").string(),
                                    (root / "pyais/gatehouse.nmea").string()};
  for (const char* folder : {"real", "pyais/tests"}) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
      found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

/// One real message of an encoded type, with the payload it was sent as.
struct RealMessage {
  std::string where;  ///< file:line
  Message message;
  std::string payload;  ///< armoured, all fragments
  unsigned fill_bits = 0;
};

/// Every message of an encoded type in the test logs (type 24 parts kept apart), with
/// the payload text of its sentence(s), reassembled alongside the decoder.
const std::vector<RealMessage>& real_messages() {
  static const std::vector<RealMessage> messages = [] {
    std::vector<RealMessage> out;
    for (const std::string& path : data_files()) {
      Decoder::Options options;
      options.split_type24 = true;
      Decoder decoder(options);
      // Payload text of partial messages by (channel, sequence id, group id, count).
      std::map<std::tuple<char, int, int, int>, std::string> partial;
      std::ifstream in(path, std::ios::binary);
      std::string line;
      int line_number = 0;
      while (std::getline(in, line)) {
        ++line_number;
        const nmea::ParseOutcome parsed = nmea::parse_sentence(line);
        std::string payload;
        if (parsed.error == nmea::SentenceError::kNone) {
          const nmea::Sentence& sentence = parsed.sentence;
          const auto key =
              std::make_tuple(sentence.channel, int{sentence.sequence_id},
                              int{sentence.tag.group_id}, int{sentence.fragment_count});
          if (sentence.fragment_number == 1) partial[key].clear();
          partial[key].append(sentence.payload);
          payload = partial[key];
        }
        const LineResult result = decoder.feed_line(line);
        if (result.message == nullptr || !is_encoded_type(result.message->type)) continue;
        RealMessage real;
        real.where =
            std::filesystem::path(path).filename().string() + ":" + std::to_string(line_number);
        real.message = *result.message;
        real.payload = payload;
        real.fill_bits = parsed.sentence.fill_bits;
        out.push_back(std::move(real));
      }
    }
    return out;
  }();
  return messages;
}

// ---------------------------------------------------------- real messages

TEST(AisEncoder, ReencodesEveryRealMessageToAnEqualMessage) {
  std::array<int, 28> round_trips{};
  for (const RealMessage& real : real_messages()) {
    EncodeStatus status;
    const std::vector<std::string> sentences = encode_sentences(real.message, {}, &status);
    ASSERT_TRUE(status.ok()) << real.where << ": " << to_string(status.error);
    EXPECT_EQ(status.adjustments, 0) << real.where << ": " << status.first_adjusted_field;
    const std::string differences = message_differences(real.message, decode_sentences(sentences));
    EXPECT_EQ(differences, "") << real.where << " (" << real.payload << ")";
    if (differences.empty()) ++round_trips[real.message.type];
  }
  std::string summary = "decode-encode-decode round trips by type:";
  for (std::size_t type = 1; type < round_trips.size(); ++type) {
    if (round_trips[type] != 0) {
      summary += " " + std::to_string(type) + ":" + std::to_string(round_trips[type]);
    }
  }
  std::printf("%s\n", summary.c_str());
  // Every encoded type is represented in the test logs.
  for (int type : {1, 2, 3, 4, 5, 11, 18, 19, 21, 24, 27}) {
    EXPECT_GT(round_trips[type], 0) << "no real message of type " << type;
  }
}

/// A payload "without spare-bit noise": sent at the length the encoder uses, with its
/// text fields padded with '@' after the text, spare bits and fill bits zero. For these
/// the re-encoded payload must be the very same text. The others are counted.
TEST(AisEncoder, ReencodesCleanRealPayloadsCharacterForCharacter) {
  std::array<int, 28> identical{};
  std::array<int, 28> noisy{};
  std::array<int, 28> other_length{};
  int clean_mismatches = 0;
  for (const RealMessage& real : real_messages()) {
    Bits original;
    ASSERT_TRUE(original.append_armoured(real.payload)) << real.where;
    original.drop_bits(real.fill_bits);
    Bits encoded;
    ASSERT_TRUE(encode_payload(real.message, encoded).ok());
    std::string reencoded;
    const unsigned fill_bits = armour(encoded, reencoded);
    if (reencoded == real.payload && fill_bits == real.fill_bits) {
      ++identical[real.message.type];
      continue;
    }
    // Same length, and the bits differ only where the encoder writes constants
    // (spare bits, '@' padding) or where the decoder stops reading (text after '@'):
    // decoding the original again with those bits taken from the re-encoding must
    // give the same message, so the difference carries no information.
    if (original.size() != canonical_bits(real.message)) {
      ++other_length[real.message.type];
    } else {
      ++noisy[real.message.type];
      bool only_noise = true;
      for (std::size_t bit_idx = 0; bit_idx < encoded.size(); ++bit_idx) {
        if (original.u(bit_idx, 1) == encoded.u(bit_idx, 1)) continue;
        Bits flipped = original;
        flipped.clear();
        for (std::size_t copy_idx = 0; copy_idx < original.size(); ++copy_idx) {
          flipped.put(copy_idx == bit_idx ? encoded.u(copy_idx, 1) : original.u(copy_idx, 1), 1);
        }
        Message again;
        if (decode_message(flipped, again) != DecodeError::kNone ||
            !message_differences(real.message, again).empty()) {
          only_noise = false;
          ADD_FAILURE() << real.where << ": bit " << bit_idx << " carries data but differs";
          break;
        }
      }
      if (!only_noise) ++clean_mismatches;
    }
  }
  std::string summary =
      "re-encoded payload identical / same length, differing in noise bits only / sent at "
      "another length, by type:";
  for (std::size_t type = 1; type < identical.size(); ++type) {
    if (identical[type] + noisy[type] + other_length[type] != 0) {
      summary += " " + std::to_string(type) + ":" + std::to_string(identical[type]) + "/" +
                 std::to_string(noisy[type]) + "/" + std::to_string(other_length[type]);
    }
  }
  std::printf("%s\n", summary.c_str());
  EXPECT_EQ(clean_mismatches, 0);
}

TEST(AisEncoder, ReencodesKnownSentencesExactly) {
  // gpsd sample.aivdm: types 1 and 4.
  for (const std::string line : {"!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
                                 "!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D"}) {
    EXPECT_EQ(encode_sentences(decode_line(line), {}), std::vector<std::string>{line});
  }
  // go-ais aistest.nmea: a type 5 in 60 + 11 characters on channel A, sequence id 7.
  const std::vector<std::string> type5 = {
      "!AIVDM,2,1,7,A,53`hqgT000010S?G?<0aE840000000000000001J?0?77t0Ht04Sm51DQ0CH,0*7C",
      "!AIVDM,2,2,7,A,;H2kk3`5cU`,2*62"};
  EncodeOptions sequence_7;
  sequence_7.sequence_id = 7;
  EXPECT_EQ(encode_sentences(decode_sentences(type5), sequence_7), type5);
  // gpsd's own type 5 example pads its texts with spaces where the encoder puts '@':
  // same message, different payload.
  const std::vector<std::string> space_padded = {
      "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
      "!AIVDM,2,2,1,A,88888888880,2*25"};
  const Message decoded = decode_sentences(space_padded);
  const std::vector<std::string> reencoded = encode_sentences(decoded, {});
  EXPECT_NE(reencoded[0].substr(15, 60), space_padded[0].substr(15, 60));
  EXPECT_EQ(message_differences(decoded, decode_sentences(reencoded)), "");
  EXPECT_EQ(std::get<StaticVoyageData>(decoded.body).destination.view(), "NEW YORK");
}

// ---------------------------------------------------------- synthesized

Message dover_ferry_position() {
  Message message;
  message.type = 1;
  message.mmsi = 235012345;
  PositionReport body;
  body.status = 0;  // under way using engine
  body.turn = 0;
  body.speed = 183;  // 18.3 kn
  body.accuracy = true;
  body.lon = 840000;    // 1.4 E in 1/10000 min
  body.lat = 30600000;  // 51.0 N
  body.course = 1234;   // 123.4 deg
  body.heading = 123;
  body.second = 42;
  body.radio = 0x1234;
  message.body = body;
  return message;
}

TEST(AisEncoder, DoverFerryPositionReencodesExactly) {
  const Message message = dover_ferry_position();
  expect_round_trip(message);
  const std::vector<std::string> sentences = encode_sentences(message, {});
  ASSERT_EQ(sentences.size(), 1U);
  EXPECT_EQ(sentences[0].substr(0, 14), "!AIVDM,1,1,,A,");
  EXPECT_EQ(sentences[0].size(), 14U + 28U + 5U);
  EXPECT_EQ(sentences[0].substr(42), ",0*" + sentences[0].substr(45));
  std::string json;
  append_json(decode_sentences(sentences), true, json);
  EXPECT_NE(json.find("\"speed\":18.3,\"accuracy\":true,\"lon\":1.400000,\"lat\":51.000000,"
                      "\"course\":123.4,\"heading\":123"),
            std::string::npos)
      << json;
  for (std::uint32_t type : {2U, 3U}) {
    Message other = message;
    other.type = type;
    expect_round_trip(other);
  }
}

TEST(AisEncoder, NotAvailableValuesReencode) {
  Message position;
  position.type = 3;
  position.mmsi = 227006760;
  position.body = PositionReport{};  // lat 91, lon 181, speed 1023, course 3600, heading 511
  const auto& body = std::get<PositionReport>(position.body);
  ASSERT_EQ(body.lat, kLatNotAvailable);
  ASSERT_EQ(body.lon, kLonNotAvailable);
  expect_round_trip(position);

  Message class_b;
  class_b.type = 18;
  class_b.mmsi = 235099999;
  class_b.body = ClassBPosition{};
  expect_round_trip(class_b);

  Message base;
  base.type = 4;
  base.mmsi = 2320000;
  base.body = BaseStationReport{};  // hour 24, minute 60, second 60: not available
  expect_round_trip(base);

  Message long_range;
  long_range.type = 27;
  long_range.mmsi = 227006760;
  long_range.body = LongRangePosition{};  // lon 181, lat 91, speed 63, course 511
  expect_round_trip(long_range);

  // Extremes of the signed fields.
  PositionReport extremes;
  extremes.turn = -127;
  extremes.lon = -108000000;  // 180 W
  extremes.lat = -54000000;   // 90 S
  position.body = extremes;
  expect_round_trip(position);
}

TEST(AisEncoder, StaticVoyageDataReencodesAsTwoSentences) {
  Message message;
  message.type = 5;
  message.mmsi = 235012345;
  StaticVoyageData body;
  body.imo = 9876543;
  body.callsign.assign("MXYZ1");
  body.shipname.assign("STRAIT RUNNER");
  body.shiptype = 60;  // passenger
  body.to_bow = 120;
  body.to_stern = 60;
  body.to_port = 14;
  body.to_starboard = 14;
  body.epfd = 1;
  body.month = 6;
  body.day = 1;
  body.hour = 14;
  body.minute = 30;
  body.draught = 65;
  body.destination.assign("CALAIS");
  message.body = body;
  expect_round_trip(message);

  const std::vector<std::string> sentences = encode_sentences(message, {});
  ASSERT_EQ(sentences.size(), 2U);  // 424 bits = 71 characters = 60 + 11
  EXPECT_EQ(sentences[0].substr(0, 15), "!AIVDM,2,1,0,A,");
  EXPECT_EQ(sentences[1].substr(0, 15), "!AIVDM,2,2,0,A,");
  EXPECT_EQ(sentences[1].find(",2*"), 15U + 11U);  // 71 * 6 - 424 = 2 fill bits
  // '@' padding: "CALAIS" is followed by 14 '@' (six-bit zero) in the payload.
  Bits bits;
  ASSERT_TRUE(encode_payload(message, bits).ok());
  EXPECT_EQ(bits.size(), 424U);
  for (std::size_t char_idx = 6; char_idx < 20; ++char_idx) {
    EXPECT_EQ(bits.u(302 + 6 * char_idx, 6), 0U);
  }
}

TEST(AisEncoder, ClassBReportsReencode) {
  Message position;
  position.type = 18;
  position.mmsi = 235111111;
  ClassBPosition b18;
  b18.speed = 65;
  b18.lon = 780000;
  b18.lat = 30540000;
  b18.course = 2700;
  b18.cs = true;
  b18.band = true;
  b18.msg22 = true;
  b18.assigned = true;
  b18.radio = 917510;
  position.body = b18;
  expect_round_trip(position);

  Message extended;
  extended.type = 19;
  extended.mmsi = 235222222;
  ClassBExtended b19;
  b19.speed = 20;
  b19.shipname.assign("DOVER PILOT 2");
  b19.shiptype = 50;
  b19.to_bow = 10;
  b19.to_stern = 8;
  b19.to_port = 3;
  b19.to_starboard = 3;
  b19.epfd = 1;
  b19.dte = 1;
  b19.assigned = true;
  extended.body = b19;
  expect_round_trip(extended);
}

TEST(AisEncoder, Type24WithBothPartsReencodesAsPartAThenPartB) {
  Message message;
  message.type = 24;
  message.mmsi = 235333333;
  StaticDataReport body;
  body.part = StaticDataReport::Part::kBoth;
  body.shipname.assign("SEA SPRAY");
  body.shiptype = 37;  // pleasure craft
  body.vendorid.assign("SRT");
  body.model = 0;
  body.serial = 0;
  body.callsign.assign("2ABC3");
  body.to_bow = 6;
  body.to_stern = 4;
  body.to_port = 1;
  body.to_starboard = 2;
  message.body = body;

  ASSERT_EQ(payload_count(message), 2U);
  const std::vector<std::string> sentences = encode_sentences(message, {});
  ASSERT_EQ(sentences.size(), 2U);
  // Part A is 160 bits (ITU-R M.1371-5): 27 characters and 2 fill bits.
  EXPECT_EQ(sentences[0].find(",2*"), 14U + 27U);
  EXPECT_EQ(sentences[1].find(",0*"), 14U + 28U);
  EXPECT_EQ(message_differences(message, decode_sentences(sentences, /*merge24=*/true)), "");

  StaticDataReport part_a = body;
  part_a.part = StaticDataReport::Part::kA;
  Message only_a = message;
  only_a.body = part_a;
  const Message decoded_a = decode_sentences(encode_sentences(only_a, {}));
  EXPECT_EQ(std::get<StaticDataReport>(decoded_a.body).part, StaticDataReport::Part::kA);
  EXPECT_EQ(std::get<StaticDataReport>(decoded_a.body).shipname.view(), "SEA SPRAY");
  EXPECT_EQ(armoured_payload(only_a), armoured_payload(message, 0));

  // Part B, ITU-R M.1371-4 vendor id with model and serial.
  StaticDataReport part_b = body;
  part_b.part = StaticDataReport::Part::kB;
  part_b.shipname.clear();
  part_b.model = 12;
  part_b.serial = 199796;
  part_b.vendorid.assign("1D0");
  Message only_b = message;
  only_b.body = part_b;
  const Message decoded_b = decode_sentences(encode_sentences(only_b, {}));
  const auto& b = std::get<StaticDataReport>(decoded_b.body);
  EXPECT_EQ(b.model, 12U);
  EXPECT_EQ(b.serial, 199796U);
  // gpsd reads the model and serial bits as vendor id characters too.
  EXPECT_EQ(b.vendorid.view(), "1D00014");
  part_b.vendorid.assign("1D00014");
  only_b.body = part_b;
  expect_round_trip(only_b);

  // Auxiliary craft (MMSI 98XXXYYYY): mother ship MMSI instead of dimensions.
  StaticDataReport auxiliary = part_b;
  auxiliary.auxiliary = true;
  auxiliary.mothership_mmsi = 235012345;
  auxiliary.to_bow = auxiliary.to_stern = auxiliary.to_port = auxiliary.to_starboard = 0;
  Message craft = only_b;
  craft.mmsi = 982351234;
  craft.body = auxiliary;
  expect_round_trip(craft);
}

TEST(AisEncoder, VendorIdConflictingWithModelAndSerialIsReencodedAndReported) {
  Message message;
  message.type = 24;
  message.mmsi = 235333333;
  StaticDataReport body;
  body.part = StaticDataReport::Part::kB;
  body.vendorid.assign("SRTECH1");  // ITU-R M.1371-3: 7 characters
  message.body = body;
  EncodeStatus status;
  auto decoded = decode_sentences(encode_sentences(message, {}, &status));
  EXPECT_TRUE(status.exact());  // model and serial 0: sent as the 7-character field
  EXPECT_EQ(std::get<StaticDataReport>(decoded.body).vendorid.view(), "SRTECH1");

  body.model = 3;
  body.serial = 77;
  message.body = body;
  decoded = decode_sentences(encode_sentences(message, {}, &status));
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status.adjustments, kVendorIdOverlap);
  EXPECT_STREQ(status.first_adjusted_field, "vendorid");
  EXPECT_EQ(std::get<StaticDataReport>(decoded.body).model, 3U);
  EXPECT_EQ(std::get<StaticDataReport>(decoded.body).serial, 77U);
}

TEST(AisEncoder, AidNameOverTwentyCharactersReencodesInTheExtension) {
  Message message;
  message.type = 21;
  message.mmsi = 992351001;
  AidToNavigation body;
  body.aid_type = 21;                               // cardinal mark east
  body.name.assign("SOUTH GOODWIN EAST CARDINAL");  // 27 characters
  body.name_untrimmed_length = 27;
  body.lon = 1000000;
  body.lat = 30798000;
  body.epfd = 1;
  body.second = 10;
  body.virtual_aid = true;
  message.body = body;
  expect_round_trip(message);
  Bits bits;
  ASSERT_TRUE(encode_payload(message, bits).ok());
  EXPECT_EQ(bits.size(), 320U);  // 272 + 7 * 6 = 314, plus 6 spare bits to a byte boundary

  // 20 characters or fewer: no extension. Trailing spaces the decoder trimmed are
  // sent back as spaces.
  body.name.assign("GOODWIN");
  body.name_untrimmed_length = 20;
  message.body = body;
  expect_round_trip(message);
  ASSERT_TRUE(encode_payload(message, bits).ok());
  EXPECT_EQ(bits.size(), 272U);
  EXPECT_EQ(bits.u(43 + 6 * 7, 6), static_cast<std::uint32_t>(' '));

  // The longest name the decoder reads: 20 + 16 characters.
  body.name.assign("ABCDEFGHIJKLMNOPQRSTABCDEFGHIJKLMNOP");
  body.name_untrimmed_length = 36;
  message.body = body;
  expect_round_trip(message);
  ASSERT_TRUE(encode_payload(message, bits).ok());
  EXPECT_EQ(bits.size(), 368U);
}

// ------------------------------------------------------- sentence layer

TEST(AisEncoder, SequenceIdsCycleAcrossReencodesOfMultipartMessages) {
  Message voyage;
  voyage.type = 5;
  voyage.mmsi = 235012345;
  voyage.body = StaticVoyageData{};
  EncodeOptions options;
  options.sequence_id = 8;
  options.channel = 'B';
  SentenceEncoder encoder(options);
  std::vector<std::string> sentences;
  std::string sequence_ids;
  for (int message_idx = 0; message_idx < 4; ++message_idx) {
    ASSERT_TRUE(encoder.encode(voyage, sentences).ok());
    ASSERT_EQ(sentences.size(), 2U);
    sequence_ids.push_back(sentences[0][11]);
    EXPECT_EQ(sentences[1][11], sentences[0][11]);
    EXPECT_EQ(sentences[0][13], 'B');
    // Single-sentence messages take no sequence id and do not advance it.
    ASSERT_TRUE(encoder.encode(dover_ferry_position(), sentences).ok());
    ASSERT_EQ(sentences.size(), 1U);
    EXPECT_EQ(sentences[0].substr(0, 14), "!AIVDM,1,1,,B,");
  }
  EXPECT_EQ(sequence_ids, "8901");
  EXPECT_EQ(encoder.next_sequence_id(), 2);
}

TEST(AisEncoder, ReencodedSentencesParseWithChecksumsTagBlockAndVdo) {
  EncodeOptions options;
  options.talker = "BS";
  options.own_ship = true;
  options.channel = 0;
  options.tag_source = "dover-1";
  options.tag_unix_time = 1767225600;
  Message voyage;
  voyage.type = 5;
  voyage.mmsi = 235012345;
  voyage.body = StaticVoyageData{};
  const std::vector<std::string> sentences = encode_sentences(voyage, options);
  ASSERT_EQ(sentences.size(), 2U);
  EXPECT_EQ(sentences[0].substr(0, sentences[0].find('*')), "\\s:dover-1,c:1767225600");
  for (const std::string& sentence : sentences) {
    const nmea::ParseOutcome parsed = nmea::parse_sentence(sentence);
    ASSERT_EQ(parsed.error, nmea::SentenceError::kNone) << sentence;
    EXPECT_TRUE(parsed.sentence.has_checksum);
    EXPECT_TRUE(parsed.sentence.tag.present);
    EXPECT_FALSE(parsed.sentence.tag_block_ignored) << sentence;
    EXPECT_EQ(parsed.sentence.tag.source, "dover-1");
    EXPECT_EQ(parsed.sentence.tag.unix_time, 1767225600);
    EXPECT_EQ(parsed.sentence.talker, "BS");
    EXPECT_TRUE(parsed.sentence.own_ship);
    EXPECT_EQ(parsed.sentence.channel, 0);
    EXPECT_EQ(sentence.find("\r"), std::string::npos);
    EXPECT_EQ(sentence.find("\n"), std::string::npos);
  }
  Decoder decoder;
  decoder.feed_line(sentences[0]);
  const LineResult result = decoder.feed_line(sentences[1]);
  ASSERT_EQ(result.reason, LineReason::kDecoded);
  EXPECT_EQ(result.source->tag_source, "dover-1");
  EXPECT_EQ(result.source->tag_unix_time, 1767225600);
  EXPECT_EQ(decoder.stats().missing_checksum, 0U);
}

TEST(AisEncoder, ReencodedSentencesStayWithinNmeaLengthAndSplitAtTheLimit) {
  for (const RealMessage& real : real_messages()) {
    for (const std::string& sentence : encode_sentences(real.message, {})) {
      EXPECT_LE(sentence.size(), 82U) << sentence;
    }
  }
  Message voyage;
  voyage.type = 5;
  voyage.mmsi = 235012345;
  voyage.body = StaticVoyageData{};
  EncodeOptions options;
  options.max_payload_chars = 28;  // 71 characters: 28 + 28 + 15
  const std::vector<std::string> sentences = encode_sentences(voyage, options);
  ASSERT_EQ(sentences.size(), 3U);
  EXPECT_EQ(sentences[2].substr(0, 15), "!AIVDM,3,3,0,A,");
  EXPECT_EQ(message_differences(voyage, decode_sentences(sentences)), "");
}

// ------------------------------------------------------- bad input

TEST(AisEncoder, OutOfRangeValuesAreClampedAndReportedWhenReencoded) {
  Message message = dover_ferry_position();
  auto& body = std::get<PositionReport>(message.body);
  body.speed = 5000;        // over 10 bits: 1023
  body.lat = 200 * 600000;  // over 27 signed bits: 2^26 - 1
  message.repeat = 7;       // over 2 bits: 3
  EncodeStatus status;
  const Message decoded = decode_sentences(encode_sentences(message, {}, &status));
  ASSERT_TRUE(status.ok());
  EXPECT_FALSE(status.exact());
  EXPECT_EQ(status.adjustments, kClampedValue);
  EXPECT_STREQ(status.first_adjusted_field, "repeat");
  EXPECT_EQ(decoded.repeat, 3U);
  EXPECT_EQ(std::get<PositionReport>(decoded.body).speed, 1023U);
  EXPECT_EQ(std::get<PositionReport>(decoded.body).lat, (1 << 26) - 1);

  body = PositionReport{};
  body.lon = -250 * 600000;  // under 28 signed bits: -2^27
  message.repeat = 0;
  const Message low = decode_sentences(encode_sentences(message, {}, &status));
  EXPECT_STREQ(status.first_adjusted_field, "lon");
  EXPECT_EQ(std::get<PositionReport>(low.body).lon, -(1 << 27));

  // Text outside the six-bit alphabet: lower case upcased, the rest sent as '?'.
  Message voyage;
  voyage.type = 5;
  StaticVoyageData text;
  text.shipname.assign("Dover~Star");
  voyage.body = text;
  const Message decoded_text = decode_sentences(encode_sentences(voyage, {}, &status));
  EXPECT_EQ(status.adjustments, kReplacedCharacter);
  EXPECT_STREQ(status.first_adjusted_field, "shipname");
  EXPECT_EQ(std::get<StaticVoyageData>(decoded_text.body).shipname.view(), "DOVER?STAR");
}

TEST(AisEncoder, UnsupportedTypesAndBadOptionsAreLeftUnencoded) {
  EncodeStatus status;
  Message binary;
  binary.type = 6;
  binary.body = AddressedBinary{};
  EXPECT_TRUE(encode_sentences(binary, {}, &status).empty());
  EXPECT_EQ(status.error, EncodeError::kUnsupportedType);
  Bits bits;
  bits.put(1, 6);
  EXPECT_EQ(encode_payload(binary, bits).error, EncodeError::kUnsupportedType);
  EXPECT_EQ(bits.size(), 0U);

  Message mismatched = dover_ferry_position();
  mismatched.body = StaticVoyageData{};
  EXPECT_TRUE(encode_sentences(mismatched, {}, &status).empty());
  EXPECT_EQ(status.error, EncodeError::kBodyMismatch);

  EXPECT_EQ(encode_payload(dover_ferry_position(), bits, 1).error, EncodeError::kNoSuchPayload);

  const Message ferry = dover_ferry_position();
  for (auto change : std::vector<void (*)(EncodeOptions&)>{
           [](EncodeOptions& options) { options.talker = "ai"; },
           [](EncodeOptions& options) { options.talker = "AIS"; },
           [](EncodeOptions& options) { options.channel = 'C'; },
           [](EncodeOptions& options) { options.sequence_id = 10; },
           [](EncodeOptions& options) { options.max_payload_chars = 0; },
           [](EncodeOptions& options) { options.max_payload_chars = 83; },
           [](EncodeOptions& options) { options.tag_source = "a,b"; },
       }) {
    EncodeOptions options;
    change(options);
    EXPECT_TRUE(encode_sentences(ferry, options, &status).empty());
    EXPECT_EQ(status.error, EncodeError::kBadOptions);
  }

  EncodeOptions tiny;
  tiny.max_payload_chars = 3;  // 28 characters would need 10 sentences
  EXPECT_TRUE(encode_sentences(ferry, tiny, &status).empty());
  EXPECT_EQ(status.error, EncodeError::kTooManyFragments);

  // A reused output vector is emptied on error.
  SentenceEncoder encoder;
  std::vector<std::string> sentences;
  ASSERT_TRUE(encoder.encode(ferry, sentences).ok());
  ASSERT_EQ(sentences.size(), 1U);
  EXPECT_EQ(encoder.encode(binary, sentences).error, EncodeError::kUnsupportedType);
  EXPECT_TRUE(sentences.empty());
}

}  // namespace
}  // namespace sw::ais
