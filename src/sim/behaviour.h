#pragma once
/// Behaviour: what each kind of entity does over time — appearing, ferry turnarounds,
/// fishing and pleasure craft wandering their zones, small boats crossing, stopping
/// (engine failure, then drifting) or turning back, leaving the scene at the end of a route.

#include "core/clock.h"
#include "sim/entity.h"
#include "sim/world.h"

namespace sw::sim {

/// Apply the events due at `now`: appearance, ferry departures, engine failures and
/// turn-backs of small boats. The new activity's velocity applies from `now`.
void apply_events(Entity& entity, TimeNs now, const World& world);

/// Move an active entity over one step of `dt_s` seconds that starts at `now`, and handle
/// the end of its route (arrival in port, landing, leaving the lanes, next fishing spot).
void move(Entity& entity, TimeNs now, double dt_s, const World& world);

}  // namespace sw::sim
