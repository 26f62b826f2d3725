"""Helpers of the project's multi-process tests on loopback: free ports, waiting for a
condition, failing with the reason, and a real nats-server with JetStream."""
import os
import shutil
import socket
import subprocess
import sys
import time


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def connectable(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def wait_for(what, predicate, limit=30):
    """Waits until predicate() holds; fails with `what` (text, or a function giving it)."""
    deadline = time.time() + limit
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    if not predicate():
        fail(what() if callable(what) else what)


def start_nats(work, users=None):
    """nats-server with JetStream storing under `work`, on a free loopback port, with the
    given {user: password} (none: no authorization). Returns (process, url)."""
    port = free_port()
    with open(os.path.join(work, "nats.conf"), "w") as conf:
        conf.write(f"listen: 127.0.0.1:{port}\n"
                   f'jetstream {{ store_dir: "{os.path.join(work, "jetstream")}" }}\n')
        if users:
            conf.write("authorization { users = [\n")
            for name, password in users.items():
                conf.write(f'  {{ user: "{name}", password: "{password}" }}\n')
            conf.write("] }\n")
    process = subprocess.Popen(["nats-server", "-c", os.path.join(work, "nats.conf"), "-l",
                                os.path.join(work, "nats.log")])
    wait_for("nats-server did not start", lambda: connectable(port), 20)
    return process, f"nats://127.0.0.1:{port}"


def stop_nats(process, work):
    """Stops nats-server (if it started) and removes the test's work folder, unless
    SW_KEEP_WORK is set."""
    if process:
        process.terminate()
        process.wait()
    if os.environ.get("SW_KEEP_WORK"):
        print("work folder kept: " + work)
    else:
        shutil.rmtree(work, ignore_errors=True)
