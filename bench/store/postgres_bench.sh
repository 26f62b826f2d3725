#!/usr/bin/env bash
# PostgreSQL store against SQLite store: track-update positions/s on the same workload in
# the same process, and their ratio (see postgres_bench.cpp).
#
#   bench/store/postgres_bench.sh [STEPS]      (default 250 steps of 200 tracks)
#
# Builds sw_store in build/release (Release; BENCH_BUILD_DIR overrides), compiles
# postgres_bench.cpp against it and runs it; it starts its own PostgreSQL 15 + PostGIS
# server in a temporary folder (as the tests do; as user nobody under root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
steps=${1:-250}
release=${BENCH_BUILD_DIR:-build/release}
work=${BENCH_WORK_DIR:-build/bench/store}

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target sw_store -j "$(nproc)" >/dev/null
mkdir -p "$work"
g++ -std=c++20 -O2 -DNDEBUG -DSTRAITWATCH_POSTGRES=1 -I src -I tests -isystem /usr/include/eigen3 \
  -isystem /usr/include/postgresql bench/store/postgres_bench.cpp \
  "$release/src/libsw_store.a" "$release/src/libsw_core.a" \
  -lsqlite3 -lpq -lGeographicLib -lfmt -pthread -o "$work/postgres_bench"

echo "== run ($steps steps of 200 tracks; $(uname -r))"
"$work/postgres_bench" "$steps" | tee "$work/postgres_results.txt"
