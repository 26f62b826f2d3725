#pragma once
/// Invented identities for simulated vessels: fictional names, MMSIs with real maritime
/// identification digits (flag), IMO numbers with a valid check digit, call signs with the
/// flag's prefix, plausible ship types and dimensions.

#include <cstdint>

#include "core/counter_rng.h"
#include "sim/entity.h"

namespace sw::sim {

/// A merchant ship (cargo, tanker, a few passenger ships), Class A. `serial` makes the
/// MMSI and name unique among merchants; `north_east_bound` picks the destination.
VesselParticulars merchant_particulars(CounterRng& rng, std::uint32_t serial,
                                       bool north_east_bound);

/// A cross-Channel ferry (passenger, Class A) of the given route.
VesselParticulars ferry_particulars(CounterRng& rng, std::uint32_t serial, bool to_dunkirk);

/// A fishing boat, Class A or B, French or English.
VesselParticulars fishing_particulars(CounterRng& rng, std::uint32_t serial, bool french,
                                      bool class_b);

/// A pleasure craft (yacht or motor boat), Class B.
VesselParticulars pleasure_particulars(CounterRng& rng, std::uint32_t serial, bool french);

/// The IMO number 1000000 + n (mod) completed with its check digit (the seventh digit is
/// the last digit of the sum of the first six, weighted 7 down to 2).
std::uint32_t imo_number(std::uint32_t serial);

/// Radar cross-section assumed for a vessel of this kind and length (m^2).
double radar_cross_section(EntityKind kind, double length_m);

}  // namespace sw::sim
