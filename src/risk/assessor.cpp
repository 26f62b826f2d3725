#include "risk/assessor.h"

#include <algorithm>

namespace sw::risk {

std::string finding_key(AlertKind kind, const std::vector<std::uint64_t>& subjects,
                        const std::string& suffix) {
  std::vector<std::uint64_t> sorted = subjects;
  std::sort(sorted.begin(), sorted.end());
  std::string key = to_string(kind);
  for (const std::uint64_t subject : sorted) key += ":" + std::to_string(subject);
  if (!suffix.empty()) key += "#" + suffix;
  return key;
}

std::string finding_key(const Finding& finding) {
  return finding_key(finding.kind,
                     finding.key_by_subjects ? finding.subjects : std::vector<std::uint64_t>{},
                     finding.key_suffix);
}

bool AssessmentContext::active(const std::string& key) const {
  return std::binary_search(active_.begin(), active_.end(), key);
}

}  // namespace sw::risk
