#include "ingest/asterix/cat010.h"

namespace sw::asterix {
namespace {

bool same_position(const std::optional<LatLon>& first, const std::optional<LatLon>& second) {
  if (first.has_value() != second.has_value()) return false;
  return !first || (first->lat == second->lat && first->lon == second->lon);
}

}  // namespace

bool Cat010Record::operator==(const Cat010Record& other) const {
  return data_source == other.data_source && message_type == other.message_type &&
         descriptor == other.descriptor && time_of_day_s == other.time_of_day_s &&
         same_position(position_wgs84, other.position_wgs84) &&
         position_polar == other.position_polar && position_cartesian == other.position_cartesian &&
         velocity_polar == other.velocity_polar && velocity_cartesian == other.velocity_cartesian &&
         track_number == other.track_number && track_status == other.track_status &&
         mode3a == other.mode3a && target_address == other.target_address &&
         target_identification == other.target_identification &&
         target_identification_sti == other.target_identification_sti &&
         target_size == other.target_size && system_status == other.system_status &&
         position_deviation == other.position_deviation && other_items == other.other_items;
}

}  // namespace sw::asterix
