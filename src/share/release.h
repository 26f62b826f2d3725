#pragma once
/// Release policy: the one function that decides whether an item with a given Label may
/// go to a given recipient (a user of this node, or a partner node). Every path that
/// lets data out — the HTTP API, the WebSocket stream, the CoT stream, exports, and later
/// federation — asks may_release(); none decides on its own.

#include <cstdint>
#include <string>
#include <vector>

#include "core/label.h"

namespace sw::share {

/// Who would receive an item: a principal of this node or a partner node.
struct Recipient {
  std::string name;    ///< principal or node id, e.g. "uk-watch-1", "node:fr-cross-gn"
  std::string nation;  ///< ISO 3166 alpha-2 or "EU", e.g. "UK", "FR"
  std::string agency;  ///< "nation/agency" as labels name owners, e.g. "UK/HMCG"
  std::uint8_t purposes = kPurposeSearchAndRescue;  ///< what the recipient uses data for
  bool personal_data = false;                       ///< may receive items flagged as personal data
  /// The most sensitive items the recipient may get (a partner node's policy may cap it).
  Sensitivity max_sensitivity = Sensitivity::kRed;
};

/// Nation part of an owner ("FR/CROSS-GN" -> "FR").
std::string owner_nation(const std::string& owner);

/// Why an item is (not) released; kReleased is the only yes.
enum class Decision : std::uint8_t {
  kReleased,
  kPurpose,        ///< no purpose of the label is one of the recipient's
  kNotReleasable,  ///< the recipient is neither of the owner's nation nor named in releasable-to
  kRed,            ///< TLP:RED goes only to the owning agency and recipients named by name
  kPersonalData,   ///< personal data to a recipient without that right
  kSensitivity,    ///< more sensitive than the recipient may get
};

const char* to_string(Decision decision);

/// The release decision for `label` to `recipient`:
/// - purpose binding: the label's purposes and the recipient's must meet;
/// - personal data only to recipients allowed it;
/// - nothing more sensitive than the recipient's max_sensitivity;
/// - TLP:CLEAR goes to anyone (with a matching purpose);
/// - TLP:RED only to the owning agency itself and to recipients named in releasable-to;
/// - otherwise to the owner's nation and agency, and to any nation, agency or recipient
///   named in releasable-to ("*" names everyone);
/// - an owner "A+B" (an item derived from inputs of several owners) needs each owner's
///   release.
Decision decide(const Label& label, const Recipient& recipient);

inline bool may_release(const Label& label, const Recipient& recipient) {
  return decide(label, recipient) == Decision::kReleased;
}

}  // namespace sw::share
