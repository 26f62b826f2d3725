#!/usr/bin/env bash
# Live-stream load benchmark: 1,000 WebSocket clients on loopback, each with a viewport,
# 10,000 live tracks each updated every 2.5 s (4,000 updates/s); message rate, p99 latency
# from a track's update to its receipt by a client, memory, and the engine's ingest rate with
# and without that load (see server_load.cpp for the phases).
#
#   bench/server/bench.sh            full size: 1,000 clients, 60 s window
#   bench/server/bench.sh quick      smoke check: 100 clients, 10 s window
#   bench/server/bench.sh -- ARGS    full size with extra server_load arguments
#
# 1. Builds server_load in build/release (Release, -DSTRAITWATCH_BENCH=ON).
# 2. The ingest comparison replays the engine benchmark's recorded busy hour
#    (build/bench/engine/busy-hour, recorded here first if missing, as bench/engine does).
# 3. Prints the figures and the ratios against the goals: p99 <= 250 ms, and the ingest
#    rate with the loaded server >= 0.95 of the engine alone.
#
# Results: build/bench/server/results.txt. BENCH_BUILD_DIR overrides the build directory.
# The clients run in a forked process on the same machine: on a small machine they take CPU
# the server and the engine would otherwise have (the figures show each share).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
release=${BENCH_BUILD_DIR:-build/release}
work=build/bench/server
recording=build/bench/engine/busy-hour

mode=full
if [ "${1:-}" = quick ]; then
  mode=quick
  shift
fi
[ "${1:-}" = -- ] && shift

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF \
  -DSTRAITWATCH_BENCH=ON >/dev/null
cmake --build "$release" --target server_load -j "$(nproc)" >/dev/null
mkdir -p "$work"

if [ ! -f "$recording/recorded" ]; then
  cmake --build "$release" --target straitwatch -j "$(nproc)" >/dev/null
  echo "== recording a simulated busy hour for the ingest comparison (60x: about a minute)"
  mkdir -p "$(dirname "$recording")"
  "$release/src/straitwatch" run --scenario data/sim/dover_busy.toml --seed 1 --duration 3600 \
    --speed 60 --data-dir "$recording" --fresh --quiet --no-server >"$work/record.log"
  touch "$recording/recorded"
fi

if [ "$mode" = quick ]; then
  sizes=(--clients 100 --duration 10 --warmup 3 --ingest-runs 1)
else
  sizes=(--clients 1000 --duration 60 --warmup 10 --ingest-runs 3 --ramp-limit 600)
fi
args=("${sizes[@]}" --journal "$recording/journal" "$@")
echo "== run ($mode; $(nproc) cores; $(uname -r)): server_load ${args[*]}"
"$release/bench/server/server_load" "${args[@]}" | tee "$work/results.txt"
