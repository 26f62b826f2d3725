#pragma once
/// Scripted vessels: the scenario's [[vessel]] entries as entities on a straight
/// constant-velocity line through a known position at a known time, so that tests and
/// benchmarks can seed encounters with a known outcome (a designed CPA, an engine failure
/// and drift, a crossing of the SRR boundary). Sensors see them like any entity of their kind.

#include <vector>

#include "core/result.h"
#include "sim/entity.h"
#include "sim/geography.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace sw::sim {

/// The particulars a scripted vessel broadcasts: AIS class from its mmsi and kind (unless
/// given), dimensions from its length (antenna 0.8 of it from the stern, beam length / 7
/// unless given) and a ship type by kind. Class kNone without an mmsi.
VesselParticulars scripted_particulars(const ScriptedVesselConfig& config);

/// Position of a scripted vessel in the local plane at `time`, on its line (before any
/// stop). `reference` is its position at config.at in the plane.
EastNorth scripted_position(const ScriptedVesselConfig& config, EastNorth reference, TimeNs time);

/// The entities of scenario.vessels, in order, with ids first_id, first_id + 1, ...
/// Errors when a vessel's site is not in the geography.
Result<std::vector<Entity>> build_scripted_vessels(const Scenario& scenario,
                                                   const Geography& geography, const World& world,
                                                   EntityId first_id);

/// Take scripted vessels whose leave_at has come out of the scene. `entities` ends with the
/// vessels of scenario.vessels, in order (as build_traffic makes them).
void apply_scripted_leaves(std::vector<Entity>& entities, const Scenario& scenario, TimeNs now);

}  // namespace sw::sim
