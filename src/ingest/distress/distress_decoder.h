#pragma once
/// DistressDecoder: distress reports (distress_report.h schema) in, kDistressReport
/// Observations out; every refused report counted by reason. No exception leaves it:
/// JSON is parsed without exceptions, sizes and nesting are bounded before parsing.
///
/// Observation: time = the report's time; position with covariance uncertainty_m^2 in
/// east and north (default_uncertainty_m when absent); attributes report_id, source,
/// persons_on_board, vessel_type, vessel_colour, vessel_length_m, vessel_description;
/// and, only with Label.personal_data set and the retention bounded by
/// personal_data_retention_s, the attributes "text" and "reporter".

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/label.h"
#include "core/observation.h"
#include "core/result.h"
#include "ingest/distress/distress_report.h"

namespace sw::distress {

/// Every way a report (or a line without one) can end.
enum class DistressReason : std::uint8_t {
  kReport,  ///< decoded: observation produced
  kBlank,   ///< empty line: skipped
  kTooLarge,
  kTooDeep,
  kNotJson,
  kNotObject,
  kMissingId,
  kBadId,
  kMissingTime,
  kBadTime,
  kMissingPosition,
  kBadPosition,
  kLatOutOfRange,
  kLonOutOfRange,
  kBadUncertainty,
  kBadPersonsOnBoard,
  kBadSource,
  kBadVessel,
  kBadText,
  kBadReporter,
  kCount
};

/// Stable short name ("report", "too_large", "missing_time", ...).
const char* to_string(DistressReason reason);
bool is_rejection(DistressReason reason);

/// Parse one report (one JSON object) of at most kMaxReportBytes. Error codes are the
/// DistressReason names.
Result<DistressReport> parse_distress_json(std::string_view json);

/// Configuration of one distress-report feed.
struct DistressDecoderOptions {
  std::string source_id = "distress";
  Label label;
  double default_uncertainty_m = 1000.0;                    ///< 1 sigma when a report gives none
  std::int64_t personal_data_retention_s = 30 * 24 * 3600;  ///< bound for reports with text
  std::size_t max_document_bytes = 64 * 1024 * 1024;        ///< a whole JSON array input
};

/// The observation of a valid report under `options`.
Observation to_observation(const DistressReport& report, const DistressDecoderOptions& options);

/// Counters of one DistressDecoder.
struct DistressDecoderStats {
  std::uint64_t reports = 0;  ///< objects seen (valid or not)
  std::uint64_t observations = 0;
  std::uint64_t personal_data = 0;  ///< observations marked personal data
  std::array<std::uint64_t, static_cast<std::size_t>(DistressReason::kCount)> by_reason{};

  std::uint64_t count(DistressReason reason) const {
    return by_reason[static_cast<std::size_t>(reason)];
  }
  std::uint64_t rejected() const;
};

/// Outcome of one report.
struct DistressItem {
  DistressReason reason = DistressReason::kBlank;
  std::optional<DistressReport> report;
  std::optional<Observation> observation;
  std::string detail;  ///< why a report was refused
};

/// Decoder for one feed of JSON Lines or JSON arrays; not thread-safe.
class DistressDecoder {
 public:
  DistressDecoder() : DistressDecoder(DistressDecoderOptions{}) {}
  explicit DistressDecoder(DistressDecoderOptions options);

  /// One line of JSON Lines: an object, or an array of objects (one item per element).
  std::vector<DistressItem> feed_line(std::string_view line);

  /// A whole input: a JSON array (possibly spread over many lines) when its first
  /// non-blank character is '[', else JSON Lines.
  std::vector<DistressItem> feed_text(std::string_view text);

  const DistressDecoderStats& stats() const { return stats_; }

 private:
  void feed_json(std::string_view json, std::size_t size_limit, std::vector<DistressItem>& out);
  void count(DistressItem& item, std::vector<DistressItem>& out);

  DistressDecoderOptions options_;
  DistressDecoderStats stats_;
};

}  // namespace sw::distress
