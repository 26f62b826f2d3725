#!/usr/bin/env python3
"""Engine crash test: `straitwatch run` is killed with SIGKILL at random points while a
sender streams unique AIS datagrams to it over UDP, and restarted each time. Afterwards:

  1. the journal's sequences are 1..M with no gap, damage or duplicate, and every record is
     a datagram that was sent, byte for byte, at most once;
  2. for every kill, every record up to the last `durable N` the engine printed before it
     died is still in the journal, with the same sequence, receive time and payload (and so
     is every record a reader could see right after the crash: recovery renumbers nothing);
  3. the history store the live engine ended with (rebuilt from the journal after each
     crash, then fed live) dumps byte for byte like a clean `straitwatch replay` of the
     journal.

Most kills land 0.2-1.5 s after the engine acknowledged its first input; about one in five
lands during start-up (journal recovery and the replay that rebuilds the store). Every
choice comes from one seed, printed first; --seed (or CRASH_SEED) repeats a run's choices
(the timing of a real process is never exactly repeatable).

  engine_crash.py --straitwatch BIN --journal-list BIN [--kills 20] [--seed S]

CRASH_KILLS=100 runs the long version (see docs/engine_crash_test.md). Only the Python 3
standard library is used.
"""

import argparse
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SOURCE_ID = "ais-crash"
HEARTBEAT = b'{"heartbeat":true}'
TAG_PATTERN = re.compile(rb"^\\s:crash,n:(\d+)\*[0-9A-F]{2}\\")
START_TIMEOUT_S = 120.0  # an ASan build replaying a long journal starts slowly
STOP_TIMEOUT_S = 120.0
VESSELS = 12


class Failure(Exception):
    """A check failed; the message says which and why."""


def log(text):
    print(text, flush=True)


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nmea_checksum(body):
    value = 0
    for byte in body.encode("ascii"):
        value ^= byte
    return f"{value:02X}"


class Traffic:
    """Unique AIS position reports of VESSELS ships crossing the Strait, encoded by
    `straitwatch ais encode` in chunks ahead of need. Message k is vessel k % VESSELS at
    k / rate seconds into its voyage (UTC second 60: the engine takes the receive time),
    behind a tag block whose n: field is k."""

    def __init__(self, straitwatch, rate, seed):
        self.straitwatch = straitwatch
        self.rate = rate
        rng = random.Random(seed)
        self.ships = []
        for vessel in range(VESSELS):
            self.ships.append({
                "mmsi": 235000000 + 1000 * vessel + rng.randrange(1000),
                "lat": 50.95 + rng.uniform(-0.12, 0.12),
                "lon": 1.40 + rng.uniform(-0.25, 0.25),
                "course": rng.uniform(0.0, 360.0),
                "knots": rng.uniform(6.0, 18.0),
            })
        self.datagrams = []
        self.lock = threading.Condition()
        self.error = None

    def json_line(self, index):
        ship = self.ships[index % VESSELS]
        hours = index / self.rate / 3600.0
        north_nm = ship["knots"] * hours * math.cos(math.radians(ship["course"]))
        east_nm = ship["knots"] * hours * math.sin(math.radians(ship["course"]))
        lat = ship["lat"] + north_nm / 60.0
        lon = ship["lon"] + east_nm / (60.0 * math.cos(math.radians(lat)))
        return (
            '{"class":"AIS","type":1,"repeat":0,"mmsi":%d,"scaled":false,"status":0,'
            '"turn":-128,"speed":%d,"accuracy":true,"lon":%d,"lat":%d,"course":%d,'
            '"heading":%d,"second":60,"maneuver":0,"raim":false,"radio":0}' %
            (ship["mmsi"], round(ship["knots"] * 10), round(lon * 600000),
             round(lat * 600000), round(ship["course"] * 10) % 3600,
             round(ship["course"]) % 360))

    def encode_chunk(self, first, count):
        text = "\n".join(self.json_line(index) for index in range(first, first + count))
        done = subprocess.run([self.straitwatch, "ais", "encode"], input=text + "\n",
                              capture_output=True, text=True, timeout=120, check=False)
        sentences = [line for line in done.stdout.splitlines() if line.startswith("!")]
        if done.returncode != 0 or len(sentences) != count:
            raise Failure(f"straitwatch ais encode gave {len(sentences)} sentences for {count} "
                          f"messages (exit {done.returncode}): {done.stderr.strip()[:400]}")
        chunk = []
        for offset, sentence in enumerate(sentences):
            tag = f"s:crash,n:{first + offset}"
            line = f"\\{tag}*{nmea_checksum(tag)}\\{sentence}\r\n"
            chunk.append(line.encode("ascii"))
        return chunk

    def ensure(self, count):
        """Encodes until at least `count` datagrams exist."""
        while True:
            with self.lock:
                have = len(self.datagrams)
            if have >= count:
                return
            chunk = self.encode_chunk(have, max(count - have, int(self.rate * 5)))
            with self.lock:
                self.datagrams.extend(chunk)
                self.lock.notify_all()

    def get(self, index):
        with self.lock:
            while index >= len(self.datagrams):
                if self.error is not None:
                    raise self.error
                self.lock.wait(1.0)
            return self.datagrams[index]


