#!/usr/bin/env bash
# Build one libFuzzer target with clang and run it.
#
#   fuzz/run.sh [SECONDS] [TARGET] [LIBFUZZER_FLAG...]   (default 600 s, ais_decoder_fuzz)
#
# Targets are the fuzz/**/NAME_fuzz.cpp files (ls fuzz/*/*/*_fuzz.cpp). Configures build/fuzz
# (clang, ASan + UBSan, RelWithDebInfo), builds TARGET, copies the seed corpus next to its
# source into build/fuzz/corpus-TARGET (inputs found by earlier runs stay there) and fuzzes
# for SECONDS. The log is build/fuzz/TARGET.log; a crash is written to build/fuzz/artifacts/
# and the script exits non-zero. Minimise a crash with
#   build/fuzz/fuzz/TARGET -minimize_crash=1 -runs=10000 build/fuzz/artifacts/crash-...
# then add the minimised input to the target's corpus/ so that it is replayed forever.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
target=${2:-ais_decoder_fuzz}
shift 2 || shift $# || true
build=build/fuzz
source=$(find fuzz -name "$target.cpp" | head -1)
[ -n "$source" ] || { echo "no fuzz target $target (fuzz/**/$target.cpp)"; exit 2; }
corpus="$(dirname "$source")/corpus"

CC=clang CXX=clang++ cmake -S . -B "$build" -DSTRAITWATCH_FUZZ=ON -DSTRAITWATCH_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --target "$target" -j "$(nproc)"

work="$build/corpus-$target"
mkdir -p "$work" "$build/artifacts"
cp "$corpus"/* "$work/"

# The project builds UBSan in recoverable mode: make every UB report fatal here.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1

log="$build/$target.log"
echo "fuzzing $target for $seconds s (log: $log)"
status=0
"$build/fuzz/$target" "$work" \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@" >"$log" 2>&1 || status=$?

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
run_time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
echo "executions: ${executions:-unknown} in ${run_time:-unknown} s"
echo "corpus: $(find "$work" -type f | wc -l) inputs; coverage: $(grep -o 'cov: [0-9]*' "$log" | tail -1)"
if [ "$status" -ne 0 ]; then
  echo "FAILED (exit $status): see $log and $build/artifacts/"
  grep -E "^==[0-9]+==ERROR|runtime error|^SUMMARY|$target: " "$log" | head -20 || true
  exit "$status"
fi
echo "clean: no crash, leak, timeout or sanitizer report"
