#include "share/release.h"

#include <algorithm>
#include <vector>

namespace sw::share {

std::string owner_nation(const std::string& owner) { return owner.substr(0, owner.find('/')); }

const char* to_string(Decision decision) {
  switch (decision) {
    case Decision::kReleased: return "released";
    case Decision::kPurpose: return "purpose";
    case Decision::kNotReleasable: return "not_releasable";
    case Decision::kRed: return "tlp_red";
    case Decision::kPersonalData: return "personal_data";
    case Decision::kSensitivity: return "sensitivity";
  }
  return "unknown";
}

Decision decide(const Label& label, const Recipient& recipient) {
  if ((label.purposes & recipient.purposes) == 0) return Decision::kPurpose;
  if (label.personal_data && !recipient.personal_data) return Decision::kPersonalData;
  if (label.sensitivity > recipient.max_sensitivity) return Decision::kSensitivity;
  const auto named = [&](bool by_name_only) {
    return std::any_of(
        label.releasable_to.begin(), label.releasable_to.end(), [&](const std::string& entry) {
          if (entry == recipient.name) return true;
          if (by_name_only) return false;
          return entry == "*" || entry == recipient.nation || entry == recipient.agency;
        });
  };
  if (label.sensitivity == Sensitivity::kClear) return Decision::kReleased;
  // An item derived from several inputs has their owners joined by '+': every owner must
  // release it (releasable-to is already the intersection of the inputs').
  std::vector<std::string> owners;
  for (std::size_t start = 0; start <= label.owner.size();) {
    const std::size_t plus = std::min(label.owner.find('+', start), label.owner.size());
    if (plus > start) owners.push_back(label.owner.substr(start, plus - start));
    start = plus + 1;
  }
  if (owners.empty() && label.sensitivity == Sensitivity::kRed) {
    return named(true) ? Decision::kReleased : Decision::kRed;
  }
  for (const std::string& owner : owners) {
    const bool owning_agency = owner == recipient.agency;
    if (label.sensitivity == Sensitivity::kRed) {
      if (!owning_agency && !named(true)) return Decision::kRed;
      continue;
    }
    if (owning_agency || owner_nation(owner) == recipient.nation) continue;
    if (!named(false)) return Decision::kNotReleasable;
  }
  return Decision::kReleased;
}

}  // namespace sw::share
