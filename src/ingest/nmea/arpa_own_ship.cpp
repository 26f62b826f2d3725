#include "ingest/nmea/arpa_own_ship.h"

#include "core/civil_time.h"

#include <cmath>
#include <cstdint>

namespace sw::nmea {
namespace {

Error error(const char* code, const char* detail) { return Error{code, detail}; }

/// Latitude and longitude at fields `first`..`first + 3`.
Result<std::optional<LatLon>> position_at(const NmeaFields& fields, std::size_t first) {
  LatLon position;
  const FieldStatus lat =
      parse_latitude(fields.field(first), fields.field(first + 1), position.lat);
  const FieldStatus lon =
      parse_longitude(fields.field(first + 2), fields.field(first + 3), position.lon);
  if (lat == FieldStatus::kBad || lon == FieldStatus::kBad) {
    return error("out_of_range", "latitude or longitude");
  }
  if (lat == FieldStatus::kEmpty || lon == FieldStatus::kEmpty) return std::optional<LatLon>{};
  return std::optional<LatLon>{position};
}

/// A heading field in [0, 360).
Result<double> heading_at(const NmeaFields& fields, std::size_t number) {
  double heading = 0.0;
  switch (parse_decimal(fields.field(number), heading)) {
    case FieldStatus::kEmpty: return error("missing_field", "heading");
    case FieldStatus::kBad: return error("bad_number", "heading");
    case FieldStatus::kOk: break;
  }
  if (heading < 0.0 || heading >= 360.0) return error("out_of_range", "heading");
  return heading;
}

/// A signed correction "x.x,E|W" (east positive); zero when both fields are empty.
Result<double> correction_at(const NmeaFields& fields, std::size_t number) {
  double value = 0.0;
  const std::string_view side = fields.field(number + 1);
  switch (parse_decimal(fields.field(number), value)) {
    case FieldStatus::kEmpty:
      if (!side.empty()) return error("missing_field", "deviation or variation");
      return 0.0;
    case FieldStatus::kBad: return error("bad_number", "deviation or variation");
    case FieldStatus::kOk: break;
  }
  if (value < 0.0 || value > 180.0) return error("out_of_range", "deviation or variation");
  if (side == "E") return value;
  if (side == "W") return -value;
  return error("bad_flag", "deviation or variation side");
}

Result<OwnShipReport> parse_gga(const NmeaFields& fields) {
  OwnShipReport report;
  std::uint32_t quality = 0;
  if (parse_unsigned(fields.field(6), 1, quality) != FieldStatus::kOk) {
    return error("bad_number", "GGA quality");
  }
  // 0 no fix, 1-5 GNSS fixes, 6 dead reckoning, 7 manual input, 8 simulator.
  if (quality == 0 || quality == 8) {
    report.no_fix = true;
    return report;
  }
  auto position = position_at(fields, 2);
  if (!position.ok()) return position.error();
  if (!*position) return error("missing_field", "GGA position");
  report.position = **position;
  return report;
}

Result<OwnShipReport> parse_rmc(const NmeaFields& fields) {
  OwnShipReport report;
  const std::string_view status = fields.field(2);
  if (status != "A" && status != "V") return error("bad_flag", "RMC status");
  double seconds = 0.0;
  const FieldStatus time = parse_time_of_day(fields.field(1), seconds);
  std::uint32_t date = 0;
  const std::string_view date_field = fields.field(9);
  if (time == FieldStatus::kBad) return error("bad_time", "RMC time");
  if (!date_field.empty() &&
      (date_field.size() != 6 || parse_unsigned(date_field, 6, date) != FieldStatus::kOk)) {
    return error("bad_time", "RMC date");
  }
  if (time == FieldStatus::kOk && !date_field.empty()) {
    const int two_digit_year = static_cast<int>(date % 100);
    const int year = two_digit_year < 80 ? 2000 + two_digit_year : 1900 + two_digit_year;
    report.utc_time = utc_date_time(year, static_cast<int>(date / 100 % 100),
                                    static_cast<int>(date / 10000), seconds);
    if (!report.utc_time) return error("bad_time", "RMC date");
  }
  // NMEA 2.3 mode indicator: N = data not valid, whatever the status says.
  if (status == "V" || fields.field(12) == "N") {
    report.no_fix = true;
    return report;
  }
  auto position = position_at(fields, 3);
  if (!position.ok()) return position.error();
  if (!*position) return error("missing_field", "RMC position");
  report.position = **position;
  return report;
}

Result<OwnShipReport> parse_gll(const NmeaFields& fields) {
  OwnShipReport report;
  const std::string_view status = fields.field(6);  // absent before NMEA 2.0
  if (!status.empty() && status != "A" && status != "V") return error("bad_flag", "GLL status");
  if (status == "V" || fields.field(7) == "N") {
    report.no_fix = true;
    return report;
  }
  auto position = position_at(fields, 1);
  if (!position.ok()) return position.error();
  if (!*position) return error("missing_field", "GLL position");
  report.position = **position;
  return report;
}

Result<OwnShipReport> parse_hdt(const NmeaFields& fields) {
  if (fields.field(2) != "T") return error("bad_flag", "HDT reference");
  auto heading = heading_at(fields, 1);
  if (!heading.ok()) return heading.error();
  OwnShipReport report;
  report.true_heading_deg = *heading;
  return report;
}

Result<OwnShipReport> parse_ths(const NmeaFields& fields) {
  const std::string_view mode = fields.field(2);
  if (mode != "A" && mode != "E" && mode != "M" && mode != "S" && mode != "V") {
    return error("bad_flag", "THS mode");
  }
  OwnShipReport report;
  if (mode == "V") {
    report.no_heading = true;
    return report;
  }
  auto heading = heading_at(fields, 1);
  if (!heading.ok()) return heading.error();
  report.true_heading_deg = *heading;
  return report;
}

Result<OwnShipReport> parse_hdg(const NmeaFields& fields) {
  auto magnetic = heading_at(fields, 1);
  if (!magnetic.ok()) return magnetic.error();
  auto deviation = correction_at(fields, 2);
  if (!deviation.ok()) return deviation.error();
  auto variation = correction_at(fields, 4);
  if (!variation.ok()) return variation.error();
  OwnShipReport report;
  if (fields.field(4).empty()) {
    report.no_heading = true;  // magnetic only: no true heading without the variation
    return report;
  }
  double heading = std::fmod(*magnetic + *deviation + *variation, 360.0);
  if (heading < 0.0) heading += 360.0;
  report.true_heading_deg = heading;
  return report;
}

Result<OwnShipReport> parse_zda(const NmeaFields& fields) {
  double seconds = 0.0;
  std::uint32_t day = 0;
  std::uint32_t month = 0;
  std::uint32_t year = 0;
  if (parse_time_of_day(fields.field(1), seconds) != FieldStatus::kOk ||
      parse_unsigned(fields.field(2), 2, day) != FieldStatus::kOk ||
      parse_unsigned(fields.field(3), 2, month) != FieldStatus::kOk ||
      parse_unsigned(fields.field(4), 4, year) != FieldStatus::kOk) {
    return error("bad_time", "ZDA");
  }
  OwnShipReport report;
  report.utc_time = utc_date_time(static_cast<int>(year), static_cast<int>(month),
                                  static_cast<int>(day), seconds);
  if (!report.utc_time) return error("bad_time", "ZDA date");
  return report;
}

}  // namespace

std::optional<TimeNs> utc_date_time(int year, int month, int day, double seconds_of_day) {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month) || !(seconds_of_day >= 0.0) || seconds_of_day >= 86'401.0) {
    return std::nullopt;
  }
  const std::int64_t days =
      days_since_epoch(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86'400 * kNsPerSecond + static_cast<TimeNs>(std::llround(seconds_of_day * 1e9));
}

bool is_own_ship_formatter(std::string_view formatter) {
  return formatter == "GGA" || formatter == "RMC" || formatter == "GLL" || formatter == "HDT" ||
         formatter == "HDG" || formatter == "THS" || formatter == "ZDA";
}

Result<OwnShipReport> parse_own_ship_fields(const NmeaFields& fields) {
  const std::string_view formatter = fields.formatter;
  if (formatter == "GGA") return parse_gga(fields);
  if (formatter == "RMC") return parse_rmc(fields);
  if (formatter == "GLL") return parse_gll(fields);
  if (formatter == "HDT") return parse_hdt(fields);
  if (formatter == "THS") return parse_ths(fields);
  if (formatter == "HDG") return parse_hdg(fields);
  if (formatter == "ZDA") return parse_zda(fields);
  return Error{"not_own_ship", std::string(formatter)};
}

}  // namespace sw::nmea
