#!/usr/bin/env python3
"""Three region processes over a real nats-server (JetStream, loopback), against one.

The simulated Strait (tests/data/region/strait_2h.toml) is fed onto two input streams:
one read by three region processes (scenarios/regions-dover.toml: bands parallel to the
lanes, so every small boat crosses both seams), one read by a single region over the whole
sea. The middle region is killed (SIGKILL) mid-run and started again. Then each side's
gateway joins its regions' track subjects, and the pictures must agree:

- every AIS vessel and own asset of the single picture is in the joined one, and the
  positions agree within tracker noise;
- the dark boats too: each of the single picture's dark tracks has one joined dark track
  near it, and the joined picture has no extra dark tracks (no duplicates at the seams);
- the restarted region resumed from its checkpoint, and no track update was stored twice
  (the gateway saw no repeated version of any track).
Exits non-zero with the reason on any failure.
"""
import argparse
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def distance_m(a, b):
    lat = math.radians((a[0] + b[0]) / 2)
    return math.hypot((a[0] - b[0]) * 111320.0, (a[1] - b[1]) * 111320.0 * math.cos(lat))


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--straitwatch", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--one", required=True)
    parser.add_argument("--scenario", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="regions-")
    port = free_port()
    with open(os.path.join(work, "nats.conf"), "w") as conf:
        conf.write('listen: 127.0.0.1:%d\njetstream { store_dir: "%s" }\n'
                   % (port, os.path.join(work, "js")))
    server = subprocess.Popen(["nats-server", "-c", os.path.join(work, "nats.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes = []
    try:
        if not wait_port(port):
            fail("nats-server did not start")
        url = "nats://127.0.0.1:%d" % port
        plans = {}
        for key, path in (("three", args.plan), ("one", args.one)):
            text = open(path).read().replace("nats://127.0.0.1:4222", url)
            plans[key] = os.path.join(work, key + ".toml")
            open(plans[key], "w").write(text)
        sw = args.straitwatch

        def run(*command, **kw):
            return subprocess.run([sw, "region", *command], capture_output=True, text=True,
                                  timeout=600, **kw)

        for key in ("three", "one"):
            fed = run("feed", "--plan", plans[key], "--scenario", args.scenario)
            if fed.returncode != 0:
                fail("feed: " + fed.stderr)
            print(key, fed.stdout.strip().splitlines()[-1])

        def start(plan, region):
            log = open(os.path.join(work, "%s-%s.log" % (os.path.basename(plan), region)), "a")
            process = subprocess.Popen([sw, "region", "run", "--plan", plan, "--region", region,
                                        "--scenario", args.scenario, "--exit-idle", "10"],
                                       stdout=log, stderr=subprocess.STDOUT)
            processes.append(process)
            return process, log.name

        single, _ = start(plans["one"], "all")
        regions = {name: start(plans["three"], name) for name in ("uk", "mid", "fr")}
        # Kill the middle region once it has made progress, then start it again.
        victim, victim_log = regions["mid"]
        end = time.time() + 300
        while time.time() < end:
            lines = open(victim_log).read().splitlines()
            progress = [line for line in lines if line.startswith("region mid: input ")]
            if progress and int(progress[-1].split()[3].rstrip(",")) > 0:
                break
            if victim.poll() is not None:
                fail("region mid ended before it could be killed:\n" + "\n".join(lines))
            time.sleep(0.2)
        else:
            fail("region mid made no progress")
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        print("killed region mid at:", progress[-1])
        restarted, _ = start(plans["three"], "mid")
        for process in processes:
            if process.wait(timeout=900) not in (0, -signal.SIGKILL):
                fail("a region process failed; logs in " + work)
        log = open(victim_log).read()
        resumed = [line for line in log.splitlines() if line.startswith("region mid: replayed")]
        if len(resumed) != 2 or resumed[1].endswith("checkpoint 0"):
            fail("the restarted region did not resume from a checkpoint:\n" + log)
        print("restart:", resumed[1])
        for line in log.splitlines():
            if "stopped" in line:
                print(line)

        pictures = {}
        for key in ("three", "one"):
            out = os.path.join(work, key + "-picture.json")
            joined = run("gateway", "--plan", plans[key], "--out", out, "--exit-idle", "3")
            if joined.returncode != 0:
                fail("gateway: " + joined.stderr)
            print(key, joined.stdout.strip())
            pictures[key] = json.load(open(out))
        compare(pictures["one"], pictures["three"])
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        server.terminate()
        server.wait()


def compare(one, three):
    if three["stats"]["repeats"] != 0:
        fail("%d track updates were stored twice" % three["stats"]["repeats"])
    key = lambda t: t["mmsi"] if t["mmsi"] is not None else t["asset_id"]
    identity_one = {key(t): t for t in one["tracks"] if t["class"] != 1}
    identity_three = {key(t): t for t in three["tracks"] if t["class"] != 1}
    missing = [k for k in identity_one if k not in identity_three]
    extra = [k for k in identity_three if k not in identity_one]
    errors = sorted(distance_m(identity_one[k]["position"], identity_three[k]["position"])
                    for k in identity_one if k in identity_three)
    print("identity tracks: single %d, joined %d, missing %d, extra %d, position error "
          "median %.1f m, max %.1f m" % (len(identity_one), len(identity_three), len(missing),
                                         len(extra), errors[len(errors) // 2], errors[-1]))
    if len(missing) > 0.02 * len(identity_one) or len(extra) > 0.02 * len(identity_one):
        fail("identity tracks differ: missing %s, extra %s" % (missing[:10], extra[:10]))
    if errors[len(errors) // 2] > 25.0:
        fail("identity positions differ beyond tracker noise")
    dark_one = [t for t in one["tracks"] if t["class"] == 1]
    dark_three = [t for t in three["tracks"] if t["class"] == 1]
    pairs = sorted((distance_m(a["position"], b["position"]), i, j)
                   for i, a in enumerate(dark_one) for j, b in enumerate(dark_three))
    used_one, used_three, matched = set(), set(), []
    for d, i, j in pairs:
        if d > 500.0:
            break
        if i in used_one or j in used_three:
            continue
        used_one.add(i)
        used_three.add(j)
        matched.append(d)
    unmatched_one = len(dark_one) - len(matched)
    unmatched_three = len(dark_three) - len(matched)
    print("dark tracks: single %d, joined %d, matched %d (median %.1f m), single only %d, "
          "joined only %d" % (len(dark_one), len(dark_three), len(matched),
                              sorted(matched)[len(matched) // 2] if matched else -1,
                              unmatched_one, unmatched_three))
    if len(dark_one) == 0:
        fail("the single picture has no dark tracks: the scenario tests nothing")
    if unmatched_one > 0.1 * len(dark_one) + 1:
        fail("dark tracks of the single picture missing from the joined one")
    if unmatched_three > 0.1 * len(dark_one) + 1:
        fail("the joined picture has dark tracks the single one has not (seam duplicates)")
    print("PASS")


if __name__ == "__main__":
    main()
