#pragma once
/// Assessor: one hazard's rule. At each evaluation it looks at the risk picture and
/// reports a Finding for every situation that warrants an alert now; the AlertBook turns
/// findings into alerts (confirmation, merging, hysteresis, closing). Assessors keep only
/// their own per-track memory (e.g. since when a boat has been stopped).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "core/observation.h"
#include "risk/alert.h"
#include "risk/risk_geography.h"
#include "risk/risk_picture.h"

namespace sw::risk {

/// A situation one assessor found at one evaluation.
struct Finding {
  AlertKind kind = AlertKind::kCollision;
  std::vector<std::uint64_t> subjects;  ///< track ids (the key is made from them)
  std::string key_suffix;               ///< extra key part (e.g. a distress report id)
  bool key_by_subjects = true;          ///< false: the key is the kind and suffix only
  Severity severity = Severity::kWarning;
  LatLon position;
  TimeNs event_time = 0;
  std::vector<std::pair<std::string, std::string>> details;
  Label label;
  std::vector<std::string> addressed_to;  ///< besides the responsible region's centre
  bool immediate = false;                 ///< raise at once (no confirmation over two evaluations)
  bool sticky = false;              ///< not closed when it stops being found (only by an operator)
  bool wants_search_areas = false;  ///< attach drift search areas when raised
  double search_radius_m = 0;       ///< position uncertainty for the drift seed (1 sigma)
};

/// The alert key of a finding: kind, subject ids (sorted) and suffix.
std::string finding_key(AlertKind kind, const std::vector<std::uint64_t>& subjects,
                        const std::string& suffix);
/// The key of a finding as the AlertBook uses it.
std::string finding_key(const Finding& finding);

/// What an assessor sees at one evaluation.
class AssessmentContext {
 public:
  AssessmentContext(TimeNs now, const RiskPicture& picture, const RiskGeography& geography,
                    std::vector<std::string> active_keys)
      : now_(now), picture_(picture), geography_(geography), active_(std::move(active_keys)) {}

  TimeNs now() const { return now_; }
  const RiskPicture& picture() const { return picture_; }
  const RiskGeography& geography() const { return geography_; }
  /// Whether an alert with this key is open (so the assessor applies its looser "keep"
  /// threshold: hysteresis). `active_keys` is sorted.
  bool active(const std::string& key) const;

 private:
  TimeNs now_;
  const RiskPicture& picture_;
  const RiskGeography& geography_;
  std::vector<std::string> active_;
};

/// One hazard.
class Assessor {
 public:
  virtual ~Assessor() = default;
  virtual AlertKind kind() const = 0;
  /// Appends this evaluation's findings.
  virtual void assess(const AssessmentContext& context, std::vector<Finding>& out) = 0;
  /// An observation outside the picture's tracks (distress reports); default: ignored.
  virtual void observe(const Observation& /*observation*/) {}
};

/// Seconds between two sensor times.
inline double seconds_between(TimeNs from, TimeNs to) {
  return static_cast<double>(to - from) / static_cast<double>(kNsPerSecond);
}

}  // namespace sw::risk