class Sender:
    """Sends datagram k at k / rate seconds after start, for the whole test, whether or not
    the engine is up (what arrives while it is down is lost, as UDP is)."""

    def __init__(self, traffic, port):
        self.traffic = traffic
        self.port = port
        self.sent = 0
        self.stopping = threading.Event()
        self.failure = None
        self.producer = threading.Thread(target=self.produce, daemon=True)
        self.thread = threading.Thread(target=self.send, daemon=True)

    def start(self):
        self.traffic.ensure(int(self.traffic.rate * 5))
        self.producer.start()
        self.thread.start()

    def produce(self):
        try:
            while not self.stopping.is_set():
                self.traffic.ensure(self.sent + int(self.traffic.rate * 4))
                self.stopping.wait(0.2)
        except Failure as error:
            self.failure = error
            with self.traffic.lock:
                self.traffic.error = error
                self.traffic.lock.notify_all()

    def send(self):
        rate = self.traffic.rate
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            started = time.monotonic()
            while not self.stopping.is_set():
                delay = started + self.sent / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                try:
                    datagram = self.traffic.get(self.sent)
                except Failure:
                    return
                try:
                    sock.sendto(datagram, ("127.0.0.1", self.port))
                except OSError:
                    pass  # nobody listening between a kill and a restart
                self.sent += 1

    def stop(self):
        self.stopping.set()
        self.thread.join(10)
        self.producer.join(130)


