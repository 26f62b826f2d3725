#include "cli/ais_encode_command.h"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/line_reader.h"
#include "ingest/ais/encoder.h"

namespace sw::cli {
namespace {

using nlohmann::json;

struct EncodeCommandOptions {
  std::string talker = "AI";
  bool vdo = false;
  std::string channel = "A";
  std::size_t max_payload_chars = 60;
  int sequence_id = 0;
  std::string tag_source;
  std::int64_t tag_unix_time = -1;
  std::vector<std::string> inputs;
};

/// Reads the members of one gpsd JSON object into message fields. Missing members keep
/// the field's default ("not available"); a member of the wrong kind is an error; an
/// integer outside the field's C++ type is clamped and noted (the encoder then clamps
/// to the bit width and notes that too).
class JsonFields {
 public:
  explicit JsonFields(const json& object) : object_(object) {}

  void u(const char* name, std::uint32_t& field) {
    std::int64_t value = 0;
    if (!integer(name, value)) return;
    if (value < 0 || value > std::numeric_limits<std::uint32_t>::max()) {
      note_clamped(name);
      value = value < 0 ? 0 : std::numeric_limits<std::uint32_t>::max();
    }
    field = static_cast<std::uint32_t>(value);
  }
  void i(const char* name, std::int32_t& field) {
    std::int64_t value = 0;
    if (!integer(name, value)) return;
    if (value < std::numeric_limits<std::int32_t>::min() ||
        value > std::numeric_limits<std::int32_t>::max()) {
      note_clamped(name);
      value = value < 0 ? std::numeric_limits<std::int32_t>::min()
                        : std::numeric_limits<std::int32_t>::max();
    }
    field = static_cast<std::int32_t>(value);
  }
  void b(const char* name, bool& field) {
    const json* member = find(name);
    if (member == nullptr) return;
    if (member->is_boolean()) {
      field = member->get<bool>();
    } else if (member->is_number_integer() && (*member == 0 || *member == 1)) {
      field = *member == 1;
    } else {
      fail(name, "expected true or false");
    }
  }
  template <std::size_t N>
  void text(const char* name, ais::FixedText<N>& field) {
    const std::string* value = string(name);
    if (value == nullptr) return;
    if (value->size() > N) note(name, "text too long for the field, cut");
    field.assign(*value);
  }
  /// "d-d-d..." style composite: numbers, each followed by its separator character
  /// ("--T::Z" reads "2007-05-14T19:57:39Z").
  void numbers(const char* name, std::string_view separators, std::uint32_t* const* fields) {
    const std::string* value = string(name);
    if (value == nullptr) return;
    std::size_t pos = 0;
    for (std::size_t field_idx = 0; field_idx < separators.size(); ++field_idx) {
      std::uint64_t number = 0;
      const std::size_t digits_start = pos;
      while (pos < value->size() && (*value)[pos] >= '0' && (*value)[pos] <= '9' &&
             pos - digits_start < 9) {
        number = number * 10 + static_cast<unsigned>((*value)[pos++] - '0');
      }
      if (pos == digits_start || pos >= value->size() || (*value)[pos] != separators[field_idx]) {
        fail(name, "malformed date/time");
        return;
      }
      ++pos;
      *fields[field_idx] = static_cast<std::uint32_t>(number);
    }
    if (pos != value->size()) fail(name, "malformed date/time");
  }
  const std::string* string(const char* name) {
    const json* member = find(name);
    if (member == nullptr) return nullptr;
    if (!member->is_string()) {
      fail(name, "expected a string");
      return nullptr;
    }
    return member->get_ptr<const std::string*>();
  }
  const json* find(const char* name) const {
    const auto member = object_.find(name);
    return member == object_.end() ? nullptr : &*member;
  }
  void fail(const char* name, const char* what) {
    if (error.empty()) error = std::string("\"") + name + "\": " + what;
  }
  void note(const char* name, const char* what) {
    if (!warning.empty()) warning.append("; ");
    warning.append("\"").append(name).append("\": ").append(what);
  }

  std::string error;    ///< first error: the line is not encoded
  std::string warning;  ///< adjustments: the line is encoded anyway

