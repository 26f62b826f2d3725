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

}  // namespace sw
