#pragma once
/// Test geography: two SAR regions split at longitude 1.5 (UK west, FR east), each with its
/// rescue centre.

#include <gtest/gtest.h>

#include "risk/risk_geography.h"
#include "sim/geography.h"

namespace sw::risk {

inline RiskGeography split_geography() {
  sim::Geography geography;
  sim::Zone uk;
  uk.kind = "srr";
  uk.name = "UK";
  uk.country = "GB";
  uk.ring = {{50.0, 0.0}, {52.0, 0.0}, {52.0, 1.5}, {50.0, 1.5}, {50.0, 0.0}};
  sim::Zone fr = uk;
  fr.name = "FR";
  fr.country = "FR";
  fr.ring = {{50.0, 1.5}, {52.0, 1.5}, {52.0, 3.0}, {50.0, 3.0}, {50.0, 1.5}};
  geography.zones = {uk, fr};
  geography.points.push_back({"rescue_centre", "MRCC Dover", "GB", {51.13, 1.34}, 0});
  geography.points.push_back({"rescue_centre", "CROSS Gris-Nez", "FR", {50.87, 1.59}, 0});
  Result<RiskGeography> result = RiskGeography::from(geography);
  EXPECT_TRUE(result.ok());
  return *result;
}

}  // namespace sw::risk
