#include "sim/sim_time.h"

#include "core/civil_time.h"

#include <cstdio>

namespace sw::sim {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

void civil_from_days(std::int64_t days, UtcFields& fields) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned month_index = (5 * day_of_year + 2) / 153;
  fields.day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  fields.month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  fields.year = static_cast<int>(static_cast<std::int64_t>(year_of_era) + era * 400 +
                                 (fields.month <= 2 ? 1 : 0));
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  const std::int64_t quotient = value / divisor;
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

}  // namespace

UtcFields utc_fields(TimeNs time) {
  const std::int64_t seconds = floor_div(time, kNsPerSecond);
  const std::int64_t days = floor_div(seconds, kSecondsPerDay);
  const std::int64_t second_of_day = seconds - days * kSecondsPerDay;
  UtcFields fields;
  civil_from_days(days, fields);
  fields.hour = static_cast<int>(second_of_day / 3600);
  fields.minute = static_cast<int>(second_of_day / 60 % 60);
  fields.second = static_cast<int>(second_of_day % 60);
  fields.nanosecond = time - seconds * kNsPerSecond;
  return fields;
}

TimeNs utc_time(const UtcFields& fields) {
  const std::int64_t days = days_from_civil(fields.year, static_cast<unsigned>(fields.month),
                                            static_cast<unsigned>(fields.day));
  const std::int64_t seconds =
      days * kSecondsPerDay + fields.hour * 3600 + fields.minute * 60 + fields.second;
  return seconds * kNsPerSecond + fields.nanosecond;
}

double seconds_of_day(TimeNs time) {
  const std::int64_t day_ns = kSecondsPerDay * kNsPerSecond;
  const std::int64_t into_day = time - floor_div(time, day_ns) * day_ns;
  return static_cast<double>(into_day) / static_cast<double>(kNsPerSecond);
}

std::string format_utc(TimeNs time) {
  const UtcFields fields = utc_fields(time);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", fields.year, fields.month,
                fields.day, fields.hour, fields.minute, fields.second,
                static_cast<int>(fields.nanosecond / 1'000'000));
  return text;
}

Result<TimeNs> parse_utc(std::string_view text) {
  const Error bad{"bad_time",
                  "expected a UTC time like 2024-08-15T04:00:00Z, got '" + std::string(text) + "'"};
  UtcFields fields;
  std::size_t pos = 0;
  if (!read_digits(text, pos, 4, fields.year) || !expect_char(text, pos, '-') ||
      !read_digits(text, pos, 2, fields.month) || !expect_char(text, pos, '-') ||
      !read_digits(text, pos, 2, fields.day)) {
    return bad;
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return bad;
  ++pos;
  if (!read_digits(text, pos, 2, fields.hour) || !expect_char(text, pos, ':') ||
      !read_digits(text, pos, 2, fields.minute) || !expect_char(text, pos, ':') ||
      !read_digits(text, pos, 2, fields.second)) {
    return bad;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = kNsPerSecond;
    const std::size_t first = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      scale /= 10;
      fields.nanosecond += (text[pos] - '0') * scale;
      ++pos;
    }
    if (pos == first) return bad;
  }
  const std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "+00:00") return bad;
  if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > 31 ||
      fields.hour > 23 || fields.minute > 59 || fields.second > 60) {
    return bad;
  }
  return utc_time(fields);
}

}  // namespace sw::sim
