#!/usr/bin/env bash
# Store throughput: journal append + group commit, CRC-32C, and SQLite position inserts,
# each reported next to a baseline measured in the same run (see store_bench.cpp).
#
#   bench/store/bench.sh [RECORDS] [BATCH]      (defaults 200000 records, batch 1024)
#
# Builds sw_store in build/release (Release), compiles store_bench.cpp against it with -O2,
# and runs it on a directory under build/bench/store (the disk the journal would use:
# fsync figures depend on it). Results: build/bench/store/results.txt. BENCH_BUILD_DIR and
# BENCH_WORK_DIR override the two directories.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
records=${1:-200000}
batch=${2:-1024}
release=${BENCH_BUILD_DIR:-build/release}
work=${BENCH_WORK_DIR:-build/bench/store}

echo "== build ($release, Release)"
cmake -S . -B "$release" -DCMAKE_BUILD_TYPE=Release -DSTRAITWATCH_TESTS=OFF >/dev/null
cmake --build "$release" --target sw_store -j "$(nproc)" >/dev/null
mkdir -p "$work"
# Link line: sw_store, sw_core and what they link (SQLite, GeographicLib, fmt, threads).
g++ -std=c++20 -O2 -DNDEBUG -I src -isystem /usr/include/eigen3 bench/store/store_bench.cpp \
  "$release/src/libsw_store.a" "$release/src/libsw_core.a" \
  -lsqlite3 -lGeographicLib -lfmt -pthread -o "$work/store_bench"

echo "== run ($records records, batch $batch; $(uname -r); filesystem $(df -T "$work" | awk 'NR==2 {print $2}'))"
"$work/store_bench" "$work/data" "$records" "$batch" | tee "$work/results.txt"
rm -rf "$work/data"