class EngineRun:
    """One `straitwatch run` process; a thread reads its stdout to the end."""

    def __init__(self, straitwatch, config_path, stderr_path, dump_path=None):
        command = [straitwatch, "run", "--config", config_path, "--report-durable", "--quiet"]
        if dump_path:
            command += ["--dump", dump_path]
        self.stderr_path = stderr_path
        self.stderr_file = open(stderr_path, "w", encoding="utf-8")
        self.spawned = time.monotonic()
        # Its own process group, so a kill reaches any process it started too.
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                        stderr=self.stderr_file, text=True,
                                        start_new_session=True)
        self.lines = []
        self.acks = []
        self.recovered = None
        self.live = threading.Event()
        self.live_after = None
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            if line.startswith("durable "):
                self.acks.append(int(line.split()[1]))
                if not self.live.is_set():
                    self.live_after = time.monotonic() - self.spawned
                    self.live.set()
            elif line.startswith("recovered: "):
                self.recovered = int(line.split()[1])

    def wait_live(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.live.wait(0.05):
            if self.process.poll() is not None:
                raise Failure(f"the engine exited with {self.process.returncode} before "
                              f"acknowledging any input: {self.stderr_tail()}")
            if time.monotonic() > deadline:
                self.kill()
                raise Failure(f"the engine acknowledged no input in {START_TIMEOUT_S:.0f} s")

    def kill(self):
        """SIGKILL; returns False when the process had already ended."""
        alive = self.process.poll() is None
        if alive:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.finish()
        return alive

    def terminate(self):
        self.process.send_signal(signal.SIGTERM)
        self.finish(STOP_TIMEOUT_S)
        return self.process.returncode

    def finish(self, timeout=30.0):
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise Failure(f"the engine did not stop within {timeout:.0f} s")
        self.reader.join(30)
        self.stderr_file.close()
        if self.reader.is_alive():
            raise Failure("the engine's stdout is still open 30 s after it ended: a process it "
                          "started survives")

    def last_ack(self):
        return self.acks[-1] if self.acks else None

    def stderr_tail(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as text:
            return text.read()[-2000:]


def read_journal(journal_list, journal_dir):
    """[(sequence, receive time, source id, payload bytes)] and the reader's stderr."""
    if not os.path.isdir(journal_dir):
        # Killed during start-up before the journal was created: nothing was acknowledged.
        return [], []
    done = subprocess.run([journal_list, journal_dir], capture_output=True, text=True,
                          timeout=300, check=False)
    if done.returncode != 0:
        raise Failure(f"journal_list {journal_dir} failed: {done.stderr.strip()}")
    records = []
    for line in done.stdout.splitlines():
        sequence, receive_time, source, payload = line.split("\t")
        records.append((int(sequence), int(receive_time), source, bytes.fromhex(payload)))
    events = [line for line in done.stderr.splitlines() if line.startswith("event: ")]
    return records, events


def check_numbering(records, events, when):
    for position, record in enumerate(records):
        if record[0] != position + 1:
            raise Failure(f"{when}: record #{position + 1} of the journal has sequence "
                          f"{record[0]} (sequences must run 1..M without gaps)")
    damage = [event for event in events if "incomplete_tail" not in event]
    if damage:
        raise Failure(f"{when}: the journal reader reported damage: " + "; ".join(damage))


def check_acknowledged(records, ack, snapshot, when):
    """Records 1..ack (acknowledged durable before a kill) and every record a reader saw
    after that kill are unchanged in `records`."""
    if ack is not None and ack > len(records):
        raise Failure(f"{when}: 'durable {ack}' was printed but the journal ends at sequence "
                      f"{len(records)}: acknowledged records were lost")
    limit = ack or 0
    for sequence in range(1, limit + 1):
        if records[sequence - 1] != snapshot[sequence - 1]:
            raise Failure(f"{when}: acknowledged record {sequence} changed after a restart: "
                          f"{snapshot[sequence - 1]!r} became {records[sequence - 1]!r}")
    for position, record in enumerate(snapshot):
        if position >= len(records) or records[position] != record:
            found = records[position] if position < len(records) else "nothing"
            raise Failure(f"{when}: record {record[0]} (not acknowledged, but complete on disk "
                          f"after the kill) was dropped or renumbered by recovery: {record!r} "
                          f"became {found!r}")


def check_payloads(records, traffic):
    seen = {}
    for sequence, _, source, payload in records:
        # The engine's own heartbeats while the feed is quiet (see engine/pipeline.h).
        if source == "operator" and payload == HEARTBEAT:
            continue
        if source != SOURCE_ID:
            raise Failure(f"record {sequence} has source id {source!r}, not {SOURCE_ID!r}")
        match = TAG_PATTERN.match(payload)
        if not match:
            raise Failure(f"record {sequence} is not a datagram the sender made: {payload!r}")
        index = int(match.group(1))
        if index >= len(traffic.datagrams) or traffic.datagrams[index] != payload:
            raise Failure(f"record {sequence} differs from datagram {index} as sent: {payload!r}")
        if index in seen:
            raise Failure(f"datagram {index} is in the journal twice: sequences {seen[index]} "
                          f"and {sequence}")
        seen[index] = sequence
    return len(seen)


def check_sanitizers(run, what):
    text = run.stderr_tail()
    for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        if marker in text:
            raise Failure(f"{what}: sanitizer report on stderr ({run.stderr_path}):\n{text}")


def write_config(work_dir, port):
    data_dir = os.path.join(work_dir, "data")
    config_path = os.path.join(work_dir, "engine.toml")
    with open(config_path, "w", encoding="utf-8") as config:
        config.write(f"""# Engine crash test: one UDP AIS source, fsync on every group commit.
[engine]
data_dir = "{data_dir}"
reorder_window_s = 2.0

[journal]
fsync = true
commit_latency_ms = 2

[[source]]
id = "{SOURCE_ID}"
transport = "udp"
format = "ais"
host = "127.0.0.1"
port = {port}
""")
    return config_path, data_dir


def run_test(args, work_dir):
    rng = random.Random(args.seed)
    port = free_udp_port()
    config_path, data_dir = write_config(work_dir, port)
    journal_dir = os.path.join(data_dir, "journal")
    traffic = Traffic(args.straitwatch, args.rate, args.seed)
    sender = Sender(traffic, port)
    log(f"engine crash test: {args.kills} kills, seed {args.seed}, {args.rate} datagrams/s "
        f"to udp 127.0.0.1:{port}; work dir {work_dir}")
    sender.start()
    kills = []  # (kill number, last ack, journal snapshot after the kill)
    startup_s = 0.5
    previous_records = 0
    try:
        for kill_number in range(1, args.kills + 1):
            run = EngineRun(args.straitwatch, config_path,
                            os.path.join(work_dir, f"run-{kill_number:03d}.stderr"))
            during_startup = rng.random() < 0.2
            if during_startup:
                delay = rng.uniform(0.0, startup_s)
                time.sleep(delay)
                point = f"{delay:.3f} s after spawn (start-up)"
            else:
                delay = rng.uniform(0.2, 1.5)
                run.wait_live()
                startup_s = run.live_after
                time.sleep(delay)
                point = f"{delay:.3f} s after the first ack at {run.live_after:.3f} s (live)"
            if not run.kill():
                raise Failure(f"kill {kill_number}: the engine had already exited with "
                              f"{run.process.returncode}: {run.stderr_tail()}")
            check_sanitizers(run, f"kill {kill_number}")
            if run.recovered is not None and run.recovered != previous_records:
                raise Failure(f"kill {kill_number}: the engine recovered {run.recovered} records "
                              f"but the journal held {previous_records} before it started")
            snapshot, events = read_journal(args.journal_list, journal_dir)
            when = f"after kill {kill_number}"
            check_numbering(snapshot, events, when)
            ack = run.last_ack()
            if ack is not None and ack > len(snapshot):
                raise Failure(f"{when}: 'durable {ack}' was printed but the journal ends at "
                              f"sequence {len(snapshot)}")
            for earlier_number, earlier_ack, earlier in kills[-1:]:
                check_acknowledged(snapshot, earlier_ack, earlier,
                                   f"{when} (kill {earlier_number}'s records)")
            kills.append((kill_number, ack, snapshot))
            previous_records = len(snapshot)
            log(f"kill {kill_number:3d}: {point}; last ack "
                f"{ack if ack is not None else '-'}; journal {len(snapshot)} records; "
                f"recovered {run.recovered if run.recovered is not None else '-'}"
                + (f"; {len(events)} reader event(s): {events}" if events else ""))

        dump_live = os.path.join(work_dir, "live.dump")
        final = EngineRun(args.straitwatch, config_path, os.path.join(work_dir, "final.stderr"),
                          dump_live)
        final.wait_live()
        time.sleep(1.0)
        status = final.terminate()
        if status != 0:
            raise Failure(f"the final run exited with {status} after SIGTERM: "
                          f"{final.stderr_tail()}")
        check_sanitizers(final, "final run")
        if final.recovered != previous_records:
            raise Failure(f"final run: the engine recovered {final.recovered} records but the "
                          f"journal held {previous_records} before it started")
        if not any(line.startswith("== final") for line in final.lines):
            raise Failure("the final run printed no final summary")
    finally:
        sender.stop()
    if sender.failure:
        raise sender.failure

    records, events = read_journal(args.journal_list, journal_dir)
    check_numbering(records, events, "final journal")
    if final.last_ack() is not None and final.last_ack() > len(records):
        raise Failure(f"final run: 'durable {final.last_ack()}' but the journal ends at "
                      f"{len(records)}")
    unique = check_payloads(records, traffic)
    for kill_number, ack, snapshot in kills:
        check_acknowledged(records, ack, snapshot, f"final journal vs kill {kill_number}")
    acknowledged = max((ack or 0) for _, ack, _ in kills) if kills else 0
    log(f"journal: {len(records)} records, sequences 1..{len(records)}, {unique} distinct "
        f"datagrams of {sender.sent} sent; {acknowledged} acknowledged before the last kill, "
        f"all unchanged")

    dump_replay = os.path.join(work_dir, "replay.dump")
    replay_store = os.path.join(work_dir, "replay.sqlite")
    replay = subprocess.run(
        [args.straitwatch, "replay", journal_dir, "--store", replay_store, "--dump", dump_replay],
        capture_output=True, text=True, timeout=600, check=False)
    if replay.returncode != 0:
        raise Failure(f"straitwatch replay failed ({replay.returncode}): {replay.stderr}")
    replayed = re.search(r"replay: (\d+) records", replay.stdout)
    if not replayed or int(replayed.group(1)) != len(records):
        raise Failure(f"the replay read {replayed.group(1) if replayed else '?'} records, the "
                      f"journal holds {len(records)}")
    with open(dump_live, "rb") as live_file, open(dump_replay, "rb") as replay_file:
        live_dump = live_file.read()
        replay_dump = replay_file.read()
    if live_dump != replay_dump:
        live_lines = live_dump.decode(errors="replace").splitlines()
        replay_lines = replay_dump.decode(errors="replace").splitlines()
        first = next((index for index, pair in enumerate(zip(live_lines, replay_lines))
                      if pair[0] != pair[1]), min(len(live_lines), len(replay_lines)))
        raise Failure(
            f"the live store differs from a clean replay ({len(live_lines)} vs "
            f"{len(replay_lines)} lines; first difference at line {first + 1}):\n"
            f"  live:   {live_lines[first] if first < len(live_lines) else '<end>'}\n"
            f"  replay: {replay_lines[first] if first < len(replay_lines) else '<end>'}\n"
            f"(dumps kept in {work_dir})")
    rows = [line for line in live_dump.splitlines() if line and not line.startswith(b"[")]
    if len(rows) < 10:
        raise Failure(f"the live store dump is nearly empty ({len(live_dump)} bytes): the test "
                      f"would prove nothing")
    log(f"store: live dump == replay dump ({len(live_dump)} bytes, {len(rows)} rows)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--straitwatch", required=True)
    parser.add_argument("--journal-list", required=True)
    parser.add_argument("--kills", type=int, default=int(os.environ.get("CRASH_KILLS", "20")))
    parser.add_argument("--seed", type=int,
                        default=int(os.environ.get("CRASH_SEED", "0")) or None)
    parser.add_argument("--rate", type=int, default=int(os.environ.get("CRASH_RATE", "200")),
                        help="datagrams per second")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 2**31)
    work_dir = tempfile.mkdtemp(prefix="straitwatch-crash-")
    started = time.monotonic()
    try:
        run_test(args, work_dir)
    except Failure as failure:
        log(f"FAIL (seed {args.seed}; repeat with --seed {args.seed}): {failure}")
        log(f"work directory kept: {work_dir}")
        return 1
    log(f"PASS: {args.kills} kills, seed {args.seed}, {time.monotonic() - started:.1f} s")
    if args.keep:
        log(f"work directory kept: {work_dir}")
    else:
        shutil.rmtree(work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
