#pragma once
/// RiskGeography: the areas the assessors reason about — search-and-rescue regions (each
/// with its rescue centre) and the traffic lanes of the separation scheme — read from the
/// project's GeoJSON (features of kind "srr" with a "country", "rescue_centre" points, and
/// "tss_lane" polygons with a "direction_deg"), so an operator can supply official
/// boundaries in the same form.

#include <string>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "sim/geography.h"

namespace sw::risk {

/// A search-and-rescue region and the centre responsible for it.
struct SarRegion {
  std::string name;           ///< e.g. "UK (MRCC Dover)"
  std::string country;        ///< "GB", "FR"
  std::string rescue_centre;  ///< name of the rescue centre of that country ("" if none)
  sim::GeoRing ring;
};

/// A traffic lane (direction of traffic and outline).
struct TrafficLane {
  std::string name;
  double direction_deg = 0;
  sim::GeoRing ring;
};

class RiskGeography {
 public:
  RiskGeography() = default;
  /// From parsed geography. Error "geo_no_srr" when it has no SAR region.
  static Result<RiskGeography> from(const sim::Geography& geography);
  /// Read a GeoJSON file.
  static Result<RiskGeography> load(const std::string& path);

  /// The region containing `position`, or nullptr.
  const SarRegion* region_at(LatLon position) const;
  /// The lane containing `position`, or nullptr.
  const TrafficLane* lane_at(LatLon position) const;

  const std::vector<SarRegion>& regions() const { return regions_; }
  const std::vector<TrafficLane>& lanes() const { return lanes_; }

 private:
  std::vector<SarRegion> regions_;
  std::vector<TrafficLane> lanes_;
};

}  // namespace sw::risk
