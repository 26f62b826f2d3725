#include "ingest/nmea/arpa.h"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "ingest/nmea/arpa_fields.h"
#include "ingest/nmea/arpa_parse.h"
#include "ingest/nmea/sentence.h"

namespace sw::nmea {
namespace {

constexpr std::uint32_t kMaxTargetNumber = 999;
constexpr double kMaxDistance = 1'000.0;  ///< km, NM or statute miles
constexpr double kMaxSpeed = 2'000.0;     ///< km/h, knots or mph
constexpr double kMaxTcpaMin = 1'000'000.0;

Error field_error(const char* code, const char* field) { return Error{code, field}; }

/// A decimal field that may be empty. Returns false (and sets `error`) when it is bad.
bool optional_decimal(std::string_view field, const char* name, std::optional<double>& out,
                      Error& error) {
  double value = 0.0;
  switch (parse_decimal(field, value)) {
    case FieldStatus::kEmpty: out.reset(); return true;
    case FieldStatus::kOk: out = value; return true;
    case FieldStatus::kBad: error = field_error("bad_number", name); return false;
  }
  return false;
}

/// "T" (true) or "R" (relative); empty means true (many radars leave it empty when true).
bool reference_flag(std::string_view field, const char* name, bool& relative, Error& error) {
  if (field.empty() || field == "T") {
    relative = false;
    return true;
  }
  if (field == "R") {
    relative = true;
    return true;
  }
  error = field_error("bad_flag", name);
  return false;
}

bool status_flag(std::string_view field, std::optional<ArpaStatus>& status, Error& error) {
  if (field.empty()) {
    status.reset();
  } else if (field == "L") {
    status = ArpaStatus::kLost;
  } else if (field == "Q") {
    status = ArpaStatus::kQuery;
  } else if (field == "T") {
    status = ArpaStatus::kTracking;
  } else {
    error = field_error("bad_flag", "status");
    return false;
  }
  return true;
}

bool reference_target_flag(std::string_view field, bool& reference, Error& error) {
  if (field.empty() || field == "R") {
    reference = field == "R";
    return true;
  }
  error = field_error("bad_flag", "reference target");
  return false;
}

bool target_number(std::string_view field, std::uint16_t& number, Error& error) {
  std::uint32_t value = 0;
  switch (parse_unsigned(field, 3, value)) {
    case FieldStatus::kEmpty: error = field_error("missing_field", "target number"); return false;
    case FieldStatus::kBad: error = field_error("bad_number", "target number"); return false;
    case FieldStatus::kOk: break;
  }
  if (value > kMaxTargetNumber) {
    error = field_error("out_of_range", "target number");
    return false;
  }
  number = static_cast<std::uint16_t>(value);
  return true;
}

bool time_field(std::string_view field, std::optional<double>& seconds, Error& error) {
  double value = 0.0;
  switch (parse_time_of_day(field, value)) {
    case FieldStatus::kEmpty: seconds.reset(); return true;
    case FieldStatus::kOk: seconds = value; return true;
    case FieldStatus::kBad: error = field_error("bad_time", "UTC time"); return false;
  }
  return false;
}

bool is_angle(double degrees) { return degrees >= 0.0 && degrees < 360.0; }

Result<ArpaTarget> parse_ttm(const NmeaFields& fields, ArpaTarget target) {
  Error error;
  target.sentence = ArpaSentence::kTtm;
  if (!target_number(fields.field(1), target.number, error) ||
      !optional_decimal(fields.field(2), "distance", target.distance, error) ||
      !optional_decimal(fields.field(3), "bearing", target.bearing_deg, error) ||
      !reference_flag(fields.field(4), "bearing reference", target.bearing_relative, error) ||
      !optional_decimal(fields.field(5), "speed", target.speed, error) ||
      !optional_decimal(fields.field(6), "course", target.course_deg, error) ||
      !reference_flag(fields.field(7), "course reference", target.course_relative, error) ||
      !optional_decimal(fields.field(8), "CPA distance", target.cpa_distance, error) ||
      !optional_decimal(fields.field(9), "TCPA", target.tcpa_min, error) ||
      !status_flag(fields.field(12), target.status, error) ||
      !reference_target_flag(fields.field(13), target.reference_target, error) ||
      !time_field(fields.field(14), target.utc_seconds_of_day, error)) {
    return error;
  }
  const std::string_view unit = fields.field(10);
  if (unit == "N" || unit.empty()) {
    target.unit = ArpaUnit::kNauticalMiles;  // the common default of marine radars
  } else if (unit == "K") {
    target.unit = ArpaUnit::kKilometres;
  } else if (unit == "S") {
    target.unit = ArpaUnit::kStatuteMiles;
  } else {
    return field_error("bad_flag", "unit");
  }
  target.name = std::string(fields.field(11));
  const std::string_view acquisition = fields.field(15);
  if (acquisition == "A") {
    target.acquisition = ArpaAcquisition::kAutomatic;
  } else if (acquisition == "M") {
    target.acquisition = ArpaAcquisition::kManual;
  } else if (acquisition == "R") {
    target.acquisition = ArpaAcquisition::kReported;
  } else if (!acquisition.empty()) {
    return field_error("bad_flag", "acquisition");
  }
  if (!target.distance || !target.bearing_deg) {
    return field_error("missing_field", "distance or bearing");
  }
  // Bounds far beyond any radar keep the geometry meaningful. They are round numbers in
  // the sentence's own unit, so that every accepted value still fits once encoded.
  const auto is_distance = [](double value) { return value >= 0.0 && value <= kMaxDistance; };
  if (!is_distance(*target.distance) || !is_angle(*target.bearing_deg) ||
      (target.speed && !(*target.speed >= 0.0 && *target.speed <= kMaxSpeed)) ||
      (target.course_deg && !is_angle(*target.course_deg)) ||
      (target.cpa_distance && !is_distance(*target.cpa_distance)) ||
      (target.tcpa_min && std::fabs(*target.tcpa_min) > kMaxTcpaMin)) {
    return field_error("out_of_range", "distance, speed, angle or TCPA");
  }
  return target;
}

Result<ArpaTarget> parse_tll(const NmeaFields& fields, ArpaTarget target) {
  Error error;
  target.sentence = ArpaSentence::kTll;
  if (!target_number(fields.field(1), target.number, error) ||
      !time_field(fields.field(7), target.utc_seconds_of_day, error) ||
      !status_flag(fields.field(8), target.status, error) ||
      !reference_target_flag(fields.field(9), target.reference_target, error)) {
    return error;
  }
  LatLon position;
  const FieldStatus lat = parse_latitude(fields.field(2), fields.field(3), position.lat);
  const FieldStatus lon = parse_longitude(fields.field(4), fields.field(5), position.lon);
  if (lat == FieldStatus::kBad || lon == FieldStatus::kBad) {
    return field_error("out_of_range", "latitude or longitude");
  }
  if (lat == FieldStatus::kEmpty || lon == FieldStatus::kEmpty) {
    return field_error("missing_field", "latitude or longitude");
  }
  target.position = position;
  target.name = std::string(fields.field(6));
  return target;
}

/// NMEA reserved characters and non-printable bytes cannot appear in a field.
std::string sanitised_field(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool reserved = c == ',' || c == '*' || c == '$' || c == '!' || c == '\\' || c == '^' ||
                          c == '~' || byte < 0x20 || byte >= 0x7f;
    out.push_back(reserved ? '_' : c);
  }
  return out;
}

void append_optional(std::string& out, const std::optional<double>& value, int decimals) {
  out.push_back(',');
  if (value && std::isfinite(*value)) out += fmt::format("{:.{}f}", *value, decimals);
}

/// An angle with two decimals in [0, 360): 359.996 is written 0.00, not 360.00.
void append_angle(std::string& out, const std::optional<double>& degrees) {
  out.push_back(',');
  if (!degrees || !std::isfinite(*degrees)) return;
  auto hundredths = std::llround(std::fmod(*degrees, 360.0) * 100.0) % 36'000;
  if (hundredths < 0) hundredths += 36'000;
  out += fmt::format("{}.{:02d}", hundredths / 100, hundredths % 100);
}

/// "ddmm.mmmmm" (or "dddmm.mmmmm") and the hemisphere letter.
void append_degrees_minutes(std::string& out, double degrees, int degree_digits, char positive,
                            char negative) {
  constexpr std::int64_t kScale = 100'000;  // five decimals of a minute
  const auto total = static_cast<std::int64_t>(std::llround(std::fabs(degrees) * 60.0 * kScale));
  const std::int64_t whole_degrees = total / (60 * kScale);
  const std::int64_t minute_units = total % (60 * kScale);
  out +=
      fmt::format(",{:0{}d}{:02d}.{:05d},{}", whole_degrees, degree_digits, minute_units / kScale,
                  minute_units % kScale, degrees < 0.0 ? negative : positive);
}

void append_time(std::string& out, const std::optional<double>& seconds) {
  out.push_back(',');
  if (!seconds || !std::isfinite(*seconds) || *seconds < 0.0) return;
  const auto centiseconds = std::llround(*seconds * 100.0) % (86'400LL * 100);
  out += fmt::format("{:02d}{:02d}{:02d}.{:02d}", centiseconds / 360'000, centiseconds / 6'000 % 60,
                     centiseconds / 100 % 60, centiseconds % 100);
}

char unit_letter(ArpaUnit unit) {
  switch (unit) {
    case ArpaUnit::kKilometres: return 'K';
    case ArpaUnit::kNauticalMiles: return 'N';
    case ArpaUnit::kStatuteMiles: return 'S';
  }
  return 'N';
}

const char* status_letter(const std::optional<ArpaStatus>& status) {
  if (!status) return "";
  switch (*status) {
    case ArpaStatus::kLost: return "L";
    case ArpaStatus::kQuery: return "Q";
    case ArpaStatus::kTracking: return "T";
  }
  return "";
}

const char* acquisition_letter(const std::optional<ArpaAcquisition>& acquisition) {
  if (!acquisition) return "";
  switch (*acquisition) {
    case ArpaAcquisition::kAutomatic: return "A";
    case ArpaAcquisition::kManual: return "M";
    case ArpaAcquisition::kReported: return "R";
  }
  return "";
}

}  // namespace

const char* to_string(ArpaUnit unit) {
  switch (unit) {
    case ArpaUnit::kKilometres: return "km";
    case ArpaUnit::kNauticalMiles: return "nm";
    case ArpaUnit::kStatuteMiles: return "mi";
  }
  return "unknown";
}

const char* to_string(ArpaStatus status) {
  switch (status) {
    case ArpaStatus::kLost: return "lost";
    case ArpaStatus::kQuery: return "query";
    case ArpaStatus::kTracking: return "tracking";
  }
  return "unknown";
}

const char* to_string(ArpaAcquisition acquisition) {
  switch (acquisition) {
    case ArpaAcquisition::kAutomatic: return "automatic";
    case ArpaAcquisition::kManual: return "manual";
    case ArpaAcquisition::kReported: return "reported";
  }
  return "unknown";
}

double metres_per_unit(ArpaUnit unit) {
  switch (unit) {
    case ArpaUnit::kKilometres: return 1000.0;
    case ArpaUnit::kNauticalMiles: return 1852.0;
    case ArpaUnit::kStatuteMiles: return 1609.344;
  }
  return 1852.0;
}

Result<ArpaTarget> parse_arpa_fields(const NmeaFields& fields) {
  ArpaTarget target;
  target.talker = std::string(fields.talker);
  if (fields.formatter == "TTM") return parse_ttm(fields, std::move(target));
  if (fields.formatter == "TLL") return parse_tll(fields, std::move(target));
  return Error{"not_arpa", std::string(fields.formatter)};
}

Result<ArpaTarget> parse_arpa_sentence(std::string_view line) {
  line = strip_tag_block(line);
  const std::string_view formatter = sentence_formatter(line);
  if (formatter != "TTM" && formatter != "TLL") {
    if (line.size() > kMaxArpaLineLength) return Error{"line_too_long", ""};
    return Error{"not_arpa", ""};
  }
  auto fields = split_nmea_fields(line);
  if (!fields.ok()) return fields.error();
  return parse_arpa_fields(*fields);
}

std::string encode_arpa_sentence(const ArpaTarget& target) {
  std::string talker = sanitised_field(target.talker);
  talker.resize(2, 'X');
  std::string out = "$" + talker;
  const std::uint16_t number = target.number > kMaxTargetNumber ? 0 : target.number;
  if (target.sentence == ArpaSentence::kTtm) {
    out += fmt::format("TTM,{:02d}", number);
    append_optional(out, target.distance, 3);
    append_angle(out, target.bearing_deg);
    out += target.bearing_relative ? ",R" : ",T";
    append_optional(out, target.speed, 2);
    append_angle(out, target.course_deg);
    out += target.course_relative ? ",R" : ",T";
    append_optional(out, target.cpa_distance, 3);
    append_optional(out, target.tcpa_min, 2);
    out.push_back(',');
    out.push_back(unit_letter(target.unit));
    out += "," + sanitised_field(target.name);
    out += fmt::format(",{},{}", status_letter(target.status), target.reference_target ? "R" : "");
    append_time(out, target.utc_seconds_of_day);
    out += fmt::format(",{}", acquisition_letter(target.acquisition));
  } else {
    out += fmt::format("TLL,{:02d}", number);
    const LatLon position = target.position.value_or(LatLon{});
    if (target.position) {
      append_degrees_minutes(out, position.lat, 2, 'N', 'S');
      append_degrees_minutes(out, position.lon, 3, 'E', 'W');
    } else {
      out += ",,,,";
    }
    out += "," + sanitised_field(target.name);
    append_time(out, target.utc_seconds_of_day);
    out += fmt::format(",{},{}", status_letter(target.status), target.reference_target ? "R" : "");
  }
  out += fmt::format("*{:02X}", nmea_checksum(std::string_view(out).substr(1)));
  return out;
}

}  // namespace sw::nmea
