#include "store/track_update.h"

namespace sw::store {

const char* to_string(TrackStatus status) {
  switch (status) {
    case TrackStatus::kTentative: return "tentative";
    case TrackStatus::kConfirmed: return "confirmed";
    case TrackStatus::kCoasting: return "coasting";
    case TrackStatus::kDeleted: return "deleted";
  }
  return "unknown";
}

const char* to_string(TrackClass track_class) {
  switch (track_class) {
    case TrackClass::kCooperative: return "cooperative";
    case TrackClass::kDark: return "dark";
    case TrackClass::kAsset: return "asset";
  }
  return "unknown";
}

}  // namespace sw::store
