#include "core/label.h"

namespace sw {

const char* to_string(Sensitivity sensitivity) {
  switch (sensitivity) {
    case Sensitivity::kClear: return "TLP:CLEAR";
    case Sensitivity::kGreen: return "TLP:GREEN";
    case Sensitivity::kAmber: return "TLP:AMBER";
    case Sensitivity::kRed: return "TLP:RED";
  }
  return "TLP:RED";
}

std::optional<Sensitivity> sensitivity_from_name(std::string_view name) {
  if (name == "clear") return Sensitivity::kClear;
  if (name == "green") return Sensitivity::kGreen;
  if (name == "amber") return Sensitivity::kAmber;
  if (name == "red") return Sensitivity::kRed;
  return std::nullopt;
}

std::uint8_t purpose_from_name(std::string_view name) {
  if (name == "sar") return kPurposeSearchAndRescue;
  if (name == "border") return kPurposeBorderMonitoring;
  if (name == "law") return kPurposeLawEnforcement;
  return 0;
}

}  // namespace sw