 private:
  bool integer(const char* name, std::int64_t& value) {
    const json* member = find(name);
    if (member == nullptr) return false;
    if (member->is_number_unsigned()) {
      const auto unsigned_value = member->get<std::uint64_t>();
      value = unsigned_value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                  ? std::numeric_limits<std::int64_t>::max()
                  : static_cast<std::int64_t>(unsigned_value);
      return true;
    }
    if (member->is_number_integer()) {
      value = member->get<std::int64_t>();
      return true;
    }
    fail(name, member->is_number_float() ? "expected an integer (unscaled JSON, as printed by "
                                           "`ais decode -u -j`)"
                                         : "expected an integer");
    return false;
  }
  void note_clamped(const char* name) { note(name, "out of range, clamped"); }

  const json& object_;
};

void read_body(JsonFields& in, ais::PositionReport& body) {
  in.u("status", body.status);
  in.i("turn", body.turn);
  in.u("speed", body.speed);
  in.b("accuracy", body.accuracy);
  in.i("lon", body.lon);
  in.i("lat", body.lat);
  in.u("course", body.course);
  in.u("heading", body.heading);
  in.u("second", body.second);
  in.u("maneuver", body.maneuver);
  in.b("raim", body.raim);
  in.u("radio", body.radio);
}

void read_body(JsonFields& in, ais::BaseStationReport& body) {
  std::uint32_t* const timestamp[] = {&body.year, &body.month,  &body.day,
                                      &body.hour, &body.minute, &body.second};
  in.numbers("timestamp", "--T::Z", timestamp);
  in.b("accuracy", body.accuracy);
  in.i("lon", body.lon);
  in.i("lat", body.lat);
  in.u("epfd", body.epfd);
  in.b("raim", body.raim);
  in.u("radio", body.radio);
}

void read_body(JsonFields& in, ais::StaticVoyageData& body) {
  in.u("imo", body.imo);
  in.u("ais_version", body.ais_version);
  in.text("callsign", body.callsign);
  in.text("shipname", body.shipname);
  in.u("shiptype", body.shiptype);
  in.u("to_bow", body.to_bow);
  in.u("to_stern", body.to_stern);
  in.u("to_port", body.to_port);
  in.u("to_starboard", body.to_starboard);
  in.u("epfd", body.epfd);
  std::uint32_t* const eta[] = {&body.month, &body.day, &body.hour, &body.minute};
  in.numbers("eta", "-T:Z", eta);
  in.u("draught", body.draught);
  in.text("destination", body.destination);
  in.u("dte", body.dte);
}

/// The fields types 18 and 19 share, in gpsd's JSON order.
template <typename ClassBReport>
void read_class_b_motion(JsonFields& in, ClassBReport& body) {
  in.u("reserved", body.reserved);
  in.u("speed", body.speed);
  in.b("accuracy", body.accuracy);
  in.i("lon", body.lon);
  in.i("lat", body.lat);
  in.u("course", body.course);
  in.u("heading", body.heading);
  in.u("second", body.second);
}

void read_body(JsonFields& in, ais::ClassBPosition& body) {
  read_class_b_motion(in, body);
  in.u("regional", body.regional);
  in.b("cs", body.cs);
  in.b("display", body.display);
  in.b("dsc", body.dsc);
  in.b("band", body.band);
  in.b("msg22", body.msg22);
  in.b("assigned", body.assigned);  // not printed by gpsd 3.22: false when absent
  in.b("raim", body.raim);
  in.u("radio", body.radio);
}

void read_body(JsonFields& in, ais::ClassBExtended& body) {
  read_class_b_motion(in, body);
  in.u("regional", body.regional);
  in.text("shipname", body.shipname);
  in.u("shiptype", body.shiptype);
  in.u("to_bow", body.to_bow);
  in.u("to_stern", body.to_stern);
  in.u("to_port", body.to_port);
  in.u("to_starboard", body.to_starboard);
  in.u("epfd", body.epfd);
  in.b("raim", body.raim);
  in.u("dte", body.dte);
  in.b("assigned", body.assigned);
}

void read_body(JsonFields& in, ais::AidToNavigation& body) {
  in.u("aid_type", body.aid_type);
  in.text("name", body.name);
  body.name_untrimmed_length = static_cast<std::uint8_t>(body.name.size());
  in.b("accuracy", body.accuracy);
  in.i("lon", body.lon);
  in.i("lat", body.lat);
  in.u("to_bow", body.to_bow);
  in.u("to_stern", body.to_stern);
  in.u("to_port", body.to_port);
  in.u("to_starboard", body.to_starboard);
  in.u("epfd", body.epfd);
  in.u("second", body.second);
  in.u("regional", body.regional);
  in.b("off_position", body.off_position);
  in.b("raim", body.raim);
  in.b("virtual_aid", body.virtual_aid);
  in.b("assigned", body.assigned);  // not printed by gpsd 3.22: false when absent
}

void read_body(JsonFields& in, ais::StaticDataReport& body) {
  using Part = ais::StaticDataReport::Part;
  body.part = Part::kBoth;  // gpsd's merged A+B, unless "part" says otherwise (-s output)
  if (const std::string* part = in.string("part"); part != nullptr) {
    if (*part == "A") {
      body.part = Part::kA;
    } else if (*part == "B") {
      body.part = Part::kB;
    } else {
      in.fail("part", "expected \"A\" or \"B\"");
    }
  }
  in.text("shipname", body.shipname);
  in.u("shiptype", body.shiptype);
  in.text("vendorid", body.vendorid);
  in.u("model", body.model);
  in.u("serial", body.serial);
  in.text("callsign", body.callsign);
  body.auxiliary = in.find("mothership_mmsi") != nullptr;
  in.u("mothership_mmsi", body.mothership_mmsi);
  in.u("to_bow", body.to_bow);
  in.u("to_stern", body.to_stern);
  in.u("to_port", body.to_port);
  in.u("to_starboard", body.to_starboard);
}

void read_body(JsonFields& in, ais::LongRangePosition& body) {
  in.b("accuracy", body.accuracy);
  in.b("raim", body.raim);
  in.u("status", body.status);
  in.i("lon", body.lon);
  in.i("lat", body.lat);
  in.u("speed", body.speed);
  in.u("course", body.course);
  in.b("gnss", body.gnss);
}

template <typename Family>
void read_as(JsonFields& in, ais::Message& message) {
  read_body(in, message.body.emplace<Family>());
}

/// Build a message from one gpsd JSON object; the error (if any) is in `in.error`.
void read_message(JsonFields& in, ais::Message& message) {
  if (const std::string* json_class = in.string("class");
      json_class != nullptr && *json_class != "AIS") {
    in.fail("class", "not an AIS report");
  }
  bool scaled = false;
  in.b("scaled", scaled);
  if (scaled) in.fail("scaled", "scaled JSON is not accepted: use `ais decode -u -j` output");
  if (in.find("type") == nullptr) in.fail("type", "missing");
  in.u("type", message.type);
  in.u("repeat", message.repeat);
  in.u("mmsi", message.mmsi);
  if (!in.error.empty()) return;
  switch (message.type) {
    case 1:
    case 2:
    case 3: read_as<ais::PositionReport>(in, message); break;
    case 4:
    case 11: read_as<ais::BaseStationReport>(in, message); break;
    case 5: read_as<ais::StaticVoyageData>(in, message); break;
    case 18: read_as<ais::ClassBPosition>(in, message); break;
    case 19: read_as<ais::ClassBExtended>(in, message); break;
    case 21: read_as<ais::AidToNavigation>(in, message); break;
    case 24: read_as<ais::StaticDataReport>(in, message); break;
    case 27: read_as<ais::LongRangePosition>(in, message); break;
    default: in.fail("type", "not encoded (encoded types: 1, 2, 3, 4, 5, 11, 18, 19, 21, 24, 27)");
  }
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

int run_encode(const EncodeCommandOptions& options) {
  ais::EncodeOptions encode_options;
  encode_options.talker = options.talker;
  encode_options.own_ship = options.vdo;
  encode_options.channel = options.channel == "none" ? '\0' : options.channel[0];
  encode_options.sequence_id = options.sequence_id;
  encode_options.max_payload_chars = options.max_payload_chars;
  encode_options.tag_source = options.tag_source;
  encode_options.tag_unix_time = options.tag_unix_time;
  if (!ais::valid_options(encode_options)) {
    std::fprintf(stderr,
                 "straitwatch: invalid sentence options (talker: two upper-case letters; "
                 "tag source: no , * \\ ! $)\n");
    return 2;
  }
  ais::SentenceEncoder encoder(encode_options);

  std::vector<std::string> sentences;
  StdoutBuffer out;
  std::uint64_t failed_lines = 0;
  std::uint64_t encoded_lines = 0;
  int status = for_each_input_line(
      options.inputs,
      [&](std::string_view input_name, std::uint64_t line_number, std::string_view line) {
        const std::string name(input_name);
        if (is_blank(line)) return;
        ais::Message message;
        std::string error;
        std::string warning;
        json object;
        try {
          object = json::parse(line.begin(), line.end());
        } catch (const json::parse_error& parse_error) {
          error = "not valid JSON (at byte " + std::to_string(parse_error.byte) + ")";
        }
        if (error.empty() && !object.is_object()) {
          error = "not a JSON object";
        } else if (error.empty()) {
          JsonFields fields(object);
          read_message(fields, message);
          error = fields.error;
          warning = fields.warning;
        }
        ais::EncodeStatus encoded;
        if (error.empty()) {
          encoded = encoder.encode(message, sentences);
          if (!encoded.ok()) error = ais::to_string(encoded.error);
        }
        if (!error.empty()) {
          ++failed_lines;
          std::fprintf(stderr, "straitwatch: %s:%llu: %s\n", name.c_str(),
                       static_cast<unsigned long long>(line_number), error.c_str());
          return;
        }
        if (encoded.adjustments != 0) {
          if (!warning.empty()) warning.append("; ");
          warning.append("\"").append(encoded.first_adjusted_field).append("\"");
          warning.append(" and/or other fields adjusted to fit (clamped, cut or replaced)");
        }
        if (!warning.empty()) {
          std::fprintf(stderr, "straitwatch: %s:%llu: warning: %s\n", name.c_str(),
                       static_cast<unsigned long long>(line_number), warning.c_str());
        }
        ++encoded_lines;
        for (const std::string& sentence : sentences) {
          out.text().append(sentence);
          out.text().append("\r\n");
        }
        out.maybe_flush();
      });
  out.flush();
  if (failed_lines != 0) {
    std::fprintf(stderr, "straitwatch: %llu line(s) not encoded, %llu encoded\n",
                 static_cast<unsigned long long>(failed_lines),
                 static_cast<unsigned long long>(encoded_lines));
    status = 1;
  }
  return status;
}

}  // namespace

void add_ais_encode_command(CLI::App& ais) {
  auto options = std::make_shared<EncodeCommandOptions>();
  auto* encode = ais.add_subcommand(
      "encode",
      "Encode gpsd-style unscaled JSON lines (`ais decode -u -j` output) as !AIVDM "
      "sentences; types 1-5, 11, 18, 19, 21, 24, 27");
  encode->add_option("--talker", options->talker, "talker id (two upper-case letters)")
      ->capture_default_str();
  encode->add_flag("--vdo", options->vdo, "own-ship !xxVDO sentences instead of !xxVDM");
  encode->add_option("--channel", options->channel, "radio channel: A, B or none")
      ->check(CLI::IsMember({"A", "B", "none"}))
      ->capture_default_str();
  encode
      ->add_option("--max-chars", options->max_payload_chars,
                   "payload characters per sentence (longer payloads are split)")
      ->check(CLI::Range(1, 82))
      ->capture_default_str();
  encode
      ->add_option("--sequence-id", options->sequence_id,
                   "first sequence id of multi-sentence messages (then cycles 0-9)")
      ->check(CLI::Range(0, 9))
      ->capture_default_str();
  encode->add_option("--tag-source", options->tag_source,
                     "add an NMEA 4.0 tag block with this source (s:)");
  encode->add_option("--tag-time", options->tag_unix_time,
                     "add an NMEA 4.0 tag block with this UNIX time in seconds (c:)");
  encode->add_option("inputs", options->inputs, "input files ('-' or none for stdin)");
  encode->callback([options] {
    const int status = run_encode(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
