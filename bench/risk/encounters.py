#!/usr/bin/env python3
"""Writes a simulator scenario with seeded dangerous encounters: dark small boats crossing
the traffic lanes of the Dover Strait TSS so that each passes a ship at a chosen closest
point of approach (0-300 m) at a chosen time. The rest of the scenario is the default
traffic. Every choice comes from the seed, which the scenario records.

    encounters.py --seed 1 --count 10 --out scenario.toml
"""
import argparse
import datetime
import json
import math
import os
import random

METRES_PER_DEGREE = 111_320.0


def lane_axes(geojson_path):
    """{direction_deg: [(lat, lon), ...]} axis points of each lane, in traffic order."""
    with open(geojson_path, encoding="utf-8") as source:
        features = json.load(source)["features"]
    axes = {}
    for feature in features:
        properties = feature["properties"]
        if properties.get("kind") != "tss_lane":
            continue
        ring = feature["geometry"]["coordinates"][0][:-1]
        count = len(ring)
        # Vertex i faces vertex n-1-i: their midpoints are the lane's axis.
        axis = [((ring[i][1] + ring[count - 1 - i][1]) / 2, (ring[i][0] + ring[count - 1 - i][0]) / 2)
                for i in range(count // 2)]
        axes[float(properties["direction_deg"])] = axis
    return axes


def offset(position, east_m, north_m):
    lat, lon = position
    return (lat + north_m / METRES_PER_DEGREE,
            lon + east_m / (METRES_PER_DEGREE * math.cos(math.radians(lat))))


def velocity(course_deg, speed_kn):
    speed = speed_kn * 1852.0 / 3600.0
    return (speed * math.sin(math.radians(course_deg)), speed * math.cos(math.radians(course_deg)))


def iso(start_s, seconds):
    moment = datetime.datetime.fromtimestamp(start_s + seconds, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--spacing-min", type=float, default=10.0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--start", default="2024-08-15T04:00:00Z", help="scenario start (UTC)")
    parser.add_argument("--first-cpa-min", type=float, default=45.0)
    parser.add_argument("--vessels-only", action="store_true",
                        help="write only the [[vessel]] tables (to paste into a scenario)")
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    geography = os.path.join(repo, "data", "geo", "dover_strait.geojson")
    axes = lane_axes(geography)
    rng = random.Random(args.seed)
    start_s = int(datetime.datetime.fromisoformat(args.start.replace("Z", "+00:00")).timestamp())
    first_cpa_s = args.first_cpa_min * 60
    duration_s = first_cpa_s + args.count * args.spacing_min * 60 + 20 * 60
    lines = [
        "# Seeded dangerous encounters (bench/risk/encounters.py"
        f" --seed {args.seed} --count {args.count}): dark boats crossing the TSS lanes,",
        "# each passing a ship at a chosen CPA at a chosen time. Default traffic otherwise.",
        "[scenario]",
        f'name = "Seeded encounters (generator seed {args.seed})"',
        f"start = {args.start}",
        f"duration_s = {int(duration_s)}",
        f"seed = {args.seed}",
        f'geography = "{geography}"',
        "",
    ]
    if args.vessels_only:
        lines = [f"# bench/risk/encounters.py --seed {args.seed} --count {args.count} "
                 f"--spacing-min {args.spacing_min:g} --start {args.start} "
                 f"--first-cpa-min {args.first_cpa_min:g} --vessels-only", ""]
    for index in range(args.count):
        direction = sorted(axes)[index % len(axes)]
        axis = axes[direction]
        # Between the 2nd and 5th axis points: the narrows, under the shore radars.
        segment = rng.randrange(1, 4)
        fraction = rng.random()
        (lat0, lon0), (lat1, lon1) = axis[segment], axis[segment + 1]
        centre = (lat0 + (lat1 - lat0) * fraction, lon0 + (lon1 - lon0) * fraction)
        ship_course = direction
        ship_speed = rng.uniform(10.0, 20.0)
        boat_course = (direction + rng.choice([-1, 1]) * rng.uniform(60.0, 120.0)) % 360.0
        boat_speed = rng.uniform(3.0, 6.0)
        cpa_m = rng.uniform(0.0, 300.0)
        at_s = first_cpa_s + index * args.spacing_min * 60
        ship_v = velocity(ship_course, ship_speed)
        boat_v = velocity(boat_course, boat_speed)
        relative = (boat_v[0] - ship_v[0], boat_v[1] - ship_v[1])
        norm = math.hypot(*relative)
        side = rng.choice([-1, 1])
        normal = (-relative[1] / norm * side, relative[0] / norm * side)
        boat_at = offset(centre, normal[0] * cpa_m, normal[1] * cpa_m)
        length = rng.uniform(150.0, 400.0)
        lines += [
            "[[vessel]]",
            f'name = "SEEDED SHIP {index + 1}"',
            'kind = "merchant"',
            f"mmsi = {235100000 + index}",
            f"length_m = {length:.0f}",
            "ship_type = 70",
            f"at = {iso(start_s, at_s)}",
            f"position = {{ lat = {centre[0]:.6f}, lon = {centre[1]:.6f} }}",
            f"course_deg = {ship_course:.1f}",
            f"speed_kn = {ship_speed:.2f}",
            f"appear_at = {iso(start_s, max(0, at_s - 45 * 60))}",
            f"leave_at = {iso(start_s, at_s + 15 * 60)}",
            "",
            "[[vessel]]",
            f'name = "SEEDED BOAT {index + 1}"',
            'kind = "small_boat"',
            f"persons = {rng.randrange(30, 65)}",
            f"at = {iso(start_s, at_s)}",
            f"position = {{ lat = {boat_at[0]:.6f}, lon = {boat_at[1]:.6f} }}",
            f"course_deg = {boat_course:.1f}",
            f"speed_kn = {boat_speed:.2f}",
            f"appear_at = {iso(start_s, max(0, at_s - 40 * 60))}",
        ] + ([f"leave_at = {iso(start_s, at_s + 60 * 60)}",
              f"# designed CPA {cpa_m:.0f} m; the boat leaves the scene an hour later"]
             if args.vessels_only else
             [f"# designed CPA {cpa_m:.0f} m; the boat goes on to the end of the run"]) + [
            "",
        ]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    main()
