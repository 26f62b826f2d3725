#include "risk/risk_geography.h"

namespace sw::risk {

Result<RiskGeography> RiskGeography::from(const sim::Geography& geography) {
  RiskGeography result;
  for (const sim::Zone* zone : geography.zones_of_kind("srr")) {
    SarRegion region;
    region.name = zone->name;
    region.country = zone->country;
    region.ring = zone->ring;
    for (const sim::NamedPoint* centre : geography.points_of_kind("rescue_centre")) {
      if (!zone->country.empty() && centre->country == zone->country) {
        region.rescue_centre = centre->name;
        break;
      }
    }
    if (region.rescue_centre.empty()) region.rescue_centre = region.name;
    result.regions_.push_back(std::move(region));
  }
  if (result.regions_.empty()) {
    return Error{"geo_no_srr", "the geography has no feature of kind \"srr\""};
  }
  for (const sim::Lane& lane : geography.lanes) {
    result.lanes_.push_back(TrafficLane{lane.name, lane.direction_deg, lane.ring});
  }
  return result;
}

Result<RiskGeography> RiskGeography::load(const std::string& path) {
  Result<sim::Geography> geography = sim::load_geography(path);
  if (!geography) return geography.error();
  return from(*geography);
}

const SarRegion* RiskGeography::region_at(LatLon position) const {
  for (const SarRegion& region : regions_) {
    if (sim::ring_contains(region.ring, position)) return &region;
  }
  return nullptr;
}

const TrafficLane* RiskGeography::lane_at(LatLon position) const {
  for (const TrafficLane& lane : lanes_) {
    if (sim::ring_contains(lane.ring, position)) return &lane;
  }
  return nullptr;
}

}  // namespace sw::risk
