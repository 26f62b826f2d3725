/// libFuzzer target for the region plan file (region::parse_region_plan, TOML): an operator's
/// file must be refused with a clear error, never crash the region process or the gateway;
/// a plan that parses must also give a region map or a clear error.

#include <cstddef>
#include <cstdint>
#include <string>

#include "region/region_map.h"
#include "region/region_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto plan = sw::region::parse_region_plan(text, "fuzz");
  if (!plan) return 0;
  const auto map = sw::region::RegionMap::create(*plan, sw::LatLon{51.0, 1.45});
  if (map) static_cast<void>(map->owner(sw::LatLon{51.0, 1.45}));
  return 0;
}
