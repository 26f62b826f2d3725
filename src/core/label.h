#pragma once
/// Label: the release label every item carries (owner, releasable-to, purposes,
/// sensitivity, personal data, retention). Field names follow the EU CISE data model
/// and Cursor-on-Target's releaseableTo/caveat where those exist.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sw {

/// Traffic Light Protocol 2.0 sensitivity levels, least to most restrictive.
enum class Sensitivity : std::uint8_t { kClear, kGreen, kAmber, kRed };

/// Purposes an item may be used for (bit flags).
enum Purpose : std::uint8_t {
  kPurposeSearchAndRescue = 1U << 0,
  kPurposeBorderMonitoring = 1U << 1,
  kPurposeLawEnforcement = 1U << 2,
};

/// Release label of an observation, track, alert or search area.
struct Label {
  std::string owner;                       ///< nation/agency that owns the item, e.g. "FR/CROSS-GN"
  std::vector<std::string> releasable_to;  ///< nations, agencies or node ids (CoT releaseableTo)
  std::uint8_t purposes = kPurposeSearchAndRescue;
  Sensitivity sensitivity = Sensitivity::kGreen;
  bool personal_data = false;    ///< item may identify a person (free text)
  std::int64_t retention_s = 0;  ///< how long it may be kept; 0 = node default

  bool operator==(const Label&) const = default;
};

const char* to_string(Sensitivity sensitivity);

/// Sensitivity of its configuration name ("clear", "green", "amber", "red").
std::optional<Sensitivity> sensitivity_from_name(std::string_view name);
/// Purpose flag of its configuration name ("sar", "border", "law"); 0 for any other text.
std::uint8_t purpose_from_name(std::string_view name);

}  // namespace sw
