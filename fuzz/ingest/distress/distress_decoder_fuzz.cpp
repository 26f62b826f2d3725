/// libFuzzer target for the distress-report decoder: size and nesting bounds, JSON parsing
/// without exceptions, schema checks, ISO-8601 times, observations, and the encoder.
///
/// The whole input goes to DistressDecoder::feed_text (a JSON array or JSON Lines), and to
/// parse_distress_json as one report (from an exactly sized heap copy, so that ASan sees a
/// read past its end). Contracts checked (abort when broken):
/// - an item has an observation exactly when its reason is kReport;
/// - an observation has a finite position in range and a positive diagonal covariance,
///   and carries "text" or "reporter" attributes only with Label.personal_data set;
/// - a report that decodes encodes to one JSON line that decodes to an equal report
///   (unless re-encoding made it pass the size limit: "1" is written "1.0").

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/distress/distress_decoder.h"
#include "ingest/distress/distress_report.h"

namespace {

using sw::distress::DistressDecoder;
using sw::distress::DistressItem;
using sw::distress::DistressReason;
using sw::distress::DistressReport;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "distress_decoder_fuzz: %s: %.*s\n", what,
               static_cast<int>(detail.size() > 300 ? 300 : detail.size()), detail.data());
  std::abort();
}

void check_round_trip(const DistressReport& report) {
  const std::string line = sw::distress::encode_distress_json(report);
  if (line.find('\n') != std::string::npos) contract_broken("encoded report spans lines", line);
  const auto again = sw::distress::parse_distress_json(line);
  if (!again.ok()) {
    if (again.error().code == "too_large") return;
    contract_broken("encoded report refused", again.error().code + ": " + line);
  }
  if (!(*again == report)) contract_broken("round trip changed the report", line);
}

void check_item(const DistressItem& item) {
  if (item.observation.has_value() != (item.reason == DistressReason::kReport)) {
    contract_broken("observation and reason disagree", sw::distress::to_string(item.reason));
  }
  if (!item.observation) return;
  const sw::Observation& observation = *item.observation;
  if (!observation.position || !(std::fabs(observation.position->lat) <= 90.0) ||
      !(std::fabs(observation.position->lon) <= 180.0)) {
    contract_broken("position missing or out of range", "");
  }
  const auto& covariance = observation.position_covariance;
  if (!(covariance.ee > 0.0) || !(covariance.nn > 0.0) || !std::isfinite(covariance.ee) ||
      !std::isfinite(covariance.nn)) {
    contract_broken("covariance not positive and finite", "");
  }
  for (const auto& [key, value] : observation.attributes) {
    if ((key == "text" || key == "reporter") && !observation.label.personal_data) {
      contract_broken("free text without the personal-data mark", value);
    }
  }
  if (!item.report) contract_broken("observation without report", "");
  check_round_trip(*item.report);
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  // Exactly sized copy: the input ends where ASan's redzone starts.
  const std::unique_ptr<char[]> copy(new char[size == 0 ? 1 : size]);
  if (size != 0) std::memcpy(copy.get(), data, size);
  const std::string_view input(copy.get(), size);

  DistressDecoder decoder;
  for (const auto& item : decoder.feed_text(input)) check_item(item);
  const auto& stats = decoder.stats();
  if (stats.observations + stats.rejected() != stats.reports) {
    contract_broken("reports are not all either observations or rejections", "");
  }

  const auto report = sw::distress::parse_distress_json(input);
  if (report.ok()) check_round_trip(*report);
  return 0;
}
