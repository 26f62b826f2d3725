#!/usr/bin/env bash
# The main job: set up, build (Release) and run a straitwatch node on its embedded
# defaults — the built-in Dover Strait simulation (ships, ferries, small boats, patrols,
# aircraft, two shore radars, AIS stations) sending AIS NMEA, ASTERIX, Cursor-on-Target and
# distress reports over loopback sockets into the engine: journal, fusion, risk alerts,
# and the web map at http://127.0.0.1:8080/ (open one of the login addresses it prints).
#
#   bash scripts/run.sh [straitwatch run options]    e.g. --speed 10 --duration 1800
#
# Stop it with Ctrl-C; the journal and configuration stay in straitwatch-data/ (replaced
# by the next run) for `straitwatch replay straitwatch-data/journal`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build_web.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)"
exec ./build/release/src/straitwatch run --data-dir straitwatch-data --fresh "$@"
