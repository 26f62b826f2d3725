#pragma once
// A release label for tests: owner, releasable-to, sensitivity and purposes.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/label.h"

namespace sw::test_support {

/// A label owned by `owner`, released to `releasable_to`.
inline Label make_label(const std::string& owner, std::vector<std::string> releasable_to = {},
                        Sensitivity sensitivity = Sensitivity::kGreen,
                        std::uint8_t purposes = kPurposeSearchAndRescue) {
  Label label;
  label.owner = owner;
  label.releasable_to = std::move(releasable_to);
  label.sensitivity = sensitivity;
  label.purposes = purposes;
  return label;
}

}  // namespace sw::test_support
