#include "ingest/distress/distress_time.h"

#include "core/civil_time.h"

#include <chrono>
#include <cstdint>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace sw::distress {
namespace {

/// Reads fixed-width decimal numbers and literal characters from the front of a text.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool number(std::size_t digits, int& value) {
    if (text_.size() < digits) return false;
    int parsed = 0;
    for (std::size_t digit_idx = 0; digit_idx < digits; ++digit_idx) {
      const char c = text_[digit_idx];
      if (c < '0' || c > '9') return false;
      parsed = parsed * 10 + (c - '0');
    }
    value = parsed;
    text_.remove_prefix(digits);
    return true;
  }
  bool literal(char expected) {
    if (text_.empty() || text_[0] != expected) return false;
    text_.remove_prefix(1);
    return true;
  }
  bool peek_is(char expected) const { return !text_.empty() && text_[0] == expected; }
  bool peek_digit() const { return !text_.empty() && text_[0] >= '0' && text_[0] <= '9'; }
  char take() {
    const char c = text_.empty() ? '\0' : text_[0];
    if (!text_.empty()) text_.remove_prefix(1);
    return c;
  }
  bool done() const { return text_.empty(); }

 private:
  std::string_view text_;
};

Error bad_time(std::string_view why) { return Error{"bad_time", std::string(why)}; }

}  // namespace

Result<TimeNs> parse_iso_time(std::string_view text) {
  Cursor cursor(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!cursor.number(4, year) || !cursor.literal('-') || !cursor.number(2, month) ||
      !cursor.literal('-') || !cursor.number(2, day)) {
    return bad_time("date is not YYYY-MM-DD");
  }
  const char separator = cursor.take();
  if (separator != 'T' && separator != 't' && separator != ' ') return bad_time("no time");
  if (!cursor.number(2, hour) || !cursor.literal(':') || !cursor.number(2, minute)) {
    return bad_time("time is not hh:mm");
  }
  if (cursor.literal(':') && !cursor.number(2, second)) return bad_time("bad seconds");
  std::int64_t nanoseconds = 0;
  if (cursor.literal('.') || cursor.literal(',')) {
    if (!cursor.peek_digit()) return bad_time("empty fraction");
    std::int64_t scale = 100'000'000;
    while (cursor.peek_digit()) {
      const int digit = cursor.take() - '0';
      nanoseconds += digit * scale;  // digits beyond nanoseconds are dropped
      scale /= 10;
    }
  }
  int offset_minutes = 0;
  if (cursor.literal('Z') || cursor.literal('z')) {
    // UTC
  } else if (cursor.peek_is('+') || cursor.peek_is('-')) {
    const int sign = cursor.take() == '-' ? -1 : 1;
    int offset_hours = 0, offset_rest = 0;
    if (!cursor.number(2, offset_hours)) return bad_time("bad zone offset");
    if (cursor.literal(':')) {
      if (!cursor.number(2, offset_rest)) return bad_time("bad zone offset");
    } else if (cursor.peek_digit() && !cursor.number(2, offset_rest)) {
      return bad_time("bad zone offset");
    }
    if (offset_hours > 18 || offset_rest > 59) return bad_time("zone offset out of range");
    offset_minutes = sign * (offset_hours * 60 + offset_rest);
  } else {
    return bad_time("no time zone (Z or +hh:mm)");
  }
  if (!cursor.done()) return bad_time("text after the time");
  if (year < 1969 || year > 2201 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60) {
    return bad_time("date or time out of range");
  }
  const std::int64_t seconds =
      days_since_epoch(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86'400 +
      hour * 3600 + minute * 60 + second - offset_minutes * 60;
  // The range applies to the UTC instant, so that every accepted time formats and
  // parses back.
  if (seconds < 0) return bad_time("before 1970");
  if (seconds >= days_since_epoch(2201, 1, 1) * 86'400) return bad_time("after 2200");
  return seconds * kNsPerSecond + nanoseconds;
}

std::string format_iso_time(TimeNs time) {
  std::int64_t seconds = time / kNsPerSecond;
  std::int64_t nanoseconds = time % kNsPerSecond;
  if (nanoseconds < 0) {
    nanoseconds += kNsPerSecond;
    seconds -= 1;
  }
  const std::chrono::sys_seconds whole{std::chrono::seconds{seconds}};
  std::string out = fmt::format("{:%Y-%m-%dT%H:%M:%S}", whole);
  if (nanoseconds != 0) {
    std::string fraction = fmt::format("{:09d}", nanoseconds);
    while (fraction.back() == '0') fraction.pop_back();
    out += "." + fraction;
  }
  out.push_back('Z');
  return out;
}

}  // namespace sw::distress
