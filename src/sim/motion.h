#pragma once
/// Motion: waypoint following with rate-limited (smooth) turns and correlated speed and
/// course noise, and drift under wind and current.

#include "core/geo.h"
#include "sim/entity.h"

namespace sw::sim {

/// Bearing in degrees true [0, 360) from `from` to `to` in the local plane.
double plane_bearing_deg(EastNorth from, EastNorth to);
/// Distance in metres in the local plane.
double plane_distance_m(EastNorth from, EastNorth to);

/// Steer towards the next waypoint and move for `dt_s`. A waypoint is passed when the
/// entity is within the distance its turn onto the next leg needs. Returns true when the
/// last waypoint of a non-looping route has been reached (the entity stops there).
bool follow_route(Entity& entity, double dt_s);

/// Move with a drift velocity (wind leeway plus current, metres per second east/north)
/// for `dt_s`, with a little correlated noise.
void drift(Entity& entity, EastNorth drift_mps, double dt_s);

/// Start a new route from the current position (next waypoint = the first given).
void set_route(Entity& entity, std::vector<EastNorth> waypoints, bool loop);

/// Position after `dt_s` more seconds of the current velocity (for sensor times between
/// simulation ticks).
EastNorth extrapolate(const Kinematics& state, double dt_s);

}  // namespace sw::sim
