#pragma once
/// The region plan: how the sea is partitioned among region processes, and the NATS
/// JetStream server they share. Read from a TOML file:
///
///   [bus]
///   nats_url = "nats://127.0.0.1:4222"
///   nats_user = "region"     # optional credentials on the NATS server
///   nats_password = "..."
///   prefix = "sw"            # subjects sw.in.<source>, sw.trk.<region>, sw.ho.<region>, ...
///   keep_hours = 24          # how long the input stream keeps sensor inputs (replay horizon)
///   [handover]
///   gate_m = 1000            # a handed-over track matches a local one this close
///   hold_s = 60              # a track that came in from the margin waits this long for one
///   expire_s = 300           # an unmatched handover is dropped after this much sensor time
///   [[region]]
///   name = "west"
///   polygon = [[1.00, 50.70], [1.30, 50.70], [1.30, 51.30], [1.00, 51.30]]   # [lon, lat]
///   margin_m = 3000          # observations this far outside the polygon are fused too
///   sources = ["ais-shore", "radar-dover"]   # optional: default every source
///
/// The polygons are the regions' cores and should tile the watched sea without overlap: a
/// track is published by the region whose core holds it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/result.h"

namespace sw::region {

struct BusSettings {
  std::string nats_url = "nats://127.0.0.1:4222";
  std::string nats_user;  ///< empty: none
  std::string nats_password;
  std::string prefix = "sw";
  double keep_hours = 24.0;
};

struct HandoverSettings {
  double gate_m = 1000.0;
  double hold_s = 60.0;
  double expire_s = 300.0;
};

struct RegionSpec {
  std::string name;             ///< [A-Za-z0-9_-]+, unique
  std::vector<LatLon> polygon;  ///< core, at least 3 vertices
  double margin_m = 3000.0;
  std::vector<std::string> sources;  ///< empty: every source
};

struct RegionPlan {
  BusSettings bus;
  HandoverSettings handover;
  std::vector<RegionSpec> regions;

  /// Index of the region called `name`, or error "region_unknown".
  Result<std::size_t> find(const std::string& name) const;
};

/// Errors "region_syntax", "region_key", "region_value".
Result<RegionPlan> parse_region_plan(const std::string& toml_text, const std::string& origin);
Result<RegionPlan> load_region_plan(const std::string& path);

}  // namespace sw::region
