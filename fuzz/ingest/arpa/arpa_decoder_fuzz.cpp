/// libFuzzer target for the ARPA radar decoder: NMEA field splitting, TTM/TLL and own-ship
/// (GGA, RMC, GLL, HDT, HDG, THS, ZDA) parsing, placement from own ship or site, times,
/// and the TTM/TLL encoder.
///
/// The input is split into lines; each line is copied into a heap buffer of exactly its
/// size so that AddressSanitizer catches a read past its end. Two decoders see the lines:
/// - one with a fixed site and orientation that drops lost targets, fed a receive time
///   that advances 3 s per line (own-ship data goes stale);
/// - one with defaults and no receive time (dates from RMC/ZDA only).
///
/// Contracts checked (abort when broken):
/// - an observation comes only with kTarget/kLostTarget, and has a finite position in
///   range, a finite covariance that is positive semi-definite, a finite velocity;
/// - the decoder counts every line once;
/// - a sentence that parse_arpa_sentence() accepts encodes to one that it accepts again
///   (unless the longer numbers pass the line limit), with the same target number,
///   sentence, status, flags and unit.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/nmea/arpa.h"
#include "ingest/nmea/arpa_decoder.h"

namespace {

using sw::nmea::ArpaDecoder;
using sw::nmea::ArpaDecoderOptions;
using sw::nmea::ArpaLineReason;
using sw::nmea::ArpaLineResult;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "arpa_decoder_fuzz: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void check_result(const ArpaLineResult& result, std::string_view line) {
  const bool target_reason =
      result.reason == ArpaLineReason::kTarget || result.reason == ArpaLineReason::kLostTarget;
  if (result.observation && !target_reason) contract_broken("observation without target", line);
  if (!result.observation) return;
  const sw::Observation& observation = *result.observation;
  if (!observation.position) contract_broken("observation without position", line);
  const sw::LatLon position = *observation.position;
  if (!(position.lat >= -90.0 && position.lat <= 90.0 && position.lon >= -180.0 &&
        position.lon <= 180.0)) {
    contract_broken("position out of range", line);
  }
  const sw::Covariance2& covariance = observation.position_covariance;
  if (!std::isfinite(covariance.ee) || !std::isfinite(covariance.nn) ||
      !std::isfinite(covariance.en) || covariance.ee < 0.0 || covariance.nn < 0.0 ||
      covariance.en * covariance.en > covariance.ee * covariance.nn * (1.0 + 1e-9) + 1e-6) {
    contract_broken("covariance not finite or not positive semi-definite", line);
  }
  if (observation.velocity &&
      (!std::isfinite(observation.velocity->east) || !std::isfinite(observation.velocity->north))) {
    contract_broken("velocity not finite", line);
  }
}

void check_round_trip(std::string_view line) {
  const auto parsed = sw::nmea::parse_arpa_sentence(line);
  if (!parsed.ok()) return;
  const std::string encoded = sw::nmea::encode_arpa_sentence(*parsed);
  const auto again = sw::nmea::parse_arpa_sentence(encoded);
  if (!again.ok()) {
    if (again.error().code == "line_too_long") return;
    contract_broken("encoded sentence refused", encoded + " (" + again.error().code + ")");
  }
  if (again->number != parsed->number || again->sentence != parsed->sentence ||
      again->status != parsed->status || again->unit != parsed->unit ||
      again->bearing_relative != parsed->bearing_relative ||
      again->course_relative != parsed->course_relative ||
      again->reference_target != parsed->reference_target ||
      again->acquisition != parsed->acquisition || again->name.size() != parsed->name.size() ||
      again->distance.has_value() != parsed->distance.has_value() ||
      again->utc_seconds_of_day.has_value() != parsed->utc_seconds_of_day.has_value()) {
    contract_broken("round trip changed the target", encoded);
  }
}

ArpaDecoderOptions site_options() {
  ArpaDecoderOptions options;
  options.site = sw::LatLon{51.1290, 1.3400};
  options.site_heading_deg = 10.0;
  options.emit_lost = false;
  options.max_own_ship_age_ns = 5 * sw::kNsPerSecond;
  return options;
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ArpaDecoder with_site(site_options());
  ArpaDecoder plain;

  std::size_t line_begin = 0;
  std::uint64_t line_count = 0;
  sw::TimeNs receive_time = 1'723'716'900 * sw::kNsPerSecond;
  while (line_begin < input.size()) {
    std::size_t line_end = input.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = input.size();
    const std::size_t length = line_end - line_begin;

    // Exactly sized copy: the line ends where ASan's redzone starts.
    const std::unique_ptr<char[]> line_copy(new char[length == 0 ? 1 : length]);
    input.copy(line_copy.get(), length, line_begin);
    const std::string_view line(line_copy.get(), length);

    check_result(with_site.feed_line(line, receive_time), line);
    check_result(plain.feed_line(line), line);
    check_round_trip(line);
    ++line_count;

    receive_time += 3 * sw::kNsPerSecond;
    line_begin = line_end + 1;
  }
  if (with_site.stats().lines != line_count || plain.stats().lines != line_count) {
    contract_broken("line count differs", "");
  }
  std::uint64_t counted = 0;
  for (const auto reason_count : plain.stats().by_reason) counted += reason_count;
  if (counted != line_count) contract_broken("a line was not counted exactly once", "");
  return 0;
}
