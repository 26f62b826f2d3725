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
import hashlib
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from loopback import fail, free_port, start_nats, stop_nats  # noqa: E402


def distance_m(a, b):
    lat = math.radians((a[0] + b[0]) / 2)
    return math.hypot((a[0] - b[0]) * 111320.0, (a[1] - b[1]) * 111320.0 * math.cos(lat))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--straitwatch", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--one", required=True)
    parser.add_argument("--scenario", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="straitwatch-regions-")
    server = None
    processes = []
    try:
        server, url = start_nats(work)
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
                logs = [open(os.path.join(work, name)).read()[-2000:]
                        for name in sorted(os.listdir(work)) if name.endswith(".log")]
                fail("a region process failed:\n" + "\n".join(logs))
        log = open(victim_log).read()
        resumed = [line for line in log.splitlines() if line.startswith("region mid: replayed")]
        if len(resumed) != 2 or resumed[1].endswith("checkpoint 0"):
            fail("the restarted region did not resume from a checkpoint:\n" + log)
        print("restart:", resumed[1])
        for line in log.splitlines():
            if "stopped" in line:
                print(line)

        pictures = {"three": served_gateway(sw, work, plans["three"])}
        out = os.path.join(work, "one-picture.json")
        joined = run("gateway", "--plan", plans["one"], "--out", out, "--exit-idle", "3")
        if joined.returncode != 0:
            fail("gateway: " + joined.stderr)
        print("one", joined.stdout.strip())
        pictures["one"] = json.load(open(out))
        compare(pictures["one"], pictures["three"])
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        stop_nats(server, work)


TOKEN = "region-test-officer-token"


def served_gateway(sw, work, plan):
    """The gateway as a node serves it: its API shows the joined picture it writes at exit."""
    folder = os.path.join(work, "gateway")
    os.makedirs(folder)
    port = free_port()
    with open(os.path.join(folder, "principals.toml"), "w") as out:
        out.write('[[principal]]\nname = "officer"\n'
                  f'token_sha256 = "{hashlib.sha256(TOKEN.encode()).hexdigest()}"\n'
                  'nation = "UK"\nagency = "HMCG"\nroles = ["analyst"]\n'
                  'purposes = ["sar", "border"]\npersonal_data = false\n')
    with open(os.path.join(folder, "node.toml"), "w") as out:
        out.write('[engine]\ndata_dir = "data"\n\n'
                  f'[server]\nport = {port}\ncot = false\nprincipals = "principals.toml"\n')
    picture = os.path.join(work, "three-picture.json")
    log = open(os.path.join(work, "gateway.log"), "w")
    gateway = subprocess.Popen([sw, "region", "gateway", "--plan", plan, "--config", "node.toml",
                                "--out", picture], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT)

    def served():
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/tracks",
                                         headers={"Authorization": "Bearer " + TOKEN})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return sorted(track["id"] for track in json.loads(response.read())["tracks"])
        except OSError:
            return None

    # The picture is complete once the gateway has read what the regions stored; only then
    # may the served picture stop changing for the right reason.
    deadline = time.time() + 600
    while time.time() < deadline and gateway.poll() is None:
        if "gateway: caught up" in open(log.name).read():
            break
        time.sleep(0.5)
    else:
        gateway.kill()
        fail("the gateway did not catch up with the track stream:\n" + open(log.name).read())
    seen = []
    while time.time() < deadline and gateway.poll() is None:
        seen = (seen + [served()])[-3:]
        if len(seen) == 3 and seen[0] and seen[0] == seen[1] == seen[2]:
            break
        time.sleep(1)
    gateway.send_signal(signal.SIGTERM)
    if gateway.wait(timeout=60) != 0:
        fail("the gateway failed:\n" + open(log.name).read()[-2000:])
    for line in open(log.name).read().strip().splitlines():
        if line.startswith("gateway:"):
            print("three", line)
    joined = json.load(open(picture))
    caught = [line for line in open(log.name).read().splitlines()
              if line.startswith("gateway: caught up")][0]
    stored = int(caught.split()[5])
    read = sum(joined["stats"][k] for k in ("applied", "stale", "repeats", "malformed"))
    if read < stored:
        fail("the gateway read %d track updates of the %d stored" % (read, stored))
    written = sorted(track["id"] for track in joined["tracks"])
    print("gateway API: %d tracks served, %d in the joined picture" %
          (len(seen[-1] or []), len(written)))
    if seen[-1] != written:
        fail("the gateway's API does not show its joined picture: served %s, joined %s"
             % (seen[-1], written))
    return joined


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
