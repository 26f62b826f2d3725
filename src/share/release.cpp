#include "share/release.h"

#include <algorithm>

namespace sw::share {

std::string owner_nation(const std::string& owner) { return owner.substr(0, owner.find('/')); }

const char* to_string(Decision decision) {
  switch (decision) {
    case Decision::kReleased: return "released";
    case Decision::kPurpose: return "purpose";
    case Decision::kNotReleasable: return "not_releasable";
    case Decision::kRed: return "tlp_red";
    case Decision::kPersonalData: return "personal_data";
  }
  return "unknown";
}

Decision decide(const Label& label, const Recipient& recipient) {
  if ((label.purposes & recipient.purposes) == 0) return Decision::kPurpose;
  if (label.personal_data && !recipient.personal_data) return Decision::kPersonalData;
  const auto named = [&](bool by_name_only) {
    return std::any_of(
        label.releasable_to.begin(), label.releasable_to.end(), [&](const std::string& entry) {
          if (entry == recipient.name) return true;
          if (by_name_only) return false;
          return entry == "*" || entry == recipient.nation || entry == recipient.agency;
        });
  };
  const bool owning_agency = !label.owner.empty() && label.owner == recipient.agency;
  switch (label.sensitivity) {
    case Sensitivity::kClear: return Decision::kReleased;
    case Sensitivity::kRed:
      return owning_agency || named(true) ? Decision::kReleased : Decision::kRed;
    case Sensitivity::kGreen:
    case Sensitivity::kAmber: break;
  }
  if (owning_agency || label.owner.empty()) return Decision::kReleased;
  if (owner_nation(label.owner) == recipient.nation) return Decision::kReleased;
  return named(false) ? Decision::kReleased : Decision::kNotReleasable;
}

}  // namespace sw::share
