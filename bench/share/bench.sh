#!/usr/bin/env bash
# Federation benchmark: items/s through the release policy and federation between a UK and
# a French node on loopback, end-to-end latency from the UK node's offer to the French
# node's sink, against raw JetStream publishing on the same nats-server (the anchor).
#
#   bench/share/bench.sh [ITEMS]      (default 20000)
#
# Builds federation_load in build/release (Release, -DSTRAITWATCH_BENCH=ON; BENCH_BUILD_DIR
# overrides), starts its own nats-server with JetStream on a free loopback port with a
# temporary store, and prints the figures and the ratio to the anchor.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
release=${BENCH_BUILD_DIR:-build/release}
items=${1:-20000}
echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_BENCH=ON >/dev/null
cmake --build "$release" --target federation_load -j "$(nproc)" >/dev/null

work=$(mktemp -d)
trap 'kill "$nats_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nats.conf" <<CONF
listen: 127.0.0.1:$port
jetstream { store_dir: "$work/js" }
authorization { users = [
  { user: "uk-node", password: "pw-uk-node" }
  { user: "fr-node", password: "pw-fr-node" }
] }
CONF
nats-server -c "$work/nats.conf" -l "$work/nats.log" &
nats_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
echo "== run ($(nproc) cores; nats-server $(nats-server --version | awk '{print $NF}'))"
"$release/bench/share/federation_load" --nats-url "nats://127.0.0.1:$port" --items "$items" \
  --keys "$work/keys"
