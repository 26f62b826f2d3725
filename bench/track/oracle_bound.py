#!/usr/bin/env python3
"""Lower bound for the tracking benchmark: a Kalman filter per target with perfect
association (each target detection given to its own target, clutter ignored), the same
CV model (q = 0.05, T = 2.5 s, R = 10^2), the same prior (first detection, velocity
0 +- 10 m/s) and the same confirmation rule (a track is reported from its 3rd detection on),
never deleted. No real tracker can beat it by much; it shows how far a figure is from what
the data allow.

    bench/track/oracle_bound.py SCENARIO_DIR TRACKS_OUT.csv
    straitwatch score --truth SCENARIO_DIR/truth.csv --tracks TRACKS_OUT.csv --c 100 --p 2
"""
import csv
import sys
from collections import defaultdict

import numpy as np


def read_truth(path):
    truth = defaultdict(dict)
    with open(path) as stream:
        for row in csv.DictReader(stream):
            truth[float(row["time"])][int(row["target_id"])] = (float(row["x"]), float(row["y"]))
    return truth


def read_target_detections(path):
    detections = defaultdict(list)
    with open(path) as stream:
        for row in csv.DictReader(stream):
            if row["is_clutter"] == "0":
                detections[float(row["time"])].append((float(row["x"]), float(row["y"])))
    return detections


def main():
    scenario, out_path = sys.argv[1], sys.argv[2]
    period, q, r = 2.5, 0.05, 100.0
    transition = np.array([[1, 0, period, 0], [0, 1, 0, period], [0, 0, 1, 0], [0, 0, 0, 1]])
    axis_noise = q * np.array([[period**3 / 3, period**2 / 2], [period**2 / 2, period]])
    noise = np.zeros((4, 4))
    noise[np.ix_([0, 2], [0, 2])] = axis_noise
    noise[np.ix_([1, 3], [1, 3])] = axis_noise
    measurement = np.array([[1, 0, 0, 0], [0, 1, 0, 0]])
    truth = read_truth(scenario + "/truth.csv")
    detections = read_target_detections(scenario + "/detections.csv")
    states, points = {}, defaultdict(int)
    with open(out_path, "w") as out:
        out.write("time,track_id,x,y\n")
        for time in sorted(truth):
            targets = list(truth[time])
            positions = np.array([truth[time][target] for target in targets])
            # Perfect association: each target detection goes to the nearest true position.
            assigned = {}
            for detection in detections[time]:
                nearest = int(np.argmin(((positions - np.array(detection)) ** 2).sum(1)))
                assigned[targets[nearest]] = np.array(detection)
            for target in targets:
                state = states.get(target)
                if state is not None:
                    mean, covariance = state
                    mean = transition @ mean
                    covariance = transition @ covariance @ transition.T + noise
                if target in assigned:
                    z = assigned[target]
                    if state is None:
                        mean = np.array([z[0], z[1], 0.0, 0.0])
                        covariance = np.diag([r, r, 100.0, 100.0])
                    else:
                        innovation = measurement @ covariance @ measurement.T + r * np.eye(2)
                        gain = covariance @ measurement.T @ np.linalg.inv(innovation)
                        mean = mean + gain @ (z - measurement @ mean)
                        covariance = (np.eye(4) - gain @ measurement) @ covariance
                    points[target] += 1
                if target in assigned or state is not None:
                    states[target] = (mean, covariance)
                if points[target] >= 3:
                    out.write(f"{time},{target},{mean[0]},{mean[1]}\n")


if __name__ == "__main__":
    main()
