#include "drift/time_text.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace sw::drift {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

bool read_digits(std::string_view& text, int count, int& value) {
  if (text.size() < static_cast<std::size_t>(count)) return false;
  value = 0;
  for (int digit_idx = 0; digit_idx < count; ++digit_idx) {
    if (!std::isdigit(static_cast<unsigned char>(text[digit_idx]))) return false;
    value = value * 10 + (text[digit_idx] - '0');
  }
  text.remove_prefix(count);
  return true;
}

bool expect(std::string_view& text, char wanted) {
  if (text.empty() || text.front() != wanted) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

Result<TimeNs> parse_utc_time(std::string_view text) {
  const Error bad{"bad_time", "expected YYYY-MM-DDThh:mm[:ss]Z, got '" + std::string(text) + "'"};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::int64_t nanos = 0;
  std::string_view rest = text;
  // CF units sometimes write single-digit months/days ("2024-1-1"); accept 1 or 2 digits.
  auto read_field = [&rest](int& value) {
    int digits = 0;
    value = 0;
    while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())) && digits < 2) {
      value = value * 10 + (rest.front() - '0');
      rest.remove_prefix(1);
      ++digits;
    }
    return digits > 0;
  };
  if (!read_digits(rest, 4, year) || !expect(rest, '-') || !read_field(month) ||
      !expect(rest, '-') || !read_field(day)) {
    return bad;
  }
  if (!rest.empty() && (rest.front() == 'T' || rest.front() == ' ')) {
    rest.remove_prefix(1);
    if (!read_field(hour) || !expect(rest, ':') || !read_field(minute)) return bad;
    if (!rest.empty() && rest.front() == ':') {
      rest.remove_prefix(1);
      if (!read_field(second)) return bad;
      if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        std::int64_t scale = 100'000'000;
        while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front()))) {
          nanos += (rest.front() - '0') * scale;
          scale /= 10;
          rest.remove_prefix(1);
        }
      }
    }
  }
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest == "Z" || rest == "UTC" || rest == "+00:00" || rest == "+0000" || rest == "00:00") {
    rest = {};
  }
  if (!rest.empty()) return bad;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return bad;
  }
  // Nanoseconds since 1970 in 64 bits reach from 1677 to 2262.
  if (year < 1678 || year > 2261) return bad;
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60 * kNsPerSecond + second * kNsPerSecond + nanos;
}

std::string format_utc_time(TimeNs time) {
  std::int64_t seconds = time / kNsPerSecond;
  if (time % kNsPerSecond < 0) --seconds;
  std::int64_t days = seconds / 86400;
  std::int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  // Inverse of days_from_civil.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned month_index = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * month_index + 2) / 5 + 1;
  const unsigned month = month_index < 10 ? month_index + 3 : month_index - 9;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(year),
                month, day, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return text;
}

}  // namespace sw::drift
